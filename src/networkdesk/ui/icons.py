"""Action icons from `resources/icons/*.svg`, falling back to the desktop theme's icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from networkdesk.resources_access import resource

# Freedesktop theme names used when a bundled SVG is missing.
_THEME_NAMES = {
    "undo": "edit-undo",
    "redo": "edit-redo",
    "zoom-in": "zoom-in",
    "zoom-out": "zoom-out",
    "zoom-fit": "zoom-fit-best",
    "quit": "application-exit",
}


@cache
def icon(name: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    if path.is_file():
        return QIcon(str(path))
    return QIcon.fromTheme(_THEME_NAMES.get(name, name))


def app_icon() -> QIcon:
    path = resource("icons", "networkdesk.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
