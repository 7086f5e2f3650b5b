"""Fixtures for the Qt-free history tests: a History over a temporary database, and a dump of
the database's rows to compare states before, after, after undo and after redo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from networkdesk.services.history import History

#: Columns that say *when* a row was last written, or which version of a calendar event it is.
#: An undo is a new write: it may move `updated_at` (and a redone deletion's tombstone its
#: `deleted_at`), and it must raise a calendar item's SEQUENCE (a calendar that saw the change
#: takes the restored event as newer), and a row's `version` (revision 0004: another editor that
#: read the row before the undo must see that it moved on). Everything else must read as before.
VOLATILE_COLUMNS = frozenset({"updated_at", "sequence", "deleted_at", "version"})

Rows = dict[str, list[tuple[Any, ...]]]


def rows_of(path: Path, *, skip_tables: frozenset[str] = frozenset()) -> Rows:
    """Every row of every table (volatile columns masked), sorted, keyed by table."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name not in skip_tables and name != "alembic_version"
        ]
        out: Rows = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            out[table] = sorted(
                (
                    tuple(
                        "*" if name in VOLATILE_COLUMNS else value
                        for name, value in zip(names, row, strict=True)
                    )
                    for row in cursor
                ),
                key=repr,
            )
        return out
    finally:
        connection.close()


@pytest.fixture
def history(db: Any) -> History:
    return History(db)


@pytest.fixture
def state(db_path: Path) -> Callable[..., Rows]:
    """`state()` reads the database now (`state(skip_tables=...)` leaves tables out)."""

    def read(skip_tables: frozenset[str] = frozenset()) -> Rows:
        return rows_of(db_path, skip_tables=skip_tables)

    return read
