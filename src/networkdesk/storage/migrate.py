"""Schema migrations with Alembic, run programmatically on an open engine."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from networkdesk.domain.errors import StorageError


def _script_location() -> Path:
    return Path(str(resources.files("networkdesk.storage").joinpath("migrations")))


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_script_location()))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


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
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
