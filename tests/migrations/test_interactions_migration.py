"""Revision 0002 (interactions) on SQLite and PostgreSQL: upgrade from 0001 keeps the data,
downgrade removes the table, and at head autogenerate finds nothing to change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from networkdesk.storage import checks, migrate, schema_revisions
from networkdesk.storage.database import Database, make_engine
from networkdesk.storage.paths import DatabaseLocation, location_from_url, sqlite_location


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def walk_0001_to_0002_and_back(location: DatabaseLocation) -> None:
    engine = make_engine(location)
    try:
        migrate.upgrade(engine, "0001")
        assert "interactions" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO contacts (id, name, name_key, stage, search_text, created_at,"
                    " updated_at) VALUES (1, 'Ana', 'ana', 'identified', '', :t, :t)"
                ),
                {"t": "2026-03-02 10:00:00"},
            )
        migrate.upgrade(engine, "0002")
        assert migrate.current_revision(engine) == "0002"
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO interactions (contact_id, kind, direction, at, created_at,"
                    " updated_at) VALUES (1, 'email', 'out', :t, :t, :t)"
                ),
                {"t": "2026-03-02 10:00:00"},
            )
            assert connection.execute(text("SELECT count(*) FROM interactions")).scalar() == 1
            # The CHECK constraints refuse values the enums do not know.
            savepoint = connection.begin_nested()
            try:
                connection.execute(
                    text(
                        "INSERT INTO interactions (contact_id, kind, direction, at, created_at,"
                        " updated_at) VALUES (1, 'fax', 'out', :t, :t, :t)"
                    ),
                    {"t": "2026-03-02 10:00:00"},
                )
                refused = False
            except Exception:
                refused = True
            savepoint.rollback()
            assert refused
            # Deleting the contact deletes its interactions (ON DELETE CASCADE).
            connection.execute(text("DELETE FROM contacts WHERE id = 1"))
            assert connection.execute(text("SELECT count(*) FROM interactions")).scalar() == 0
        downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
        assert "interactions" not in inspect(engine).get_table_names()
        migrate.upgrade(engine, "head")
        assert checks.schema_differences(Database(location, engine)) == []
    finally:
        engine.dispose()


def test_interactions_revision_on_sqlite(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    walk_0001_to_0002_and_back(sqlite_location(db_path))


def test_interactions_revision_on_postgresql(pg_url: str) -> None:
    walk_0001_to_0002_and_back(location_from_url(pg_url))


def test_0002_follows_0001() -> None:
    graph = schema_revisions._revision_graph(schema_revisions.script_location())
    assert graph["0002"] == ("0001",)


def test_interactions_and_the_day_on_postgresql(pg_url: str) -> None:
    import datetime as dt

    from networkdesk.services import contacts, interactions, today
    from networkdesk.storage.database import open_database

    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    db = open_database(location_from_url(pg_url))
    try:
        with db.transaction() as s:
            ana = contacts.add(s, "Ana", company="Acme", ring=2).id
            bo = contacts.add(s, "Bo", company="Acme", ring=3).id
            interactions.add(s, ana, kind="email", direction="out", at=monday)
        with db.reading() as s:
            (row,) = interactions.list_interactions(s)
            assert row.at == monday
            day = today.day_at(s, monday + dt.timedelta(days=3), dt.UTC)
            assert [(o.contact_id, o.candidates) for o in day.outreach] == [(ana, (bo,))]
        with db.transaction() as s:
            contacts.delete(s, ana)
        with db.reading() as s:
            assert interactions.list_interactions(s) == []
    finally:
        db.close()
