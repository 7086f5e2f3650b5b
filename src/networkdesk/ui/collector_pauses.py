"""Garbage-collector pauses kept out of the user's way.

CPython's cyclic collector runs a full (generation-2) pass when enough objects have survived
since the last one, and a full pass visits every tracked object the process holds: with 30,000
contacts loaded that is 110-180 ms with the GIL held. The reads that follow any change (run on
the worker thread) allocate enough to trigger one, so every drag or edit froze the window for
that long whichever thread happened to trigger it (measured with benchmarks/bench_stall.py:
each change's longest gap was one full collection).

So once the window has settled after opening and after each change, everything alive is moved
to the collector's permanent generation (`gc.freeze()`, O(1)): later full passes visit only what
was made since, a few milliseconds. Frozen objects are still freed by reference counting; only
cycles among them that become garbage wait, and those are collected in one real full pass when
the user turns away from the window (it loses activation or is minimised), where a pause of a
tenth of a second is not felt. A long session therefore neither stalls nor grows.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from networkdesk.ui.workspace import Workspace

#: How long after a change the window counts as settled: the change's reads have come back
#: from the worker thread and the views have shown them.
SETTLE_MS = 1500

#: How long the user must have been away before the full pass runs. It never runs inside the
#: state change's own signal: that can come while a window is being closed and its widgets
#: destroyed, and collecting their Python wrappers' cycles from within that destruction
#: crashed the process (seen once in the test suite, in gc.collect).
AWAY_MS = 300


def freeze_survivors() -> None:
    """Move every object alive now out of the collector's full passes."""
    gc.freeze()


def collect_everything() -> None:
    """One real full pass over everything, frozen or not, then freeze the survivors again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class CollectorPauses(QObject):
    """Freezes what the window holds once it settles; collects fully when the user is away."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.setInterval(SETTLE_MS)
        self._settled.timeout.connect(freeze_survivors)
        self._away = QTimer(self)
        self._away.setSingleShot(True)
        self._away.setInterval(AWAY_MS)
        self._away.timeout.connect(self._collect_if_away)
        workspace.opened.connect(self._settled.start)
        workspace.changed.connect(self._on_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_state_changed)

    @property
    def pending(self) -> bool:
        """A freeze is due once the current change settles."""
        return self._settled.isActive()

    def _on_changed(self, _changes: object) -> None:
        self._settled.start()  # restarts: a burst of changes freezes once, after the last

    @property
    def collecting_soon(self) -> bool:
        """The user turned away: the full pass runs once the event loop is back at rest."""
        return self._away.isActive()

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._away.stop()  # back before the pass started: nothing to do
        else:
            self._settled.stop()
            self._away.start()

    def _collect_if_away(self) -> None:
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and (
            app.applicationState() == Qt.ApplicationState.ApplicationActive
        ):
            return
        collect_everything()
