"""Schema migrations with Alembic, run programmatically on an open engine.

Alembic itself is imported only when a migration runs: every CLI command opens the database and
asks whether it is current, and importing Alembic for that would cost more than the command. The
revision graph is read from the migration files (storage/schema_revisions.py; tests/migrations
checks that it agrees with Alembic's own view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from networkdesk.domain.errors import StorageError
from networkdesk.storage import schema_revisions
from networkdesk.storage.schema_revisions import head_revision, known_revisions

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(schema_revisions.script_location()))
    config.set_main_option("path_separator", "os")
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def has_user_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    return bool(names)


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is older than this networkdesk (or empty)."""
    current = current_revision(engine)
    if current is None:
        if has_user_tables(engine):
            raise StorageError(
                "this database was not made by networkdesk (it has tables but no schema version)"
            )
        return True
    if current not in known_revisions():
        raise StorageError(
            f"this database was written by a newer networkdesk (schema {current}); "
            "update networkdesk to open it"
        )
    return current != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
