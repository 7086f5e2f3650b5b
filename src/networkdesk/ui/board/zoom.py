"""Zooming the bull's-eye: by steps and the wheel, fitting the whole board in the view, and the
level of detail (below DETAIL_SCALE nodes become dots drawn by one item, labels hidden)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsView

#: Below this zoom, nodes are dots drawn by one item and their labels are hidden.
DETAIL_SCALE = 0.55
MIN_SCALE = 0.02
MAX_SCALE = 4.0
ZOOM_STEP = 1.2
#: Room around the outermost ring when the board is fitted.
FIT_MARGIN = 12
#: Framing a few nodes zooms in no closer than this.
FRAME_MAX_SCALE = 1.2


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

    def fitted_scale(self) -> float:
        """The scale at which the whole board fits the viewport."""
        r = self._outer_radius() + FIT_MARGIN
        viewport = self.view.viewport()
        side = max(1, min(viewport.width(), viewport.height()))
        return side / (2 * r) if r > 0 else 1.0

    def frame(self, rect: QRectF, margin_x: float, margin_y: float) -> None:
        """Show `rect` (scene) whole with `margin_x`/`margin_y` pixels around it (room for the
        names), no closer than FRAME_MAX_SCALE and never smaller than the fitted board."""
        viewport = self.view.viewport()
        width = max(viewport.width() - 2 * margin_x, 40.0)
        height = max(viewport.height() - 2 * margin_y, 40.0)
        scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0))
        scale = max(self.fitted_scale(), min(FRAME_MAX_SCALE, scale))
        self.set_view(scale, rect.center())

    def set_view(self, scale: float, centre: QPointF) -> None:
        """Zoom to `scale` around `centre` (not a zoom by hand: auto-fit is left as it is)."""
        self.view.setTransform(QTransform.fromScale(scale, scale))
        self.view.centerOn(centre)
        self._after_zoom()

    def centre(self) -> QPointF:
        return self.view.mapToScene(self.view.viewport().rect().center())

    def _after_zoom(self) -> None:
        detail = self.current_scale() >= DETAIL_SCALE
        if detail != self.detail:
            self.detail = detail
            self._detail_changed(detail)
        self._zoomed(self.current_scale())
