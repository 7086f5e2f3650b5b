"""A packaging probe, not a feature of the app: open the main window, wait for its database,
close it: a check that an installed or bundled networkdesk starts, used by the packaging tests
where no test code can run inside the process.

Armed by the environment variable NETWORKDESK_SMOKE_CLOSE_MS (milliseconds to keep the window
open once its database is open). Each step is printed to stdout for the test to read:

    smoke: window shown
    smoke: identity: <application name> <desktop file name>
    smoke: window icon drawn            (or: window icon missing)
    smoke: database open
    smoke: closing window

If the window or its database does not appear within NETWORKDESK_SMOKE_TIMEOUT_MS (default
60,000), or the app is still running that long after the window closed, the app exits with
code 3 and says which step was missing.
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
    """Polls for the main window and its database, then closes the window (see module doc)."""

    def __init__(self, app: QApplication, close_after_ms: int, timeout_ms: int) -> None:
        super().__init__(app)
        self._app = app
        self._close_after_ms = close_after_ms
        self._timeout_s = timeout_ms / 1000
        self._deadline = time.monotonic() + self._timeout_s
        self._window: QWidget | None = None
        self._db_open = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def _step(self) -> None:
        if self._window is None:
            self._window = _main_window()
            if self._window is not None:
                _say("window shown")
                self._describe(self._window)
        if self._window is not None and not self._db_open and _database_open(self._window):
            self._db_open = True
            _say("database open")
            QTimer.singleShot(self._close_after_ms, self._close)
        if time.monotonic() > self._deadline:
            if self._closed:
                missing = "the app to quit after its window closed"
            else:
                missing = "the window" if self._window is None else "the database"
            _say(f"timed out waiting for {missing}")
            self._timer.stop()
            self._app.exit(EXIT_TIMED_OUT)

    def _describe(self, window: QWidget) -> None:
        """What the desktop sees of the app: its names and whether its icon can be drawn (an
        SVG icon needs Qt's svg plugins, which a bundle may lack)."""
        _say(f"identity: {self._app.applicationName()} {self._app.desktopFileName()}")
        drawn = not window.windowIcon().pixmap(32, 32).isNull()
        _say("window icon drawn" if drawn else "window icon missing")

    def _close(self) -> None:
        if not self._timer.isActive() or self._closed:
            return  # stopped, or timed out already
        _say("closing window")
        self._closed = True
        # Keep polling: if the app does not quit, the deadline above says so.
        self._deadline = time.monotonic() + self._timeout_s
        if self._window is not None:
            self._window.close()

    def stop(self) -> None:
        """Disarm: nothing is closed from now on."""
        self._timer.stop()


def arm_from_environment() -> SmokeCheck | None:
    """Arm the check when NETWORKDESK_SMOKE_CLOSE_MS is set; creates the QApplication if needed
    (networkdesk's desktop start reuses one that exists)."""
    value = os.environ.get(CLOSE_ENV)
    if not value:
        return None
    try:
        close_after_ms = int(value)
        timeout_ms = int(os.environ.get(TIMEOUT_ENV, "60000"))
    except ValueError:
        print(f"networkdesk: {CLOSE_ENV} and {TIMEOUT_ENV} take milliseconds", file=sys.stderr)
        return None
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return SmokeCheck(app, close_after_ms, timeout_ms)
