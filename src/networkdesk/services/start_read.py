"""The desktop start's first paint read straight from the SQLite file, before SQLAlchemy is loaded
(issue 13, P1).

Importing SQLAlchemy and the models costs about 0.3 s, twice a bare Qt window's whole start, and
the first paint needs none of it: the placed contacts and their referral links, the ring names,
the counts per ring, and the first rows of the contacts table and of the inbox (`HEAD_ROWS`, a
few screens; the rest are counted and drawn blank) are a handful of small queries (~25 ms at
30,000 contacts). This module runs them with the standard library's sqlite3 in one read
transaction and returns the `StartSnapshot` the ORM's `start_snapshot.read_start` would
(tests/unit/test_start_read.py compares the two on the same file). After the first paint,
`RawStart.read_rest` reads every row in the same transaction; then the ORM is imported and the
database opened properly (ui/pending_opening.py).

It only reads a file whose schema is this version's (`alembic_version` at the shipped head):
anything else (a missing or empty file, an older schema that needs its migration first, a file
that is not networkdesk's, a read error) returns None, and the start reads through the ORM after
opening as before. The board's readiness badge is not read here (it needs the domain's rules
over several tables); the board asks for it once the database is open.

The connection stays open and is handed to the database as its data_version watch: the version
read before the snapshot is only comparable on that same connection (external changes).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from networkdesk.services import external_changes, settings
from networkdesk.services.board_node import BoardNode, nodes_from_rows
from networkdesk.services.contact_columns import ContactColumns
from networkdesk.services.inbox_columns import InboxColumns
from networkdesk.services.start_snapshot import StartSnapshot
from networkdesk.storage.schema_revisions import head_revision

log = logging.getLogger(__name__)

#: The rows of the contacts table, as services.contact_rows.table_rows reads them: every
#: contact by folded name then id, its company's name, last meeting and next open follow-up. The
#: table is scanned in rowid order and sorted in memory (NOT INDEXED: see contact_rows).
TABLE_ROWS = """
SELECT contacts.id, contacts.name, companies.name, contacts.title, contacts.ring,
       contacts.stage, last.last_meeting, upcoming.next_followup, contacts.search_text
FROM contacts NOT INDEXED
LEFT OUTER JOIN companies ON companies.id = contacts.company_id
LEFT OUTER JOIN (SELECT contact_id, max(start) AS last_meeting FROM meetings
                 GROUP BY contact_id) AS last ON last.contact_id = contacts.id
LEFT OUTER JOIN (SELECT contact_id, min(due) AS next_followup FROM followups
                 WHERE done_at IS NULL GROUP BY contact_id) AS upcoming
                ON upcoming.contact_id = contacts.id
ORDER BY contacts.name_key, contacts.id
"""

#: The first rows of the table, walking the name's index: what the first paint shows of it
#: (`HEAD_ROWS`, a few screens); the rest is read after that paint (`RawStart.read_rest`).
TABLE_HEAD = TABLE_ROWS.replace("FROM contacts NOT INDEXED", "FROM contacts") + "LIMIT ?\n"
HEAD_ROWS = 300

RING_COUNTS = "SELECT ring, count(*) FROM contacts GROUP BY ring"

#: The inbox's newest entries (services.board.inbox_entries), from the ring index.
INBOX_HEAD = """
SELECT contacts.id, contacts.name, companies.name, contacts.title
FROM contacts LEFT OUTER JOIN companies ON companies.id = contacts.company_id
WHERE contacts.ring IS NULL ORDER BY contacts.id DESC LIMIT ?
"""

PLACED = """
SELECT contacts.id, contacts.name, contacts.ring, contacts.angle, contacts.stage,
       contacts.title, contacts.company_id, companies.name, companies.is_target,
       contacts.photo IS NOT NULL
FROM contacts LEFT OUTER JOIN companies ON companies.id = contacts.company_id
WHERE contacts.ring IS NOT NULL ORDER BY contacts.id
"""

OVERDUE = "SELECT DISTINCT contact_id FROM followups WHERE done_at IS NULL AND due < ?"

PLACED_TAGS = """
SELECT contact_tags.contact_id, tags.name
FROM contact_tags JOIN tags ON tags.id = contact_tags.tag_id
JOIN contacts ON contacts.id = contact_tags.contact_id
WHERE contacts.ring IS NOT NULL
"""

REFERRAL_LINKS = """
SELECT from_contact_id, to_contact_id FROM referrals
WHERE from_contact_id IN (SELECT id FROM contacts WHERE ring IS NOT NULL)
  AND to_contact_id IN (SELECT id FROM contacts WHERE ring IS NOT NULL)
