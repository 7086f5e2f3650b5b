"""The board's scene: a node's tooltip (and its name label's) is composed when it is about to
show, not when the node is built (NodeItem.ensure_tooltip; issue 13, P1)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneHelpEvent

from networkdesk.ui.board.items import NodeItem
from networkdesk.ui.board.name_labels import NameLabelItem


class BoardScene(QGraphicsScene):
    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        # Qt shows the topmost item's stored tooltip: store those under the pointer first.
        for item in self.items(event.scenePos()):
            if isinstance(item, NodeItem | NameLabelItem):
                item.ensure_tooltip()
        super().helpEvent(event)
