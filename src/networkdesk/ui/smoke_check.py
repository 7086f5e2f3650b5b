"""Open the main window, wait for its database, close it: a check that an installed or bundled
networkdesk starts, used by the packaging tests where no test code can run inside the process.

Armed by the environment variable NETWORKDESK_SMOKE_CLOSE_MS (milliseconds to keep the window
open once its database is open). Each step is printed to stdout for the test to read:

    smoke: window shown
    smoke: database open
    smoke: closing window

If the window or the database does not appear within NETWORKDESK_SMOKE_TIMEOUT_MS (default
60,000), the app exits with code 3 and says which step was missing.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

CLOSE_ENV = "NETWORKDESK_SMOKE_CLOSE_MS"
TIMEOUT_ENV = "NETWORKDESK_SMOKE_TIMEOUT_MS"
MAIN_WINDOW_NAME = "mainWindow"
POLL_MS = 50
EXIT_TIMED_OUT = 3


def _say(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def _main_window() -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == MAIN_WINDOW_NAME and widget.isVisible():
            return widget
    return None


def _database_open(window: QWidget) -> bool:
    """True once the window's Workspace has its database (or if the window has no Workspace)."""
    from networkdesk.ui.workspace import Workspace

    workspaces = [w for w in window.findChildren(QObject) if isinstance(w, Workspace)]
    direct = getattr(window, "workspace", None)
    if isinstance(direct, Workspace):
        workspaces.append(direct)
    if not workspaces:
        return True
    return any(w.is_open for w in workspaces)


class SmokeCheck(QObject):
    def __init__(self, app: QApplication, close_after_ms: int, timeout_ms: int) -> None:
        super().__init__(app)
        self._app = app
        self._close_after_ms = close_after_ms
        self._deadline = time.monotonic() + timeout_ms / 1000
        self._window: QWidget | None = None
        self._db_open = False
        self._closing = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def _step(self) -> None:
        if self._closing:
            return
        if self._window is None:
            self._window = _main_window()
            if self._window is not None:
                _say("window shown")
        if self._window is not None and not self._db_open and _database_open(self._window):
            self._db_open = True
            _say("database open")
            self._closing = True
            QTimer.singleShot(self._close_after_ms, self._close)
            return
        if time.monotonic() > self._deadline:
            missing = "window" if self._window is None else "database"
            _say(f"timed out waiting for the {missing}")
            self._timer.stop()
            self._app.exit(EXIT_TIMED_OUT)

    def _close(self) -> None:
        _say("closing window")
        self._timer.stop()
        if self._window is not None:
            self._window.close()


def arm_from_environment() -> bool:
    """Arm the check when NETWORKDESK_SMOKE_CLOSE_MS is set; creates the QApplication if needed
    (networkdesk's desktop start reuses one that exists)."""
    value = os.environ.get(CLOSE_ENV)
    if not value:
        return False
    try:
        close_after_ms = int(value)
        timeout_ms = int(os.environ.get(TIMEOUT_ENV, "60000"))
    except ValueError:
        print(f"networkdesk: {CLOSE_ENV} and {TIMEOUT_ENV} take milliseconds", file=sys.stderr)
        return False
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    SmokeCheck(app, close_after_ms, timeout_ms)
    return True
