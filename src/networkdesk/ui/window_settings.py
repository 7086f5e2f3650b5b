"""Every QSettings key the desktop app keeps, declared once: name, type and default.

Per-machine window state (geometry, dock layout, view toggles, the CalDAV account without its
password, the reminder clock) lives in QSettings; preferences shared with the CLI live in the
database (`services.settings`). Code reads and writes through the typed accessors here, never
through string keys of its own, so a key cannot be misspelt in one place and a stored value of the
wrong type (QSettings' INI backend hands back strings) cannot leak into a widget.

The key names are the ones earlier versions wrote: existing settings files keep working.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

_TRUE_TEXTS = frozenset({"true", "1", "yes", "on"})


@dataclass(frozen=True)
class WindowSetting(Generic[T]):
    """One QSettings key with its type and default; `get` never returns another type."""

    key: str
    default: T
    doc: str

    def get(self, settings: QSettings | None = None) -> T:
        raw = (settings or QSettings()).value(self.key, None)
        if raw is None:
            return self.default
        return self._coerce(raw)

    def set(self, value: T, settings: QSettings | None = None) -> None:
        (settings or QSettings()).setValue(self.key, value)

    def clear(self, settings: QSettings | None = None) -> None:
        (settings or QSettings()).remove(self.key)

    def _coerce(self, raw: object) -> T:
        # QSettings' INI and plist backends may return any stored value as text; a value of the
        # wrong type (hand-edited file, older version) falls back to the default.
        default = self.default
        value: object = default
        if isinstance(default, bool):
            if isinstance(raw, bool):
                value = raw
            elif raw:
                value = str(raw).strip().lower() in _TRUE_TEXTS
        elif isinstance(default, QByteArray):
            value = raw if isinstance(raw, QByteArray) else default
        elif isinstance(default, str):
            value = str(raw)
        elif isinstance(default, int):
            with contextlib.suppress(ValueError):
                value = int(str(raw))
        elif isinstance(raw, type(default)):
            value = raw
        # Every branch gave a value of the default's type.
        return cast(T, value)


REGISTRY: dict[str, WindowSetting[object]] = {}


def _declare(key: str, default: T, doc: str) -> WindowSetting[T]:
    if key in REGISTRY:
        raise ValueError(f"window setting {key!r} is declared twice")
    setting = WindowSetting(key, default, doc)
    REGISTRY[key] = setting  # type: ignore[assignment]
    return setting


MAIN_GEOMETRY = _declare("mainWindow/geometry", QByteArray(), "main window size and position")
MAIN_STATE = _declare("mainWindow/state", QByteArray(), "dock and toolbar layout")
REFERRAL_LINES = _declare("canvas/referralLines", False, "board shows who referred whom")
CALDAV_URL = _declare("caldav/url", "", "CalDAV server address last published to")
CALDAV_USER = _declare("caldav/user", "", "CalDAV user name (the password is in the keyring)")
CALDAV_CALENDAR = _declare("caldav/calendar", "", "CalDAV calendar last published to")
CONTACTS_TABLE_HEADER = _declare(
    "contactsTable/header", QByteArray(), "contacts table columns: order, widths, hidden ones"
)
CARDDAV_URL = _declare("carddav/url", "", "CardDAV server address contacts were published to")
CARDDAV_USER = _declare("carddav/user", "", "CardDAV user name (the password is in the keyring)")
CARDDAV_BOOK = _declare("carddav/addressbook", "", "CardDAV address book last published to")
REMINDERS_LAST_CHECK = _declare(
    "reminders/lastCheck", "", "when reminders were last checked (ISO 8601, aware)"
)
