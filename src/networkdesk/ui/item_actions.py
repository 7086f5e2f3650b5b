"""Extra actions other features offer on a follow-up, meeting or contact (e.g. "Add to calendar").

One `ItemActions` belongs to one main window (it is in the features' `FeatureContext`): a feature
registers providers on it when it installs, and the views that show such items (agenda, meeting
lists, contact editor, the board) add `actions_for(...)` to their context menus. Nothing here is
process-wide, so two windows (or two tests) never see each other's providers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

FOLLOWUP = "followup"
MEETING = "meeting"
CONTACT = "contact"

#: Makes the actions for one item (its id), parented to the given menu or view.
Provider = Callable[[int, "QWidget"], list["QAction"]]


class ItemActions:
    """The providers of one window, by item kind (FOLLOWUP, MEETING, CONTACT)."""

    def __init__(self) -> None:
        self._providers: dict[str, list[Provider]] = {}
        #: The window's `ui.contact_actions.ContactActions` (typed loosely here: that module
        #: imports this one), set by the window or by the first view that needs it.
        self.contacts: Any = None

    def register(self, kind: str, provider: Provider) -> None:
        providers = self._providers.setdefault(kind, [])
        if provider not in providers:
            providers.append(provider)

    def actions_for(self, kind: str, item_id: int, parent: QWidget) -> list[QAction]:
        """Actions for one item, parented to `parent` (a menu or the view showing it)."""
        actions: list[QAction] = []
        for provider in self._providers.get(kind, []):
            actions.extend(provider(item_id, parent))
        return actions
