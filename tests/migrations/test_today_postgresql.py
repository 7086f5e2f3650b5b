"""The demo's story and the Today panel's read on PostgreSQL (interactions written in bulk with
explicit ids, the id sequence moved past them, every section of the day filled)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from networkdesk.services import demo, interactions
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import location_from_url
from networkdesk.ui.today.agenda_items import read_today

NOW = dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = open_database(location_from_url(pg_url))
    try:
        yield db
    finally:
        db.close()


def test_demo_story_and_today_on_postgresql(pg_db: Database) -> None:
    with pg_db.transaction() as s:
        summary = demo.generate(s, contacts=300, placed=80, seed=5, today=NOW.date(), now=NOW)
    assert summary.interactions >= 8
    with pg_db.reading() as s:
        view = read_today(s, NOW, dt.UTC)
    assert all(section.items for section in view.sections), [
        section.key for section in view.sections if not section.items
    ]
    assert view.practice_held < view.practice_needed
    with pg_db.transaction() as s:
        new = interactions.add(s, 1, kind="call", direction="in", at=NOW)
    assert new.interaction_id == summary.interactions + 1, "the sequence moved past the demo"
