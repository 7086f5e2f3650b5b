"""Reading off the GUI thread: a read that takes more than a few milliseconds at 30,000 contacts
(the day, the funnel, the companies' ring counts) must not block typing or dragging.

Each `request()` queues the read for the one worker thread every view shares, with a new
generation number; only the newest result is delivered (`loaded`, queued to the GUI thread), so a
burst of changes costs one repaint with the latest data. (One long-lived worker: starting a
thread per read makes the GUI thread wait until the new thread runs, and reads one after another
compete less for the GIL.) A database held in memory (tests, `--db :memory:`) shares one
connection, so it is read on the GUI thread instead (and the result is there when `request`
returns); so are all reads while `reads_inline(True)` (the desktop tests: each asserts what a
view shows right after the change it made; tests of the worker path turn it off). The read gets
its own session (`Database.reading`); it must return plain data, not
objects that load more from their session later.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from networkdesk.ui.freed_memory import return_freed_memory

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.database_opening import Database


class HasDatabase(Protocol):
    """What a read needs of the workspace: its database (None while not open). (A protocol:
    the workspace itself reads external changes through this module.)"""

    @property
    def db(self) -> Database | None: ...


log = logging.getLogger(__name__)

_Job = Callable[[], None]


class _Worker:
    """The one daemon thread that runs every view's reads, in the order they were asked."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job: _Job) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="networkdesk-reads", daemon=True
                )
                self._thread.start()
        self._jobs.put(job)

    def _run(self) -> None:
        while True:
            self._jobs.get()()
            if self._jobs.empty():
                # A burst of reads is over: what they allocated and freed (rows, SQL results)
                # stays resident in this thread's malloc arena otherwise (~5 MB after the
                # opening at 30,000 contacts). Here, on this thread, it costs the GUI nothing.
                return_freed_memory()


_WORKER = _Worker()
_INLINE = False


def reads_inline(inline: bool) -> None:
    """Run every read on the calling thread (True) or on the worker (False, the default)."""
    global _INLINE
    _INLINE = inline


class BackgroundRead(QObject):
    #: The newest result (on the GUI thread).
    loaded = Signal(object)
    #: A read failed: what to tell the user.
    failed = Signal(str)
    _finished = Signal(int, object, str)

    def __init__(
        self,
        workspace: HasDatabase,
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
        self._pending: list[threading.Event] = []
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return any(not done.is_set() for done in self._pending)

    def request(self, read: Callable[[Session], Any] | None = None) -> None:
        """Read (with `read` instead of the usual read, for this once) and deliver it."""
        db = self.workspace.db
        if db is None:
            return
        self._generation += 1
        generation = self._generation
        work = read or self._read
        if db.path is None or _INLINE:
            self._run(generation, work)
            return
        done = threading.Event()
        self._pending = [e for e in self._pending if not e.is_set()] + [done]

        def job() -> None:
            try:
                if generation == self._generation:  # else a newer read is queued behind
                    self._run(generation, work)
            finally:
                done.set()

        _WORKER.submit(job)

    def cancel(self) -> None:
        """Drop the result of a read under way (the view just read newer data itself)."""
        self._generation += 1

    def _run(self, generation: int, read: Callable[[Session], Any]) -> None:
        db = self.workspace.db
        if db is None:
            return
        try:
            with db.reading() as session:
                result = read(session)
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
        for done in list(self._pending):
            done.wait(timeout)
        self._pending = [e for e in self._pending if not e.is_set()]


class PatchReads(QObject):
    """Reads the rows of changed ids off the GUI thread, for a view that patches them in.

    The ids of changes not read yet are gathered, so the newest read covers all of them (a read
    superseded by a newer one is dropped without losing its ids). `loaded` carries the ids read
    and what `read_ids` returned for them; a view's full reload on the GUI thread calls
    `cancel()`, which drops what was asked before it.
    """

    loaded = Signal(object, object)
    failed = Signal(str)

    def __init__(
        self,
        workspace: HasDatabase,
        read_ids: Callable[[Session, frozenset[int]], Any],
        parent: QObject | None = None,
        *,
        name: str = "networkdesk-patch",
    ) -> None:
        super().__init__(parent)
        self._read_ids = read_ids
        self._pending: set[int] = set()
        self.reader = BackgroundRead(workspace, lambda _s: None, self, name=name)
        self.reader.loaded.connect(self._deliver)
        self.reader.failed.connect(self.failed)

    def request(self, ids: frozenset[int]) -> None:
        self._pending |= ids
        wanted = frozenset(self._pending)
        read_ids = self._read_ids
        self.reader.request(lambda session: (wanted, read_ids(session, wanted)))

    def cancel(self) -> None:
        self._pending.clear()
        self.reader.cancel()

    def _deliver(self, result: tuple[frozenset[int], Any]) -> None:
        ids, rows = result
        self._pending -= ids
        self.loaded.emit(ids, rows)
