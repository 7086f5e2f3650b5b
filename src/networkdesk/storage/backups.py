"""Automatic and manual backups of the SQLite database, with SQLite's online backup API.

Each backup is written to a temporary file, fsynced, renamed into `backups/` beside the database,
then verified with `integrity_check`. Old backups are thinned like a careful desktop app does:
the newest of each of the last 12 days, 10 weeks and 9 months are kept (plus anything from the
last hour, so a fresh manual backup is never pruned at once). Safety copies (made before an
upgrade, a restore or an import) are kept for at least a week whatever the thinning says.

Every backup has a `<name>.db.sha256` sidecar written before the backup appears under its final
name; a restore refuses a backup whose bytes no longer match it (a flipped bit inside a name would
otherwise pass the integrity check). Temporary `.partial-<pid>-*` files of a backup that was killed
are removed by the next backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from networkdesk.domain.errors import StorageError
from networkdesk.storage.integrity import sqlite_integrity

BACKUP_DIRNAME = "backups"
AUTO_INTERVAL = dt.timedelta(minutes=30)
KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
SAFETY_REASONS = frozenset({"before-upgrade", "before-restore", "before-import"})
KEEP_SAFETY = dt.timedelta(days=7)
CHECKSUM_SUFFIX = ".sha256"
PARTIAL_PREFIX = ".partial-"
# A partial file whose writer cannot be identified (older name, other platform) is left alone for
# this long: it may belong to a backup still running in another process.
PARTIAL_GRACE = dt.timedelta(hours=1)
_STAMP = "%Y%m%dT%H%M%S%fZ"
# <db stem>-<UTC stamp>-<reason>; the stem and the reason may themselves contain dashes
# ("my-data-20260314T093000000000Z-before-upgrade.db").
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[A-Za-z0-9_-]+)$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    size: int
    reason: str


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIRNAME


def _backup_name(db_path: Path, when: dt.datetime, reason: str) -> str:
    return f"{db_path.stem}-{when.strftime(_STAMP)}-{reason}.db"


def _parse_name(path: Path, db_stem: str | None = None) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(path.stem)
    if match is None or (db_stem is not None and match["stem"] != db_stem):
        return None
    try:
        when = dt.datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when, match["reason"]


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of this database, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for entry in folder.glob(f"{db_path.stem}-*.db"):
        # The glob also matches backups of "<stem>-other.db": the name check tells them apart.
        parsed = _parse_name(entry, db_path.stem)
        if parsed is None or not entry.is_file():
            continue
        found.append(BackupInfo(entry, parsed[0], entry.stat().st_size, parsed[1]))
    found.sort(key=lambda info: info.created, reverse=True)
    return found


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_file(path: Path) -> list[str]:
    """Integrity problems of an SQLite file (empty list when it is sound)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        return sqlite_integrity(connection)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()


