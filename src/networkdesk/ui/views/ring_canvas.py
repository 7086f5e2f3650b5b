"""The bull's-eye: a QGraphicsView (objectName `ringView`) with the scene origin at the centre.

The canvas mirrors the database: it reads placed contacts through `services.board` whenever the
workspace announces a change, lays them out (`ring_layout`), and turns drags and drops into moves
through the `MoveController`. It never writes the database itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsView,
    QMenu,
    QWidget,
)

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.ui import item_actions, style
from networkdesk.ui.controllers.moves import (
    CONTACT_IDS_MIME,
    MoveController,
    contact_ids_from_mime,
)
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.views.board_legend import BoardLegend
from networkdesk.ui.views.filter_bar import NodeFilter
from networkdesk.ui.views.ring_items import (
    DIMMED_OPACITY,
    DotsItem,
    NodeEvents,
    NodeItem,
    ReferralLinesItem,
    RingLabelItem,
    RingsItem,
)
from networkdesk.ui.views.ring_layout import (
    RING_COUNT,
    RingGeometry,
    build_geometry,
    drop_target,
    layout_all,
)
from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    REFERRALS,
    SETTINGS,
    Workspace,
    areas_touch,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.board import BoardNode

#: Below this zoom, nodes are dots drawn by one item and their labels are hidden.
DETAIL_SCALE = 0.55
MIN_SCALE = 0.02
MAX_SCALE = 4.0
ZOOM_STEP = 1.2
#: A press and release closer than this (screen pixels) is a click, not a move.
CLICK_SLOP = 4
SCENE_MARGIN = 60.0
#: Angle between contacts dropped together, so they land side by side.
DROP_SPREAD = 0.06

GraphicsItemFlag = QGraphicsItem.GraphicsItemFlag


class RingCanvas(QGraphicsView):
    """The bull's-eye view. Emits `countsChanged(placed, matching)` after each refresh."""

    countsChanged = Signal(int, int)
    zoomChanged = Signal(float)

    def __init__(
        self,
        workspace: Workspace,
        controller: MoveController,
        parent: QWidget | None = None,
        *,
        item_actions: ItemActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.item_actions = item_actions if item_actions is not None else ItemActions()
        self.controller = controller
        self.setObjectName("ringView")
        self.setAccessibleName("Bull's-eye of contacts")
        self.setAccessibleDescription(
            "Contacts on concentric rings; drag a contact inward as trust grows."
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAcceptDrops(True)
        # Pan by dragging the background and zoom with the wheel: scroll bars would only take
        # room from the board.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)

        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setScene(self._scene)
        self.rings = RingsItem()
        self._scene.addItem(self.rings)
        self.ring_labels = [RingLabelItem(ring) for ring in range(RING_COUNT)]
        for label in self.ring_labels:
            self._scene.addItem(label)
        self.dots = DotsItem()
        self._scene.addItem(self.dots)
        # The bands and the dots change only when the data, the filter or the zoom do: draw
        # them once into a pixmap and blit it on every repaint (a drag moves over them).
        self.rings.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.dots.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.lines = ReferralLinesItem()
        self.lines.setVisible(False)
        self._scene.addItem(self.lines)

        self.events = NodeEvents()
        self.events.pressed = self._node_pressed
        self.events.released = self._node_released
        self.events.double_clicked = self._node_double_clicked
        self.events.context_menu = self._node_context_menu

        self.nodes: dict[int, NodeItem] = {}
        self.board: list[BoardNode] = []
        self.geometry_ = build_geometry([0] * RING_COUNT)
        self.ring_names: list[str] = [RING_LABELS[r] for r in Ring]
        self.filter = NodeFilter()
        self.detail = True
        self.show_referrals = False
        self._links: list[tuple[int, int]] = []
        self._photos: dict[int, QPixmap] = {}
        self._fitted_once = False
        self._auto_fit = True  # follow the window's size until the user zooms
        self._syncing_selection = False
        self._drag_origin: QPointF | None = None
        #: Set by the main window: is this global point over the inbox? (drop there = unplace)
        self.inbox_hit: Callable[[QPoint], bool] = lambda point: False

        self.legend = BoardLegend(self)
        self.legend.adjustSize()

        self._apply_palette()
        self._scene.selectionChanged.connect(self._selection_changed)
        workspace.changed.connect(self._workspace_changed)
        workspace.contactSelected.connect(self.select_contact)
        self._set_geometry(self.geometry_)

    # --- data --------------------------------------------------------------------------------

    def _workspace_changed(self, areas: object) -> None:
        if areas_touch(areas, CONTACTS, COMPANIES, FOLLOWUPS, REFERRALS, SETTINGS):
            self.refresh()

    def refresh(self) -> None:
        """Read the board from the database and mirror it."""
        if not self.workspace.is_open:
            return
        from networkdesk.services import board, settings

        def load(session: Session) -> tuple[list[BoardNode], list[str], list[tuple[int, int]]]:
            nodes = board.placed_nodes(session)
            names = list(settings.get(session, "ring_names"))
            links = board.referral_links(session)
            return nodes, names, links

        nodes, names, links = self.workspace.read(load)
        self.ring_names = names
        self._links = links
        self.set_board(nodes)

    def set_board(self, nodes: Sequence[BoardNode]) -> None:
        """Mirror `nodes`: create, update and remove node items; lay everything out."""
        self.board = list(nodes)
        geometry, placements = layout_all((n.id, n.ring, n.angle) for n in self.board)
        self._load_photos([n.id for n in self.board if n.has_photo])
        seen: set[int] = set()
        for node in self.board:
            seen.add(node.id)
            item = self.nodes.get(node.id)
            if item is None:
                item = NodeItem(node, self.events)
                self.nodes[node.id] = item
                self._scene.addItem(item)
                if not self.detail:
                    item.setFlag(GraphicsItemFlag.ItemHasNoContents, True)
            elif item.node != node:
                item.set_node(node)
            item.photo = self._photos.get(node.id)
            place = placements[node.id]
            item.home = QPointF(place.x, place.y)
            if item.pos() != item.home:
                item.setPos(item.home)
        stale = [cid for cid in self.nodes if cid not in seen]
        for cid in stale:
            item = self.nodes.pop(cid)
            # The item may be the one whose mouse release got us here: remove it once that
            # event has returned.
            item.hide()
            QTimer.singleShot(0, lambda item=item: self._discard(item))
        self._set_geometry(geometry)
        self._apply_filter()
        self._update_lines()
        if not self._fitted_once and self.board and self.viewport().width() > 50:
            self._fitted_once = True
            self.fit()

    def _discard(self, item: NodeItem) -> None:
        if item.scene() is self._scene:
            self._scene.removeItem(item)

    def _load_photos(self, ids: list[int]) -> None:
        missing = [cid for cid in ids if cid not in self._photos]
        if not missing:
            return
        from networkdesk.services import board

        data = self.workspace.read(lambda s: board.photos(s, missing))
        for cid, raw in data.items():
            pixmap = QPixmap()
            if pixmap.loadFromData(raw):
                self._photos[cid] = pixmap

    def _set_geometry(self, geometry: RingGeometry) -> None:
        self.geometry_ = geometry
        self.rings.set_geometry(geometry)
        counts = [0] * RING_COUNT
        for node in self.board:
            counts[node.ring] += 1
        for label, band in zip(self.ring_labels, geometry.bands, strict=True):
            name = self.ring_names[band.ring] if band.ring < len(self.ring_names) else ""
            label.set_text(f"{name} · {counts[band.ring]:,}")
            # At the top of the band, in the room kept free above its outermost lane.
            label.setPos(0, -(band.outer - 16))
        r = geometry.outer_radius + SCENE_MARGIN
        self._scene.setSceneRect(QRectF(-r, -r, 2 * r, 2 * r))

    # --- filter and highlight ----------------------------------------------------------------

    def set_filter(self, flt: NodeFilter) -> None:
        self.filter = flt
        self._apply_filter()

    def _apply_filter(self) -> None:
        active = self.filter.active
        matching = 0
        points = []
        for node in self.board:
            item = self.nodes[node.id]
            match = not active or self.filter.matches(node)
            matching += match
            opacity = 1.0 if match else DIMMED_OPACITY
            if item.opacity() != opacity:
                item.setOpacity(opacity)
                item.setZValue(0 if match else -2)
            points.append((item.home.x(), item.home.y(), node.stage, not match, node.is_target))
        self.dots.set_points(points, self._scene.sceneRect())
        self.countsChanged.emit(len(self.board), matching)

    # --- level of detail ---------------------------------------------------------------------

    def current_scale(self) -> float:
        return self.transform().m11()

    def _update_detail(self) -> None:
        detail = self.current_scale() >= DETAIL_SCALE
        if detail == self.detail:
            return
        self.detail = detail
        self.dots.setVisible(not detail)
        for item in self.nodes.values():
            item.setFlag(GraphicsItemFlag.ItemHasNoContents, not detail)

    def set_referral_lines(self, shown: bool) -> None:
        self.show_referrals = shown
        self.lines.setVisible(shown)
        self._update_lines()

    def _update_lines(self) -> None:
        if not self.show_referrals:
            return
        pairs = []
        for a, b in self._links:
            if a in self.nodes and b in self.nodes:
                pairs.append((self.nodes[a].home, self.nodes[b].home))
        self.lines.set_links(pairs)

    # --- zoom and pan ------------------------------------------------------------------------

    def zoom_by(self, factor: float) -> None:
        self._auto_fit = False
        scale = self.current_scale()
        target = min(MAX_SCALE, max(MIN_SCALE, scale * factor))
        if target != scale:
            self.scale(target / scale, target / scale)
        self._update_detail()
        self.zoomChanged.emit(self.current_scale())

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        self._auto_fit = True
        r = self.geometry_.outer_radius + 12
        self.fitInView(QRectF(-r, -r, 2 * r, 2 * r), Qt.AspectRatioMode.KeepAspectRatio)
        self._update_detail()
        self.zoomChanged.emit(self.current_scale())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_once and self.board:
            self._fitted_once = True
            QTimer.singleShot(0, self.fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()
        if self.board and self._auto_fit:
            self.fit()

    # --- palette -----------------------------------------------------------------------------

    def _place_legend(self) -> None:
        self.legend.adjustSize()
        margin = 12
        self.legend.move(margin, self.height() - self.legend.height() - margin)

    def _apply_palette(self) -> None:
        dark = style.is_dark(self.palette())
        NodeItem.dark = dark
        self.rings.dark = dark
        self.lines.dark = dark
        for label in self.ring_labels:
            label.dark = dark
        self.setBackgroundBrush(style.canvas_background(dark))
        self._scene.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    # --- selection ---------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return [int(item.data(0)) for item in self._scene.selectedItems() if item.data(0)]

    def _selection_changed(self) -> None:
        if self._syncing_selection:
            return
        ids = self.selected_ids()
        if len(ids) == 1:
            self.workspace.select_contact(ids[0])
        elif not ids and self.workspace.selected_contact_id in self.nodes:
            self.workspace.select_contact(None)

    def select_contact(self, contact_id: int) -> None:
        """Follow a selection made elsewhere (table, inbox, agenda)."""
        self._syncing_selection = True
        try:
            self._scene.clearSelection()
            item = self.nodes.get(contact_id)
            if item is not None:
                item.setSelected(True)
                self.ensureVisible(item, 40, 40)
        finally:
            self._syncing_selection = False

    # --- dragging nodes ----------------------------------------------------------------------

    def _node_pressed(self, item: NodeItem) -> None:
        self._drag_origin = item.home
        if not self.detail:
            # Zoomed out, nodes are dots drawn by one item: draw this one for the drag.
            item.setFlag(GraphicsItemFlag.ItemHasNoContents, False)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        grabber = self._scene.mouseGrabberItem()
        if isinstance(grabber, NodeItem) and self._drag_origin is not None:
            pos = grabber.pos()
            ring, _angle = drop_target(self.geometry_, pos.x(), pos.y())
            self.rings.set_highlight(ring)

    def _node_released(self, item: NodeItem) -> None:
        self.rings.set_highlight(None)
        origin = self._drag_origin
        self._drag_origin = None
        if not self.detail:
            item.setFlag(GraphicsItemFlag.ItemHasNoContents, True)
        if origin is None:
            return
        moved = item.pos() - origin
        slop = CLICK_SLOP / max(self.current_scale(), 1e-6)
        if math.hypot(moved.x(), moved.y()) < slop:
            item.setPos(item.home)
            return
        dragged = [item]
        # Several selected nodes move together; each keeps its own offset.
        for other in self._scene.selectedItems():
            if isinstance(other, NodeItem) and other is not item:
                dragged.append(other)
        from PySide6.QtGui import QCursor

        if self.inbox_hit(QCursor.pos()):
            changed = self.controller.unplace([n.contact_id for n in dragged])
        else:
            moves = []
            for node_item in dragged:
                pos = node_item.pos()
                ring, angle = drop_target(self.geometry_, pos.x(), pos.y())
                moves.append((node_item.contact_id, ring, angle))
            changed = self.controller.move(moves)
        if not changed:
            for node_item in dragged:
                node_item.setPos(node_item.home)

    def _node_double_clicked(self, item: NodeItem) -> None:
        self.workspace.select_contact(item.contact_id)
        self.workspace.openContactRequested.emit(item.contact_id)

    # --- context menu ------------------------------------------------------------------------

    def _node_context_menu(self, item: NodeItem, event: QGraphicsSceneContextMenuEvent) -> None:
        if not item.isSelected():
            self._scene.clearSelection()
            item.setSelected(True)
        menu = self.contact_menu(item.contact_id, self)
        menu.exec(event.screenPos())
        event.accept()

    def contact_menu(self, contact_id: int, parent: QWidget) -> QMenu:
        """Open, move to a ring, back to the inbox, and what extensions offer for a contact."""
        menu = QMenu(parent)
        menu.setAccessibleName("Contact actions")
        open_action = menu.addAction("Open contact…")
        open_action.triggered.connect(lambda: self.workspace.openContactRequested.emit(contact_id))
        menu.addMenu(self.move_menu(contact_id, menu))
        extra = self.item_actions.actions_for(item_actions.CONTACT, contact_id, menu)
        if extra:
            menu.addSeparator()
            for action in extra:
                menu.addAction(action)
        return menu

    def move_menu(self, contact_id: int, parent: QWidget) -> QMenu:
        menu = QMenu("Move to ring", parent)
        menu.setAccessibleName("Move to ring")
        current = next((n.ring for n in self.board if n.id == contact_id), None)
        for ring in Ring:
            action = QAction(self.ring_names[ring], menu)
            action.setShortcut(QKeySequence(f"Ctrl+{int(ring) + 1}"))
            action.setCheckable(True)
            action.setChecked(current == int(ring))
            action.triggered.connect(
                lambda _=False, r=int(ring): self.controller.move_to_ring(contact_id, r)
            )
            menu.addAction(action)
        menu.addSeparator()
        back = menu.addAction("Back to inbox")
        back.setEnabled(current is not None)
        back.triggered.connect(lambda: self.controller.unplace([contact_id]))
        return menu

    # --- drops from the inbox and other lists ------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.ignore()
            return
        pos = self.mapToScene(event.position().toPoint())
        ring, _angle = drop_target(self.geometry_, pos.x(), pos.y())
        self.rings.set_highlight(ring)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.rings.set_highlight(None)

    def dropEvent(self, event: QDropEvent) -> None:
        self.rings.set_highlight(None)
        ids = contact_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        pos = self.mapToScene(event.position().toPoint())
        ring, angle = drop_target(self.geometry_, pos.x(), pos.y())
        offset = (len(ids) - 1) / 2
        moves = [
            (cid, ring, (angle + (i - offset) * DROP_SPREAD) % (2 * math.pi))
            for i, cid in enumerate(ids)
        ]
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.controller.move(moves)

    # --- painting ----------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if self.board:
            return
        # An empty board still explains itself (the first-run panel covers a new database).
        painter.save()
        painter.resetTransform()
        painter.setPen(QColor(style.muted_colour(style.is_dark(self.palette()))))
        painter.drawText(
            self.viewport().rect().adjusted(20, 20, -20, -20),
            Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
            "Drag contacts from the inbox onto a ring to place them.",
        )
        painter.restore()
