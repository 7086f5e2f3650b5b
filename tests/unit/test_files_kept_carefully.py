"""Files as careful apps keep them: leftover partial backups, safety copies kept a week, checksums
verified before a restore, secure_delete, a deleted contact's text gone after the checkpoint, and
tombstones without names."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from networkdesk.domain.errors import StorageError
from networkdesk.domain.models import Meeting
from networkdesk.services import calendar_items, contacts
from networkdesk.storage import backups
from networkdesk.storage.backups import BackupInfo, backups_to_keep
from networkdesk.storage.database import Database

UTC = dt.UTC
NAME = "Zebulon Quartermaine"


def add(db: Database, name: str) -> int:
    with db.transaction() as s:
        return contacts.add(s, name).id


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_backups_partial_file_is_removed_by_the_next_backup(
    db: Database, db_path: Path
) -> None:
    add(db, "Ana")
    folder = backups.backup_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    leftover = folder / f".partial-{dead_pid()}-abc123.db"
    leftover.write_bytes(b"x" * 10_000)
    backups.create_backup(db_path)
    assert not leftover.exists()


def test_a_running_backups_partial_file_is_left_alone(db: Database, db_path: Path) -> None:
    add(db, "Ana")
    folder = backups.backup_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    # This very process (as if another thread were writing it) and an unnamed fresh one.
    mine = folder / f".partial-{os.getpid()}-inflight.db"
    unnamed = folder / ".partial-xyz_inflight.db"
    for path in (mine, unnamed):
        path.write_bytes(b"x")
    backups.create_backup(db_path)
    assert mine.exists()
    assert unnamed.exists()
    # An unnamed one older than the grace period is a leftover too.
    old = (dt.datetime.now(UTC) - dt.timedelta(hours=2)).timestamp()
    os.utime(unnamed, (old, old))
    backups.create_backup(db_path, reason="second")
    assert not unnamed.exists()
    assert mine.exists()


@pytest.mark.parametrize("reason", ["before-upgrade", "before-restore", "before-import"])
def test_safety_copies_are_kept_for_a_week_whatever_the_thinning(reason: str) -> None:
    now = dt.datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    safety = BackupInfo(Path("/b/safety.db"), now - dt.timedelta(hours=3), 1, reason)
    # A newer ordinary backup of the same day makes the safety copy "not the newest of its day".
    newer = BackupInfo(Path("/b/auto.db"), now - dt.timedelta(hours=2), 1, "auto")
    assert safety.path in backups_to_keep([newer, safety], now)
    six_days = BackupInfo(safety.path, now - dt.timedelta(days=6, hours=23), 1, reason)
    same_day = BackupInfo(Path("/b/later.db"), six_days.created + dt.timedelta(hours=1), 1, "auto")
    assert safety.path in backups_to_keep([newer, same_day, six_days], now)
    # After a week it is thinned like any other backup.
    old = BackupInfo(safety.path, now - dt.timedelta(days=8), 1, reason)
    later = BackupInfo(Path("/b/later.db"), old.created + dt.timedelta(hours=1), 1, "auto")
    assert safety.path not in backups_to_keep([newer, later, old], now)


def test_an_ordinary_backup_is_still_thinned() -> None:
    now = dt.datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    older = BackupInfo(Path("/b/a.db"), now - dt.timedelta(hours=3), 1, "auto")
    newer = BackupInfo(Path("/b/b.db"), now - dt.timedelta(hours=2), 1, "auto")
    assert older.path not in backups_to_keep([newer, older], now)


def test_pruning_on_disk_keeps_the_safety_copy(db: Database, db_path: Path) -> None:
    t = dt.datetime.now(UTC) - dt.timedelta(hours=5)
    safety = backups.create_backup(db_path, reason="before-upgrade", when=t)
    add(db, "Ana")
    backups.create_backup(db_path, reason="auto", when=t + dt.timedelta(hours=2))
    backups.prune_backups(db_path)
    assert safety.path.exists()
    assert backups.checksum_path(safety.path).exists()


def test_every_backup_has_a_checksum_that_matches(db: Database, db_path: Path) -> None:
    add(db, "Ana")
    info = backups.create_backup(db_path)
    sidecar = backups.checksum_path(info.path)
    digest, name = sidecar.read_text(encoding="ascii").split()
    assert name == info.path.name
    assert digest == backups.file_digest(info.path)
    assert backups.verify_checksum(info.path) is None
    assert not list(info.path.parent.glob(".partial-*"))
    # `sha256sum -c` reads the same file.
    if os.name == "posix" and Path("/usr/bin/sha256sum").exists():
        ok = subprocess.run(
            ["sha256sum", "-c", sidecar.name], cwd=info.path.parent, capture_output=True
        )
        assert ok.returncode == 0, ok.stdout


def flip_a_bit_in(path: Path, needle: bytes) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(needle)
    assert at >= 0
    data[at] ^= 0x01  # "Zebulon" becomes "[ebulon": still a sound SQLite file
    path.write_bytes(bytes(data))


def test_a_flipped_bit_refuses_the_restore_with_a_clear_message(
    db: Database, db_path: Path
) -> None:
    add(db, NAME)
    saved = backups.create_backup(db_path, when=dt.datetime(2026, 1, 1, tzinfo=UTC))
    add(db, "Bo")
    db.close()
    flip_a_bit_in(saved.path, NAME.encode())
    assert backups.check_file(saved.path) == []  # the integrity check alone would let it pass
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="no longer matches the checksum") as caught:
        backups.restore_backup(db_path, saved.path)
    assert saved.path.name in str(caught.value)
    assert db_path.read_bytes() == before


def test_a_backup_without_checksum_still_restores(db: Database, db_path: Path) -> None:
    """Backups made before checksums existed (or copied from elsewhere) still restore."""
    add(db, "Ana")
    saved = backups.create_backup(db_path, when=dt.datetime(2026, 1, 1, tzinfo=UTC))
    backups.checksum_path(saved.path).unlink()
    db.close()
    assert backups.restore_backup(db_path, saved.path) is not None


def test_secure_delete_is_set_by_the_app(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def raw_bytes(db_path: Path) -> bytes:
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_a_deleted_contacts_text_leaves_the_file_and_the_wal(db: Database, db_path: Path) -> None:
    # A connection stays open the whole time, as the window's does: SQLite alone would then
    # never reset the WAL.
    watcher = sqlite3.connect(db_path)
    try:
        watcher.execute("SELECT count(*) FROM contacts").fetchone()
        with db.transaction() as s:
            contact_id = contacts.add(
                s, NAME, notes="Met at the " + NAME + " gala", emails=["zq@example.org"]
            ).id
        with db.transaction() as s:
            s.add(
                Meeting(
                    contact_id=contact_id,
                    start=dt.datetime(2026, 3, 2, 10, tzinfo=UTC),
                    notes="coffee",
                )
            )
        assert NAME.encode() in raw_bytes(db_path)
        with db.transaction() as s:
            contacts.delete(s, contact_id)
        assert NAME.encode() not in raw_bytes(db_path)
        assert b"Zebulon" not in raw_bytes(db_path)
        with db.reading() as s:
            stones = calendar_items.list_tombstones(s)
        assert len(stones) == 1
        assert stones[0].uid
        assert "Zebulon" not in (stones[0].summary or "")
    finally:
        watcher.close()
