"""Walking the board from the keyboard: an arrow key moves the selection to the nearest node in
that direction (`nearest_in_direction`, pure); Enter opens the selected contact. The focused
node draws a dashed ring (`NodeItem.paint`), so where the keyboard is always shows."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import Qt

#: Screen directions of the arrow keys (scene y grows downwards).
ARROWS: dict[Qt.Key, tuple[float, float]] = {
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}
#: A node counts as "in that direction" within this many degrees of it either side.
CONE_DEGREES = 60.0
#: How much sideways distance costs compared to distance straight ahead.
SIDEWAYS_WEIGHT = 2.0


def nearest_in_direction(
    points: Mapping[int, tuple[float, float]],
    origin: tuple[float, float],
    direction: tuple[float, float],
    exclude: int | None = None,
) -> int | None:
    """The id of the point nearest `origin` in `direction` (a unit vector): within
    CONE_DEGREES of it, closest ahead with sideways steps costing double; None when nothing
    lies that way."""
    ux, uy = direction
    slope = math.tan(math.radians(CONE_DEGREES))
    best: tuple[float, int] | None = None
    for cid, (x, y) in points.items():
        if cid == exclude:
            continue
        dx, dy = x - origin[0], y - origin[1]
        ahead = dx * ux + dy * uy
        if ahead <= 1e-6:
            continue
        sideways = abs(dx * uy - dy * ux)
        if sideways > ahead * slope:
            continue
        cost = ahead + SIDEWAYS_WEIGHT * sideways
        if best is None or (cost, cid) < best:
            best = (cost, cid)
    return best[1] if best is not None else None
