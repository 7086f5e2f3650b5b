"""Alembic migrations: models and migrations agree, one head, older databases are backed up and
upgraded, databases from a newer networkdesk are refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from networkdesk.domain.errors import StorageError
from networkdesk.services import contacts
from networkdesk.storage import backups, checks, migrate, schema_revisions
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import sqlite_location


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def test_exactly_one_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    # storage.migrate reads the graph without Alembic (fast start-up): it must agree with Alembic.
    assert script.get_current_head() == migrate.head_revision()
    assert migrate.known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_empty_database_upgraded_to_head_matches_the_models(db_path: Path) -> None:
    db = open_database(sqlite_location(db_path))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert checks.schema_differences(db) == []
        report = checks.run_checks(db)
        assert report.ok, report.problems
    finally:
        db.close()
    # A brand-new database has nothing worth backing up.
    assert backups.list_backups(db_path) == []


def test_schema_differences_are_detected(db_path: Path) -> None:
    """The check is not vacuous: a schema that drifted from the models is reported."""
    db = open_database(sqlite_location(db_path))
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_contacts_ring")
            connection.exec_driver_sql("ALTER TABLE contacts ADD COLUMN stray TEXT")
        differences = checks.schema_differences(db)
        assert any("ix_contacts_ring" in d for d in differences)
        assert any("stray" in d for d in differences)
        assert not checks.run_checks(db).ok
    finally:
        db.close()


def install_next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shipped migrations plus one more, as the next networkdesk release would have."""
    folder = tmp_path / "migrations"
    shutil.copytree(schema_revisions.script_location(), folder)
    head = migrate.head_revision()
    (folder / "versions" / "zz_test_next.py").write_text(
        f'''"""test: the next release adds a column"""
import sqlalchemy as sa
from alembic import op

revision = "zz_test_next"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.add_column(sa.Column("test_added", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.drop_column("test_added")
'''
    )
    monkeypatch.setattr(schema_revisions, "script_location", lambda: folder)
    return "zz_test_next"


def test_older_database_is_backed_up_then_upgraded(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(sqlite_location(db_path))
    with db.transaction() as s:
        contacts.add(s, "Ana", company="Acme")
    db.close()
    shipped = migrate.head_revision()

    newer = install_next_revision(tmp_path, monkeypatch)
    db = open_database(sqlite_location(db_path))
    try:
        assert migrate.current_revision(db.engine) == newer
        with db.reading() as s:
            assert [c.name for c in contacts.list_contacts(s)] == ["Ana"]
    finally:
        db.close()
    (backup,) = backups.list_backups(db_path)
    assert backup.reason == "before-upgrade"
    assert revision_of(backup.path) == shipped
    copy = sqlite3.connect(backup.path)
    try:
        assert copy.execute("SELECT name FROM contacts").fetchall() == [("Ana",)]
    finally:
        copy.close()
    columns = [row[1] for row in sqlite3.connect(db_path).execute("PRAGMA table_info(companies)")]
    assert "test_added" in columns


def test_database_from_a_newer_networkdesk_is_refused(db_path: Path) -> None:
    open_database(sqlite_location(db_path)).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match=r"newer networkdesk \(schema 9999_future\)"):
        open_database(sqlite_location(db_path))
    assert db_path.read_bytes() == before
    assert backups.list_backups(db_path) == []
