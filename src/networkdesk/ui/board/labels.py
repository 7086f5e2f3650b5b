"""Where the board writes names: a greedy, collision-free choice of one label per node.

Pure Python (no Qt), like `layout`, so it is tested without a QApplication and runs for
thousands of nodes. The canvas draws names at a fixed size on screen whatever the zoom, so the
placement works in viewport pixels: node centres (scene units) times the view's scale.

For each node, in priority order (the bull's-eye first, then the selection and highlighted
chain, ...), the first of its texts (full name, then first name + initial) that fits at one of
a few spots around its disc (below, above, right, left, then below and above shifted to a
side) is kept; a label never overlaps another label, any node's disc or an obstacle (the
ring name pills). A node where nothing fits keeps no label: its tooltip names it on hover.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: (left, top, right, bottom) in viewport pixels.
Rect = tuple[float, float, float, float]

#: Pixels between a disc and its label.
LABEL_GAP = 2.0
#: Side of a cell of the spatial index, in pixels (about one short label).
CELL = 48.0
#: A node whose cell holds more discs than this gets no label (unless its priority is below
#: zero: selected, highlighted): no name would fit there, and trying costs the most.
CROWDED = 6


@dataclass(frozen=True)
class LabelRequest:
    """One node asking for a label: its centre in scene units, its disc radius in scene units,
    its priority (lower first) and its texts, best first, as (text, width in pixels)."""

    id: int
    x: float
    y: float
    radius: float
    priority: float
    texts: tuple[tuple[str, float], ...]
    #: Only an obstacle (a dimmed node): its disc is kept clear, it gets no label.
    wants_label: bool = True


@dataclass(frozen=True)
class PlacedLabel:
    id: int
    text: str
    #: Which of the request's texts (0: the best).
    choice: int
    #: In viewport pixels relative to the node's centre on screen.
    rect: Rect


def first_name_and_initial(name: str) -> str:
    """'Aisha Rahman' → 'Aisha R.'; one word stays itself."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    return f"{words[0]} {words[-1][0]}."


def overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Grid:
    """Rectangles bucketed by cell, for overlap tests that look only nearby."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = {}

    @staticmethod
    def _span(rect: Rect) -> tuple[range, range]:
        return (
            range(math.floor(rect[0] / CELL), math.floor(rect[2] / CELL) + 1),
            range(math.floor(rect[1] / CELL), math.floor(rect[3] / CELL) + 1),
        )

    def add(self, rect: Rect) -> None:
        columns, rows = self._span(rect)
        for cx in columns:
            for cy in rows:
                self.cells.setdefault((cx, cy), []).append(rect)

    def hits(self, rect: Rect) -> bool:
        columns, rows = self._span(rect)
        cells = self.cells
        for cx in columns:
            for cy in rows:
                bucket = cells.get((cx, cy))
                if bucket:
                    for other in bucket:
                        if (
                            rect[0] < other[2]
                            and other[0] < rect[2]
                            and rect[1] < other[3]
                            and other[1] < rect[3]
                        ):
                            return True
        return False


def _spots(radius: float, width: float, height: float) -> list[Rect]:
    """Candidate label rectangles around a disc of `radius` pixels centred at the origin."""
    g = LABEL_GAP
    half_w, half_h = width / 2, height / 2
    return [
        (-half_w, radius + g, half_w, radius + g + height),  # below
        (-half_w, -radius - g - height, half_w, -radius - g),  # above
        (radius + g, -half_h, radius + g + width, half_h),  # right
        (-radius - g - width, -half_h, -radius - g, half_h),  # left
        # Below and above again, shifted to one side: neighbours on a lane take turns.
        (-radius, radius + g, width - radius, radius + g + height),
        (radius - width, radius + g, radius, radius + g + height),
        (-radius, -radius - g - height, width - radius, -radius - g),
        (radius - width, -radius - g - height, radius, -radius - g),
    ]


def place_labels(
    requests: Sequence[LabelRequest],
    scale: float,
    height: float,
    obstacles: Iterable[Rect] = (),
    bounds: Rect | None = None,
) -> dict[int, PlacedLabel]:
    """Labels for `requests` at zoom `scale` (pixels per scene unit), each `height` pixels
    tall, overlapping no other label, no disc and no obstacle, and inside `bounds` when given
    (all in absolute pixels: scene coordinates times `scale`)."""
    grid = _Grid()
    discs: list[tuple[LabelRequest, float, float, float]] = []
    density: dict[tuple[int, int], int] = {}
    for request in requests:
        cx, cy, r = request.x * scale, request.y * scale, max(request.radius * scale, 1.0)
        discs.append((request, cx, cy, r))
        grid.add((cx - r, cy - r, cx + r, cy + r))
        cell = (math.floor(cx / CELL), math.floor(cy / CELL))
        density[cell] = density.get(cell, 0) + 1
    for rect in obstacles:
        grid.add(rect)
    placed: dict[int, PlacedLabel] = {}
    ordered = sorted(
        (
            item
            for item in discs
            if item[0].wants_label
            and (
                item[0].priority < 0
                or density[(math.floor(item[1] / CELL), math.floor(item[2] / CELL))] <= CROWDED
            )
        ),
        key=lambda item: item[0].priority,
    )
    for request, cx, cy, r in ordered:
        found = _first_fit(grid, request, cx, cy, r, height, bounds)
        if found is not None:
            choice, rect = found
            grid.add((rect[0] + cx, rect[1] + cy, rect[2] + cx, rect[3] + cy))
            placed[request.id] = PlacedLabel(request.id, request.texts[choice][0], choice, rect)
    return placed


def _first_fit(
    grid: _Grid,
    request: LabelRequest,
    cx: float,
    cy: float,
    r: float,
    height: float,
    bounds: Rect | None,
) -> tuple[int, Rect] | None:
    texts = request.texts
    if not texts:
        return None
    # The last (shortest) text first: where it fits nowhere, no longer one will, and most
    # nodes of a crowded board end here after 8 tests instead of 16.
    last = len(texts) - 1
    shortest = _fit(grid, cx, cy, r, texts[last][1], height, bounds)
    if shortest is None:
        return None
    for choice in range(last):
        spot = _fit(grid, cx, cy, r, texts[choice][1], height, bounds)
        if spot is not None:
            return choice, spot
    return last, shortest


def _fit(
    grid: _Grid,
    cx: float,
    cy: float,
    r: float,
    width: float,
    height: float,
    bounds: Rect | None,
) -> Rect | None:
    for spot in _spots(r, width, height):
        absolute = (spot[0] + cx, spot[1] + cy, spot[2] + cx, spot[3] + cy)
        if bounds is not None and not (
            bounds[0] <= absolute[0]
            and absolute[2] <= bounds[2]
            and bounds[1] <= absolute[1]
            and absolute[3] <= bounds[3]
        ):
            continue
        if not grid.hits(absolute):
            return spot
    return None


def absolute_rect(request: LabelRequest, label: PlacedLabel, scale: float) -> Rect:
    """A placed label's rectangle in the same pixels as the obstacles."""
    cx, cy = request.x * scale, request.y * scale
    left, top, right, bottom = label.rect
    return left + cx, top + cy, right + cx, bottom + cy


