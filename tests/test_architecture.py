"""The layers hold: nothing outside `networkdesk/ui/` and `app.py` imports PySide6 (so the CLI runs
on a server without Qt, and every rule of the method is testable without a display); each layer
imports only the layers below it (DESIGN.md, "Layers"); and no two modules import each other,
however indirectly."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from pathlib import Path

import networkdesk
from helpers.import_graph import (
    Edge,
    cycle_edges,
    package_edges,
    package_modules,
    source_edges,
)

PACKAGE = Path(networkdesk.__file__).parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
ALLOWED = (PACKAGE / "ui", PACKAGE / "app.py")


def qt_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every Qt import in the source, function-local ones and
    importlib.import_module("PySide6...") calls included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        found += [(node.lineno, n) for n in names if n.split(".")[0] in QT_MODULES]
    return found


def is_allowed(path: Path) -> bool:
    return any(path == allowed or allowed in path.parents for allowed in ALLOWED)


def test_the_checker_sees_every_kind_of_import() -> None:
    source = (
        "import PySide6\n"
        "from PySide6.QtCore import QObject\n"
        "def f():\n"
        "    import shiboken6\n"
        "    from PySide6 import QtGui\n"
        "    importlib.import_module('PySide6.QtWidgets')\n"
        "import json\n"
        "from .PySide6 import x\n"
    )
    assert [line for line, _ in qt_imports(source)] == [1, 2, 4, 5, 6]


def test_only_ui_and_app_import_qt() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 30  # the whole package is scanned
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in files
        if not is_allowed(path)
        for line, module in qt_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_ui_is_inside_the_allowed_area() -> None:
    # Guard the guard: the UI package exists where the rule expects it, and does use Qt.
    ui_files = list((PACKAGE / "ui").rglob("*.py"))
    assert any(qt_imports(p.read_text(encoding="utf-8")) for p in ui_files)


# --- the layer contract ------------------------------------------------------------------------
# Every import counts, function-level and `if TYPE_CHECKING:` ones included (see
# tests/helpers/import_graph.py). A type-only import still ties a module to another layer's
# names, so it counts for the layers and for cycles alike: a cycle that exists only for type
# hints is cut with a Protocol or by moving the type down, never waved through.
#
# Where the top-level modules sit:
# - `networkdesk/__init__.py` ("meta"): the version and application names; imports nothing of the
#   package, and anything may import it.
# - `resources_access.py` ("resources"): reads files shipped in the wheel; imports nothing of the
#   package but the root, and anything may import it (the question bank in domain/ is such a
#   file).
# - `secrets.py` ("secrets"): the keyring, used by services (publishing the calendar); it imports
#   only domain, and only services (and app.py) import it - the window and the CLI reach the
#   keyring through the publish use case.
# - `app.py` and `__main__.py` ("entry"): the top-level entry; may import anything. So may
#   `cli_help.py`, the stored text of `--help` that app.py prints (it imports nothing).

ROOT_PACKAGE = "networkdesk"
TOP_LEVEL_LAYERS = {
    "app": "entry",
    "__main__": "entry",
    "cli_help": "entry",
    "secrets": "secrets",
    "resources_access": "resources",
}
ALLOWED_LAYERS: dict[str, frozenset[str]] = {
    "meta": frozenset(),
    "resources": frozenset({"meta"}),
    "domain": frozenset({"domain", "meta", "resources"}),
    "storage": frozenset({"storage", "domain", "meta", "resources"}),
    "interchange": frozenset({"interchange", "domain", "meta", "resources"}),
    "secrets": frozenset({"domain", "meta"}),
    "services": frozenset(
        {"services", "domain", "storage", "interchange", "secrets", "meta", "resources"}
    ),
    "cli": frozenset({"cli", "services", "domain", "storage", "meta", "resources"}),
    "ui": frozenset({"ui", "services", "domain", "meta", "resources"}),
}
# The one module of ui/ that may import storage: it opens the database for the window.
UI_DATABASE_BOOTSTRAP = "networkdesk.ui.database_opening"
# Modules of an allowed layer that a layer still must not import: the front ends back up and
# restore through services (services/backing_up.py).
FORBIDDEN_MODULES: dict[str, frozenset[str]] = {
    "cli": frozenset({"networkdesk.storage.backups"}),
    "ui": frozenset({"networkdesk.storage.backups"}),
}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts == [ROOT_PACKAGE]:
        return "meta"
    return TOP_LEVEL_LAYERS.get(parts[1], parts[1])


def layer_violations(edges: Iterable[Edge]) -> list[str]:
    """Every edge that breaks the contract, as `file:line: source -> target (why)`."""
    found: list[str] = []
    for edge in edges:
        source, target = layer_of(edge.source), layer_of(edge.target)
        if source == "entry":
            continue
        allowed = ALLOWED_LAYERS.get(source)
        if allowed is None:
            found.append(f"{edge} (module outside every known layer: add it to the contract)")
            continue
        if edge.source == UI_DATABASE_BOOTSTRAP or edge.source.startswith(
            UI_DATABASE_BOOTSTRAP + "."
        ):
            allowed = allowed | {"storage"}
        if target not in allowed:
            found.append(f"{edge} ({source} must not import {target})")
        elif edge.target in FORBIDDEN_MODULES.get(source, frozenset()):
            found.append(f"{edge} ({source} must not import {edge.target})")
    return found


def cycle_report(edges: Iterable[Edge]) -> list[str]:
    return [str(edge) for edge in cycle_edges(edges)]


@functools.cache
def _package_edges() -> tuple[Edge, ...]:
    return tuple(package_edges(PACKAGE))


def test_every_module_has_a_layer() -> None:
    unknown = sorted(
        {layer_of(m) for m in package_modules(PACKAGE)} - set(ALLOWED_LAYERS) - {"entry"}
    )
    assert unknown == []


def test_layers_import_only_downwards() -> None:
    edges = _package_edges()
    assert len(edges) > 300  # the whole package, function-level imports included
    offenders = layer_violations(edges)
    assert offenders == [], "upward or sideways imports:\n" + "\n".join(offenders)


def test_no_import_cycles() -> None:
    offenders = cycle_report(_package_edges())
    assert offenders == [], "import cycles (edges inside them):\n" + "\n".join(offenders)


def test_the_graph_sees_function_level_relative_and_string_imports() -> None:
    names = (
        "networkdesk",
        "networkdesk.domain",
        "networkdesk.domain.models",
        "networkdesk.services",
        "networkdesk.services.contacts",
        "networkdesk.services.board",
        "networkdesk.ui",
        "networkdesk.ui.workspace",
    )
    modules = dict.fromkeys(names)
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import board\n"
        "from ..domain.models import Contact\n"
        "if TYPE_CHECKING:\n"
        "    from networkdesk.ui.workspace import Workspace\n"
        "def f():\n"
        "    import importlib\n"
        "    importlib.import_module('networkdesk.ui')\n"
        "from networkdesk import __version__\n"
        "import json\n"
    )
    edges = source_edges(
        source, "networkdesk.services.contacts", False, "networkdesk/services/contacts.py", modules
    )
    assert sorted((e.line, e.target, e.type_checking) for e in edges) == [
        (2, "networkdesk.services.board", False),
        (3, "networkdesk.domain.models", False),
        (5, "networkdesk.ui.workspace", True),
        (8, "networkdesk.ui", False),
        (9, "networkdesk", False),
    ]


def _write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "networkdesk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "networkdesk"


def test_the_contract_fails_on_an_upward_import(tmp_path: Path) -> None:
    package = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "domain/__init__.py": "",
            "domain/rules.py": "def ready():\n    from networkdesk.services import board\n",
            "services/__init__.py": "",
            "services/board.py": "from networkdesk.domain import rules\n",
            "cli/__init__.py": "",
            "cli/export.py": "from networkdesk.interchange import vcard\n",
            "interchange/__init__.py": "",
            "interchange/vcard.py": "from ..services import board\n",
            "ui/__init__.py": "",
            "ui/import_window.py": "from networkdesk.storage import backups\n",
            "ui/database_opening.py": "from networkdesk.storage import database\n",
            "storage/__init__.py": "",
            "storage/backups.py": "",
            "storage/database.py": "",
        },
    )
    edges = package_edges(package)
    assert layer_violations(edges) == [
        "networkdesk/cli/export.py:1: networkdesk.cli.export -> networkdesk.interchange.vcard "
        "(cli must not import interchange)",
        "networkdesk/domain/rules.py:2: networkdesk.domain.rules -> networkdesk.services.board "
        "(domain must not import services)",
        "networkdesk/interchange/vcard.py:1: networkdesk.interchange.vcard -> "
        "networkdesk.services.board (interchange must not import services)",
        "networkdesk/ui/import_window.py:1: networkdesk.ui.import_window -> "
        "networkdesk.storage.backups (ui must not import storage)",
    ]
    # The function-level import in domain/rules.py closes a cycle with services/board.py.
    assert cycle_report(edges) == [
        "networkdesk/domain/rules.py:2: networkdesk.domain.rules -> networkdesk.services.board",
        "networkdesk/services/board.py:1: networkdesk.services.board -> networkdesk.domain.rules",
    ]


def test_the_contract_passes_a_clean_package(tmp_path: Path) -> None:
    package = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "domain/__init__.py": "",
            "domain/rules.py": "",
            "services/__init__.py": "",
            "services/board.py": "from networkdesk.domain import rules\n",
            "ui/__init__.py": "",
            "ui/board_view.py": "def show():\n    from networkdesk.services import board\n",
        },
    )
    edges = package_edges(package)
    assert len(edges) == 2
    assert layer_violations(edges) == []
    assert cycle_report(edges) == []
