"""Reading off the GUI thread: a read that takes more than a few milliseconds at 30,000 contacts
(the day, the funnel, the companies' ring counts) must not block typing or dragging.

Each `request()` starts the read on a worker thread with a new generation number; only the
newest result is delivered (`loaded`, queued to the GUI thread), so a burst of changes costs one
repaint with the latest data. A database held in memory (tests, `--db :memory:`) shares one
connection, so it is read on the GUI thread instead (and the result is there when `request`
returns). The read gets its own session (`Database.reading`); it must return plain data, not
objects that load more from their session later.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)


class BackgroundRead(QObject):
    #: The newest result (on the GUI thread).
    loaded = Signal(object)
    #: A read failed: what to tell the user.
    failed = Signal(str)
    _finished = Signal(int, object, str)

    def __init__(
        self,
        workspace: Workspace,
        read: Callable[[Session], Any],
        parent: QObject | None = None,
        *,
        name: str = "networkdesk-read",
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._read = read
        self._name = name
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
            target=self._run, args=(generation,), name=self._name, daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def cancel(self) -> None:
        """Drop the result of a read under way (the view just read newer data itself)."""
        self._generation += 1

    def _run(self, generation: int) -> None:
        db = self.workspace.db
        if db is None:
            return
        try:
            with db.reading() as session:
                result = self._read(session)
        except Exception as exc:  # reported on the GUI thread; a stale failure is dropped
            log.warning("%s failed: %s", self._name, exc)
            self._emit(generation, None, f"{type(exc).__name__}: {exc}")
            return
        self._emit(generation, result, "")

    def _emit(self, generation: int, result: object, error: str) -> None:
        try:
            self._finished.emit(generation, result, error)
        except RuntimeError:  # the view was deleted while reading (window closed): nobody waits
            pass

    def _deliver(self, generation: int, result: object, error: str) -> None:
        if generation != self._generation:
            return  # a newer read is under way
        if error:
            self.failed.emit(error)
        else:
            self.loaded.emit(result)

    def wait(self, timeout: float = 30.0) -> None:
        """Let the reads under way finish (window closing, tests)."""
        for thread in list(self._threads):
            thread.join(timeout)
        self._threads = [t for t in self._threads if t.is_alive()]
