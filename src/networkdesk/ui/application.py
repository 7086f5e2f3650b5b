"""Starting the desktop app: show the window first, open the database behind it.

Importing SQLAlchemy and opening (maybe migrating) the database costs more than a bare Qt window's
whole start, so the window is shown at once (its modules import no ORM) and the database is
opened on a worker thread, which also reads what the first paint shows in one read transaction
(`services.start_snapshot`). The workspace is attached on the GUI thread when that is ready: the
board, the inbox and the contacts table show the snapshot, the window paints, and only then do
the other views load (`Workspace.attach` with a start snapshot).
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from networkdesk import APP_ID, APP_NAME
from networkdesk.ui import style
from networkdesk.ui.icons import app_icon
from networkdesk.ui.pyside_imports import forget_source_lines
from networkdesk.ui.views.main_window import MainWindow

if TYPE_CHECKING:
    from networkdesk.services.start_snapshot import StartSnapshot
    from networkdesk.ui.database_opening import Database

log = logging.getLogger(__name__)

#: The features the first paint shows (the contacts table); the others are installed after it.
FIRST_PAINT_FEATURES = ("pipeline",)


def configure_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # No display name: Qt would append it to every title ("networkdesk — x.db — networkdesk").
    app.setDesktopFileName(APP_ID)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    sheet = style.style_sheet()
    if sheet and not app.styleSheet():
        app.setStyleSheet(sheet)


def ensure_application() -> QApplication:
    """The running QApplication (pytest-qt's, for one), or a new one."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    configure_application(app)
    return app


def build_main_window(database: Database | None = None) -> MainWindow:
    """A main window, attached at once to `database` when one is given (tests, scripts)."""
    ensure_application()
    window = MainWindow()
    if database is not None:
        window.workspace.attach(database)
    return window


class _Opener(QObject):
    """Opens the database on a worker thread; reports back through queued signals."""

    #: (Database, StartSnapshot or None when the snapshot could not be read)
    opened = Signal(object, object)
    failed = Signal(str)

    def start(self, db: str | None, db_url: str | None) -> None:
        threading.Thread(
            target=self._run, args=(db, db_url), name="open-database", daemon=True
        ).start()

    def _run(self, db: str | None, db_url: str | None) -> None:
        try:
            from networkdesk.domain.errors import NetworkdeskError
            from networkdesk.ui.database_opening import open_for_window

            try:
                database = open_for_window(db, db_url)
            except NetworkdeskError as exc:
                self.failed.emit(str(exc))
                return
        except Exception as exc:  # an unexpected failure still reaches the window in words
            log.exception("opening the database failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.opened.emit(database, self._read_start(database))

    @staticmethod
    def _read_start(database: Database) -> StartSnapshot | None:
        """What the first paint shows; None when it cannot be read here (the views then read
        their own data when the workspace opens, as without a snapshot)."""
        try:
            from networkdesk.services.start_snapshot import read_start

            with database.reading() as session:
                return read_start(session, database.data_version)
        except Exception:
            log.exception("reading the start snapshot failed")
            return None


def open_in_background(window: MainWindow, db: str | None, db_url: str | None) -> _Opener:
    opener = _Opener(window)

    def finish_opening() -> None:
        window.install_extensions()  # every feature hears `opened`
        window.workspace.finish_opening()

    later = QTimer(opener)
    later.setSingleShot(True)
    later.setInterval(0)
    later.timeout.connect(finish_opening)

    def attach(database: Any, start: Any) -> None:
        if window.workspace.is_open:
            return
        if start is None:  # the views read their own data when the workspace opens
            window.install_extensions()
            window.workspace.attach(database)
            return
        window.install_extensions(only=FIRST_PAINT_FEATURES)
        window.workspace.attach(database, start)
        # Paint the snapshot now; the other features and views load on the next turn of the
        # event loop, after the events already waiting (input, and timers already due: a
        # QTimer.singleShot(0) would be a posted call that runs before them).
        window.repaint()
        later.start()

    opener.opened.connect(attach)
    opener.failed.connect(window.show_open_error)
    opener.failed.connect(lambda _text: window.install_extensions())
    opener.start(db, db_url)
    return opener


def run_desktop(db: str | None, db_url: str | None, open_path: str | None) -> int:
    """Show the main window, open the database without blocking it, and return the exit code
    when the window closes."""
    app = ensure_application()
    window = MainWindow(install_extensions=False)
    window.show()
    # The database opens on a worker thread meanwhile; the features the first paint shows are
    # installed once the window has been painted, the others after that first paint.
    open_in_background(window, db, db_url)
    app.processEvents()
    QTimer.singleShot(0, lambda: window.install_extensions(only=FIRST_PAINT_FEATURES))
    # The start-up's imports are done once the workspace opened: their source lines, read by
    # whatever asked for them, need not stay in memory.
    window.workspace.opened.connect(forget_source_lines)
    if open_path:
        window.open_path(open_path)  # waits for the database
    loop = QEventLoop()
    window.closed.connect(loop.quit)
    app.aboutToQuit.connect(loop.quit)
    code = loop.exec()
    window.deleteLater()
    return int(code)
