"""The shipped schema revisions, read from the migration files with `ast` (no Alembic, no
SQLAlchemy): every CLI command asks whether its database is current, and the desktop start
checks it before reading the first paint's rows raw (services/start_read.py, issue 13 P1).
tests/migrations checks that this graph agrees with Alembic's own view.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from networkdesk.domain.errors import StorageError


def script_location() -> Path:
    # Next to this module (the package is installed as files: Alembic reads them from disk
    # too); not through importlib.resources, whose import alone costs ~13 ms at start-up.
    return Path(__file__).resolve().parent / "migrations"


def _literal(node: ast.expr | None) -> object:
    try:
        return ast.literal_eval(node) if node is not None else None
    except ValueError:
        return None


# `revision = "0007"` / `down_revision: str | None = "0006"` at the start of a line.
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.MULTILINE)


def _assignments(text: str) -> dict[str, object]:
    """The module-level `revision` and `down_revision` of a migration file. Only those lines are
    parsed: parsing every migration's whole body took ~40 ms, paid by every command and by the
    desktop start (issue 13, P1). A value spread over several lines falls back to the file's
    full parse."""
    values: dict[str, object] = {}
    for name, value in _ASSIGNMENT.findall(text):
        try:
            values.setdefault(name, ast.literal_eval(value.strip()))
        except (ValueError, SyntaxError):
            return _parsed_assignments(text)
    return values


def _parsed_assignments(text: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            values[node.target.id] = _literal(node.value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = _literal(node.value)
    return values


@functools.lru_cache(maxsize=8)
def _revision_graph(folder: Path) -> dict[str, tuple[str, ...]]:
    """Each revision with the revisions it follows, read from the files in `versions/`."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        values = _assignments(path.read_text(encoding="utf-8"))
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
    graph = _revision_graph(script_location())
    followed = {down for downs in graph.values() for down in downs}
    heads = [revision for revision in graph if revision not in followed]
    if len(heads) != 1:
        raise StorageError(f"the shipped migrations have {len(heads)} heads, expected one")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph(script_location()))
