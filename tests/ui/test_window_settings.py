"""The window's QSettings keys, declared once with types and defaults (ui/window_settings.py)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from networkdesk.ui import window_settings

SRC = Path(window_settings.__file__).resolve().parent.parent


def test_keys_are_the_ones_earlier_versions_wrote() -> None:
    # Existing settings files keep working: these names must never change (new keys may join).
    assert "contactsTable/header" in window_settings.REGISTRY
    assert set(window_settings.REGISTRY) >= {
        "mainWindow/geometry",
        "mainWindow/state",
        "canvas/referralLines",
        "caldav/url",
        "caldav/user",
        "caldav/calendar",
        "carddav/url",
        "carddav/user",
        "carddav/addressbook",
        "reminders/lastCheck",
    }


def test_typed_values_and_defaults() -> None:
    assert window_settings.REFERRAL_LINES.get() is False
    assert window_settings.CALDAV_URL.get() == ""
    assert isinstance(window_settings.MAIN_GEOMETRY.get(), QByteArray)
    window_settings.REFERRAL_LINES.set(True)
    assert window_settings.REFERRAL_LINES.get() is True
    # Text backends (INI files, a hand-edited value) hand back strings: still a bool.
    QSettings().setValue("canvas/referralLines", "false")
    assert window_settings.REFERRAL_LINES.get() is False
    QSettings().setValue("canvas/referralLines", "true")
    assert window_settings.REFERRAL_LINES.get() is True
    # A value of the wrong type falls back to the default rather than reaching a widget.
    QSettings().setValue("mainWindow/state", "not a layout")
    assert window_settings.MAIN_STATE.get() == QByteArray()
    window_settings.CALDAV_USER.set("ada")
    assert window_settings.CALDAV_USER.get() == "ada"
    window_settings.CALDAV_USER.clear()
    assert window_settings.CALDAV_USER.get() == ""


def test_no_qsettings_key_outside_the_registry() -> None:
    """QSettings is read and written only through window_settings."""
    offenders = []
    for path in sorted((SRC).rglob("*.py")):
        if path.name == "window_settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bQSettings\(", text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []
