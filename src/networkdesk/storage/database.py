"""Engine and sessions. SQLite gets WAL, foreign keys, synchronous=FULL, secure_delete and a busy
timeout; its folder is created 0700 and the file 0600 before SQLite first opens it (personal data).

A unit of work that deleted rows is followed by a TRUNCATE checkpoint: with secure_delete the
database file no longer holds the deleted text, and the checkpoint empties the WAL, which still
had the old pages (it would otherwise keep them for as long as any connection stays open).
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, StaticPool

from networkdesk.domain.errors import StorageError
from networkdesk.domain.models import VersionedMixin
from networkdesk.storage import migrate
from networkdesk.storage.paths import DatabaseLocation

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CHANGE_CHANNEL = "networkdesk_changes"  # revision 0005's triggers NOTIFY on it
T = TypeVar("T")


def prepare_sqlite_file(path: Path) -> None:
    """Create the data folder (0700) and an empty database file (0600) if they are missing.

    Done before SQLite opens the file, so there is never a moment when personal data sits in a
    file other users can read.
    """
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise StorageError(f"cannot create the data folder {folder}: {exc.strerror}") from None
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        except OSError as exc:
            raise StorageError(f"cannot create the database {path}: {exc.strerror}") from None
        os.close(fd)
        os.chmod(path, 0o600)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The pysqlite driver's own transaction handling is disabled so SQLAlchemy's BEGIN is the
    # only one (this is what makes SAVEPOINT and BEGIN IMMEDIATE behave).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Deleted content is overwritten with zeros rather than left in free pages: not left to
        # however the platform's SQLite was built.
        cursor.execute("PRAGMA secure_delete = ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "memory":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


WRITE_OPTION = "networkdesk_write"
DELETED_ROWS = "networkdesk_deleted_rows"


def _note_flush_deletes(session: Session, _context: Any) -> None:
    if session.deleted:
        session.info[DELETED_ROWS] = True


BUMPED = "networkdesk_bumped_versions"


def _bump_versions(session: Session, _context: Any, _instances: Any) -> None:
    # A changed versioned row gets version + 1 once per transaction, however many flushes the
    # service needed (an add writes, then fills its search text). Collections (a contact's
    # meetings list growing) are not the row's own fields and do not count.
    bumped: set[int] = session.info.setdefault(BUMPED, set())
    for instance in session.new:
        bumped.add(id(instance))  # inserted at version 1
    for instance in session.dirty:
        if (
            isinstance(instance, VersionedMixin)
            and id(instance) not in bumped
            and session.is_modified(instance, include_collections=False)
        ):
            instance.version = (instance.version or 0) + 1
            bumped.add(id(instance))


def created_here(session: Session, instance: object) -> None:
    """`instance` was inserted by this transaction with a Core statement (INSERT ... ON
    CONFLICT): later changes in the same transaction keep it at version 1, as for ORM inserts."""
    session.info.setdefault(BUMPED, set()).add(id(instance))


def _forget_bumps(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(BUMPED, None)


def _note_bulk_deletes(state: Any) -> None:
    if state.is_delete:
        state.session.info[DELETED_ROWS] = True


def _sqlite_on_begin(connection: Any) -> None:
    # A unit of work that will write takes the write lock up front (BEGIN IMMEDIATE): a deferred
    # transaction that reads and then writes fails at once with "database is locked" when another
    # process committed in between, while IMMEDIATE waits for the busy timeout like any writer.
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(location: DatabaseLocation, **kwargs: Any) -> Engine:
    if location.url.startswith("sqlite"):
        if location.path is not None:
            prepare_sqlite_file(location.path)
            # NullPool: a connection per session. Cheap for SQLite, and no idle connection
            # keeps the WAL from being checkpointed or a restore from replacing the file.
            engine = create_engine(location.url, poolclass=NullPool, **kwargs)
        else:
            engine = create_engine(
                location.url,
                poolclass=StaticPool,
                connect_args={"check_same_thread": False},
                **kwargs,
            )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    try:
        return create_engine(location.url, pool_pre_ping=True, **kwargs)
    except ImportError as exc:  # e.g. postgresql:// without a PostgreSQL driver installed
        raise StorageError(
            f"cannot open {location.describe()}: its database driver is not installed "
            f"({exc.name or exc}); for PostgreSQL: pip install 'psycopg[binary]' and use "
            "postgresql+psycopg://..."
        ) from None


#: PostgreSQL's SQLSTATEs for "try again": serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
RETRIES = 8


#: Unique keys of rows found or created by name (companies, tags). A bulk writer (an import)
#: plans its new companies from what it read; a concurrent writer may create one of the same
#: name before the import inserts it. Running the transaction again reads that company and
#: links to it, which is what the user meant. On PostgreSQL the keys are per owner (revision
#: 0007): only the same login's concurrent writer can have created it.
RACY_UNIQUE_KEYS = frozenset(
    {
        "uq_companies_name_key",
        "uq_tags_name_key",
        "uq_companies_owner_name_key",
        "uq_tags_owner_name_key",
    }
)
UNIQUE_VIOLATION = "23505"


def is_retryable(exc: BaseException) -> bool:
    """A transaction the server rolled back only because of a concurrent one: running it again
    is the documented answer (PostgreSQL serialization failures and deadlocks, and a name
    another writer created first)."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state == UNIQUE_VIOLATION:
        diag = getattr(orig, "diag", None)
        return getattr(diag, "constraint_name", None) in RACY_UNIQUE_KEYS
    return isinstance(state, str) and state in RETRYABLE_SQLSTATES


