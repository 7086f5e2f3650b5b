"""Starting the desktop app: show the window first, open the database behind it.

Importing SQLAlchemy and opening (maybe migrating) the database costs more than a bare Qt window's
whole start, so the window is shown at once and the database is opened on a worker thread; the
workspace is attached on the GUI thread when it is ready, and every view fills itself from the
`opened`/`changed` signals.
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
from networkdesk.ui.views.main_window import MainWindow

if TYPE_CHECKING:
    from networkdesk.ui.database_opening import Database

log = logging.getLogger(__name__)


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

    opened = Signal(object)
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
            # Warm the imports the first refresh needs while the window paints.
            import networkdesk.services.board
            import networkdesk.services.settings  # noqa: F401
        except Exception as exc:  # an unexpected failure still reaches the window in words
            log.exception("opening the database failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.opened.emit(database)


def open_in_background(window: MainWindow, db: str | None, db_url: str | None) -> _Opener:
    opener = _Opener(window)

    def attach(database: Any) -> None:
        if not window.workspace.is_open:
            window.install_extensions()  # every feature hears `opened`
            window.workspace.attach(database)

    opener.opened.connect(attach)
    opener.failed.connect(window.show_open_error)
    opener.start(db, db_url)
    return opener


def run_desktop(db: str | None, db_url: str | None, open_path: str | None) -> int:
    """Show the main window, open the database without blocking it, and return the exit code
    when the window closes."""
    app = ensure_application()
    window = MainWindow(install_extensions=False)
    window.show()
    # The database opens on a worker thread meanwhile; the features are installed once the
    # window has been painted.
    open_in_background(window, db, db_url)
    app.processEvents()
    QTimer.singleShot(0, window.install_extensions)
    if open_path:
        window.open_path(open_path)  # waits for the database
    loop = QEventLoop()
    window.closed.connect(loop.quit)
    app.aboutToQuit.connect(loop.quit)
    code = loop.exec()
    window.deleteLater()
    return int(code)
