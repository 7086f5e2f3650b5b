"""The main window: the bull's-eye in the centre, the inbox beside it, panels from the features
(`ui.extensions`) docked on the right, menus, toolbar, notices and the status bar.

The window is built and shown before the database opens; everything that shows data follows
`workspace.opened` / `workspace.changed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.errors import NetworkdeskError
from networkdesk.ui import extensions, window_settings
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.icons import app_icon, icon
from networkdesk.ui.views.filter_bar import FilterBar
from networkdesk.ui.views.first_run import FirstRunPanel
from networkdesk.ui.views.inbox_panel import InboxPanel
from networkdesk.ui.views.notice_bar import Notice, NoticeBar
from networkdesk.ui.views.ring_canvas import RingCanvas
from networkdesk.ui.workspace import COMPANIES, CONTACTS, SETTINGS, Workspace, areas_touch

log = logging.getLogger(__name__)

MENU_KEYS = ("file", "edit", "view", "contact", "tools", "help")
_MENU_TITLES = {
    "file": "&File",
    "edit": "&Edit",
    "view": "&View",
    "contact": "&Contact",
    "tools": "&Tools",
    "help": "&Help",
}
BACKUP_INTERVAL_MS = 30 * 60 * 1000
DEFAULT_SIZE = (1400, 900)

_PAGE_LOADING, _PAGE_BOARD, _PAGE_FIRST_RUN = 0, 1, 2


class MainWindow(QMainWindow):
    #: The window was closed (after its layout was saved and the database closed).
    closed = Signal()

    def __init__(
        self,
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
        *,
        install_extensions: bool = True,
    ) -> None:
        """`install_extensions=False` leaves the features out until `install_extensions()` is
        called: the desktop start shows the window first, then installs them (their modules
        import the ORM, which takes longer than the window's whole start)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName("networkdesk")
        self.setWindowTitle("networkdesk")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.workspace = workspace if workspace is not None else Workspace(self)
        self._menus: dict[str, QMenu] = {}
        self._openers: dict[str, Callable[[Path], None]] = {}
        self._pending_paths: list[Path] = []
        self._panels: list[QDockWidget] = []
        self._changed_since_backup = False
        self._opening = False
        self._layout_state: QByteArray | None = None
        self.last_error_box: QMessageBox | None = None

        self.notices = NoticeBar(self)
        self.moves = MoveController(
            self.workspace,
            warn=lambda text: self.show_notice(text, "warning"),
            report_error=lambda text: self.show_notice(text, "error"),
            ring_names=lambda: self.canvas.ring_names,
        )
        self.canvas = RingCanvas(self.workspace, self.moves, self)
        self.filter_bar = FilterBar(self)
        self.first_run = FirstRunPanel(list(self.canvas.ring_names), self)
        self.loading = QLabel("Opening your networking desk…", self)
        self.loading.setObjectName("loadingLabel")
        self.loading.setAccessibleName("Loading")
        self.loading.setTextFormat(Qt.TextFormat.PlainText)
        self.loading.setWordWrap(True)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("centralPages")
        self.pages.setAccessibleName("Board")
        board_page = QWidget(self)
        board_page.setAccessibleName("Board page")
        board_layout = QVBoxLayout(board_page)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.setSpacing(0)
        board_layout.addWidget(self.filter_bar)
        board_layout.addWidget(self.canvas, 1)
        self.pages.addWidget(self.loading)
        self.pages.addWidget(board_page)
        self.pages.addWidget(self.first_run)
        central = QWidget(self)
        central.setObjectName("centralArea")
        central.setAccessibleName("Central area")
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.notices)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.inbox = InboxPanel(self.workspace, self.moves, self)
        self.inbox_dock = self.add_panel(
            self.inbox, "Inbox", "inboxDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.canvas.inbox_hit = self._over_inbox

        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setAccessibleName("Main toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.status_bar = self.statusBar()
        self.status_bar.setObjectName("statusBar")
        self.status_bar.setAccessibleName("Status bar")
        self.board_status = QLabel(self)
        self.board_status.setObjectName("boardStatus")
        self.board_status.setAccessibleName("Contacts on the board")
        self.status_bar.addPermanentWidget(self.board_status)

        self._build_menus()
        self._connect()
        self.pages.setCurrentIndex(_PAGE_LOADING)

        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self._backup_timer.timeout.connect(self._backup_if_due)

        self._extensions_installed = False
        self._restore_layout()
        if install_extensions:
            self.install_extensions()

    def install_extensions(self) -> None:
        """Install the features (`ui.extensions`) once; their docks take their saved places."""
        if self._extensions_installed:
            return
        self._extensions_installed = True
        extensions.install_all(self, self._extension_failed)
        self._restore_dock_state()

    def _restore_dock_state(self) -> None:
        """The saved dock layout, once every feature's dock exists (restoring it earlier
        would leave docks added later hidden)."""
        state = window_settings.MAIN_STATE.get()
        if not state.isEmpty():
            self._layout_state = state
            self.restoreState(state)

    def _extension_failed(self, name: str, exc: BaseException) -> None:
        feature = name.rsplit(".", 1)[-1]
        self.show_notice(
            f"A part of networkdesk ({feature}) could not be loaded and is missing from this "
            f"window: {type(exc).__name__}: {exc}",
            "error",
        )

    # --- the contract other features code against ------------------------------------------

    def menu(self, key: str) -> QMenu:
        """The menu for "file", "edit", "view", "contact", "tools" or "help"."""
        return self._menus[key]

    def add_panel(
        self,
        widget: QWidget,
        title: str,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        """Dock `widget`; right-hand panels are tabified together. Its visibility toggle goes
        in the View menu and its place is remembered between sessions."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        same_area = [d for d in self._panels if self.dockWidgetArea(d) == area]
        self.addDockWidget(area, dock)
        if same_area and area == Qt.DockWidgetArea.RightDockWidgetArea:
            self.tabifyDockWidget(same_area[0], dock)
            same_area[0].raise_()
        self._panels.append(dock)
        if "view" in self._menus:
            self._add_dock_toggle(dock)
        restored = self._layout_state is not None and self.restoreDockWidget(dock)
        if self.isVisible() and not restored:
            # Added after the window was shown (features install once it is painted): a new
            # child of a visible window stays hidden unless shown.
            dock.show()
            if same_area and area == Qt.DockWidgetArea.RightDockWidgetArea:
                same_area[0].raise_()
        return dock

    def show_notice(
        self,
        text: str,
        kind: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> Notice:
        """A non-modal notice inside the window (plain text, dismissable)."""
        return self.notices.show_notice(text, kind, action_text, action)

    def show_error(self, title: str, text: str) -> QMessageBox:
        """Tell the user about a service error in plain words (window-modal, never nested in
        a drag: the box opens and the event loop goes on)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.setAccessibleName(title)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_error_box = box
        return box

    def register_file_opener(
        self, suffixes: tuple[str, ...], callback: Callable[[Path], None]
    ) -> None:
        for suffix in suffixes:
            key = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
            self._openers[key] = callback

    def open_path(self, path: str | Path) -> bool:
        """Hand a file to the feature that opens files of its kind (after the database is
        open); False when no feature opens it."""
        target = Path(path)
        opener = self._openers.get(target.suffix.lower())
        if opener is None:
            self.show_notice(
                f"networkdesk cannot open “{target.name}”: no feature reads "
                f"{target.suffix or 'such'} files.",
                "error",
            )
            return False
        if not self.workspace.is_open:
            self._pending_paths.append(target)
            return True
        try:
            opener(target)
        except NetworkdeskError as exc:
            self.show_error("Cannot open file", f"{target}: {exc}")
            return False
        return True

    def selected_contact_id(self) -> int | None:
        return self.workspace.selected_contact_id or None

    # --- menus and actions -----------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: tuple[QKeySequence | str | QKeySequence.StandardKey, ...] = (),
        icon_name: str | None = None,
        name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if name:
            action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName("Menu bar")
        for key in MENU_KEYS:
            menu = bar.addMenu(_MENU_TITLES[key])
            menu.setObjectName(f"{key}Menu")
            menu.setAccessibleName(_MENU_TITLES[key].replace("&", ""))
            self._menus[key] = menu

        # File
        self.quit_action = self._action("&Quit", self.close, ("Ctrl+Q",), "quit", "quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._menus["file"].addAction(self.quit_action)

        # Edit: undo and redo come from the shared stack (their text names the step).
        stack = self.workspace.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        self._menus["edit"].addAction(self.undo_action)
        self._menus["edit"].addAction(self.redo_action)
        self._menus["edit"].addSeparator()

        # Contact: move the selected contact from the keyboard.
        contact_menu = self._menus["contact"]
        self.open_contact_action = self._action(
            "&Open contact…", self._open_selected, name="openContactAction"
        )
        contact_menu.addAction(self.open_contact_action)
        self.move_menu = contact_menu.addMenu(icon("move-ring"), "&Move to ring")
        self.move_menu.setObjectName("moveToRingMenu")
        self.move_menu.setAccessibleName("Move to ring")
        self.ring_actions: list[QAction] = []
        for ring in Ring:
            action = self._action(
                RING_LABELS[ring],
                partial(self._move_selected, int(ring)),
                (f"Ctrl+{int(ring) + 1}",),
                name=f"moveToRing{int(ring)}",
            )
            self.move_menu.addAction(action)
            self.ring_actions.append(action)
        self.move_menu.addSeparator()
        self.inbox_action = self._action(
            "Back to &inbox",
            lambda: self.moves.unplace([self.workspace.selected_contact_id]),
            ("Ctrl+Backspace",),
            name="moveToInbox",
        )
        self.move_menu.addAction(self.inbox_action)
        contact_menu.addSeparator()

        # View
        view = self._menus["view"]
        self.zoom_in_action = self._action(
            "Zoom &in", self.canvas.zoom_in, (QKeySequence.StandardKey.ZoomIn, "Ctrl+="), "zoom-in"
        )
        self.zoom_out_action = self._action(
            "Zoom &out", self.canvas.zoom_out, (QKeySequence.StandardKey.ZoomOut,), "zoom-out"
        )
        self.fit_action = self._action("&Fit the board", self.canvas.fit, ("Ctrl+0",), "zoom-fit")
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            view.addAction(action)
        view.addSeparator()
        self.filters_action = QAction("&Filters", self)
        self.filters_action.setObjectName("showFilters")
        self.filters_action.setCheckable(True)
        self.filters_action.setChecked(True)
        self.filters_action.setIcon(icon("filter"))
        self.filters_action.toggled.connect(self.filter_bar.setVisible)
        view.addAction(self.filters_action)
        self.referrals_action = QAction("&Referral lines", self)
        self.referrals_action.setObjectName("showReferralLines")
        self.referrals_action.setCheckable(True)
        self.referrals_action.setIcon(icon("referral-lines"))
        self.referrals_action.setToolTip("Show who referred you to whom as faint lines")
        self.referrals_action.toggled.connect(self.canvas.set_referral_lines)
        view.addAction(self.referrals_action)
        view.addSeparator()
        self._dock_separator = view.addSeparator()
        for dock in self._panels:
            self._add_dock_toggle(dock)

        # Tools
        self.demo_action = self._action("Load &demo data", self._load_demo, name="loadDemo")
        self._menus["tools"].addAction(self.demo_action)

        # Help
        about = self._action("&About networkdesk", self._about, name="aboutAction")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self._menus["help"].addAction(about)

        for action in (self.undo_action, self.redo_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            self.toolbar.addAction(action)
        self.toolbar.addAction(self.referrals_action)
        self.toolbar.addSeparator()
        self._update_contact_actions()

    def _add_dock_toggle(self, dock: QDockWidget) -> None:
        toggle = dock.toggleViewAction()
        toggle.setObjectName(f"toggle_{dock.objectName()}")
        self._menus["view"].addAction(toggle)

    def _connect(self) -> None:
        ws = self.workspace
        ws.opened.connect(self._on_opened)
        ws.changed.connect(self._on_changed)
        ws.failed.connect(lambda text: self.show_notice(text, "error"))
        ws.contactSelected.connect(lambda _cid: self._update_contact_actions())
        self.filter_bar.filterChanged.connect(self.canvas.set_filter)
        self.canvas.countsChanged.connect(
            lambda total, matching: self.filter_bar.set_summary(
                matching, total, self.canvas.filter.active
            )
        )
        self.first_run.loadDemoRequested.connect(self._load_demo)
        self.first_run.importRequested.connect(self._import_linkedin)

    def _update_contact_actions(self) -> None:
        has = bool(self.workspace.selected_contact_id) and self.workspace.is_open
        for action in [*self.ring_actions, self.inbox_action, self.open_contact_action]:
            action.setEnabled(has)

    # --- reacting to the database ----------------------------------------------------------

    def _on_opened(self) -> None:
        self._opening = True
        db = self.workspace.require_db()
        where = db.path.name if db.path is not None else db.location.describe()
        self.setWindowTitle(f"networkdesk — {where}")
        if db.path is not None:
            self._backup_timer.start()
        self._update_contact_actions()
        pending, self._pending_paths = self._pending_paths, []
        for path in pending:
            self.open_path(path)

    def _on_changed(self, areas: object) -> None:
        if self._opening:
            # The announcement that the database is open is not a change to back up.
            self._opening = False
        else:
            self._changed_since_backup = True
        if not areas_touch(areas, CONTACTS, COMPANIES, SETTINGS) or not self.workspace.is_open:
            return
        from networkdesk.services import board

        counts = self.workspace.read(board.ring_counts)
        total = sum(counts.values())
        unplaced = counts.get(None, 0)
        self.pages.setCurrentIndex(_PAGE_FIRST_RUN if total == 0 else _PAGE_BOARD)
        self.board_status.setText(
            f"{total - unplaced:,} on the rings · {unplaced:,} in the inbox · {total:,} contacts"
        )
        names = self.canvas.ring_names
        for ring, action in enumerate(self.ring_actions):
            if ring < len(names):
                action.setText(names[ring])
        self._update_contact_actions()

    def show_open_error(self, text: str) -> None:
        """The database could not be opened: say so where the board would be."""
        self.loading.setText(f"networkdesk could not open the database.\n\n{text}")
        self.pages.setCurrentIndex(_PAGE_LOADING)
        self.show_notice(f"Could not open the database: {text}", "error")

    # --- actions ---------------------------------------------------------------------------

    def _move_selected(self, ring: int | None) -> None:
        self.moves.move_to_ring(self.workspace.selected_contact_id, ring)

    def _open_selected(self) -> None:
        cid = self.workspace.selected_contact_id
        if cid:
            self.workspace.openContactRequested.emit(cid)

    def _load_demo(self) -> None:
        if not self.workspace.is_open:
            return
        from networkdesk.services import demo

        try:
            summary = self.workspace.write(lambda s: demo.generate(s))
        except NetworkdeskError as exc:
            self.show_error("Demo data", f"Could not load the demo data: {exc}")
            return
        self.show_notice(
            f"Demo data loaded: {summary.contacts} contacts, {summary.placed} of them on the "
            f"rings, {summary.meetings} meetings and {summary.followups} follow-ups.",
            "info",
        )

    def _import_linkedin(self) -> None:
        if ".csv" not in self._openers:
            self.show_notice(
                "Importing LinkedIn connections is not available in this build. You can import "
                "them from the command line: networkdesk import linkedin Connections.csv",
                "info",
            )
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import LinkedIn connections", "", "LinkedIn export (*.csv);;All files (*)"
        )
        if path:
            self.open_path(path)

    def _about(self) -> None:
        from networkdesk import __version__

        box = QMessageBox(self)
        box.setWindowTitle("About networkdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"networkdesk {__version__}\n\nA job seeker's networking desk: the career "
            "bull's-eye, informational meetings, referrals and follow-ups."
        )
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _over_inbox(self, global_pos: QPoint) -> bool:
        view = self.inbox.view
        if not self.inbox_dock.isVisible() or not view.isVisible():
            return False
        return view.rect().contains(view.mapFromGlobal(global_pos))

    # --- files dropped on the window -------------------------------------------------------

    def _dropped_paths(self, event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in self._openers]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in paths:
            self.open_path(path)

    # --- layout, backups, closing ----------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = window_settings.MAIN_GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*DEFAULT_SIZE)
            self.resizeDocks([self.inbox_dock], [250], Qt.Orientation.Horizontal)
        self.referrals_action.setChecked(window_settings.REFERRAL_LINES.get())

    def save_layout(self) -> None:
        window_settings.MAIN_GEOMETRY.set(self.saveGeometry())
        window_settings.MAIN_STATE.set(self.saveState())
        window_settings.REFERRAL_LINES.set(self.referrals_action.isChecked())

    def _backup_if_due(self) -> None:
        db = self.workspace.db
        if db is None or db.path is None:
            return
        from networkdesk.services import backing_up

        try:
            backing_up.backup_if_due(db)
        except NetworkdeskError as exc:
            self.show_notice(f"Automatic backup failed: {exc}", "warning")

    def _backup_on_close(self) -> None:
        db = self.workspace.db
        if db is None or db.path is None or not self._changed_since_backup:
            return
        from networkdesk.services import backing_up

        try:
            backing_up.backup_on_close(db)
        except NetworkdeskError:
            log.exception("backup on close failed")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._backup_timer.stop()
        self._backup_on_close()
        self.workspace.close()
        super().closeEvent(event)
        self.closed.emit()