def create_backup(
    db_path: Path,
    *,
    reason: str = "manual",
    when: dt.datetime | None = None,
    prune: bool = True,
    verify: bool = True,
) -> BackupInfo:
    """Copy the live database into a new verified backup file and thin out old ones
    (unless `prune` is False).

    `verify=False` skips the integrity check of the copy (a second full read of it, twice the
    cost of the copy itself at 30,000 contacts): for the safety copy an import makes right
    before it writes, which a restore still checks (`restore_backup`) like every backup, and
    whose checksum is recorded as always."""
    if not db_path.exists():
        raise StorageError(f"no database at {db_path} to back up")
    when = when or dt.datetime.now(dt.UTC)
    folder = backup_dir(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = folder / _backup_name(db_path, when, reason)
    remove_leftover_partials(folder)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{PARTIAL_PREFIX}{os.getpid()}-", suffix=".db", dir=folder
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.execute("PRAGMA busy_timeout = 5000")
            source.backup(target)
            # A backup is a self-contained file: no -wal beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
            source.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        # The checksum lands first: a backup never exists under its final name without one.
        _write_checksum(final, file_digest(tmp))
        os.replace(tmp, final)
        _fsync_dir(folder)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        checksum_path(final).unlink(missing_ok=True)
        raise StorageError(f"backup of {db_path} failed: {exc}") from None
    problems = check_file(final) if verify else []
    if problems:
        final.unlink(missing_ok=True)
        checksum_path(final).unlink(missing_ok=True)
        raise StorageError(f"backup {final} failed its integrity check: {problems[0]}")
    if prune:
        prune_backups(db_path, now=when)
    return BackupInfo(final, when, final.stat().st_size, reason)


def backups_to_keep(backups: list[BackupInfo], now: dt.datetime) -> set[Path]:
    """Grandfather-father-son: newest per day (12), per ISO week (10), per month (9); everything
    from the last hour, and safety copies (`SAFETY_REASONS`) younger than a week."""
    keep: set[Path] = {b.path for b in backups if now - b.created < dt.timedelta(hours=1)}
    keep |= {
        b.path for b in backups if b.reason in SAFETY_REASONS and now - b.created < KEEP_SAFETY
    }
    newest_first = sorted(backups, key=lambda b: b.created, reverse=True)
    for key_of, limit in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in newest_first:
            key = key_of(backup.created)
            if key in seen:
                continue
            seen.append(key)
            if len(seen) > limit:
                break
            keep.add(backup.path)
    return keep


def prune_backups(db_path: Path, now: dt.datetime | None = None) -> list[Path]:
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(db_path)
    keep = backups_to_keep(backups, now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            checksum_path(backup.path).unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def checksum_path(backup: Path) -> Path:
    return backup.with_name(backup.name + CHECKSUM_SUFFIX)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_checksum(backup: Path, hexdigest: str) -> None:
    """`<backup>.sha256` in the format `sha256sum -c` reads, written atomically (0600)."""
    target = checksum_path(backup)
    fd, tmp_name = tempfile.mkstemp(prefix=PARTIAL_PREFIX + f"{os.getpid()}-", dir=backup.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(f"{hexdigest}  {backup.name}\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def verify_checksum(backup: Path) -> str | None:
    """Why `backup` does not match its recorded checksum, or None when it matches or has no
    checksum (a file made by an older networkdesk, or copied from elsewhere)."""
    sidecar = checksum_path(backup)
    try:
        recorded = sidecar.read_text(encoding="ascii").split()[0].lower()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, IndexError):
        return f"its checksum file {sidecar.name} cannot be read"
    if file_digest(backup) != recorded:
        return (
            f"its content no longer matches the checksum recorded when it was made "
            f"({sidecar.name}): the file was damaged or changed on disk"
        )
    return None


def _partial_owner(path: Path) -> int | None:
    """The process id in a `.partial-<pid>-…` name (None for names without one)."""
    head = path.name[len(PARTIAL_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _process_alive(pid: int) -> bool | None:
    """Whether process `pid` runs (None when this platform cannot tell cheaply)."""
    if os.name != "posix":
        return None  # os.kill(pid, 0) would terminate the process on Windows
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_leftover_partials(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the temporary files of backups that were killed half-way: those whose process is
    gone, or (when that cannot be told) older than `PARTIAL_GRACE`. Returns what was removed."""
    now = now or dt.datetime.now(dt.UTC)
    removed: list[Path] = []
    for entry in folder.glob(PARTIAL_PREFIX + "*"):
        try:
            age = now - dt.datetime.fromtimestamp(entry.stat().st_mtime, dt.UTC)
        except OSError:
            continue
        pid = _partial_owner(entry)
        alive = None if pid is None else _process_alive(pid)
        if alive is False or (alive is None and age > PARTIAL_GRACE) or age > dt.timedelta(days=1):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def _last_modified(db_path: Path) -> float:
    stamps = [db_path.stat().st_mtime]
    wal = db_path.with_name(db_path.name + "-wal")
    # An empty WAL holds no change: a reader (the backup's own read-only connection) creates
    # one, with an mtime just after the backup began.
    with contextlib.suppress(FileNotFoundError):
        info = wal.stat()
        if info.st_size > 0:
            stamps.append(info.st_mtime)
    return max(stamps)


def changed_since_last_backup(db_path: Path) -> bool:
    backups = list_backups(db_path)
    if not backups:
        return True
    return _last_modified(db_path) > backups[0].created.timestamp()


def backup_if_due(
    db_path: Path,
    *,
    reason: str = "auto",
    interval: dt.timedelta = AUTO_INTERVAL,
    now: dt.datetime | None = None,
    verify: bool = True,
) -> BackupInfo | None:
    """Back up when the data changed since the last backup and `interval` has passed
    (`verify` as for `create_backup`)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(db_path)
    if backups and now - backups[0].created < interval:
        return None
    if not changed_since_last_backup(db_path):
        return None
    return create_backup(db_path, reason=reason, when=now, verify=verify)


def restore_backup(db_path: Path, backup: Path) -> BackupInfo | None:
    """Replace the live database with `backup`, after checking it and backing up the current one.

    The copy goes through SQLite's backup API into the live file, so readers in other processes
    see either the old or the new database, never a half-copied one. Returns the safety backup.
    """
    backup = backup.expanduser().resolve()
    if not backup.is_file():
        raise StorageError(f"no backup file at {backup}")
    mismatch = verify_checksum(backup)
    if mismatch:
        raise StorageError(f"{backup} cannot be restored: {mismatch}; choose another backup")
    problems = check_file(backup)
    if problems:
        raise StorageError(f"{backup} is not a sound database: {problems[0]}")
    if not _is_networkdesk_file(backup):
        raise StorageError(f"{backup} is not a networkdesk database")
    revision = _schema_revision(backup)
    from networkdesk.storage import migrate

    if revision not in migrate.known_revisions():
        # Restoring it would leave a database this version cannot open: refuse before any change.
        raise StorageError(
            f"{backup} was written by a newer networkdesk (schema {revision}); "
            "update networkdesk to restore it"
        )
    has_data = db_path.exists() and db_path.stat().st_size > 0
    # No pruning now: thinning could delete the very backup about to be restored (an older one
    # of a day that has a newer one). The next ordinary backup thins the folder.
    safety = create_backup(db_path, reason="before-restore", prune=False) if has_data else None
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    target = sqlite3.connect(db_path)
    try:
        target.execute("PRAGMA busy_timeout = 5000")
        source.backup(target)
    except sqlite3.Error as exc:
        raise StorageError(f"restore from {backup} failed: {exc}; nothing was changed") from None
    finally:
        target.close()
        source.close()
    return safety


def _schema_revision(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return None if row is None else str(row[0])


def _is_networkdesk_file(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return {"alembic_version", "contacts", "companies"} <= names
