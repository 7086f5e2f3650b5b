"""The main window's own menus, actions and toolbar: File → Quit, undo and redo, moving the
selected contacts between rings from the keyboard, zoom and fit, filters and referral lines, the
demo data, and Help (keyboard shortcuts listed from these actions, the method, About). Features
add their entries to these menus (`Menus` in their context)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QToolBar

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.ui.board.canvas import RingCanvas
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.icons import app_icon, icon
from networkdesk.ui.views.filter_bar import FilterBar, first_match
from networkdesk.ui.views.window_docks import WindowDocks
from networkdesk.ui.workspace import Workspace

if TYPE_CHECKING:
    from networkdesk.ui.contact_actions import ContactActions

MENU_KEYS = ("file", "edit", "view", "contact", "tools", "help")
_MENU_TITLES = {
    "file": "&File",
    "edit": "&Edit",
    "view": "&View",
    "contact": "&Contact",
    "tools": "&Tools",
    "help": "&Help",
}
Shortcut = QKeySequence | str | QKeySequence.StandardKey


def make_action(
    parent: QMainWindow,
    text: str,
    slot: Callable[[], object],
    shortcuts: tuple[Shortcut, ...] = (),
    icon_name: str | None = None,
    name: str | None = None,
) -> QAction:
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class WindowMenus:
    """Builds the menu bar and the main toolbar of one window and keeps their actions."""

    def __init__(
        self,
        window: QMainWindow,
        workspace: Workspace,
        moves: MoveController,
        canvas: RingCanvas,
        filter_bar: FilterBar,
        load_demo: Callable[[], object],
        contact_actions: ContactActions | None = None,
    ) -> None:
        self.window = window
        #: Moves from the Contact menu act on the selection of the focused view (a table, the
        #: inbox, the board) when there is one.
        self.contact_actions = contact_actions
        self.toolbar = toolbar = QToolBar("Main toolbar", window)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.workspace = workspace
        self.moves = moves
        self._menus: dict[str, QMenu] = {}
        bar = window.menuBar()
        bar.setAccessibleName("Menu bar")
        for key in MENU_KEYS:
            menu = bar.addMenu(_MENU_TITLES[key])
            menu.setObjectName(f"{key}Menu")
            menu.setAccessibleName(_MENU_TITLES[key].replace("&", ""))
            self._menus[key] = menu

        def action(
            text: str,
            slot: Callable[[], object],
            shortcuts: tuple[Shortcut, ...] = (),
            icon_name: str | None = None,
            name: str | None = None,
        ) -> QAction:
            return make_action(window, text, slot, shortcuts, icon_name, name)

        # File
        self.quit_action = action("&Quit", window.close, ("Ctrl+Q",), "quit", "quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._menus["file"].addAction(self.quit_action)

        # Edit: undo and redo come from the shared stack (their text names the step).
        stack = workspace.undo_stack
        self.undo_action = stack.createUndoAction(window, "&Undo")
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(window, "&Redo")
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        self._menus["edit"].addAction(self.undo_action)
        self._menus["edit"].addAction(self.redo_action)
        self._menus["edit"].addSeparator()

        # Contact: move the selected contact from the keyboard.
        contact_menu = self._menus["contact"]
        self.open_contact_action = action(
            "&Open contact…", self._open_selected, name="openContactAction"
        )
        contact_menu.addAction(self.open_contact_action)
        self.move_menu = contact_menu.addMenu(icon("move-ring"), "&Move to ring")
        self.move_menu.setObjectName("moveToRingMenu")
        self.move_menu.setAccessibleName("Move to ring")
        self.ring_actions: list[QAction] = []
        for ring in Ring:
            ring_action = action(
                RING_LABELS[ring],
                partial(self._move_selected, int(ring)),
                (f"Ctrl+{int(ring) + 1}",),
                name=f"moveToRing{int(ring)}",
            )
            self.move_menu.addAction(ring_action)
            self.ring_actions.append(ring_action)
        self.move_menu.addSeparator()
        self.inbox_action = action(
            "Back to &inbox",
            partial(self._move_selected, None),
            ("Ctrl+Backspace",),
            name="moveToInbox",
        )
        self.move_menu.addAction(self.inbox_action)
        contact_menu.addSeparator()

        # View
        view = self._menus["view"]
        self.zoom_in_action = action(
            "Zoom &in", canvas.zoom_in, (QKeySequence.StandardKey.ZoomIn, "Ctrl+="), "zoom-in"
        )
        self.zoom_out_action = action(
            "Zoom &out", canvas.zoom_out, (QKeySequence.StandardKey.ZoomOut,), "zoom-out"
        )
        self.fit_action = action("&Fit the board", canvas.fit, ("Ctrl+0",), "zoom-fit")
        for zoom in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            view.addAction(zoom)
        view.addSeparator()
        self.filters_action = QAction("&Filters", window)
        self.filters_action.setObjectName("showFilters")
        self.filters_action.setCheckable(True)
        self.filters_action.setChecked(True)
        self.filters_action.setIcon(icon("filter"))
        self.filters_action.toggled.connect(filter_bar.setVisible)
        view.addAction(self.filters_action)
        self.referrals_action = QAction("&Referral lines", window)
        self.referrals_action.setObjectName("showReferralLines")
        self.referrals_action.setCheckable(True)
        self.referrals_action.setIcon(icon("referral-lines"))
        self.referrals_action.setToolTip("Show who referred you to whom as faint lines")
        self.referrals_action.toggled.connect(canvas.set_referral_lines)
        view.addAction(self.referrals_action)
        self.group_action = QAction("&Group by company", window)
        self.group_action.setObjectName("groupByCompany")
        self.group_action.setCheckable(True)
        self.group_action.setToolTip("Cluster each ring's contacts by company, targets first")
        self.group_action.toggled.connect(canvas.set_group_by_company)
        view.addAction(self.group_action)
        view.addSeparator()
        view.addSeparator()  # the docks' toggles go below this one

        # Tools
        self.demo_action = action("Load &demo data", load_demo, name="loadDemo")
        self._menus["tools"].addAction(self.demo_action)

        # Help
        self.shortcuts_action = action(
            "&Keyboard shortcuts", self.show_shortcuts, ("Ctrl+/",), name="shortcutsAction"
        )
        self.method_action = action(
            "The &method",
            self.show_method,
            (QKeySequence.StandardKey.HelpContents,),
            name="methodAction",
        )
        self._menus["help"].addAction(self.shortcuts_action)
        self._menus["help"].addAction(self.method_action)
        self._menus["help"].addSeparator()
        about = action("&About networkdesk", self._about, name="aboutAction")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self._menus["help"].addAction(about)

        for step in (self.undo_action, self.redo_action):
            toolbar.addAction(step)
        toolbar.addSeparator()
        for zoom in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            toolbar.addAction(zoom)
        toolbar.addAction(self.referrals_action)
        toolbar.addSeparator()
        self.update_contact_actions()
        workspace.contactSelected.connect(lambda _cid: self.update_contact_actions())
        self.canvas = canvas
        filter_bar.matchRequested.connect(self.go_to_board_match)
        filter_bar.deleteRequested.connect(self._delete_board_selection)

    def menu(self, key: str) -> QMenu:
        """The menu for "file", "edit", "view", "contact", "tools" or "help"."""
        return self._menus[key]

    def put_dock_toggles(self, docks: WindowDocks) -> None:
        docks.put_toggles_in(self._menus["view"])

    def update_contact_actions(self) -> None:
        has = bool(self.workspace.selected_contact_id) and self.workspace.is_open
        for action in [*self.ring_actions, self.inbox_action, self.open_contact_action]:
            action.setEnabled(has)

    def set_ring_names(self, names: list[str]) -> None:
        for ring, action in enumerate(self.ring_actions):
            if ring < len(names):
                action.setText(names[ring])

    def _move_selected(self, ring: int | None) -> None:
        if self.contact_actions is not None:
            self.contact_actions.move(self.contact_actions.selected_ids(), ring)
        else:
            self.moves.move_to_ring(self.workspace.selected_contact_id, ring)

    def go_to_board_match(self, open_it: bool) -> int | None:
        """Down or Enter in the board's highlight field: select the first match on the board
        and move the focus there (Down), or open it (Enter)."""
        contact_id = first_match(self.canvas.filter, self.canvas.board)
        if contact_id is None:
            return None
        self.workspace.select_contact(contact_id)
        if open_it:
            self.workspace.request_open_contact(contact_id)
        else:
            self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        return contact_id

    def _delete_board_selection(self) -> None:
        if self.contact_actions is None:
            return
        selected = self.workspace.selected_contact_id
        ids = self.canvas.selected_ids() or ([selected] if selected else [])
        self.contact_actions.delete(ids)

    def _open_help(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> QDialog:
        from networkdesk.ui.views.help_dialogs import ShortcutsDialog

        return self._open_help(ShortcutsDialog(self.window))

    def show_method(self) -> QDialog:
        from networkdesk.ui.views.help_dialogs import MethodDialog

        return self._open_help(MethodDialog(self.window))

    def _open_selected(self) -> None:
        cid = self.workspace.selected_contact_id
        if cid:
            self.workspace.request_open_contact(cid)

    def _about(self) -> None:
        from networkdesk import __version__

        box = QMessageBox(self.window)
        box.setWindowTitle("About networkdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"networkdesk {__version__}\n\nA job seeker's networking desk: the career "
            "bull's-eye, informational meetings, referrals and follow-ups."
        )
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
