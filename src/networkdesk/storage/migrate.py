"""Schema migrations with Alembic, run programmatically on an open engine.

Alembic itself is imported only when a migration runs: every CLI command opens the database and
asks whether it is current, and importing Alembic for that would cost more than the command. The
revision graph is read from the migration files with `ast` (tests/migrations checks that it agrees
with Alembic's own view).
"""

from __future__ import annotations

import ast
import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from networkdesk.domain.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config


def _script_location() -> Path:
    return Path(str(resources.files("networkdesk.storage").joinpath("migrations")))


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_script_location()))
    config.set_main_option("path_separator", "os")
    return config


def _literal(node: ast.expr | None) -> object:
    try:
        return ast.literal_eval(node) if node is not None else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=8)
def _revision_graph(folder: Path) -> dict[str, tuple[str, ...]]:
    """Each revision with the revisions it follows, read from the files in `versions/`."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                values[node.target.id] = _literal(node.value)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        values[target.id] = _literal(node.value)
        revision = values.get("revision")
        if not isinstance(revision, str):
            continue
        down = values.get("down_revision")
        if isinstance(down, str):
            graph[revision] = (down,)
        elif isinstance(down, tuple | list):
            graph[revision] = tuple(str(d) for d in down)
        else:
            graph[revision] = ()
    return graph


def head_revision() -> str:
    graph = _revision_graph(_script_location())
    followed = {down for downs in graph.values() for down in downs}
    heads = [revision for revision in graph if revision not in followed]
    if len(heads) != 1:
        raise StorageError(f"the shipped migrations have {len(heads)} heads, expected one")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph(_script_location()))


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
