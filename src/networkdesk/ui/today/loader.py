"""Reading the day off the GUI thread: at 30,000 contacts `read_today` takes a few hundred
milliseconds, too long to block typing or dragging.

Each `request()` starts a read on a worker thread with a new generation number; only the newest
result is delivered (`loaded`, queued to the GUI thread), so a burst of changes costs one
repaint with the latest data. A database held in memory (tests, `--db :memory:`) shares one
connection, so it is read on the GUI thread instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from networkdesk.ui.today.agenda_items import TodayView, read_today

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)


class TodayLoader(QObject):
    #: A fresh TodayView (on the GUI thread).
    loaded = Signal(object)
    #: A read failed: what to tell the user.
    failed = Signal(str)
    _finished = Signal(int, object, str)

    def __init__(
        self,
        workspace: Workspace,
        read: Callable[[Session], TodayView] = read_today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._read = read
        self._generation = 0
        self._threads: list[threading.Thread] = []
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def request(self) -> None:
        db = self.workspace.db
        if db is None:
            return
        self._generation += 1
        generation = self._generation
        if db.path is None:
            self._run(generation)
            return
        thread = threading.Thread(
            target=self._run, args=(generation,), name="networkdesk-today", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _run(self, generation: int) -> None:
        db = self.workspace.db
        if db is None:
            return
        try:
            with db.reading() as session:
                view = self._read(session)
        except Exception as exc:  # reported on the GUI thread; a stale failure is dropped
            log.warning("reading the Today view failed: %s", exc)
            self._emit(generation, None, f"{type(exc).__name__}: {exc}")
            return
        self._emit(generation, view, "")

    def _emit(self, generation: int, view: TodayView | None, error: str) -> None:
        try:
            self._finished.emit(generation, view, error)
        except RuntimeError:  # the panel was deleted while reading (window closed): nobody waits
            pass

    def _deliver(self, generation: int, view: object, error: str) -> None:
        if generation != self._generation:
            return  # a newer read is under way
        if view is None:
            self.failed.emit(error)
        else:
            self.loaded.emit(view)

    def wait(self, timeout: float = 30.0) -> None:
        """Let the reads under way finish (window closing, tests)."""
        for thread in list(self._threads):
            thread.join(timeout)
        self._threads = [t for t in self._threads if t.is_alive()]
