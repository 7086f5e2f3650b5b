"""Backing up and restoring the database: the use cases the window and the CLI trigger.

Backups are copies of an SQLite file (storage.backups); a server database (PostgreSQL) is backed
up with the server's own tools, so each use case says what it does for one: the automatic ones
skip it quietly, the ones a person asked for refuse it in words (`SERVER_TOOLS`).
"""

from __future__ import annotations

from pathlib import Path

from networkdesk.domain.errors import StorageError
from networkdesk.storage import backups
from networkdesk.storage.backups import BackupInfo
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import DatabaseLocation

__all__ = [
    "SERVER_TOOLS",
    "BackupInfo",
    "backup_before_import",
    "backup_if_due",
    "backup_on_close",
    "create_backup",
    "list_backups",
    "require_file",
    "restore_and_upgrade",
    "restore_in_place",
]

SERVER_TOOLS = (
    "this is a server database ({}); back it up and check it with the server's own tools "
    "(for PostgreSQL: pg_dump, pg_restore and amcheck)"
)


def require_file(db: Database) -> Path:
    """The database's file; a StorageError saying what to use instead for a server database."""
    if db.path is None:
        raise StorageError(SERVER_TOOLS.format(db.location.describe()))
    return db.path


def create_backup(db: Database, reason: str = "manual") -> BackupInfo:
    """A backup now (File → Back up, `backup create`)."""
    return backups.create_backup(require_file(db), reason=reason)


def list_backups(db: Database) -> list[BackupInfo]:
    """The backups beside the database, newest first (none for a server database)."""
    return [] if db.path is None else backups.list_backups(db.path)


def backup_if_due(db: Database, reason: str = "auto", *, verify: bool = True) -> BackupInfo | None:
    """A backup when the last one is older than 30 minutes and the data changed since; None when
    none was due or the database is a server database. `verify=False`: see
    `storage.backups.create_backup`."""
    if db.path is None:
        return None
    return backups.backup_if_due(db.path, reason=reason, verify=verify)


def backup_before_import(db: Database) -> Path | None:
    """Back up the database before an import writes to it; call it once, before the import's
    transaction.

    Like every automatic backup it happens at most once per 30 minutes, and only when the data
    changed since the newest backup, so a script importing many files in a row makes one backup,
    not one per file. Returns the new backup's path, or None when no backup was due or the
    database is a server database. A failed backup raises StorageError, and then nothing is
    imported.

    The copy is SQLite's backup API of the file and its checksum, without the integrity check
    of the copy other backups get: it is taken a moment before the import's own transaction,
    and a restore checks it before using it.
    """
    info = backup_if_due(db, reason="before-import", verify=False)
    return None if info is None else info.path


def backup_on_close(db: Database) -> BackupInfo | None:
    """The backup the window makes when it closes: only when something changed since the newest
    backup."""
    if db.path is None or not backups.changed_since_last_backup(db.path):
        return None
    return backups.create_backup(db.path, reason="on-close")


def restore_in_place(db: Database, backup: Path) -> BackupInfo | None:
    """Replace the open database's file with `backup` (the window keeps its connection; SQLite
    sees the new content on its next read). The current data is backed up first: returns that
    safety backup, or None when there was nothing to keep."""
    return backups.restore_backup(require_file(db), backup)


def restore_and_upgrade(db: Database, backup: Path) -> BackupInfo | None:
    """Close `db`, replace its file with `backup`, and bring the restored schema up to this
    version (a backup may be older). Returns the safety backup of the data it replaced."""
    path = require_file(db)
    location: DatabaseLocation = db.location
    db.close()
    safety = backups.restore_backup(path, backup)
    open_database(location, backup_before_upgrade=False).close()
    return safety
