"""Opening the database on a worker thread (issue 13, P1), in two steps.

First, for an SQLite file whose schema is current, what the first paint shows is read raw with
sqlite3 (`services.start_read`, no SQLAlchemy) and handed over at once (`on_start`); the worker
then waits until the window has painted it (`painted()`), so that importing the ORM does not
compete with that paint for the interpreter. Then SQLAlchemy is imported and the database opened
(maybe migrated); where there was no raw start, the snapshot is read through the ORM
(`services.start_snapshot`). Qt-free: the window's opener (`ui.application`) picks the results
up on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
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

    def __init__(
        self,
        db: str | None,
        db_url: str | None,
        on_start: Callable[[StartSnapshot], None] | None = None,
    ) -> None:
        self.database: Database | None = None
        #: Called on the worker thread with the raw start snapshot, before the ORM is imported
        #: (None: no raw start; the snapshot then comes with the database).
        self._on_start = on_start
        self._painted = threading.Event()
        #: What the first paint shows; None when it could not be read (the views then read
        #: their own data when the workspace opens).
        self.start: StartSnapshot | None = None
        #: The file the raw start snapshot was read from (the window's title names it).
        self.start_path: Path | None = None
        #: Why the database could not be opened, in words; None when it was.
        self.error: str | None = None
        self._lock = threading.Lock()
        self._done = False
        self._callbacks: list[Callable[[], None]] = []
        threading.Thread(
            target=self._run, args=(db, db_url), name="open-database", daemon=True
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

    def painted(self) -> None:
        """The window painted the raw start snapshot: the worker may go on."""
        self._painted.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the opening is over (tests, and a write asked for before the database
        was open); False on timeout."""
        self._painted.set()  # a caller waiting on the GUI thread must not wait for its paint
        finished = threading.Event()
        if not self.when_done(finished.set):
            return True
        return finished.wait(timeout)

    def _run(self, db: str | None, db_url: str | None) -> None:
        try:
            self._open(db, db_url)
        finally:
            with self._lock:
                self._done = True
                callbacks, self._callbacks = self._callbacks, []
            for callback in callbacks:
                callback()

    def _open(self, db: str | None, db_url: str | None) -> None:
        raw = self._raw_start(db, db_url)
        try:
            from networkdesk.domain.errors import NetworkdeskError
            from networkdesk.ui.database_opening import open_for_window

            try:
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

    def _raw_start(self, db: str | None, db_url: str | None) -> RawStart | None:
        """Read the first paint raw and hand it over, then wait for its paint; None (and no
        hand-over) when the file cannot be read that way."""
        if self._on_start is None:
            return None
        try:
            from networkdesk.services.start_read import read_start_raw
            from networkdesk.ui.database_opening import sqlite_file

            path = sqlite_file(db, db_url)
            raw = read_start_raw(path) if path is not None else None
        except Exception:  # the ORM's opening reads the start instead (and reports errors)
            log.exception("the raw start read failed")
            return None
        if raw is None:
            return None
        self.start, self.start_path = raw.snapshot, path
        try:
            self._on_start(raw.snapshot)
        except Exception:
            log.exception("handing over the start snapshot failed")
            self._painted.set()
        self._painted.wait(PAINT_WAIT_S)
        return raw


def _read_start(database: Database) -> StartSnapshot | None:
    try:
        from networkdesk.services.start_snapshot import read_start

        with database.reading() as session:
            return read_start(session, database.data_version)
    except Exception:
        log.exception("reading the start snapshot failed")
        return None
