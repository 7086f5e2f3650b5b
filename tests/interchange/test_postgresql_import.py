"""Imports and the archive on PostgreSQL: bulk inserts with explicit ids must leave the id
sequences past them (the next ordinary insert must not collide), and the fast SQLite-only path
must fall back to plain Core inserts.

Runs on the throwaway cluster of tests/helpers/postgres.py; skipped, with the reason,
when the server binaries or the psycopg driver are missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from networkdesk.interchange import linkedin, vcard
from networkdesk.services import archive, contacts, importing
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import location_from_url


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = open_database(location_from_url(pg_url))
    try:
        yield db
    finally:
        db.close()


def test_import_reimport_undo_and_then_ordinary_inserts(pg_db: Database, data_dir: Path) -> None:
    with pg_db.transaction() as session:
        first = importing.import_records(
            session, linkedin.parse(data_dir / "linkedin_connections.csv")
        )
    assert first.plan.summary() == "created 6, updated 0, skipped 2"
    with pg_db.transaction() as session:
        again = importing.import_records(
            session, linkedin.parse(data_dir / "linkedin_connections_newer.csv")
        )
        assert again.plan.summary() == "created 0, updated 3, unchanged 3, skipped 2"
        # Ordinary ORM inserts after the bulk ones: the sequences must be past the ids used.
        new = contacts.add(
            session, "After Import", company="Another Co", emails=["a@example.com"], tag_names=["x"]
        )
        assert new.id > max(first.created_contact_ids)
    with pg_db.transaction() as session:
        importing.undo_import(session, again)
        pending = importing.pending_changes(session)
        assert pending == []
    with pg_db.transaction() as session:
        outcome = importing.import_records(
            session, vcard.parse(data_dir / "contacts_v30_apple.vcf")
        )
        ann = contacts.get(session, outcome.created_contact_ids[0])
        assert ann.photo == (data_dir / "pixel.png").read_bytes()
        assert [e.label for e in ann.emails] == ["other", "work"]


def test_archive_from_sqlite_into_postgresql(pg_db: Database, db: Any, data_dir: Path) -> None:
    with db.transaction() as session:
        importing.import_records(session, vcard.parse(data_dir / "contacts_v21.vcf"), ring=2)
        data = archive.export_archive(session)
    with pg_db.transaction() as session:
        counts = archive.import_archive(session, data)
        assert counts["contacts"] == 2
    with pg_db.transaction() as session:
        added = contacts.add(session, "Next One", ring=1)  # ids and ring history continue
        assert added.id == 3
        assert len(contacts.ring_history(session, added.id)) == 1
    with pg_db.reading() as session:
        copy = archive.export_archive(session)
    for name in ("contacts", "ring_moves", "contact_emails", "contact_phones"):
        assert copy["tables"][name][: len(data["tables"][name])] == data["tables"][name], name