def place_box(
    width: float,
    height: float,
    discs: Iterable[tuple[float, float, float]],
    obstacles: Iterable[Rect] = (),
    bounds: Rect | None = None,
    step: float = 6.0,
    reach: float = 600.0,
) -> Rect | None:
    """Where a `width` × `height` box centred as near the origin as possible covers no disc
    (x, y, radius) and no obstacle, inside `bounds`; None when nothing fits (`FreeSpots.place`)."""
    return FreeSpots(discs, obstacles, bounds).place(width, height, step, reach)


class FreeSpots:
    """The discs and obstacles a box must keep off, indexed once for boxes of several sizes."""

    def __init__(
        self,
        discs: Iterable[tuple[float, float, float]],
        obstacles: Iterable[Rect] = (),
        bounds: Rect | None = None,
    ) -> None:
        self.grid = _Grid()
        for x, y, r in discs:
            self.grid.add((x - r, y - r, x + r, y + r))
        for rect in obstacles:
            self.grid.add(rect)
        self.bounds = bounds

    def free(self, cx: float, cy: float, width: float, height: float) -> Rect | None:
        box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        bounds = self.bounds
        inside = bounds is None or (
            bounds[0] <= box[0]
            and box[2] <= bounds[2]
            and bounds[1] <= box[1]
            and box[3] <= bounds[3]
        )
        return box if inside and not self.grid.hits(box) else None

    def place(
        self,
        width: float,
        height: float,
        step: float = 6.0,
        reach: float = 600.0,
        *,
        scan: bool = True,
    ) -> Rect | None:
        """Tried outward in rings of `step` pixels up to `reach`: straight down, up, right, left
        first, then the diagonals; failing those (and with `scan`), every spot of a coarser grid
        over the bounds, nearest first (all in the same absolute pixels as `place_labels`)."""
        directions = ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0))
        diagonals = ((0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7))
        distance = 0.0
        while distance <= reach:
            for dx, dy in directions + diagonals if distance else ((0.0, 0.0),):
                box = self.free(dx * distance, dy * distance, width, height)
                if box is not None:
                    return box
            distance += step
        if not scan:
            return None
        # No ray from the centre reaches a free spot: any spot, nearest the centre first.
        coarse = 2 * step
        left, top, right, bottom = self.bounds or (-reach, -reach, reach, reach)
        columns = range(math.ceil(left / coarse), math.floor(right / coarse) + 1)
        rows = range(math.ceil(top / coarse), math.floor(bottom / coarse) + 1)
        spots = sorted(
            ((i * coarse, j * coarse) for i in columns for j in rows),
            key=lambda p: p[0] * p[0] + p[1] * p[1],
        )
        for cx, cy in spots:
            box = self.free(cx, cy, width, height)
            if box is not None:
                return box
        return None
