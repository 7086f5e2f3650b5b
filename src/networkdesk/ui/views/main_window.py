"""The main window: the bull's-eye in the centre, the inbox beside it, the features' panels docked
on the right, menus, toolbar, notices and the status bar.

The window is built and shown before the database opens; everything that shows data follows
`workspace.opened` / `workspace.changed`. Its parts live in their own modules: the menus and
actions (`window_menus`), docks and the saved layout (`window_docks`), files dropped or opened
(`file_opening`), automatic backups (`backup_timer`) and the demo data (`demo_loading`). The
features (`ui.bootstrap`) get a `FeatureContext` built here from those parts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from networkdesk.ui import window_settings
from networkdesk.ui.board.canvas import RingCanvas
from networkdesk.ui.bootstrap import Feature, StandardFeatures, install_features
from networkdesk.ui.contact_actions import ContactActions
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.features import FeatureContext, insert_before_quit
from networkdesk.ui.icons import app_icon
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.views.backup_timer import BackupTimer
from networkdesk.ui.views.board_summary import BoardSummary
from networkdesk.ui.views.central_pages import CentralPages
from networkdesk.ui.views.demo_loading import DemoSandbox
from networkdesk.ui.views.feedback import open_error_box
from networkdesk.ui.views.file_opening import FileOpening
from networkdesk.ui.views.filter_bar import FilterBar
from networkdesk.ui.views.first_run import FirstRunPanel
from networkdesk.ui.views.inbox_panel import InboxPanel
from networkdesk.ui.views.notice_bar import Notice, NoticeBar
from networkdesk.ui.views.toolbar_steps import steady_undo_buttons
from networkdesk.ui.views.window_docks import WindowDocks
from networkdesk.ui.views.window_menus import MENU_KEYS, WindowMenus
from networkdesk.ui.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from networkdesk.ui.calendar.actions import CalendarActions
    from networkdesk.ui.calendar.caldav_dialog import PublishController
    from networkdesk.ui.calendar.reminders import ReminderScheduler
    from networkdesk.ui.import_ui import ImportController
    from networkdesk.ui.pipeline import Pipeline

__all__ = ["MENU_KEYS", "MainWindow", "window_title"]


def window_title(where: str, *, demo: bool = False) -> str:
    """ "networkdesk — FILE", and "demo" in it while the demo sandbox is open. (The application
    sets no display name, so Qt adds nothing after it.)"""
    if demo:
        return "networkdesk — demo (sample data, not your database)"
    return f"networkdesk — {where}"


class MainWindow(QMainWindow):
    #: The window was closed (after its layout was saved and the database closed).
    closed = Signal()

    def __init__(
        self,
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
        *,
        install_extensions: bool = True,
        extra_features: Sequence[Feature] = (),
    ) -> None:
        """`install_extensions=False` leaves the features out until `install_extensions()` is
        called: the desktop start shows the window first, then installs them (their modules
        import the ORM, which takes longer than the window's whole start). `extra_features`
        are installed after the standard ones."""
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
        self.last_error_box: QMessageBox | None = None
        self.item_actions = ItemActions()
        self.features = StandardFeatures()
        self._extra_features = list(extra_features)
        self.docks = WindowDocks(self)

        self.notices = NoticeBar(self)
        self.moves = MoveController(
            self.workspace,
            warn=lambda text: self.show_notice(text, "warning"),
            report_error=lambda text: self.show_notice(text, "error"),
            ring_names=lambda: self.canvas.ring_names,
        )
        self.canvas = RingCanvas(self.workspace, self.moves, self, item_actions=self.item_actions)
        # The actions on contacts (menus, Delete, bulk edits) every view of this window shares.
        self.contact_actions = ContactActions(self.workspace, self.item_actions, self.moves, self)
        self.item_actions.contacts = self.contact_actions
        self.contact_actions.add_selection_source(self.canvas, self.canvas.selected_ids)
        self.filter_bar = FilterBar(self)
        self.first_run = FirstRunPanel(list(self.canvas.ring_names), self)
        self.central = CentralPages(
            self.notices, self.filter_bar, self.canvas, self.first_run, self
        )
        self.setCentralWidget(self.central)
        self.pages = self.central.pages
        self.loading = self.central.loading

        self.inbox = InboxPanel(self.workspace, self.moves, self, item_actions=self.item_actions)
        self.inbox_dock = self.add_panel(
            self.inbox, "Inbox", "inboxDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.docks.left_dock = self.inbox_dock
        self.canvas.inbox_hit = self._over_inbox

        self.menus = WindowMenus(
            self,
            self.workspace,
            self.moves,
            self.canvas,
            self.filter_bar,
            self._load_demo,
            self.contact_actions,
        )
        self.toolbar = self.menus.toolbar
        self.menus.put_dock_toggles(self.docks)
        self.toolbar_undo, self.toolbar_redo = steady_undo_buttons(
            self.toolbar, self.workspace.undo_stack, self.undo_action, self.redo_action, self
        )
        self.demo = DemoSandbox(self.workspace, self, self)
        self.back_to_own_action = QAction("&Back to my database", self)
        self.back_to_own_action.setObjectName("backToOwnDatabase")
        self.back_to_own_action.setToolTip("Leave the demo database and reopen yours")
        self.back_to_own_action.setVisible(False)
        self.back_to_own_action.triggered.connect(self.demo.back_to_own)
        self.demo.sandboxChanged.connect(self.back_to_own_action.setVisible)
        insert_before_quit(self.menu("file"), [self.back_to_own_action])
        self.status_bar = self.statusBar()
        self.status_bar.setObjectName("statusBar")
        self.status_bar.setAccessibleName("Status bar")
        self._connect()
        self.board_status = BoardSummary(
            self.workspace, self.status_bar, self.central, self.canvas, self.menus
        )
        # After the window's own `opened` slot: a file given at start opens once the title
        # and the actions are up to date.
        self.files = FileOpening(self.workspace, self)
        self.backups = BackupTimer(self.workspace, self, self)

        self.feature_context = FeatureContext(
            workspace=self.workspace,
            parent=self,
            notices=self,
            menus=self.menus,
            docks=self.docks,
            toolbar=self.toolbar,
            status_bar=self.status_bar,
            item_actions=self.item_actions,
            file_openers=self.files,
            closed=self.closed,
        )
        self._installed_features: set[str] = set()
        self._restore_layout()
        if install_extensions:
            self.install_extensions()

    def install_extensions(self, only: Collection[str] | None = None) -> None:
        """Install the features (`ui.bootstrap`) not installed yet — every one, or those named
        in `only` (the desktop start installs what its first paint shows first) — each once;
        their docks take their saved places."""
        features = [
            feature
            for feature in (*self.features.features(), *self._extra_features)
            if feature.name not in self._installed_features
            and (only is None or feature.name in only)
        ]
        if not features:
            return
        self._installed_features.update(feature.name for feature in features)
        later = [
            feature
            for feature in (*self.features.features(), *self._extra_features)
            if feature.name not in self._installed_features
        ]
        install_features(self.feature_context, features, self._extension_failed)
        # What a feature that failed reserved goes; the panels of those still to come keep
        # their places from the first paint on, in the saved layout.
        self.docks.drop_reserved(
            [slot.object_name for feature in features for slot in feature.panels]
        )
        self.docks.reserve(
            [slot for feature in later for slot in feature.panels],
            next((f.on_top for f in reversed(later) if f.on_top is not None), None),
        )
        self.docks.restore_dock_state()

    def _extension_failed(self, name: str, exc: BaseException) -> None:
        self.show_notice(
            f"A part of networkdesk ({name}) could not be loaded and is missing from this "
            f"window: {type(exc).__name__}: {exc}",
            "error",
        )

    # --- the installed features (None until installed, or when one failed) -----------------

    @property
    def pipeline(self) -> Pipeline | None:
        return self.features.pipeline

    @property
    def calendar_actions(self) -> CalendarActions | None:
        calendar = self.features.calendar
        return calendar.actions if calendar is not None else None

    @property
    def caldav_publisher(self) -> PublishController | None:
        calendar = self.features.calendar
        return calendar.publisher if calendar is not None else None

    @property
    def reminders(self) -> ReminderScheduler | None:
        calendar = self.features.calendar
        return calendar.reminders if calendar is not None else None

    @property
    def import_controller(self) -> ImportController | None:
        return self.features.imports

    # --- the window's services (features reach them through their FeatureContext) ----------

    def menu(self, key: str) -> QMenu:
        """The menu for "file", "edit", "view", "contact", "tools" or "help"."""
        return self.menus.menu(key)

    def add_panel(
        self,
        widget: QWidget,
        title: str,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        return self.docks.add_panel(widget, title, object_name, area)

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
        self.last_error_box = open_error_box(self, title, text)
        return self.last_error_box

    def register_file_opener(
        self, suffixes: tuple[str, ...], callback: Callable[[Path], object]
    ) -> None:
        self.files.register_file_opener(suffixes, callback)

    def register_folder_opener(self, callback: Callable[[Path], object]) -> None:
        self.files.register_folder_opener(callback)

    def open_path(self, path: str | Path) -> bool:
        return self.files.open_path(path)

    def selected_contact_id(self) -> int | None:
        return self.workspace.selected_contact_id or None

    # --- the window's own actions (built by WindowMenus) ------------------------------------

    @property
    def quit_action(self) -> QAction:
        return self.menus.quit_action

    @property
    def undo_action(self) -> QAction:
        return self.menus.undo_action

    @property
    def redo_action(self) -> QAction:
        return self.menus.redo_action

    @property
    def ring_actions(self) -> list[QAction]:
        return self.menus.ring_actions

    @property
    def referrals_action(self) -> QAction:
        return self.menus.referrals_action

    # --- reacting to the database ----------------------------------------------------------

    def _connect(self) -> None:
        ws = self.workspace
        ws.startRead.connect(self._on_opened)  # the title is part of the first paint
        ws.opened.connect(self._on_opened)
        ws.failed.connect(lambda text: self.show_notice(text, "error"))
        self.filter_bar.filterChanged.connect(self.canvas.set_filter)
        self.canvas.countsChanged.connect(
            lambda total, matching: self.filter_bar.set_summary(
                matching, total, self.canvas.filter.active
            )
        )
        self.first_run.loadDemoRequested.connect(self._load_demo)
        self.first_run.importRequested.connect(lambda: self.files.choose_linkedin_export(self))

    def _on_opened(self) -> None:
        self.setWindowTitle(window_title(self.workspace.name, demo=self.demo.active))
        self.menus.update_contact_actions()

    def show_open_error(self, text: str) -> None:
        """The database could not be opened: say so where the board would be."""
        self.loading.setText(f"networkdesk could not open the database.\n\n{text}")
        self.show_notice(f"Could not open the database: {text}", "error")

    def _load_demo(self) -> None:
        self.demo.load()

    def _over_inbox(self, global_pos: QPoint) -> bool:
        view = self.inbox.view
        if not self.inbox_dock.isVisible() or not view.isVisible():
            return False
        return view.rect().contains(view.mapFromGlobal(global_pos))

    # --- files dropped on the window -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.files.drag_entered(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.dropped(event)

    # --- layout and closing ----------------------------------------------------------------

    def _restore_layout(self) -> None:
        self.docks.restore_geometry()
        self.referrals_action.setChecked(window_settings.REFERRAL_LINES.get())

    def save_layout(self) -> None:
        self.docks.save()
        window_settings.REFERRAL_LINES.set(self.referrals_action.isChecked())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Open editors with typed changes: one question for all of them (Keep editing stays).
        # Imported here: the editors' module (and its drafts store) is not needed to draw the
        # first window, and any editor that is open has imported it already.
        from networkdesk.ui.views.unsaved_changes import ask_before_quit

        if not ask_before_quit(self):
            event.ignore()
            return
        self.save_layout()
        self.backups.stop_and_back_up()
        self.workspace.close()
        super().closeEvent(event)
        self.closed.emit()
