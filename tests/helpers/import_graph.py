"""The package's module import graph, for the layer contract (tests/test_architecture.py).

Every import counts: module level, inside functions, under `if TYPE_CHECKING:`, relative ones
(resolved against the importing module), and `importlib.import_module("...")` / `__import__`
calls with a literal name. An edge points at the most specific module of the package that the
import names: `from networkdesk.services import contacts` is an edge to
`networkdesk.services.contacts`, `from networkdesk.services.contacts import add` one to the same
module, `from networkdesk import __version__` one to the package's root `__init__`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Edge:
    source: str
    target: str
    file: str  # path of the importing file, relative to the folder holding the package
    line: int
    type_checking: bool = False  # under `if TYPE_CHECKING:` (never runs)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.source} -> {self.target}"


def module_name(path: Path, root: Path) -> str:
    """`root/networkdesk/ui/views/main_window.py` -> `networkdesk.ui.views.main_window`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(package_dir: Path) -> dict[str, Path]:
    """Every module of the package under `package_dir`, by dotted name."""
    root = package_dir.parent
    return {module_name(path, root): path for path in sorted(package_dir.rglob("*.py"))}


def _is_type_checking_test(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "TYPE_CHECKING") or (
        isinstance(node, ast.Attribute) and node.attr == "TYPE_CHECKING"
    )


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Lines of statements inside `if TYPE_CHECKING:` blocks (not their `else:`)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking_test(node.test):
            for statement in node.body:
                for inner in ast.walk(statement):
                    if hasattr(inner, "lineno"):
                        lines.add(inner.lineno)
    return lines


def _imported_names(
    node: ast.AST, module: str, is_package: bool, modules: Mapping[str, object]
) -> list[str]:
    """Modules of `modules` an import statement or call loads, relative imports resolved."""
    names: list[str] = []
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            anchor = ".".join(base + ([node.module] if node.module else []))
        else:
            anchor = node.module or ""
        # `from a import b` is an import of the submodule a.b when there is one, else of a.
        names = [
            f"{anchor}.{alias.name}" if f"{anchor}.{alias.name}" in modules else anchor
            for alias in node.names
        ]
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
    resolved = (_resolve(name, modules) for name in names)
    return sorted({name for name in resolved if name is not None})


def _resolve(name: str, modules: Mapping[str, object]) -> str | None:
    """The longest known module that `name` starts with."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def source_edges(
    source: str, module: str, is_package: bool, file: str, modules: Mapping[str, object]
) -> list[Edge]:
    """The edges from one module's source text to other modules of `modules`."""
    tree = ast.parse(source)
    guarded = _type_checking_lines(tree)
    found: set[Edge] = set()
    for node in ast.walk(tree):
        lineno = getattr(node, "lineno", 0)
        for target in _imported_names(node, module, is_package, modules):
            if target != module:
                found.add(Edge(module, target, file, lineno, lineno in guarded))
    return sorted(found)


def package_edges(package_dir: Path) -> list[Edge]:
    modules = package_modules(package_dir)
    root = package_dir.parent
    edges: list[Edge] = []
    for name, path in modules.items():
        edges += source_edges(
            path.read_text(encoding="utf-8"),
            name,
            path.name == "__init__.py",
            str(path.relative_to(root)),
            modules,
        )
    return edges


def cycles(edges: Iterable[Edge]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


def cycle_edges(edges: Iterable[Edge]) -> list[Edge]:
    """The edges inside import cycles: the ones to cut."""
    edges = list(edges)
    components = [set(c) for c in cycles(edges)]
    return sorted(
        edge for edge in edges if any(edge.source in c and edge.target in c for c in components)
    )
