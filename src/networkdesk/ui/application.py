"""Starting the desktop app: the window with its data first, the database opened behind it.

Importing SQLAlchemy and opening (maybe migrating) the database costs more than a bare Qt window's
whole start, so the first paint needs neither: for a file whose schema is current, its data (the
board, the table's and the inbox's first rows, the counts) is read raw with sqlite3 before Qt
is imported (`services.start_read`, `ui.pending_opening`), the window's modules import no ORM,
and the window shows that snapshot as soon as it is shown (`Workspace.show_start`). After that
paint a worker thread reads every row in the same transaction (`Workspace.complete_start`),
then imports the ORM and opens the database; the workspace is attached when it is open (a
write asked for before waits for it), after which the other features install and the other
views load (`Workspace.attach`, then `finish_opening`). Where there is no raw start (a server,
an older schema to migrate, a new file), the snapshot is read through the ORM once the
database is open and shown then.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from networkdesk import APP_ID, APP_NAME
from networkdesk.ui import style
from networkdesk.ui.freed_memory import return_freed_memory
from networkdesk.ui.icons import app_icon
from networkdesk.ui.pending_opening import PendingOpening
from networkdesk.ui.pyside_imports import forget_source_lines
from networkdesk.ui.views.main_window import MainWindow

if TYPE_CHECKING:
    from networkdesk.ui.database_opening import Database

log = logging.getLogger(__name__)

#: The features the first paint shows (the contacts table's dock; it needs no ORM); the others
#: are installed after it.
FIRST_PAINT_FEATURES = ("contacts",)


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
    """Hands a `PendingOpening`'s result to the GUI thread through queued signals."""

    #: The raw start snapshot, before the database is open (StartSnapshot)
    startRead = Signal(object)
    #: The raw start snapshot with every row (it held the table's first rows only)
    startRows = Signal(object)
    #: (Database, StartSnapshot or None when the snapshot could not be read)
    opened = Signal(object, object)
    failed = Signal(str)

    def start(self, pending: PendingOpening) -> None:
        self.pending = pending
        # Emitted from the worker thread: the slots run on the GUI thread.
        if not pending.when_start_read(self.startRead.emit):
            snapshot = pending.raw_snapshot  # read before Qt was imported (app.py)
            if snapshot is not None:
                QTimer.singleShot(0, lambda: self.startRead.emit(snapshot))
        pending.when_rows_read(self.startRows.emit)
        pending.shown()  # (the opener starts once the window is shown)
        if not pending.when_done(self._report):
            QTimer.singleShot(0, self._report)  # over already (opened while Qt started)

    def _report(self) -> None:
        pending = self.pending
        if pending.database is None:
            self.failed.emit(pending.error or "the database could not be opened")
        else:
            self.opened.emit(pending.database, pending.start)


def open_in_background(
    window: MainWindow,
    db: str | None,
    db_url: str | None,
    pending: PendingOpening | None = None,
) -> _Opener:
    """Open the database on a worker thread (`pending`, when the opening began already) and
    attach the window to it when it is open."""
    opener = _Opener(window)

    def finish_opening() -> None:
        window.install_extensions()  # every feature hears `opened`
        window.workspace.finish_opening()
        QTimer.singleShot(0, collect_after_opening)

    later = QTimer(opener)
    later.setSingleShot(True)
    later.setInterval(0)
    later.timeout.connect(finish_opening)

    def await_db() -> Database | None:
        # A write asked for while the start data is shown: the opening is a moment away.
        opener.pending.wait()
        return opener.pending.database

    def show_start(start: Any) -> None:
        workspace = window.workspace
        if workspace.is_open or workspace.start is not None:
            opener.pending.painted()
            return
        try:
            window.install_extensions(only=FIRST_PAINT_FEATURES)
            path = opener.pending.start_path
            workspace.show_start(start, await_db, path.name if path is not None else "")
            paint_now(window)
        finally:
            opener.pending.painted()  # the worker goes on to import the ORM

    def attach(database: Any, start: Any) -> None:
        workspace = window.workspace
        if workspace.is_open and workspace.start is None:
            return  # attached already
        if start is None:  # the views read their own data when the workspace opens
            window.install_extensions()
            workspace.attach(database)
            return
        shown = start is workspace.start  # the raw start, painted already
        window.install_extensions(only=FIRST_PAINT_FEATURES)
        workspace.attach(database, start)
        if not shown:
            paint_now(window)  # the snapshot
        # The other features and views load on the next turn of the event loop, after the
        # events already waiting (input, and timers already due: a QTimer.singleShot(0) would
        # be a posted call that runs before them).
        later.start()

    opener.startRead.connect(show_start)
    opener.startRows.connect(window.workspace.complete_start)
    opener.opened.connect(attach)
    opener.failed.connect(window.show_open_error)
    opener.failed.connect(lambda _text: window.install_extensions())
    # Started once the window is shown: begun earlier, the worker's imports compete with the
    # window's own for the interpreter and the window shows about a second later (measured).
    opener.start(pending or PendingOpening(db, db_url, raw_start=True))
    return opener


def paint_now(window: QWidget) -> None:
    """Paint `window` at once with its layouts up to date: texts the snapshot just set (the
    inbox's heading wrapping to two lines, the status line) change sizes, and a repaint
    before the posted layout requests are handled drew them clipped for a frame."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    window.repaint()


def collect_after_opening() -> None:
    """One full pass of the cyclic collector once the window has opened, while it finishes
    loading (issue 13, P7).

    CPython runs a full pass (~100 ms with the window loaded at 30,000 contacts) once the
    objects that survived since the last one reach a quarter of those that survived it. The
    last one ran early in the start, when far fewer objects lived, so the first changes the
    user made tipped it over and stalled (bench_stall: 95-105 ms inside a drag or a command's
    change picked up, in two runs of three). Taken here, the next one needs a quarter of the
    whole loaded window to survive first, which changes rarely reach. What it freed (and what
    the opening freed) goes back to the system (P6, ui/freed_memory.py)."""
    gc.collect()
    return_freed_memory()


def run_desktop(
    db: str | None,
    db_url: str | None,
    open_path: str | None,
    pending: PendingOpening | None = None,
) -> int:
    """Show the main window, open the database without blocking it (`pending`: begun already,
    app.py), and return the exit code when the window closes."""
    app = ensure_application()
    window = MainWindow(install_extensions=False)
    window.show()
    # The database opens on a worker thread meanwhile; the features the first paint shows are
    # installed once the window has been painted, the others after that first paint.
    open_in_background(window, db, db_url, pending)
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
