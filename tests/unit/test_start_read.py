"""The desktop start's raw read (services/start_read.py, issue 13 P1) shows exactly what the
ORM's start read does, on the same file; and where it cannot read a file safely (a missing,
empty or foreign file, an older schema that must be migrated first, a newer one) it steps
aside and the ORM's opening reads the start instead."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from networkdesk.domain.enums import Stage
from networkdesk.services import (
    contacts,
    followups,
    meetings,
    referrals,
    settings,
)
from networkdesk.services.start_read import read_start_raw
from networkdesk.services.start_snapshot import StartSnapshot, read_start

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def _fill(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ids = {
            "ada": contacts.add(s, "Ada Lovelace", company="Acme", ring=0, tag_names=["mentor"]).id,
            "bo": contacts.add(
                s, "Bo Ström", company="Beta", ring=2, title="CTO", stage=Stage.MET
            ).id,
            "cy": contacts.add(s, "cy lower", company="Acme", emails=["cy@example.com"]).id,
            "di": contacts.add(s, "Di", notes="met at the fair").id,
            "zoe": contacts.add(s, "Zoë Ångström", ring=3, tag_names=["b", "a"]).id,
        }
        meetings.add(s, ids["bo"], dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
        meetings.add(s, ids["bo"], dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC))
        # One overdue at NOW, one not yet due, one done.
        followups.add(s, ids["ada"], dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC))
        followups.add(s, ids["zoe"], dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC))
        done = followups.add(s, ids["cy"], dt.datetime(2026, 5, 2, 9, tzinfo=dt.UTC))
        followups.set_done(s, done.id, True)
        referrals.add(s, ids["ada"], ids["bo"])
        referrals.add(s, ids["ada"], ids["cy"])  # to the inbox: not a board link
        settings.RING_NAMES.set(s, ["Core", "Warm", "Known", "Practice"])
    return ids


def _orm_snapshot(db: Any, monkeypatch: pytest.MonkeyPatch) -> StartSnapshot:
    from networkdesk.services import board

    monkeypatch.setattr(board, "utcnow", lambda: NOW)
    with db.reading() as s:
        return read_start(s, db.data_version)


def _same(raw: StartSnapshot, orm: StartSnapshot) -> None:
    assert raw.ring_names == orm.ring_names
    assert raw.nodes == orm.nodes
    assert sorted(raw.links) == sorted(orm.links)
    assert raw.picture == orm.picture
    for column in raw.rows.__slots__:
        assert getattr(raw.rows, column) == getattr(orm.rows, column), column
    assert list(raw.inbox()) == list(orm.inbox())
    assert raw.ring_counts() == orm.ring_counts()


def test_the_raw_read_equals_the_orm_read(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _fill(db)
    raw = read_start_raw(db.path, NOW)
    assert raw is not None
    try:
        orm = _orm_snapshot(db, monkeypatch)
        _same(raw.snapshot, orm)
        nodes = {node.id: node for node in raw.snapshot.nodes}
        assert nodes[ids["ada"]].overdue
        assert not nodes[ids["zoe"]].overdue
        assert nodes[ids["zoe"]].tags == ("a", "b")
        assert raw.snapshot.links == [(ids["ada"], ids["bo"])]
        assert raw.snapshot.ring_names == ["Core", "Warm", "Known", "Practice"]
        assert raw.snapshot.readiness is None  # the board asks once the database is open
    finally:
        raw.watch.close()


def test_the_raw_read_of_an_empty_database_equals_the_orm_read(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = read_start_raw(db.path, NOW)
    assert raw is not None
    try:
        _same(raw.snapshot, _orm_snapshot(db, monkeypatch))
        assert raw.snapshot.ring_names == settings.RING_NAMES.default
    finally:
        raw.watch.close()


def test_its_connection_notices_a_write_made_after_the_read(db: Any) -> None:
    raw = read_start_raw(db.path, NOW)
    assert raw is not None
    try:
        version = raw.snapshot.data_version
        assert raw.watch.execute("PRAGMA data_version").fetchone()[0] == version
        with db.transaction() as s:
            contacts.add(s, "Later")
        assert raw.watch.execute("PRAGMA data_version").fetchone()[0] != version
    finally:
        raw.watch.close()


def test_a_stored_ring_names_value_its_rule_refuses_reads_as_the_default(db: Any) -> None:
    with sqlite3.connect(db.path) as connection:
        connection.execute(
            "INSERT INTO settings (key, value) VALUES ('ring_names', ?)", ('["only one"]',)
        )
    raw = read_start_raw(db.path, NOW)
    assert raw is not None
    raw.watch.close()
    assert raw.snapshot.ring_names == settings.RING_NAMES.default


def test_missing_empty_and_foreign_files_are_left_to_the_orm(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert read_start_raw(missing) is None
    assert not missing.exists()  # never created here (the opening creates it 0600)
    empty = tmp_path / "empty.db"
    empty.touch()
    assert read_start_raw(empty) is None
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    assert read_start_raw(foreign) is None
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert read_start_raw(garbage) is None


@pytest.mark.parametrize("revision", ["0006", "9999_from_the_future"])
def test_another_schema_version_is_left_to_the_orm(db: Any, revision: str) -> None:
    """An older schema is migrated by the opening first; a newer one is refused there, in
    words. The raw read reads neither."""
    _fill(db)
    with sqlite3.connect(db.path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    assert read_start_raw(db.path, NOW) is None


def test_a_large_table_is_read_head_first_then_whole_in_the_same_transaction(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `HEAD_ROWS` contacts the first paint gets the first rows and the counts; the rest
    is read in the same read transaction, so a write in between is not in it."""
    from networkdesk.services import start_read

    ids = _fill(db)
    monkeypatch.setattr(start_read, "HEAD_ROWS", 2)
    raw = read_start_raw(db.path, NOW)
    assert raw is not None
    try:
        head = raw.snapshot
        orm = _orm_snapshot(db, monkeypatch)
        assert not head.complete
        assert head.contact_count == 5
        assert head.ring_counts() == orm.ring_counts()
        assert head.inbox_count == 2
        assert list(head.rows) == list(orm.rows)[:2]  # the first rows in the table's order
        assert list(head.inbox()) == list(orm.inbox())  # (two in the inbox: both fit)
        assert head.nodes == orm.nodes
        assert raw.watch.in_transaction  # held open for the rest
        with db.transaction() as s:  # a write between the two halves of the read
            contacts.add(s, "Aaron Early")
        rows = raw.read_rest()
        assert rows is not None
        assert not raw.watch.in_transaction
        whole = head.completed(rows)
        assert whole.complete
        assert [row.name for row in whole.rows] == [row.name for row in orm.rows]
        assert "Aaron Early" not in [row.name for row in whole.rows]
        _same(whole, orm)
        assert ids["di"] in [entry.id for entry in whole.inbox()]
    finally:
        raw.watch.close()


def test_the_inbox_head_is_the_newest_unplaced_contacts(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import start_read

    with db.transaction() as s:
        added = [contacts.add(s, f"Person {n:02d}").id for n in range(6)]
    monkeypatch.setattr(start_read, "HEAD_ROWS", 3)
    raw = read_start_raw(db.path, NOW)
    assert raw is not None
    raw.end_read()
    raw.watch.close()
    assert [entry.id for entry in raw.snapshot.inbox()] == added[::-1][:3]
    assert raw.snapshot.inbox_count == 6


def test_a_file_locked_by_a_writer_is_left_to_the_orm(db: Any) -> None:
    """A rollback-journal file another connection holds an exclusive lock on: the raw read
    gives way (after its short busy timeout) rather than keep the window from showing."""
    with sqlite3.connect(db.path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    locker = sqlite3.connect(db.path, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        assert read_start_raw(db.path, NOW) is None
    finally:
        locker.execute("ROLLBACK")
        locker.close()
