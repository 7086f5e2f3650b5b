"""storage: location, permissions, SQLite pragmas, transactions, opening bad files."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from networkdesk.domain.errors import StorageError, ValidationError
from networkdesk.services import contacts
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import (
    default_db_path,
    location_from_url,
    resolve_location,
    sqlite_location,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_location_honours_xdg_data_home(isolated_dirs: Path) -> None:
    assert default_db_path() == isolated_dirs / "data" / "networkdesk" / "networkdesk.db"
    assert resolve_location(environ={}).path == default_db_path()


def test_resolution_order(tmp_path: Path) -> None:
    env = {"NETWORKDESK_DB": str(tmp_path / "env.db"), "NETWORKDESK_DB_URL": "sqlite:///x.db"}
    assert resolve_location(str(tmp_path / "flag.db"), environ=env).path == tmp_path / "flag.db"
    url = f"sqlite:///{tmp_path / 'url.db'}"
    assert resolve_location(None, url, environ=env).path == tmp_path / "url.db"
    assert resolve_location(environ=env).path == tmp_path / "env.db"
    only_url = resolve_location(environ={"NETWORKDESK_DB_URL": "postgresql://u:pw@h/db"})
    assert only_url.path is None
    assert only_url.describe() == "postgresql://u:***@h/db"
    with pytest.raises(ValidationError, match="not both"):
        resolve_location("a.db", "sqlite:///b.db", environ={})
    with pytest.raises(ValidationError, match="not a database URL"):
        location_from_url("no url at all")
    with pytest.raises(ValidationError, match="is a folder"):
        sqlite_location(tmp_path)


def test_new_database_folder_0700_file_0600(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "networkdesk.db"
    db = open_database(sqlite_location(path))
    try:
        with db.transaction() as s:
            contacts.add(s, "Ana")
    finally:
        db.close()
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_sqlite_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar_one()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": 5000,
    }


def test_transaction_takes_the_write_lock_up_front(db: Database) -> None:
    assert db.path is not None
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.transaction() as s:
            s.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
        with db.reading() as s:  # reading does not block writers
            s.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_transaction_rolls_back_everything_on_error(db: Database) -> None:
    def add_then_fail() -> None:
        with db.transaction() as s:
            contacts.add(s, "Ana", company="Acme")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        add_then_fail()
    with db.reading() as s:
        assert contacts.count(s) == 0


def test_data_version_changes_when_another_connection_commits(db: Database) -> None:
    first = db.data_version()
    assert db.data_version() == first
    assert db.path is not None
    other = sqlite3.connect(db.path)
    other.execute("INSERT INTO tags (name, name_key) VALUES ('x', 'x')")
    other.commit()
    other.close()
    assert db.data_version() != first


def test_opening_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StorageError, match=str(path)):
        open_database(sqlite_location(path))
    assert path.read_bytes() == before


def test_opening_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError, match="not made by networkdesk"):
        open_database(sqlite_location(path))


def test_uncreatable_folder_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        open_database(sqlite_location(blocker / "sub" / "x.db"))
