"""An external change (another connection: the CLI, a second window) is named by ids when only
contacts changed, and is "everything" otherwise (services/external_changes.py, issue 13 P7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from networkdesk.services import contacts, external_changes, meetings
from networkdesk.services.changes import CONTACTS


def _two_connections(db_path: Path, open_fresh_db: Callable[[Path], Any]) -> tuple[Any, Any]:
    window = open_fresh_db(db_path)
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    return window, open_database(sqlite_location(db_path))


def _look(db: Any, before: external_changes.Picture | None) -> tuple[Any, Any]:
    with db.reading() as session:
        return external_changes.changes_since(session, before)


def test_edit_move_and_add_from_another_connection_are_named(
    db_path: Path, open_fresh_db: Callable[[Path], Any]
) -> None:
    window, cli = _two_connections(db_path, open_fresh_db)
    try:
        with cli.transaction() as s:
            cy = contacts.add(s, "Cy").id  # first: not the last change seen
            ana = contacts.add(s, "Ana", ring=3).id
            bo = contacts.add(s, "Bo").id
        first, picture = _look(window, None)
        assert first.everything  # nothing seen yet

        with cli.transaction() as s:
            contacts.move(s, ana, 1, 0.5)
            contacts.edit(s, bo, title="Engineer")
            new = contacts.add(s, "Dee").id
        changes, picture = _look(window, picture)
        assert not changes.everything
        assert set(changes) == {CONTACTS}
        assert changes.created_ids(CONTACTS) == {new}
        # The rows changed since the last look, and the one last seen (named again: harmless).
        assert {ana, bo} <= changes.updated_ids(CONTACTS)
        assert cy not in changes.updated_ids(CONTACTS)
    finally:
        cli.close()
        window.close()


def test_a_delete_or_another_table_reloads_everything(
    db_path: Path, open_fresh_db: Callable[[Path], Any]
) -> None:
    window, cli = _two_connections(db_path, open_fresh_db)
    try:
        with cli.transaction() as s:
            ana = contacts.add(s, "Ana").id
            bo = contacts.add(s, "Bo").id
        _, picture = _look(window, None)

        with cli.transaction() as s:
            contacts.delete(s, bo)
        changes, picture = _look(window, picture)
        assert changes.everything

        with cli.transaction() as s:
            meetings.add(s, ana, dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC))
        changes, picture = _look(window, picture)
        assert changes.everything
    finally:
        cli.close()
        window.close()


def test_own_creations_are_not_announced_as_someone_elses(
    db_path: Path, open_fresh_db: Callable[[Path], Any]
) -> None:
    window, cli = _two_connections(db_path, open_fresh_db)
    try:
        with window.transaction() as s:
            contacts.add(s, "Ana")
        _, picture = _look(window, None)
        with window.transaction() as s:
            own = contacts.add(s, "Own").id
        picture = picture.after_own_write(created=1, deleted=0, max_id=own)
        with cli.transaction() as s:
            theirs = contacts.add(s, "Theirs").id
        changes, _ = _look(window, picture)
        assert not changes.everything
        assert changes.created_ids(CONTACTS) == {theirs}
    finally:
        cli.close()
        window.close()
