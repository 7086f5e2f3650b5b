"""The bull's-eye: a QGraphicsView (objectName `ringView`) with the scene origin at the centre.

The canvas mirrors the database: it reads placed contacts (`loading`) whenever the
workspace announces a change — only the contacts a `Changes` names, when it names them — and
mirrors them as node items (`mirror`); zoom and level of detail are `zoom`'s, drags
and drops `drag`'s (moves through the `MoveController`), the contact menu `menus`'.
It never writes the database itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
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

from networkdesk.services.changes import ANGLE, RING
from networkdesk.ui import style
from networkdesk.ui.background_read import BackgroundRead, PatchReads
from networkdesk.ui.board import menus as board_menus
from networkdesk.ui.board.drag import BoardDrag
from networkdesk.ui.board.items import RADIUS, DotsItem, NodeEvents, NodeItem
from networkdesk.ui.board.keyboard import ARROWS, nearest_in_direction
from networkdesk.ui.board.labels import FreeSpots, Rect
from networkdesk.ui.board.layout import RingGeometry
from networkdesk.ui.board.legend import BoardLegend
from networkdesk.ui.board.loading import nodes_of, read_board, read_nodes, read_photos
from networkdesk.ui.board.mirror import BoardMirror
from networkdesk.ui.board.name_labels import BoardLabels
from networkdesk.ui.board.readiness_badge import FORMS as BADGE_FORMS
from networkdesk.ui.board.readiness_badge import FULL as BADGE_FULL
from networkdesk.ui.board.readiness_badge import WORD as BADGE_WORD
from networkdesk.ui.board.readiness_badge import ReadinessBadge
from networkdesk.ui.board.scene import BoardScene
from networkdesk.ui.board.zoom import BoardZoom
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.row_patch import change_ids
from networkdesk.ui.views.filter_bar import NodeFilter
from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    MEETINGS,
    REFERRALS,
    SETTINGS,
    Workspace,
    areas_touch,
    fields_touch,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.board_node import BoardNode
    from networkdesk.services.board_readiness import BoardReadiness

#: Besides contacts, what the nodes show (company, overdue follow-ups, ring names): a change to
#: these reloads the whole board. Referral lines are read again on every update.
_NODE_AREAS = (COMPANIES, FOLLOWUPS, SETTINGS)
_SINGLE_SHOT = Qt.ConnectionType.SingleShotConnection
#: Pixels kept around framed matches, for their names.
FRAME_MARGIN_X = 90
FRAME_MARGIN_Y = 40
#: Frame the filter's matches once typing pauses this long.
FRAME_DELAY_MS = 250
#: Pixels around an arrowhead of the highlighted chain that names keep clear of.
ARROW_CLEARANCE = 9
#: Room between the legend and the edges of the canvas.
LEGEND_MARGIN = 12
#: What readiness before the star reads: practice meetings, the bull's-eye, the homework.
_READINESS_AREAS = (MEETINGS, COMPANIES, SETTINGS)
#: The contacts' fields it reads (the star's ring, the companies, the names it quotes).
_READINESS_FIELDS = (RING, "company", "name")
#: What a node shows of its contact (the others, e.g. notes or e-mails, change nothing drawn).
_NODE_FIELDS = (RING, ANGLE, "name", "stage", "title", "company", "photo", "tag_names")
#: Pixels the readiness badge keeps from node discs and from the edges of the view.
BADGE_CLEARANCE = 3.0
#: Pixels nearer the centre a smaller form of the badge must sit to be preferred to a larger.
COMPACT_PENALTY = 60.0


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
        self.controller = controller
        self.item_actions = item_actions if item_actions is not None else ItemActions()
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

        self._scene = BoardScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setScene(self._scene)
        self.events = NodeEvents()
        self.zoom = BoardZoom(
            self,
            lambda: self.mirror.geometry.outer_radius,
            self._detail_changed,
            self.zoomChanged.emit,
        )
        self.mirror = BoardMirror(
            self._scene, self.events, lambda: self.zoom.detail, self.countsChanged.emit
        )
        self.drag = BoardDrag(self, self.mirror, self.zoom, controller, lambda point: False)
        self.events.pressed = self.drag.node_pressed
        self.events.released = self.drag.node_released
        self.events.double_clicked = self._node_double_clicked
        self.events.context_menu = self._node_context_menu
        self._fitted_once = False
        self._syncing_selection = False
        self._tinted: frozenset[int] = frozenset()
        self.labels = BoardLabels(
            self,
            self.mirror,
            self.current_scale,
            self._label_obstacles,
            self._emphasised,
            self._label_bounds,
        )
        self.zoomChanged.connect(self.labels.schedule)
        # Readiness before the star, at the bull's-eye's centre; placed with the names (it is
        # one of their obstacles), read again when meetings, contacts or companies change.
        self.readiness_badge = ReadinessBadge(
            lambda: self.workspace.todayRequested.emit("readiness")
        )
        self._scene.addItem(self.readiness_badge)
        self._readiness_timer = QTimer(self)
        self._readiness_timer.setSingleShot(True)
        self._readiness_timer.setInterval(0)  # a burst of changes: one read
        self._readiness_timer.timeout.connect(self._request_readiness)
        #: While highlight or search matches are framed: the view to return to, as (scale,
        #: centre, auto-fit), and which ids are framed.
        self._before_frame: tuple[float, QPointF, bool] | None = None
        self._framed: tuple[int, ...] = ()
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(FRAME_DELAY_MS)
        self._frame_timer.timeout.connect(self._frame_matches)

        self.legend = BoardLegend(self)
        self.legend.adjustSize()
        self.legend.expandedChanged.connect(self._legend_expanded)

        self._apply_palette()
        self._scene.selectionChanged.connect(self._selection_changed)
        # A change's nodes and the readiness badge are read off the GUI thread (a few tens of
        # ms at 30,000 contacts), then mirrored in O(placed) when they arrive.
        self.node_reads = PatchReads(workspace, nodes_of, self, name="networkdesk-board")
        self.node_reads.loaded.connect(self._mirror_nodes)
        self.readiness_reads = BackgroundRead(
            workspace, _board_readiness, self, name="networkdesk-readiness"
        )
        self.readiness_reads.loaded.connect(self._readiness_read)
        workspace.startRead.connect(self._show_start)
        workspace.changed.connect(self._workspace_changed)
        workspace.contactSelected.connect(self.select_contact)
        workspace.pathHighlighted.connect(self.highlight_path)

    # --- what the board shows (tests and the window read these) -----------------------------

    @property
    def nodes(self) -> dict[int, NodeItem]:
        return self.mirror.nodes

    @property
    def board(self) -> list[BoardNode]:
        return self.mirror.board

    @property
    def geometry_(self) -> RingGeometry:
        return self.mirror.geometry

    @property
    def ring_names(self) -> list[str]:
        return self.mirror.ring_names

    @property
    def filter(self) -> NodeFilter:
        return self.mirror.filter

    @property
    def show_referrals(self) -> bool:
        return self.mirror.show_referrals

    @property
    def dots(self) -> DotsItem:
        return self.mirror.dots

    @property
    def detail(self) -> bool:
        return self.zoom.detail

    @property
    def inbox_hit(self) -> Callable[[QPoint], bool]:
        return self.drag.inbox_hit

    @inbox_hit.setter
    def inbox_hit(self, hit: Callable[[QPoint], bool]) -> None:
        """Set by the main window: is this global point over the inbox?"""
        self.drag.inbox_hit = hit

    # --- data --------------------------------------------------------------------------------

    def _show_start(self) -> None:
        """The window opens: show the board read with the database (no query of our own)."""
        start = self.workspace.start
        if start is None:
            return
        self.mirror.ring_names = start.ring_names
        self.mirror.links = start.links
        self.set_board(start.nodes)
        self.show_readiness(start.readiness)
        if start.readiness is None:
            # Read raw, without the badge (services/start_read.py): ask once the database is
            # open, on the worker thread.
            self.workspace.opened.connect(self._readiness_timer.start, _SINGLE_SHOT)

    def _workspace_changed(self, changes: object) -> None:
        if self.workspace.shows_start(changes):
            return  # the board shows what the opening read
        if areas_touch(changes, *_READINESS_AREAS) or fields_touch(
            changes, CONTACTS, *_READINESS_FIELDS
        ):
            self._readiness_timer.start()
        if not areas_touch(changes, CONTACTS, COMPANIES, FOLLOWUPS, REFERRALS, SETTINGS):
            return
        ids = change_ids(changes, CONTACTS, also_shown=_NODE_AREAS)
        if ids is None:
            self.refresh()
        elif areas_touch(changes, REFERRALS) or fields_touch(changes, CONTACTS, *_NODE_FIELDS):
            # Read on a worker thread; the nodes move when the read arrives.
            self.node_reads.request(ids)

    def refresh(self) -> None:
        """Read the whole board from the database and mirror it."""
        if not self.workspace.is_open:
            return
        self.node_reads.cancel()  # what they would bring is in this read
        data = read_board(self.workspace)
        self.mirror.ring_names = data.ring_names
        self.mirror.links = data.links
        self.set_board(data.nodes)
        self.refresh_readiness()

    def refresh_readiness(self) -> None:
        """Read readiness before the star again and show it on the badge."""
        self._readiness_timer.stop()
        if not self.workspace.is_open:
            return
        self.readiness_reads.cancel()
        self.show_readiness(self.workspace.read(_board_readiness))

    def _request_readiness(self) -> None:
        """After a change: the same read on a worker thread, shown when it arrives."""
        if self.workspace.is_open:
            self.readiness_reads.request()

    def _readiness_read(self, state: BoardReadiness | None) -> None:
        # Most changes leave readiness as it was: then the badge, and the names placed around
        # it (a relayout of every label), stay as they are.
        if state != self.readiness_badge.state:
            self.show_readiness(state)

    def show_readiness(self, state: BoardReadiness | None) -> None:
        self.readiness_badge.show_state(state)
        base = "Contacts on concentric rings; drag a contact inward as trust grows."
        if state is not None:
            base += " " + self.readiness_badge.text + "."
        self.setAccessibleDescription(base)
        self.labels.schedule()

    def refresh_nodes(self, ids: Sequence[int] | frozenset[int]) -> None:
        """Read and mirror only the contacts `ids` (the rest of the board stays)."""
        if not self.workspace.is_open:
            return
        self._mirror_nodes(frozenset(ids), read_nodes(self.workspace, ids))

    def _mirror_nodes(
        self, ids: frozenset[int], read: tuple[list[BoardNode], list[tuple[int, int]]]
    ) -> None:
        nodes, links = read
        self.mirror.links = links
        self.mirror.update_nodes(ids, nodes)
        self._after_mirror()

    def set_board(self, nodes: Sequence[BoardNode]) -> None:
        """Mirror `nodes`: create, update and remove node items; lay everything out."""
        self.mirror.set_board(nodes)
        self._after_mirror()

    def _after_mirror(self) -> None:
        missing = self.mirror.needs_photos()
        if missing:
            self.mirror.add_photos(read_photos(self.workspace, missing))
        if not self._fitted_once and self.board and self.viewport().width() > 50:
            self._fitted_once = True
            self.fit()
        self.labels.schedule()

    # --- filter, lines, zoom -----------------------------------------------------------------

    def set_filter(self, flt: NodeFilter) -> None:
        self.mirror.set_filter(flt)
        self.labels.schedule()
        # Framed once typing pauses: every keystroke would make the view jump.
        self._frame_timer.start()

    def set_group_by_company(self, grouped: bool) -> None:
        """Cluster each ring's contacts by company (target companies first, from the top)."""
        self.mirror.set_group_by_company(grouped)
        self._after_mirror()

    def highlight_path(self, ids: object) -> None:
        """Show a chain of contacts (`Workspace.pathHighlighted`): frame and label its nodes,
        draw the links between them, dim the rest; an empty chain clears it."""
        chain = tuple(int(i) for i in ids) if isinstance(ids, tuple | list) else ()
        self.mirror.set_highlighted(chain)
        self.labels.schedule()
        self._frame_timer.stop()
        self._frame_matches()

    def _frame_matches(self) -> None:
        """Zoom to fit what the highlighted chain or the filter leave undimmed; when neither is
        active any more, return to the view from before."""
        self._frame_timer.stop()
        ids = tuple(self.mirror.matching_ids())
        if not ids:
            self._framed = ()
            before, self._before_frame = self._before_frame, None
            if before is not None:
                scale, centre, auto_fit = before
                if auto_fit:
                    self.fit()
                else:
                    self.zoom.set_view(scale, centre)
            return
        if self._before_frame is None:
            self._before_frame = (self.current_scale(), self.zoom.centre(), self.zoom.auto_fit)
        self._framed = ids
        self._frame(ids)

    def _frame(self, ids: Sequence[int]) -> None:
        rect = QRectF()
        for cid in ids:
            home = self.nodes[cid].home
            rect = rect.united(QRectF(home.x() - 1, home.y() - 1, 2, 2))
        r = RADIUS + 4
        self.zoom.frame(rect.adjusted(-r, -r, r, r), FRAME_MARGIN_X, FRAME_MARGIN_Y)
        self.zoom.auto_fit = False

    @property
    def highlighted(self) -> tuple[int, ...]:
        return self.mirror.highlighted

    def _emphasised(self) -> frozenset[int]:
        ids = set(self.mirror.highlighted)
        ids.update(self.selected_ids())
        focused = self._scene.focusItem()
        if isinstance(focused, NodeItem):
            ids.add(focused.contact_id)
        return frozenset(ids)

    def _label_bounds(self, scale: float) -> Rect:
        """The viewport in scene × scale pixels: a name cut by its edge reads worse than none."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        left, top, right, bottom = seen.left(), seen.top(), seen.right(), seen.bottom()
        return left * scale, top * scale, right * scale, bottom * scale

    def _label_obstacles(self, scale: float) -> list[Rect]:
        """The ring name pills (drawn at a fixed size), in scene × scale pixels."""
        rects: list[Rect] = []
        if not self.legend.expanded:
            # The chip floats over the board: keep names from under it.
            corner = self.mapToScene(
                self.viewport().mapFrom(self, self.legend.geometry().topLeft())
            )
            chip = self.legend.size()
            x, y = corner.x() * scale, corner.y() * scale
            rects.append((x, y, x + chip.width(), y + chip.height()))
        # The arrowheads of a highlighted chain: a name on top would hide which way it goes.
        for tip in self.mirror.path.tips():
            x, y, room = tip.x() * scale, tip.y() * scale, ARROW_CLEARANCE
            rects.append((x - room, y - room, x + room, y + room))
        for label in self.mirror.ring_labels:
            box = label.boundingRect()
            x, y = label.pos().x() * scale, label.pos().y() * scale
            rects.append((x + box.left(), y + box.top(), x + box.right(), y + box.bottom()))
        badge = self._place_readiness_badge(scale, rects)
        if badge is not None:
            rects.append(badge)
        return rects

    def _place_readiness_badge(self, scale: float, obstacles: list[Rect]) -> Rect | None:
        """Put the badge as near the bull's-eye's centre as it fits without covering a node,
        a ring name or the legend chip (the full form, else the one-line one); hidden when it
        fits nowhere in view. Its rectangle, for the names to keep clear of."""
        badge = self.readiness_badge
        if badge.state is None or not self.board:
            badge.setVisible(False)
            return None
        room = RADIUS * scale + BADGE_CLEARANCE
        left, top, right, bottom = self._label_bounds(scale)
        # Only the nodes in view can be in the way (zoomed in on a large board: a few of many).
        discs = [
            (x, y, room)
            for x, y in ((p.x * scale, p.y * scale) for p in self.mirror.placements.values())
            if left - room <= x <= right + room and top - room <= y <= bottom + room
        ]
        bounds = (left + 4, top + 4, right - 4, bottom - 4)
        # Anywhere in view, nearest the centre first (the corners are free on a round board);
        # the one-line form when it sits much nearer the centre than the full one.
        reach = math.hypot(right - left, bottom - top)
        free = FreeSpots(discs, obstacles, bounds)
        spots: list[tuple[float, int, Rect]] = []
        for form in BADGE_FORMS:
            if form == BADGE_WORD and spots:
                break  # the state word alone only where nothing larger fits
            width, height = badge.size_for(form)
            # The whole view is searched for the smaller forms only: the full one sits by the
            # bull's-eye or not at all.
            box = free.place(width, height, reach=reach, scan=form != BADGE_FULL)
            if box is not None:
                away = math.hypot((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                spots.append((away + form * COMPACT_PENALTY, form, box))
        if not spots:
            badge.setVisible(False)
            return None
        _away, form, box = min(spots)
        badge.set_form(form)
        badge.place(QPointF(box[0] / scale, box[1] / scale))
        badge.setVisible(True)
        return box

    def set_referral_lines(self, shown: bool) -> None:
        self.mirror.set_referral_lines(shown)

    def current_scale(self) -> float:
        return self.zoom.current_scale()

    def zoom_by(self, factor: float) -> None:
        self.zoom.zoom_by(factor)

    def zoom_in(self) -> None:
        self.zoom.zoom_in()

    def zoom_out(self) -> None:
        self.zoom.zoom_out()

    def fit(self) -> None:
        """Fit the whole board and follow the viewport's size again (Ctrl+0)."""
        self.zoom.fit()

    def _detail_changed(self, detail: bool) -> None:
        self.mirror.set_detail(detail)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom.wheel(event.angleDelta().y())
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_once and self.board:
            self._fitted_once = True
            QTimer.singleShot(0, self.fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()
        if self._framed and all(cid in self.nodes for cid in self._framed):
            self._frame(self._framed)
        elif self.board and self.zoom.auto_fit:
            self.fit()
        self.labels.schedule()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        labels = getattr(self, "labels", None)  # also called while the mirror is being built
        if labels is not None:
            labels.schedule()  # names stay inside the viewport; large boards label what is near

    # --- palette -----------------------------------------------------------------------------

    def _place_legend(self) -> None:
        self.legend.adjustSize()
        self.legend.move(LEGEND_MARGIN, self.height() - self.legend.height() - LEGEND_MARGIN)

    def _legend_expanded(self, expanded: bool) -> None:
        """Expanded, the legend takes a strip left of the board (which refits beside it);
        collapsed, it is a chip the names keep clear of."""
        strip = self.legend.width() + 2 * LEGEND_MARGIN if expanded else 0
        self.setViewportMargins(strip, 0, 0, 0)
        self._place_legend()
        self.legend.raise_()
        self.labels.schedule()

    def _apply_palette(self) -> None:
        dark = style.is_dark(self.palette())
        self.mirror.set_dark(dark)
        self.labels.set_dark(dark)
        self.readiness_badge.dark = dark
        self.readiness_badge.update()
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
        self.labels.schedule()  # the selection is labelled first
        # Labels tint with their node's selection (no itemChange override: on thousands of
        # nodes every setPos or setZValue would call into Python).
        selected = frozenset(self.selected_ids())
        for cid in selected ^ self._tinted:
            label = self.labels.items.get(cid)
            if label is not None:
                label.update()
            item = self.nodes.get(cid)
            if item is not None and not self.zoom.detail:
                # Zoomed out, nodes are dots: a selected one draws itself, halo and all.
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, cid not in selected)
        self._tinted = selected
        if self._syncing_selection:
            return
        ids = self.selected_ids()
        self.workspace.select_contacts(ids)
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

    # --- nodes: drags, double-clicks, menus ------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Ctrl or Shift on the background draws a rubber band that adds to the selection;
        # without them, dragging the background pans.
        extend = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        on_node = isinstance(self.itemAt(event.position().toPoint()), NodeItem)
        if extend and not on_node and event.button() == Qt.MouseButton.LeftButton:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.dragMode() != QGraphicsView.DragMode.ScrollHandDrag:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    # --- keyboard: arrows walk the board, Enter opens ----------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in ARROWS:
            self.step_selection(ARROWS[key])
            event.accept()
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self._keyboard_node()
            if current is not None:
                self._node_double_clicked(current)
                event.accept()
                return
        super().keyPressEvent(event)

    def _keyboard_node(self) -> NodeItem | None:
        focused = self._scene.focusItem()
        if isinstance(focused, NodeItem) and focused.isSelected():
            return focused
        selected = [item for item in self._scene.selectedItems() if isinstance(item, NodeItem)]
        return selected[0] if selected else None

    def step_selection(self, direction: tuple[float, float]) -> int | None:
        """Select the nearest node in `direction` from the selected one (from the middle of
        the view when none is); undimmed nodes only while a filter or chain is shown."""
        current = self._keyboard_node()
        lit = [item for item in self.nodes.values() if item.opacity() >= 1.0] or list(
            self.nodes.values()
        )
        points = {item.contact_id: (item.home.x(), item.home.y()) for item in lit}
        if current is None:
            centre = self.zoom.centre()
            if not points:
                return None
            target = min(
                points,
                key=lambda c: (points[c][0] - centre.x()) ** 2 + (points[c][1] - centre.y()) ** 2,
            )
        else:
            origin = (current.home.x(), current.home.y())
            found = nearest_in_direction(points, origin, direction, current.contact_id)
            if found is None:
                return None
            target = found
        item = self.nodes[target]
        self._scene.clearSelection()
        item.setSelected(True)
        item.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureVisible(item, 60, 40)
        return target

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if (
            event.buttons() & Qt.MouseButton.LeftButton
            and self._scene.mouseGrabberItem() is None
            and self.dragMode() == QGraphicsView.DragMode.ScrollHandDrag
        ):
            self.zoom.auto_fit = False  # panned by hand: stay there until Ctrl+0
        self.drag.mouse_moved()

    def _node_double_clicked(self, item: NodeItem) -> None:
        self.workspace.select_contact(item.contact_id)
        self.workspace.request_open_contact(item.contact_id)

    def _node_context_menu(self, item: NodeItem, event: QGraphicsSceneContextMenuEvent) -> None:
        if not item.isSelected():
            self._scene.clearSelection()
            item.setSelected(True)
        menu = self.contact_menu(item.contact_id, self)
        menu.exec(event.screenPos())
        event.accept()

    def _ring_of(self, contact_id: int) -> int | None:
        item = self.nodes.get(contact_id)
        return item.node.ring if item is not None else None

    def contact_menu(self, contact_id: int, parent: QWidget) -> QMenu:
        """Open, move to a ring, back to the inbox, and what features offer for a contact."""
        return board_menus.contact_menu(
            self.workspace,
            self.controller,
            self.item_actions,
            self.ring_names,
            contact_id,
            self._ring_of(contact_id),
            parent,
        )

    def move_menu(self, contact_id: int, parent: QWidget) -> QMenu:
        return board_menus.move_menu(
            self.controller, self.ring_names, contact_id, self._ring_of(contact_id), parent
        )

    # --- drops from the inbox and other lists ------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.drag.drag_entered(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.drag.drag_moved(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drag.drag_left()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drag.dropped(event)

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


def _board_readiness(session: Session) -> BoardReadiness:
    from networkdesk.services.board_readiness import board_readiness

    return board_readiness(session)
