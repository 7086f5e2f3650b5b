"""SQLite's own integrity checks on an open connection. Backups verify every file with it; it sits
in a module of its own, below both storage.backups and storage.database, because opening the
database backs up first and backups used to import it from there (a cycle)."""

from __future__ import annotations

import sqlite3


def sqlite_integrity(connection: sqlite3.Connection) -> list[str]:
    """Problems found by SQLite's own integrity and foreign-key checks (empty when sound)."""
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points at a missing {parent}")
    return problems
