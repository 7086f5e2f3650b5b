"""Names the command modules use only inside their handlers, imported at first use.

Building the parser (`networkdesk --help`, every command's argument parsing) needs argparse and
the domain's value parsers, not SQLAlchemy, Alembic or the services: importing those costs most of
a second. A command module imports the real names under TYPE_CHECKING (so the types are checked)
and binds lazy stand-ins at run time:

    if TYPE_CHECKING:
        from networkdesk.services import contacts
    else:
        contacts = lazy_module("networkdesk.services.contacts")
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import Any, overload


class LazyModule:
    """Stands for a module; the first attribute read imports it."""

    __slots__ = ("_lazy_module", "_lazy_name")

    def __init__(self, name: str) -> None:
        self._lazy_name = name
        self._lazy_module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._lazy_module
        if module is None:
            module = self._lazy_module = importlib.import_module(self._lazy_name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._lazy_name!r}>"


def lazy_module(name: str) -> Any:
    return LazyModule(name)


def lazy_function(module: str, name: str) -> Callable[..., Any]:
    """A function of `module`, imported on the first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


class LazyChoices(Sequence[str]):
    """argparse `choices` computed when a value is checked (or help lists them), not when the
    parser builds. Give the argument a metavar: without one argparse lists them at once."""

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load
        self._items: list[str] | None = None

    def _all(self) -> list[str]:
        if self._items is None:
            self._items = list(self._load())
        return self._items

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, value: object) -> bool:
        return value in self._all()
