"""What another process changed, said with ids, so the window updates only those rows (issue 13).

The window notices a commit from elsewhere (a `networkdesk contact move` from the command line,
a second instance) by SQLite's data_version; it cannot know what was written. `look` reads a
small picture of the database: the contacts' count, largest id and latest `updated_at` (the
services set it on every edit of a contact, its e-mails, phones, tags or ring), and one
fingerprint per other table (row count, largest rowid, latest `updated_at` where there is one;
the small settings table whole). `changes_since` compares the picture the window last saw with
the database now: when only contacts changed in place or were added it names them (the rows
whose `updated_at` is not older than the last one seen); when anything else differs, a contact
was deleted, or nothing visible changed, it says "everything" and every view reloads, as before.
Each query scans in SQLite alone and returns a few rows: milliseconds at 30,000 contacts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from networkdesk.services.changes import CONTACTS, Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Rows that only change together with their contact's updated_at: a move writes its ring history,
# an edit its e-mails, phones and tags. Their own counts would turn every such change into
# "everything".
_FOLLOW_THEIR_CONTACT = frozenset(
    {"contacts", "ring_moves", "contact_emails", "contact_phones", "contact_tags"}
)
# Read whole: a few rows that change what every view shows (ring names, intervals).
_READ_WHOLE = frozenset({"settings"})


@dataclass(frozen=True)
class Picture:
    """What the window last saw: contacts' count, largest id, latest change; other tables."""

    count: int
    max_id: int
    latest: Any
    others: tuple[tuple[Any, ...], ...]

    def after_own_write(self, created: int, deleted: int, max_id: int) -> Picture:
        """The picture after this window created and deleted contacts (so that its own rows do
        not read as another process's). Its own edits need nothing: rows changed since `latest`
        are named again at the next comparison, one harmless reload of rows already shown."""
        return replace(self, count=self.count + created - deleted, max_id=max(self.max_id, max_id))


#: Runs one SQL statement with its parameters and returns every row as a tuple: a session's
#: connection (`_session_rows`), or a plain sqlite3 connection (the desktop start's raw read,
#: services/start_read.py, before SQLAlchemy is loaded).
Rows = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


def _session_rows(session: Session) -> Rows:
    connection = session.connection()
    return lambda sql, params: [tuple(row) for row in connection.exec_driver_sql(sql, params)]


def sqlite_rows(connection: sqlite3.Connection) -> Rows:
    return lambda sql, params: connection.execute(sql, params).fetchall()


def look(session: Session) -> Picture:
    return look_with(_session_rows(session))


def look_with(rows: Rows) -> Picture:
    """The picture, read through `rows` (all in the caller's one read transaction)."""
    ((count, max_id, latest),) = rows(
        "SELECT count(*), coalesce(max(id), 0), max(updated_at) FROM contacts", ()
    )
    return Picture(int(count), int(max_id), latest, _others(rows))


def after_own_write(
    session: Session, picture: Picture, *, created: int, deleted: int, max_id: int
) -> Picture:
    """The picture after this window's own write to contacts: their count and largest id
    followed, and the other tables read again. (Editing a contact also raises the calendar
    sequence of its meetings and follow-ups; without this, the next change from another
    process would read as "everything".) The other tables are small: a few milliseconds."""
    return replace(
        picture.after_own_write(created, deleted, max_id), others=_others(_session_rows(session))
    )


def _others(rows: Rows) -> tuple[tuple[Any, ...], ...]:
    others = []
    tables = [
        name
        for (name,) in rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name",
            (),
        )
    ]
    for table in tables:
        if table in _FOLLOW_THEIR_CONTACT:
            continue
        quoted = '"' + table.replace('"', '""') + '"'
        if table in _READ_WHOLE:
            others.append((table, *rows(f"SELECT * FROM {quoted} ORDER BY 1", ())))
            continue
        columns = {row[1] for row in rows(f"PRAGMA table_info({quoted})", ())}
        latest_column = ", max(updated_at)" if "updated_at" in columns else ""
        (fingerprint,) = rows(f"SELECT count(*), max(rowid){latest_column} FROM {quoted}", ())
        others.append((table, *fingerprint))
    return tuple(others)


def changes_since(session: Session, before: Picture | None) -> tuple[Changes, Picture]:
    """What changed since `before` (None: not known, everything), and the picture now."""
    after = look(session)
    if before is None or before.others != after.others:
        return Changes.everything_changed(), after
    if before.latest is None and before.count:
        return Changes.everything_changed(), after  # contacts without a time: cannot tell
    # From an empty table every row is new; else the rows changed since the last one seen.
    since = "" if before.latest is None else before.latest
    ids = set(
        session.connection()
        .exec_driver_sql("SELECT id FROM contacts WHERE updated_at >= ?", (since,))
        .scalars()
    )
    created = {cid for cid in ids if cid > before.max_id}
    if after.count != before.count + len(created) or not ids:
        # A contact was deleted (or ids were reused), or the change is not one this picture
        # shows: reload rather than miss it.
        return Changes.everything_changed(), after
    return Changes.of(
        CONTACTS, created={CONTACTS: created}, updated={CONTACTS: ids - created}
    ), after
