"""The layers hold: nothing outside `networkdesk/ui/` and `app.py` imports PySide6 (so the CLI runs
on a server without Qt, and every rule of the method is testable without a display)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkdesk

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
