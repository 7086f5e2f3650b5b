"""Dragging on the bull's-eye: a node dragged to another ring or angle (several selected nodes
move together), a node dragged onto the inbox (unplaced), and contacts dropped from the inbox or
another list. Every drop becomes a move through the `MoveController`; a click is not a move."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from networkdesk.ui.board.items import NodeItem
from networkdesk.ui.board.layout import drop_target
from networkdesk.ui.board.mirror import BoardMirror
from networkdesk.ui.board.zoom import BoardZoom
from networkdesk.ui.controllers.moves import CONTACT_IDS_MIME, MoveController, contact_ids_from_mime

#: A press and release closer than this (screen pixels) is a click, not a move.
CLICK_SLOP = 4
#: Angle between contacts dropped together, so they land side by side.
DROP_SPREAD = 0.06

GraphicsItemFlag = QGraphicsItem.GraphicsItemFlag


class BoardDrag:
    """Turns drags and drops on one view into moves."""

    def __init__(
        self,
        view: QGraphicsView,
        mirror: BoardMirror,
        zoom: BoardZoom,
        controller: MoveController,
        inbox_hit: Callable[[QPoint], bool],
    ) -> None:
        self.view = view
        self.mirror = mirror
        self.zoom = zoom
        self.controller = controller
        #: Is this global point over the inbox? (a node dropped there is unplaced)
        self.inbox_hit = inbox_hit
        self._origin: QPointF | None = None

    # --- nodes dragged on the board ---------------------------------------------------------

    def node_pressed(self, item: NodeItem) -> None:
        self._origin = item.home
        if not self.zoom.detail:
            # Zoomed out, nodes are dots drawn by one item: draw this one for the drag.
            item.setFlag(GraphicsItemFlag.ItemHasNoContents, False)

    def mouse_moved(self) -> None:
        scene = self.view.scene()
        grabber = scene.mouseGrabberItem() if scene is not None else None
        if isinstance(grabber, NodeItem) and self._origin is not None:
            pos = grabber.pos()
            ring, _angle = drop_target(self.mirror.geometry, pos.x(), pos.y())
            self.mirror.rings.set_highlight(ring)

    def node_released(self, item: NodeItem) -> None:
        self.mirror.rings.set_highlight(None)
        origin, self._origin = self._origin, None
        if not self.zoom.detail:
            item.setFlag(GraphicsItemFlag.ItemHasNoContents, not item.isSelected())
        if origin is None:
            return
        moved = item.pos() - origin
        slop = CLICK_SLOP / max(self.zoom.current_scale(), 1e-6)
        if math.hypot(moved.x(), moved.y()) < slop:
            item.setPos(item.home)
            return
        dragged = [item]
        # Several selected nodes move together; each keeps its own offset.
        scene = self.view.scene()
        for other in scene.selectedItems() if scene is not None else []:
            if isinstance(other, NodeItem) and other is not item:
                dragged.append(other)
        if self.inbox_hit(QCursor.pos()):
            changed = self.controller.unplace([n.contact_id for n in dragged])
        else:
            moves = []
            for node_item in dragged:
                pos = node_item.pos()
                ring, angle = drop_target(self.mirror.geometry, pos.x(), pos.y())
                moves.append((node_item.contact_id, ring, angle))
            changed = self.controller.move(moves)
        if not changed:
            for node_item in dragged:
                node_item.setPos(node_item.home)

    # --- contacts dropped from other lists --------------------------------------------------

    def drag_entered(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def drag_moved(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.ignore()
            return
        pos = self.view.mapToScene(event.position().toPoint())
        ring, _angle = drop_target(self.mirror.geometry, pos.x(), pos.y())
        self.mirror.rings.set_highlight(ring)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def drag_left(self) -> None:
        self.mirror.rings.set_highlight(None)

    def dropped(self, event: QDropEvent) -> None:
        self.mirror.rings.set_highlight(None)
        ids = contact_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        pos = self.view.mapToScene(event.position().toPoint())
        ring, angle = drop_target(self.mirror.geometry, pos.x(), pos.y())
        offset = (len(ids) - 1) / 2
        moves = [
            (cid, ring, (angle + (i - offset) * DROP_SPREAD) % (2 * math.pi))
            for i, cid in enumerate(ids)
        ]
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.controller.move(moves)
