"""A whole LinkedIn archive import (contacts, interactions, stages, targets) is one undo step:
undone to the state before, redone to the state after with the same ids; no QApplication."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.linkedin_export import members_2024, write_zip
from networkdesk.services import companies, contacts
from networkdesk.services.changes import COMPANIES, CONTACTS, INTERACTIONS
from networkdesk.services.history import History
from networkdesk.services.importing import archive_import
from networkdesk.services.records.imported import import_archive

# Written at the time of the write (redo is a new write): masked when comparing states.
WRITE_TIMES = {"created_at", "moved_at", "changed_at"}


def _masked(rows: dict[str, list[tuple[Any, ...]]], db_path: Path) -> Any:
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        out = {}
        for table, values in rows.items():
            names = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]
            out[table] = sorted(
                (
                    tuple("*" if n in WRITE_TIMES else v for n, v in zip(names, row, strict=True))
                    for row in values
                ),
                key=repr,
            )
        return out
    finally:
        connection.close()


def test_an_archive_import_is_undone_fully_and_redone(
    db: Any, db_path: Path, tmp_path: Path, history: History, state: Callable[..., Any]
) -> None:
    with db.transaction() as s:
        contacts.add(s, "Someone Already Here")
        companies.get_or_create(s, "Globex")  # followed: marked as a target, unmarked by undo
    before = state()
    archive = archive_import.read(write_zip(tmp_path / "export.zip", members_2024()))
    record = history.apply(lambda s: import_archive(s, archive, targets_from_follows=True))
    assert record is not None
    assert record.changes.created_ids(INTERACTIONS) == set(record.outcome.written.interaction_ids)
    assert len(record.changes.created_ids(INTERACTIONS)) == 5
    assert len(record.changes.created_ids(CONTACTS)) == 4
    assert record.changes.updated_ids(COMPANIES)
    assert history.undo_label == "Import export.zip"
    after = state()

    undone = history.undo()
    assert undone.deleted_ids(INTERACTIONS) == record.changes.created_ids(INTERACTIONS)
    assert state() == before
    redone = history.redo()
    assert redone.created_ids(CONTACTS) == record.changes.created_ids(CONTACTS)
    assert redone.created_ids(INTERACTIONS) == record.changes.created_ids(INTERACTIONS)
    assert _masked(state(), db_path) == _masked(after, db_path)
