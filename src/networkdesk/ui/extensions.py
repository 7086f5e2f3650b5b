"""Features that plug into the main window: each module has `install(window)`, called once the
window is built (before the database opens: they follow `workspace.opened` and `changed`).
A module that does not exist yet is skipped. A feature that fails to install is reported (to
`on_error`, or the log) and the window goes on without it: one broken feature must not keep
the whole app from starting."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

EXTENSION_MODULES = [
    "networkdesk.ui.pipeline",  # contacts table, editors, meetings, referrals, agenda, companies
    "networkdesk.ui.calendar_ui",  # add to calendar, export, CalDAV publishing, reminders
    "networkdesk.ui.import_ui",  # File > Import..., previews, dropped and opened files
]


def install_all(
    window: Any, on_error: Callable[[str, BaseException], None] | None = None
) -> list[str]:
    """Install every available extension into `window`; returns the names installed."""
    installed = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            _failed(name, exc, on_error)
            continue
        except Exception as exc:
            _failed(name, exc, on_error)
            continue
        try:
            module.install(window)
        except Exception as exc:
            _failed(name, exc, on_error)
            continue
        installed.append(name)
    return installed


def _failed(
    name: str, exc: BaseException, on_error: Callable[[str, BaseException], None] | None
) -> None:
    log.error("could not install %s", name, exc_info=exc)
    if on_error is not None:
        on_error(name, exc)