"""

#: The driver's rows taken at a time (services.contact_rows.FETCH_BATCH: the columns grow batch
#: by batch, so every contact's row tuple never exists at once).
FETCH_BATCH = 2_000
#: How long the read waits for a lock. Short: it runs before the window shows, and a file some
#: other writer holds locked (outside WAL, or while recovering) is left to the ORM's opening,
#: which waits on its worker thread as every connection does.
BUSY_TIMEOUT_MS = 200


@dataclass(frozen=True)
class RawStart:
    """The first paint's data and the connection it was read on (the database's watch).

    The snapshot may hold only the table's first rows (`StartSnapshot.complete`): its read
    transaction is then still open, and `read_rest` reads every row in it."""

    snapshot: StartSnapshot
    watch: sqlite3.Connection

    def read_rest(self) -> ContactColumns | None:
        """Every row of the table as of the snapshot, ending its read transaction; None when
        that read failed (the views then read through the ORM)."""
        try:
            return ContactColumns.from_driver_batches(_batches(self.watch, TABLE_ROWS))
        except sqlite3.Error as exc:
            log.warning("reading the contacts table raw failed: %s", exc)
            return None
        finally:
            self.end_read()

    def end_read(self) -> None:
        """End the snapshot's read transaction (if still open)."""
        try:
            if self.watch.in_transaction:
                self.watch.execute("COMMIT")
        except sqlite3.Error:  # a read-only transaction: nothing to lose
            pass


def read_start_raw(path: Path, now: dt.datetime | None = None) -> RawStart | None:
    """The start snapshot of the networkdesk database file at `path`, read with sqlite3; None
    when this file cannot be read that way (see the module's docstring)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        # mode=rw: never create a file here (the ORM's opening creates it 0600, and a first
        # run has nothing to read anyway).
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, check_same_thread=False
        )
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        snapshot = _read(connection, now or dt.datetime.now(dt.UTC))
    except Exception as exc:  # any surprise: the ORM's start reads it instead
        log.info("the raw start read of %s gave way to the ORM's: %s", path, exc)
        snapshot = None
    if snapshot is None:
        connection.close()
        return None
    return RawStart(snapshot, connection)


def _read(connection: sqlite3.Connection, now: dt.datetime) -> StartSnapshot | None:
    connection.isolation_level = None  # transactions are ours (BEGIN / COMMIT)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Asked before the read: a write that lands during it is noticed by the first poll.
    version = int(connection.execute("PRAGMA data_version").fetchone()[0])
    connection.execute("BEGIN")
    snapshot = None
    try:
        if _schema_revision(connection) != head_revision():
            return None
        try:
            picture: external_changes.Picture | None = external_changes.look_with(
                external_changes.sqlite_rows(connection)
            )
        except sqlite3.Error:  # no picture: the first external change reloads everything
            picture = None
        counts: dict[int | None, int] = dict(connection.execute(RING_COUNTS))
        snapshot = StartSnapshot(
            rows=ContactColumns.from_driver_rows(
                connection.execute(TABLE_HEAD, (HEAD_ROWS,)).fetchall()
            ),
            ring_names=_ring_names(connection),
            nodes=_placed_nodes(connection, now),
            links=[(a, b) for a, b in connection.execute(REFERRAL_LINKS)],
            readiness=None,
            data_version=version,
            picture=picture,
            counts=counts,
            inbox_head=InboxColumns.from_driver_rows(connection.execute(INBOX_HEAD, (HEAD_ROWS,))),
        )
        return snapshot
    finally:
        if snapshot is None or snapshot.complete:
            connection.execute("COMMIT")  # else `read_rest` reads the rest in it, then ends it


def _schema_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: not (yet) a networkdesk database
        return None
    return None if row is None else str(row[0])


def _batches(connection: sqlite3.Connection, sql: str) -> Iterator[list[Any]]:
    cursor = connection.execute(sql)
    try:
        while batch := cursor.fetchmany(FETCH_BATCH):
            yield batch
    finally:
        cursor.close()


def _ring_names(connection: sqlite3.Connection) -> list[str]:
    spec = settings.RING_NAMES
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (spec.key,)).fetchone()
    if row is None:
        return spec.from_stored(False, None)
    try:
        value = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    except ValueError:
        value = None  # not JSON: the rule refuses it and the default is shown, as `get` does
    return spec.from_stored(True, value)


def _stored_time(moment: dt.datetime) -> str:
    """A moment as the models store it on SQLite (UTC, `YYYY-MM-DD HH:MM:SS.ffffff`), so that
    text comparison orders it with the stored values (domain.models.UTCDateTime)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _placed_nodes(connection: sqlite3.Connection, now: dt.datetime) -> list[BoardNode]:
    """As services.board.placed_nodes."""
    overdue = {cid for (cid,) in connection.execute(OVERDUE, (_stored_time(now),))}
    tag_map: dict[int, list[str]] = {}
    for cid, tag_name in connection.execute(PLACED_TAGS):
        tag_map.setdefault(cid, []).append(tag_name)
    return nodes_from_rows(connection.execute(PLACED), overdue, tag_map)
