"""Revision 0004: versions on editable rows (1 for existing rows), and stored rows scrubbed of
credentials in CalDAV URLs and of deleted people's names in calendar tombstones."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from networkdesk.storage import checks, migrate
from networkdesk.storage.database import Database, make_engine
from networkdesk.storage.paths import sqlite_location

T = "2026-03-02 10:00:00"


def test_upgrade_from_0003_versions_rows_and_scrubs_secrets(tmp_path: Path) -> None:
    location = sqlite_location(tmp_path / "old.db")
    engine = make_engine(location)
    try:
        migrate.upgrade(engine, "0003")
        with engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO contacts (id, name, name_key, uid, stage, search_text,"
                    " created_at, updated_at) VALUES (1, 'Ana', 'ana', 'u1', 'identified', '',"
                    " :t, :t)"
                ),
                {"t": T},
            )
            insert_event = text(
                "INSERT INTO published_events (calendar_key, uid, sequence, published_at)"
                " VALUES (:k, :u, 0, :t)"
            )
            secret_key = "https://ana:hunter2@dav.example.com/dav|ana|Work"
            clean_key = "https://dav.example.com/dav|ana|Work"
            c.execute(insert_event, {"k": secret_key, "u": "e1", "t": T})
            c.execute(insert_event, {"k": secret_key, "u": "e2", "t": T})
            c.execute(insert_event, {"k": clean_key, "u": "e2", "t": T})
            c.execute(
                text(
                    "INSERT INTO calendar_tombstones (uid, sequence, item_kind, summary,"
                    " deleted_at) VALUES ('m1', 1, 'meeting', 'Coffee with Zebulon', :t),"
                    " ('f1', 1, 'followup', 'Follow up with Zebulon', :t)"
                ),
                {"t": T},
            )
        migrate.upgrade(engine)
        with engine.connect() as c:
            assert c.execute(text("SELECT version FROM contacts")).scalars().all() == [1]
            keys = c.execute(text("SELECT calendar_key, uid FROM published_events")).all()
            assert sorted(keys) == [(clean_key, "e1"), (clean_key, "e2")]
            summaries = c.execute(text("SELECT summary FROM calendar_tombstones")).scalars().all()
            assert all("Zebulon" not in s for s in summaries)
    finally:
        engine.dispose()
    db = Database(location, make_engine(location))
    try:
        assert checks.schema_differences(db) == []
    finally:
        db.close()
