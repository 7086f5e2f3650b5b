"""The context menu of a contact on the bull's-eye: open, move to a ring, back to the inbox, and
what the window's features offer for a contact (`ItemActions`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from networkdesk.domain.enums import Ring
from networkdesk.ui import item_actions
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.workspace import Workspace


def move_menu(
    controller: MoveController,
    ring_names: Sequence[str],
    contact_id: int,
    current_ring: int | None,
    parent: QWidget,
) -> QMenu:
    """Move to ring (the current one checked), then Back to inbox (when on a ring)."""
    menu = QMenu("Move to ring", parent)
    menu.setAccessibleName("Move to ring")
    for ring in Ring:
        action = QAction(ring_names[ring], menu)
        action.setShortcut(QKeySequence(f"Ctrl+{int(ring) + 1}"))
        action.setCheckable(True)
        action.setChecked(current_ring == int(ring))
        action.triggered.connect(
            lambda _=False, r=int(ring): controller.move_to_ring(contact_id, r)
        )
        menu.addAction(action)
    menu.addSeparator()
    back = menu.addAction("Back to inbox")
    back.setEnabled(current_ring is not None)
    back.triggered.connect(lambda: controller.unplace([contact_id]))
    return menu


def contact_menu(
    workspace: Workspace,
    controller: MoveController,
    actions: ItemActions,
    ring_names: Sequence[str],
    contact_id: int,
    current_ring: int | None,
    parent: QWidget,
) -> QMenu:
    menu = QMenu(parent)
    menu.setAccessibleName("Contact actions")
    open_action = menu.addAction("Open contact…")
    open_action.triggered.connect(lambda: workspace.openContactRequested.emit(contact_id))
    menu.addMenu(move_menu(controller, ring_names, contact_id, current_ring, menu))
    extra = actions.actions_for(item_actions.CONTACT, contact_id, menu)
    if extra:
        menu.addSeparator()
        for action in extra:
            menu.addAction(action)
    return menu
