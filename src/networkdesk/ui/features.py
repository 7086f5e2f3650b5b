"""What a window feature is given: `FeatureContext`, the typed window services a feature may use.

A feature (the pipeline's panels and editors, the calendar, imports) is installed by
`ui.bootstrap` with one context; it never reaches into the window for anything else. The window
builds the context from its parts (`ui.views.main_window`); a test can build one around a stand-in
window, since each service is a small Protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar, QToolBar, QWidget

from networkdesk.ui.item_actions import ItemActions

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace


@runtime_checkable
class Notices(Protocol):
    """Messages to the user inside the window (plain text)."""

    def show_notice(
        self,
        text: str,
        kind: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> object: ...

    def show_error(self, title: str, text: str) -> object: ...


class Menus(Protocol):
    """The menu bar's menus by key: "file", "edit", "view", "contact", "tools", "help"."""

    def menu(self, key: str) -> QMenu: ...


class DockArea(Protocol):
    """Docked panels around the board."""

    def add_panel(
        self,
        widget: QWidget,
        title: str,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget: ...

    def widen(self, dock: QDockWidget, width: int) -> None:
        """Give `dock` a default width, unless the user's saved layout says otherwise."""
        ...

    def lead_tabs(self, dock: QDockWidget) -> None:
        """Put `dock` first in its row of tabs, and on top (the panel the window opens on)."""
        ...


class FileOpeners(Protocol):
    """Files the window opens (dropped, given on the command line) by suffix, and folders."""

    def register_file_opener(
        self, suffixes: tuple[str, ...], callback: Callable[[Path], object]
    ) -> None: ...

    def register_folder_opener(self, callback: Callable[[Path], object]) -> None:
        """The one feature that opens a dropped (or given) folder (a LinkedIn export)."""
        ...


@dataclass(frozen=True)
class FeatureContext:
    """Everything a feature may use of its window."""

    workspace: Workspace
    #: Parent of the feature's dialogs and objects (the main window).
    parent: QWidget
    notices: Notices
    menus: Menus
    docks: DockArea
    toolbar: QToolBar
    status_bar: QStatusBar
    item_actions: ItemActions
    file_openers: FileOpeners
    #: Emitted when the window closes (after its layout was saved).
    closed: SignalInstance


def insert_before_quit(menu: QMenu, actions: Sequence[QAction]) -> None:
    """Add `actions` to a menu above its Quit entry (the action with QuitRole), then a
    separator; at the end when the menu has no Quit."""
    quit_action = next(
        (a for a in menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None
    )
    if quit_action is None:
        for action in actions:
            menu.addAction(action)
        return
    for action in actions:
        menu.insertAction(quit_action, action)
    menu.insertSeparator(quit_action)
