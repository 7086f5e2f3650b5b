"""services.demo: realistic, deterministic for a seed and a day, consistent data."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import Contact, FollowUp, Meeting, Referral, RingMove
from networkdesk.services import demo
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import sqlite_location

DAY = dt.date(2026, 3, 14)


def content(path: Path) -> list[tuple[object, ...]]:
    """The rows of every data table (the creation of the file itself aside)."""
    connection = sqlite3.connect(path)
    try:
        rows: list[tuple[object, ...]] = []
        for table in (
            "companies",
            "contacts",
            "contact_emails",
            "contact_phones",
            "tags",
            "contact_tags",
            "ring_moves",
            "meetings",
            "referrals",
            "followups",
        ):
            rows.extend(connection.execute(f"SELECT * FROM {table} ORDER BY 1"))
        return rows
    finally:
        connection.close()


def make(
    open_db: Callable[[Path], Database], path: Path, *, seed: int, day: dt.date = DAY
) -> list[tuple[object, ...]]:
    db = open_db(path)
    try:
        with db.transaction() as s:
            demo.generate(s, contacts=300, placed=80, seed=seed, today=day)
    finally:
        db.close()
    return content(path)


def test_same_seed_and_day_give_the_same_data(
    tmp_path: Path, open_fresh_db: Callable[[Path], Database]
) -> None:
    first = make(open_fresh_db, tmp_path / "a.db", seed=3)
    assert first == make(open_fresh_db, tmp_path / "b.db", seed=3)
    assert first != make(open_fresh_db, tmp_path / "c.db", seed=4)


def test_demo_data_is_consistent(db: Database) -> None:
    with db.transaction() as s:
        summary = demo.generate(s, contacts=500, placed=120, seed=7, today=DAY)
    assert summary.contacts == 500
    assert summary.placed == 120
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 500
        placed = s.scalar(
            select(func.count()).select_from(Contact).where(Contact.ring.is_not(None))
        )
        assert placed == 120
        rings = set(s.scalars(select(Contact.ring).where(Contact.ring.is_not(None))))
        assert rings == {0, 1, 2, 3}
        # Every placed contact's history ends on its ring.
        last_moves = dict(
            s.execute(
                select(RingMove.contact_id, RingMove.to_ring).order_by(RingMove.moved_at)
            ).all()
        )
        for cid, ring in s.execute(
            select(Contact.id, Contact.ring).where(Contact.ring.is_not(None))
        ):
            assert last_moves[cid] == ring
        assert s.scalar(select(func.count()).select_from(Meeting)) == summary.meetings > 0
        assert s.scalar(select(func.count()).select_from(FollowUp)) == summary.followups > 0
        assert s.scalar(select(func.count()).select_from(Referral)) == summary.referrals > 0
        uids = list(s.scalars(select(Meeting.uid))) + list(s.scalars(select(FollowUp.uid)))
        assert len(uids) == len(set(uids))
        m = s.scalars(select(Meeting)).first()
        assert m is not None
        assert m.start.tzinfo is not None
    assert db.path is not None
    raw = sqlite3.connect(db.path)
    try:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()


def test_demo_twice_adds_more_without_clashes(db: Database) -> None:
    with db.transaction() as s:
        demo.generate(s, contacts=50, placed=20, seed=1, today=DAY)
    with db.transaction() as s:
        second = demo.generate(s, contacts=50, placed=20, seed=1, today=DAY)
    assert second.companies == 0  # the companies exist already and are reused
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 100


def test_demo_refuses_bad_counts(db: Database) -> None:
    with pytest.raises(ValidationError, match="more than --contacts"), db.transaction() as s:
        demo.generate(s, contacts=5, placed=6)
    with pytest.raises(ValidationError, match="negative"), db.transaction() as s:
        demo.generate(s, contacts=-1, placed=0)


def test_demo_search_text_matches_what_edits_would_write(db: Database) -> None:
    """Demo rows are written in bulk, bypassing refresh_search_text: they must agree with it."""
    from networkdesk.services import contacts

    with db.transaction() as s:
        demo.generate(s, contacts=80, placed=20, seed=9, today=DAY)
    with db.transaction() as s:
        for contact in contacts.list_contacts(s):
            bulk_written = set(contact.search_text.split("\x1f"))
            contacts.refresh_search_text(contact)
            assert set(contact.search_text.split("\x1f")) == bulk_written, contact.name
            assert contact.location is not None
            assert contact.location.casefold() in bulk_written
        s.rollback()


RECORDED = Path(__file__).parent / "data" / "demo_seed11.json"


def test_a_seed_still_gives_the_data_it_gave_when_recorded(tmp_path: Path) -> None:
    """Moving the word lists to resources/demo must not change a single row: the fixture was
    recorded from the code that had them inline (150 contacts, 50 placed, seed 11)."""
    import json

    db = open_database(sqlite_location(tmp_path / "recorded.db"))
    try:
        with db.transaction() as s:
            demo.generate(s, contacts=150, placed=50, seed=11, today=DAY)
    finally:
        db.close()
    expected = json.loads(RECORDED.read_text(encoding="utf-8"))
    connection = sqlite3.connect(tmp_path / "recorded.db")
    try:
        for table, rows in expected.items():
            # Columns added after the recording (the vCard UID, row versions) are not part of it.
            columns = [
                name
                for _cid, name, *_rest in connection.execute(f"PRAGMA table_info({table})")
                if not (table == "contacts" and name == "uid") and name != "version"
            ]
            query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1"
            got = [list(row) for row in connection.execute(query)]
            assert got == rows, table
    finally:
        connection.close()
