"""Opening the database on a worker thread (issue 13, P1): SQLAlchemy's import, opening (maybe
migrating) the database and reading what the first paint shows (`services.start_snapshot`), in
one go. Qt-free: the window's opener (`ui.application`) picks the result up on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from networkdesk.services.start_snapshot import StartSnapshot
    from networkdesk.ui.database_opening import Database

log = logging.getLogger(__name__)


class PendingOpening:
    """The database (and its start snapshot) being opened on a worker thread."""

    def __init__(self, db: str | None, db_url: str | None) -> None:
        self.database: Database | None = None
        #: What the first paint shows; None when it could not be read (the views then read
        #: their own data when the workspace opens).
        self.start: StartSnapshot | None = None
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

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the opening is over (tests); False on timeout."""
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
        self.start = _read_start(database)
        self.database = database


def _read_start(database: Database) -> StartSnapshot | None:
    try:
        from networkdesk.services.start_snapshot import read_start

        with database.reading() as session:
            return read_start(session, database.data_version)
    except Exception:
        log.exception("reading the start snapshot failed")
        return None
