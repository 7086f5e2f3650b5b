"""The context menu of a contact on the bull's-eye: the window's one contact menu
(`ui.contact_menu`), for the node under the pointer or the board's whole selection."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMenu, QWidget

from networkdesk.ui import contact_menu as menus
from networkdesk.ui.contact_actions import ContactActions, contact_actions_of
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.workspace import Workspace


def _actions(
    workspace: Workspace, controller: MoveController, items: ItemActions
) -> ContactActions:
    return contact_actions_of(workspace, items, controller)


def move_menu(
    controller: MoveController,
    ring_names: Sequence[str],
    contact_id: int,
    current_ring: int | None,
    parent: QWidget,
    *,
    items: ItemActions | None = None,
) -> QMenu:
    """Move to ring (the current one checked), then Back to inbox (when on a ring)."""
    actions = _actions(controller.workspace, controller, items or ItemActions())
    return menus.move_menu(actions, [contact_id], parent)


def contact_menu(
    workspace: Workspace,
    controller: MoveController,
    actions: ItemActions,
    ring_names: Sequence[str],
    contact_id: int,
    current_ring: int | None,
    parent: QWidget,
    contact_ids: Sequence[int] | None = None,
) -> QMenu:
    """The contact menu for `contact_id`, or for `contact_ids` (the board's selection) when
    the node is one of several selected."""
    if contact_ids is None:
        # The board passes itself as the parent: its selection, when the node is part of it.
        selected = getattr(parent, "selected_ids", None)
        contact_ids = selected() if callable(selected) else None
    ids = list(contact_ids) if contact_ids and contact_id in contact_ids else [contact_id]
    return menus.contact_menu(_actions(workspace, controller, actions), ids, parent)
