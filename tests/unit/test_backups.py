"""storage.backups: create, list, retention, backup_if_due, restore; backup_before_import."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from networkdesk.domain.errors import StorageError
from networkdesk.services import contacts
from networkdesk.services.backing_up import backup_before_import
from networkdesk.storage import backups
from networkdesk.storage.backups import BackupInfo, backups_to_keep
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import sqlite_location

UTC = dt.UTC


def names(db: Database) -> list[str]:
    with db.reading() as s:
        return [c.name for c in contacts.list_contacts(s)]


def add(db: Database, name: str) -> None:
    with db.transaction() as s:
        contacts.add(s, name)


def test_create_writes_a_verified_private_copy(db: Database, db_path: Path) -> None:
    add(db, "Ana")
    info = backups.create_backup(db_path)
    assert info.path.parent == db_path.parent / "backups"
    assert info.path.name.startswith("networkdesk-")
    assert info.path.name.endswith("-manual.db")
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700
    assert backups.check_file(info.path) == []
    assert not list(info.path.parent.glob(".partial-*"))
    assert not Path(str(info.path) + "-wal").exists()
    copy = sqlite3.connect(info.path)
    try:
        assert copy.execute("SELECT name FROM contacts").fetchall() == [("Ana",)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        copy.close()


def test_list_is_newest_first_and_includes_reasons_with_dashes(db: Database, db_path: Path) -> None:
    t = dt.datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
    made = [
        backups.create_backup(db_path, reason="manual", when=t),
        backups.create_backup(db_path, reason="before-upgrade", when=t + dt.timedelta(minutes=1)),
        backups.create_backup(db_path, reason="before-restore", when=t + dt.timedelta(minutes=2)),
    ]
    # A backup of another database in the same folder ("networkdesk-old.db") is not listed.
    other = db_path.with_name("networkdesk-old.db")
    open_database(sqlite_location(other)).close()
    backups.create_backup(other, when=t)
    listed = backups.list_backups(db_path)
    assert [b.path for b in listed] == [m.path for m in reversed(made)]
    assert [b.reason for b in listed] == ["before-restore", "before-upgrade", "manual"]
    assert [b.path.name for b in backups.list_backups(other)] == [
        "networkdesk-old-20260314T090000000000Z-manual.db"
    ]


def test_missing_database_cannot_be_backed_up(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no database"):
        backups.create_backup(tmp_path / "none.db")


def synthetic(start: dt.datetime, count: int, step: dt.timedelta) -> list[BackupInfo]:
    return [BackupInfo(Path(f"/b/{i}.db"), start - i * step, 1, "auto") for i in range(count)]


def test_retention_keeps_12_daily_10_weekly_9_monthly() -> None:
    now = dt.datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    # One backup every 6 hours for two years.
    every = synthetic(now - dt.timedelta(hours=2), 4 * 730, dt.timedelta(hours=6))
    keep = backups_to_keep(every, now)
    kept = sorted((b for b in every if b.path in keep), key=lambda b: b.created, reverse=True)
    days = {b.created.date() for b in kept}
    weeks = {b.created.isocalendar()[:2] for b in kept}
    months = {(b.created.year, b.created.month) for b in kept}
    # The newest of each of the last 12 days is kept...
    newest_per_day: dict[dt.date, BackupInfo] = {}
    for b in every:
        newest_per_day.setdefault(b.created.date(), b)
    last_days = sorted(newest_per_day, reverse=True)[:12]
    assert all(newest_per_day[d].path in keep for d in last_days)
    # ...and at most one per day/week/month bucket beyond them; nothing older than 9 months.
    assert len(days) == len(kept)
    assert len(weeks) >= 10
    assert len(months) == 9
    assert min(b.created for b in kept) > now - dt.timedelta(days=31 * 9)
    assert len(kept) <= 12 + 10 + 9


def test_retention_keeps_everything_from_the_last_hour() -> None:
    now = dt.datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    recent = synthetic(now, 20, dt.timedelta(minutes=2))
    assert backups_to_keep(recent, now) == {b.path for b in recent}


def test_prune_removes_files_not_kept(db: Database, db_path: Path) -> None:
    now = dt.datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    for day in reversed(range(20)):  # oldest first, as they would have been made
        backups.create_backup(db_path, reason="auto", when=now - dt.timedelta(days=day, hours=2))
    remaining = backups.list_backups(db_path)
    # 20 consecutive days: 12 kept as daily, then the newest of each older week and month.
    dates = [b.created.date() for b in remaining]
    assert len(dates) == len(set(dates))
    assert 12 <= len(remaining) < 20
    assert remaining[0].created == now - dt.timedelta(hours=2)


def test_backup_if_due_needs_a_change_and_30_minutes(db: Database, db_path: Path) -> None:
    add(db, "Ana")
    t = dt.datetime.now(UTC)
    first = backups.backup_if_due(db_path, now=t)
    assert first is not None
    # Nothing changed: not due, however long it has been.
    assert backups.backup_if_due(db_path, now=t + dt.timedelta(hours=5)) is None
    add(db, "Bo")
    stamp = (t + dt.timedelta(seconds=1)).timestamp()
    os.utime(db_path, (stamp, stamp))
    # Changed, but the last backup is 10 minutes old.
    assert backups.backup_if_due(db_path, now=t + dt.timedelta(minutes=10)) is None
    second = backups.backup_if_due(db_path, now=t + dt.timedelta(minutes=31))
    assert second is not None
    assert second.path != first.path


def test_backup_before_import_is_at_most_once_per_half_hour(db: Database) -> None:
    add(db, "Ana")
    path = backup_before_import(db)
    assert path is not None
    assert path.name.endswith("-before-import.db")
    add(db, "Bo")
    assert backup_before_import(db) is None  # the one from a moment ago is recent enough
    assert len(backups.list_backups(db.path)) == 1  # type: ignore[arg-type]


def test_the_safety_copy_before_an_import_skips_the_second_read_but_not_the_checks(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(db, "Ana")
    checked: list[Path] = []
    real_check = backups.check_file

    def counting_check(path: Path) -> list[str]:
        checked.append(path)
        return real_check(path)

    monkeypatch.setattr(backups, "check_file", counting_check)
    path = backup_before_import(db)
    assert path is not None
    assert checked == []  # no integrity pass over the fresh copy
    assert backups.verify_checksum(path) is None  # its checksum is recorded as always
    add(db, "Bo")
    backups.restore_backup(db_path, path)
    assert path in checked  # a restore checks it like every backup
    assert names(db) == ["Ana"]
    manual = backups.create_backup(db_path)
    assert manual.path in checked  # other backups are still verified when made


def test_restore_brings_back_the_backup_and_keeps_the_current_data(
    db: Database, db_path: Path
) -> None:
    add(db, "Ana")
    saved = backups.create_backup(db_path, when=dt.datetime(2026, 1, 1, tzinfo=UTC))
    add(db, "Bo")
    db.close()
    safety = backups.restore_backup(db_path, saved.path)
    assert safety is not None
    assert safety.reason == "before-restore"
    reopened = open_database(sqlite_location(db_path))
    try:
        assert names(reopened) == ["Ana"]
    finally:
        reopened.close()
    kept = sqlite3.connect(safety.path)
    try:
        assert sorted(r[0] for r in kept.execute("SELECT name FROM contacts")) == ["Ana", "Bo"]
    finally:
        kept.close()


def bytes_of(db_path: Path) -> bytes:
    return db_path.read_bytes()


@pytest.mark.parametrize("kind", ["garbage", "foreign", "newer", "missing"])
def test_restore_refuses_bad_files_and_changes_nothing(
    db: Database, db_path: Path, tmp_path: Path, kind: str
) -> None:
    add(db, "Ana")
    db.close()
    bad = tmp_path / f"{kind}.db"
    if kind == "garbage":
        bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    elif kind == "foreign":
        other = sqlite3.connect(bad)
        other.execute("CREATE TABLE contacts (id INTEGER)")
        other.commit()
        other.close()
    elif kind == "newer":
        newer = backups.create_backup(db_path, when=dt.datetime(2026, 1, 1, tzinfo=UTC)).path
        bad.write_bytes(newer.read_bytes())
        newer.unlink()
        connection = sqlite3.connect(bad)
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.commit()
        connection.close()
    before = bytes_of(db_path)
    listed = backups.list_backups(db_path)
    with pytest.raises(StorageError):
        backups.restore_backup(db_path, bad)
    assert bytes_of(db_path) == before
    assert backups.list_backups(db_path) == listed  # no safety backup either


def test_restoring_an_older_backup_of_a_day_does_not_prune_it_first(
    db: Database, db_path: Path
) -> None:
    """Retention keeps the newest backup per old day: the safety backup made by a restore must not
    thin the folder and delete the older backup the user is restoring."""
    add(db, "Ana")
    t = dt.datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
    older = backups.create_backup(db_path, when=t)
    add(db, "Bo")
    backups.create_backup(db_path, when=t + dt.timedelta(minutes=10))
    add(db, "Cy")
    db.close()
    backups.restore_backup(db_path, older.path)
    reopened = open_database(sqlite_location(db_path))
    try:
        assert names(reopened) == ["Ana"]
    finally:
        reopened.close()
