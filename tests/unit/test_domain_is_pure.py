"""The method's rules in domain/ are pure: they import nothing of networkdesk but domain/ (no
storage, services, resources or Qt), function-level imports included."""

from __future__ import annotations

import ast
from pathlib import Path

import networkdesk.domain

DOMAIN = Path(networkdesk.domain.__file__).parent


def package_imports(source: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.append("." * node.level + (node.module or ""))
    return [name for name in found if name.startswith(("networkdesk", "."))]


def test_the_checker_sees_function_level_imports() -> None:
    source = "def f():\n    from networkdesk.services import x\n    from . import y\n"
    assert package_imports(source) == ["networkdesk.services", "."]


def test_domain_imports_only_domain() -> None:
    files = sorted(DOMAIN.glob("*.py"))
    assert len(files) >= 8
    offenders = [
        f"{path.name} imports {name}"
        for path in files
        for name in package_imports(path.read_text(encoding="utf-8"))
        if not name.startswith("networkdesk.domain")
    ]
    assert offenders == []
