"""Importing PySide6 without its per-module source scan.

PySide6 replaces `__import__` and, for every module imported after it, reads the module's whole
source (`inspect.getsource`, which fills `linecache`) to see whether it mentions "PySide6" — the
check behind its opt-in `from __feature__ import snake_case, true_property`. For this app that is
about 500 modules (SQLAlchemy, the services, the views): 0.2-0.4 s of start-up and 20 MB of
source lines kept in memory (issue 13, P1 and P6). networkdesk uses no `__feature__` option, so
every module gets the answer the scan gives a module that does not opt in.

The scan lives in PySide6's private support module; when a PySide6 version moves or renames it,
nothing is patched and the app starts as before, only slower.
"""

from __future__ import annotations

import linecache
import sys

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook and its feature module)

#: PySide6's answer for a module that does not use `__feature__`: nothing to switch.
_NO_FEATURES = False


def _uses_no_features(_module: object) -> bool:
    return _NO_FEATURES


def skip_source_scan() -> bool:
    """Answer PySide6's "does this module use PySide?" check without reading its source; True
    when the check was found and replaced."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_no_features  # type: ignore[attr-defined]
    return True


def forget_source_lines() -> None:
    """Drop the source lines the scan (and anything else) cached; tracebacks read them again
    when they need them."""
    linecache.clearcache()
