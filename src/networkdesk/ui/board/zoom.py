"""Zooming the bull's-eye: by steps and the wheel, fitting the whole board in the view, and the
level of detail (below DETAIL_SCALE nodes become dots drawn by one item, labels hidden)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsView

#: Below this zoom, nodes are dots drawn by one item and their labels are hidden.
DETAIL_SCALE = 0.55
MIN_SCALE = 0.02
MAX_SCALE = 4.0
ZOOM_STEP = 1.2
#: Room around the outermost ring when the board is fitted.
FIT_MARGIN = 12


class BoardZoom:
    """The zoom of one view; tells `detail_changed(detail)` when the level of detail flips and
    `zoomed(scale)` after every change."""

    def __init__(
        self,
        view: QGraphicsView,
        outer_radius: Callable[[], float],
        detail_changed: Callable[[bool], None],
        zoomed: Callable[[float], None],
    ) -> None:
        self.view = view
        self._outer_radius = outer_radius
        self._detail_changed = detail_changed
        self._zoomed = zoomed
        self.detail = True
        #: Follow the window's size until the user zooms.
        self.auto_fit = True

    def current_scale(self) -> float:
        return self.view.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self.auto_fit = False
        scale = self.current_scale()
        target = min(MAX_SCALE, max(MIN_SCALE, scale * factor))
        if target != scale:
            self.view.scale(target / scale, target / scale)
        self._after_zoom()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def wheel(self, angle_delta_y: int) -> None:
        steps = angle_delta_y / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)

    def fit(self) -> None:
        self.auto_fit = True
        r = self._outer_radius() + FIT_MARGIN
        self.view.fitInView(QRectF(-r, -r, 2 * r, 2 * r), Qt.AspectRatioMode.KeepAspectRatio)
        self._after_zoom()

    def _after_zoom(self) -> None:
        detail = self.current_scale() >= DETAIL_SCALE
        if detail != self.detail:
            self.detail = detail
            self._detail_changed(detail)
        self._zoomed(self.current_scale())
