"""Opening the database for the window (issue 13, P1), in three steps.

1. With `raw_start`, for an SQLite file whose schema is current, what the first paint shows is
   read raw with sqlite3 (`services.start_read`, no SQLAlchemy), on the calling thread before
   it imports Qt: the table's and the inbox's first rows, the counts, the board (~25 ms at
   30,000 contacts). The window takes it (`when_start_read` / `raw_snapshot`) and paints it.
2. On a worker thread, once the window has painted it (`painted()`; without a raw start, once
   it is shown: `shown()`): every row of the table, in the same read transaction
   (`when_rows_read`).
3. Then SQLAlchemy is imported and the database opened (maybe migrated); where there was no
   raw start, the snapshot is read through the ORM (`services.start_snapshot`).

The waits keep the ORM's import (~0.3 s of pure Python) from competing with the window for the
interpreter. Qt-free: the window's opener (`ui.application`) picks the results up on the GUI
thread.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from networkdesk.services.start_read import RawStart
    from networkdesk.services.start_snapshot import StartSnapshot
    from networkdesk.ui.database_opening import Database

log = logging.getLogger(__name__)


#: How long the worker waits for the first paint before it opens the database anyway (a window
#: that never paints, e.g. minimised at start, must not keep the database closed).
PAINT_WAIT_S = 3.0


class PendingOpening:
    """The database (and its start snapshot) being opened on a worker thread."""

    def __init__(self, db: str | None, db_url: str | None, *, raw_start: bool = False) -> None:
        self.database: Database | None = None
        #: What the first paint shows; None when it could not be read (the views then read
        #: their own data when the workspace opens).
        self.start: StartSnapshot | None = None
        #: The file the raw start snapshot was read from (None: no raw start).
        self.start_path: Path | None = None
        #: Why the database could not be opened, in words; None when it was.
        self.error: str | None = None
        self._raw_wanted = raw_start
        self._lock = threading.Lock()
        self._done = False
        self._callbacks: list[Callable[[], None]] = []
        self._start_over = False  # the raw read returned (with a snapshot or not)
        self._start_callbacks: list[Callable[[StartSnapshot], None]] = []
        self._rows_over = False  # the rest of a raw start's rows was read (or was not needed)
        self._rows_callbacks: list[Callable[[StartSnapshot], None]] = []
        # When the ORM may be imported (see `_open`).
        self._shown = threading.Event()
        self._painted = threading.Event()
        # The first paint's read is a few small queries (~20 ms at 30,000 contacts): done here,
        # before the caller imports Qt, rather than beside those imports, whose long calls
        # into Qt hold the interpreter and kept a worker's read waiting ~150 ms (measured).
        raw = self._raw_start(db, db_url) if raw_start else None
        threading.Thread(
            target=self._run, args=(db, db_url, raw), name="open-database", daemon=True
        ).start()

    @property
    def done(self) -> bool:
        with self._lock:
            return self._done

    def when_done(self, callback: Callable[[], None]) -> bool:
        """Call `callback` on the worker thread once the opening is over; False (and no call)
        when it is over already: the caller reads the result itself."""
        with self._lock:
            if self._done:
                return False
            self._callbacks.append(callback)
            return True

    def when_start_read(self, callback: Callable[[StartSnapshot], None]) -> bool:
        """Call `callback` on the worker thread with the raw start snapshot once it is read
        (not at all when there is none); False when the raw read is over already: the caller
        reads `raw_snapshot` itself."""
        with self._lock:
            if self._start_over:
                return False
            self._start_callbacks.append(callback)
            return True

    @property
    def raw_snapshot(self) -> StartSnapshot | None:
        """The start snapshot read raw, before the database opened (None: none was)."""
        return self.start if self.start_path is not None else None

    def shown(self) -> None:
        """The window is shown: without a raw start, the worker may import the ORM now."""
        self._shown.set()

    def painted(self) -> None:
        """The window painted the raw start snapshot: the worker may import the ORM now."""
        self._shown.set()
        self._painted.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the opening is over (tests, and a write asked for before the database
        was open); False on timeout."""
        self.painted()  # a caller waiting on the GUI thread must not wait for its own paint
        finished = threading.Event()
        if not self.when_done(finished.set):
            return True
        return finished.wait(timeout)

    def _run(self, db: str | None, db_url: str | None, raw: RawStart | None) -> None:
        try:
            self._open(db, db_url, raw)
        finally:
            with self._lock:
                self._done = True
                callbacks, self._callbacks = self._callbacks, []
            for callback in callbacks:
                callback()

    def _open(self, db: str | None, db_url: str | None, raw: RawStart | None) -> None:
        if self._raw_wanted:
            # Not before the window is shown and has painted the raw start: importing the ORM
            # (pure Python, ~0.3 s) meanwhile would compete with both for the interpreter.
            (self._painted if raw is not None else self._shown).wait(PAINT_WAIT_S)
        if raw is not None:
            self._read_rest(raw)
        try:
            from networkdesk.domain.errors import NetworkdeskError
            from networkdesk.ui.database_opening import open_for_window

            try:
                with _yielding_often():
                    database = open_for_window(db, db_url)
            except NetworkdeskError as exc:
                self.error = str(exc)
                return
        except Exception as exc:  # an unexpected failure still reaches the window in words
            log.exception("opening the database failed")
            self.error = f"{type(exc).__name__}: {exc}"
            return
        finally:
            if raw is not None and self.error is not None:
                raw.watch.close()
        if raw is not None:
            # The snapshot's data_version was read on this connection: polling goes on with it.
            database.adopt_watch(raw.watch)
        else:
            self.start = _read_start(database)
        self.database = database

    def _read_rest(self, raw: RawStart) -> None:
        """After the first paint of the table's first rows: every row, handed over
        (`when_rows_read`) before the ORM is imported. Where that read fails, the start stays
        incomplete and the views read through the ORM when the opening ends."""
        rows = None
        try:
            if not raw.snapshot.complete:
                with _yielding_often():
                    rows = raw.read_rest()
                if rows is not None:
                    self.start = raw.snapshot.completed(rows)
        except Exception:
            log.exception("reading the rest of the start raw failed")
        finally:
            raw.end_read()
            with self._lock:
                self._rows_over = True
                callbacks, self._rows_callbacks = self._rows_callbacks, []
        start = self.start
        if rows is not None and start is not None:
            for callback in callbacks:
                try:
                    callback(start)
                except Exception:
                    log.exception("handing over the start's rows failed")

    def when_rows_read(self, callback: Callable[[StartSnapshot], None]) -> bool:
        """Call `callback` on the worker thread with the completed start snapshot once every
        row is read, when the raw start held only the first (not at all otherwise); False
        when that is over already."""
        with self._lock:
            if self._rows_over:
                return False
            self._rows_callbacks.append(callback)
            return True

    def _raw_start(self, db: str | None, db_url: str | None) -> RawStart | None:
        """Read the first paint raw and hand it over (`when_start_read`); None (and no
        hand-over) when the file cannot be read that way."""
        raw = None
        try:
            from networkdesk.services.start_read import read_start_raw
            from networkdesk.ui.database_opening import sqlite_file

            path = sqlite_file(db, db_url)
            with _yielding_often():
                raw = read_start_raw(path) if path is not None else None
            if raw is not None:
                self.start, self.start_path = raw.snapshot, path
        except Exception:  # the ORM's opening reads the start instead (and reports errors)
            log.exception("the raw start read failed")
        finally:
            with self._lock:
                self._start_over = True
                callbacks, self._start_callbacks = self._start_callbacks, []
        if raw is not None:
            for callback in callbacks:
                try:
                    callback(raw.snapshot)
                except Exception:
                    log.exception("handing over the start snapshot failed")
                    self.painted()
        return raw


#: The interpreter's switch interval while the ORM imports behind a painted window (the default
#: is 5 ms; see `_yielding_often`).
OPENING_SWITCH_INTERVAL_S = 0.0005


@contextlib.contextmanager
def _yielding_often() -> Iterator[None]:
    """Let the GUI thread have the interpreter sooner while this thread imports the ORM.

    Importing SQLAlchemy is ~0.3 s of pure Python. The window, painted already, calls into
    Python for every cell and node it draws and every event it handles; each call waits until
    this thread lets go of the interpreter, by default up to 5 ms, so the window's first
    moments crawled while the import ran (issue 13, P1). A shorter interval costs the import a
    little and the window nothing. (The setting is the process's: put back afterwards.)"""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, OPENING_SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _read_start(database: Database) -> StartSnapshot | None:
    try:
        from networkdesk.services.start_snapshot import read_start

        with database.reading() as session:
            return read_start(session, database.data_version)
    except Exception:
        log.exception("reading the start snapshot failed")
        return None
