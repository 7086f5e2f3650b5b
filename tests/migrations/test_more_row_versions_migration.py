"""Revision 0006: versions on referrals and interactions (1 for existing rows), on SQLite and
PostgreSQL; downgrade removes the columns and keeps the rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from networkdesk.storage import checks, migrate, schema_revisions
from networkdesk.storage.database import Database, make_engine
from networkdesk.storage.paths import DatabaseLocation, location_from_url, sqlite_location

T = "2026-03-02 10:00:00"


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _columns(engine: Engine, table: str) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns(table)}


def _rows_at_0005(engine: Engine) -> None:
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO contacts (id, name, name_key, uid, stage, search_text, created_at,"
                " updated_at, version) VALUES (1, 'Ana', 'ana', 'u1', 'identified', '', :t, :t,"
                " 1), (2, 'Bo', 'bo', 'u2', 'identified', '', :t, :t, 1)"
            ),
            {"t": T},
        )
        c.execute(
            text(
                "INSERT INTO referrals (id, from_contact_id, to_contact_id, status, note,"
                " created_at, updated_at) VALUES (1, 1, 2, 'suggested', 'ask Bo', :t, :t)"
            ),
            {"t": T},
        )
        c.execute(
            text(
                "INSERT INTO interactions (id, contact_id, kind, direction, at, note, created_at,"
                " updated_at) VALUES (1, 1, 'email', 'out', :t, 'hello', :t, :t),"
                " (2, 2, 'call', 'in', :t, NULL, :t, :t)"
            ),
            {"t": T},
        )


def walk_0005_to_0006_and_back(location: DatabaseLocation) -> None:
    engine = make_engine(location)
    try:
        migrate.upgrade(engine, "0005")
        assert "version" not in _columns(engine, "referrals")
        assert "version" not in _columns(engine, "interactions")
        _rows_at_0005(engine)
        migrate.upgrade(engine, "0006")
        assert migrate.current_revision(engine) == "0006"
        with engine.begin() as c:
            assert c.execute(text("SELECT id, note, version FROM referrals")).all() == [
                (1, "ask Bo", 1)
            ]
            assert c.execute(
                text("SELECT id, note, version FROM interactions ORDER BY id")
            ).all() == [(1, "hello", 1), (2, None, 1)]
            # A row written without a version (an older bulk writer's INSERT) starts at 1.
            c.execute(
                text(
                    "INSERT INTO interactions (id, contact_id, kind, direction, at, created_at,"
                    " updated_at) VALUES (3, 1, 'message', 'out', :t, :t, :t)"
                ),
                {"t": T},
            )
            assert c.execute(text("SELECT version FROM interactions WHERE id = 3")).scalar() == 1
        downgrade(engine, "0005")
        assert migrate.current_revision(engine) == "0005"
        assert "version" not in _columns(engine, "referrals")
        assert "version" not in _columns(engine, "interactions")
        with engine.connect() as c:
            assert c.execute(text("SELECT note FROM referrals")).scalars().all() == ["ask Bo"]
            assert c.execute(text("SELECT count(*) FROM interactions")).scalar() == 3
        migrate.upgrade(engine, "head")
    finally:
        engine.dispose()
    db = Database(location, make_engine(location))
    try:
        assert checks.schema_differences(db) == []
    finally:
        db.close()


def test_0006_follows_0005() -> None:
    graph = schema_revisions._revision_graph(schema_revisions.script_location())
    assert graph["0006"] == ("0005",)


def test_more_row_versions_on_sqlite(tmp_path: Path) -> None:
    walk_0005_to_0006_and_back(sqlite_location(tmp_path / "old.db"))


def test_more_row_versions_on_postgresql(pg_url: str) -> None:
    walk_0005_to_0006_and_back(location_from_url(pg_url))