def retrying(work: Callable[[], T], *, attempts: int = RETRIES) -> T:
    """`work()` again (after a short, growing pause) while it fails with a retryable error."""
    for attempt in range(attempts):
        try:
            return work()
        except SQLAlchemyError as exc:
            if not is_retryable(exc) or attempt == attempts - 1:
                raise
            log.info("retrying after %s", type(getattr(exc, "orig", exc)).__name__)
            time.sleep(0.02 * (2**attempt) * (1 + random.random()))
    raise AssertionError("unreachable")


class Database:
    """An open networkdesk database: engine, session factory and its location."""

    def __init__(self, location: DatabaseLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self._watch: sqlite3.Connection | None = None
        #: Transactions committed through `transaction()`: a command that failed before its
        #: first commit may simply be run again (cli.run does, for retryable errors).
        self.commits = 0
        self._listener: Any = None
        self._notices = 0
        if self.is_sqlite:
            event.listen(self.sessions, "after_flush", _note_flush_deletes)
            event.listen(self.sessions, "do_orm_execute", _note_bulk_deletes)
        event.listen(self.sessions, "before_flush", _bump_versions)
        event.listen(self.sessions, "after_transaction_end", _forget_bumps)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return self.location.path

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls everything back on an error."""
        with self.sessions() as session:
            with session.begin():
                if self.is_sqlite:
                    session.connection(execution_options={WRITE_OPTION: True})
                elif self.engine.dialect.name == "postgresql":
                    # Two writers of one row: the second fails with a serialization error
                    # (and the command runs again, see retrying) instead of writing search text
                    # computed from what it read before the first one committed.
                    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                yield session
            self.commits += 1
            deleted = session.info.pop(DELETED_ROWS, False)
        if deleted:
            self.checkpoint()

    def checkpoint(self) -> bool:
        """Move the WAL into the database file and truncate it (SQLite files only). False when a
        reader in another connection kept it from completing (the next one will)."""
        if not self.is_sqlite or self.path is None:
            return False
        # The driver connection runs in autocommit (see _sqlite_on_connect): no BEGIN of ours
        # around the checkpoint, which a transaction of this very connection would block.
        connection = self.engine.raw_connection()
        try:
            row = connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:  # a busy database: the data is safe, only not scrubbed yet
            log.info("checkpoint skipped: %s", exc)
            return False
        finally:
            connection.close()
        return row is not None and int(row[0]) == 0

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @property
    def notices_changes(self) -> bool:
        """Whether `data_version` follows other writers (an SQLite file, or PostgreSQL through
        LISTEN/NOTIFY)."""
        return self.path is not None or self.engine.dialect.name == "postgresql"

    def _notified_version(self) -> int:
        """PostgreSQL: the number of change notifications received so far (revision 0005's
        triggers send one per committed write), read without a query from a listening
        connection of its own."""
        try:
            if self._listener is None:
                import psycopg

                url = self.engine.url.set(drivername="postgresql")
                self._listener = psycopg.connect(
                    url.render_as_string(hide_password=False), autocommit=True
                )
                self._listener.execute(f"LISTEN {CHANGE_CHANNEL}")
            for _notice in self._listener.notifies(timeout=0):
                self._notices += 1
        except Exception as exc:  # the server went away: report no change, try again later
            log.info("change notifications unavailable: %s", type(exc).__name__)
            self._close_listener()
        return self._notices

    def _close_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (SQLite's data_version,
        PostgreSQL's change notifications), so a window can notice changes made by the CLI,
        another instance or a teammate."""
        if self.engine.dialect.name == "postgresql":
            return self._notified_version()
        if not self.is_sqlite or self.path is None:
            return 0
        # The number is only comparable on one connection: keep a private one for it (the
        # engine's NullPool would hand out a new connection, and a new number, every time).
        if self._watch is None:
            self._watch = sqlite3.connect(str(self.path), check_same_thread=False)
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def adopt_watch(self, connection: sqlite3.Connection) -> None:
        """Use `connection` (to this file, usable from any thread) for `data_version`: the
        desktop start read its first paint on it and took the version there, which only that
        connection can be compared with (services/start_read.py)."""
        if self._watch is not None:
            self._watch.close()
        self._watch = connection

    def close(self) -> None:
        self._close_listener()
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()


def open_database(
    location: DatabaseLocation,
    *,
    backup_before_upgrade: bool = True,
    echo: bool = False,
) -> Database:
    """Open (creating if needed) and upgrade the database to this version's schema.

    An existing database that needs a migration is backed up first.
    """
    engine = make_engine(location, echo=echo)
    upgrading = False
    try:
        if migrate.needs_upgrade(engine):
            upgrading = True
            if (
                backup_before_upgrade
                and location.path is not None
                and migrate.current_revision(engine) is not None
            ):
                from networkdesk.storage import backups

                backups.create_backup(location.path, reason="before-upgrade")
            migrate.upgrade(engine)
    except StorageError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise StorageError(f"cannot open {location.describe()}: {exc.orig}") from None
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise StorageError(f"cannot open {location.describe()}: {exc}") from None
    except SQLAlchemyError as exc:
        engine.dispose()
        if upgrading and _sqlstate(exc) == INSUFFICIENT_PRIVILEGE:
            # A team member's login may read and write rows, not change tables.
            raise StorageError(
                f"cannot open {location.describe()}: its schema needs an upgrade that only its "
                "owner may run (the admin: `networkdesk server init --db-url URL`)"
            ) from None
        raise StorageError(f"cannot open {location.describe()}: {exc}") from None
    return Database(location, engine)


INSUFFICIENT_PRIVILEGE = "42501"


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return state if isinstance(state, str) else None


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
