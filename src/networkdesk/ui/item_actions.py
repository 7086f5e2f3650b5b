"""Extra actions other features offer on a follow-up, meeting or contact (e.g. "Add to calendar").

Views that show such items (agenda, meeting lists, contact editor) add `actions_for(...)` to their
context menus and toolbars; features register providers in their `install(window)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from networkdesk.ui.workspace import Workspace

FOLLOWUP = "followup"
MEETING = "meeting"
CONTACT = "contact"

Provider = Callable[["Workspace", int, "QWidget"], list["QAction"]]
_providers: dict[str, list[Provider]] = {}


def register(kind: str, provider: Provider) -> None:
    providers = _providers.setdefault(kind, [])
    if provider not in providers:
        providers.append(provider)


def actions_for(kind: str, workspace: Workspace, item_id: int, parent: QWidget) -> list[QAction]:
    """Actions for one item, parented to `parent` (a menu or the view showing it)."""
    actions: list[QAction] = []
    for provider in _providers.get(kind, []):
        actions.extend(provider(workspace, item_id, parent))
    return actions
