"""Revision 0007 (team ownership) on PostgreSQL: the rows already there stay the person's whose
tables they are, even when an admin runs the upgrade; the schema then matches the server's
(storage/team_schema.py), and a downgrade takes the owner columns, policies and shares table
away again. On SQLite it changes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from networkdesk.storage import checks, migrate
from networkdesk.storage.database import Database, make_engine
from networkdesk.storage.paths import location_from_url, sqlite_location

REVISION = "0007"


def revision_before() -> str:
    from alembic.script import ScriptDirectory

    down = (
        ScriptDirectory.from_config(migrate.alembic_config()).get_revision(REVISION).down_revision
    )
    assert isinstance(down, str)
    return down


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_existing_rows_stay_their_owners_when_the_admin_upgrades(pg_url: str) -> None:
    import psycopg

    prefix, database = pg_url.rsplit("/", 1)
    port = prefix.rsplit(":", 1)[1]
    person = f"person_{database}"
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=networkdesk dbname={database}", autocommit=True
    ) as admin:
        admin.execute(f"CREATE ROLE {person} LOGIN")
        admin.execute(f"GRANT CREATE ON SCHEMA public TO {person}")
    # The person used the database alone, at the revision before.
    own = make_engine(location_from_url(pg_url.replace("://networkdesk@", f"://{person}@")))
    try:
        migrate.upgrade(own, revision_before())
        with own.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO companies (name, name_key, is_target, created_at, updated_at)"
                    " VALUES ('Acme', 'acme', false, now(), now())"
                )
            )
            connection.execute(text("INSERT INTO settings (key, value) VALUES ('k', '1')"))
    finally:
        own.dispose()
    location = location_from_url(pg_url)
    engine = make_engine(location)  # the admin (a superuser) upgrades
    try:
        migrate.upgrade(engine, REVISION)
        with engine.begin() as connection:
            assert connection.execute(text("SELECT owner FROM companies")).all() == [(person,)]
            assert connection.execute(text("SELECT owner FROM settings")).all() == [(person,)]
            connection.execute(text("INSERT INTO tags (name, name_key) VALUES ('New', 'new')"))
            assert connection.execute(text("SELECT owner FROM tags")).all() == [("networkdesk",)]
        if migrate.head_revision() == REVISION:
            assert checks.schema_differences(Database(location, engine)) == []
        downgrade(engine, revision_before())
        tables = inspect(engine).get_table_names()
        assert "networkdesk_shares" not in tables
        assert "owner" not in {c["name"] for c in inspect(engine).get_columns("companies")}
        uniques = {u["name"] for u in inspect(engine).get_unique_constraints("companies")}
        assert uniques == {"uq_companies_name_key"}
        with engine.connect() as connection:
            forced = connection.execute(
                text("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'contacts'")
            ).scalar()
            assert forced is False
        migrate.upgrade(engine)
        assert checks.schema_differences(Database(location, engine)) == []
    finally:
        engine.dispose()


def test_sqlite_has_no_owner_columns(tmp_path: Path) -> None:
    engine = make_engine(sqlite_location(tmp_path / "one.db"))
    try:
        migrate.upgrade(engine)
        inspector = inspect(engine)
        assert "networkdesk_shares" not in inspector.get_table_names()
        for table in inspector.get_table_names():
            assert "owner" not in {c["name"] for c in inspector.get_columns(table)}, table
    finally:
        engine.dispose()
