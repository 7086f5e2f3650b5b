"""Features that plug into the main window: each module has `install(window)`, called once the
window is built (before the database opens: they follow `workspace.opened` and `changed`).
A module that does not exist yet is skipped."""

from __future__ import annotations

import importlib
import logging
from typing import Any

log = logging.getLogger(__name__)

EXTENSION_MODULES = [
    "networkdesk.ui.pipeline",  # contacts table, editors, meetings, referrals, agenda, companies
    "networkdesk.ui.calendar_ui",  # add to calendar, export, CalDAV publishing, reminders
    "networkdesk.ui.import_ui",  # File > Import..., previews, dropped and opened files
]


def install_all(window: Any) -> list[str]:
    """Install every available extension into `window`; returns the names installed."""
    installed = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.install(window)
        installed.append(name)
    return installed
