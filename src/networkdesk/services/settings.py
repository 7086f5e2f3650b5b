"""Preferences shared by the window and the CLI, kept in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from networkdesk.domain import keep_in_touch
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import Setting

DEFAULTS: dict[str, Any] = {
    # Practice first: informational meetings to hold with outer-ring contacts before the
    # bull's-eye.
    "practice_threshold": 3,
    # Reminder before a meeting, and the default for new follow-ups.
    "default_reminder_minutes": 15,
    # Length of a follow-up's slot in calendar exports.
    "followup_slot_minutes": 15,
    "ring_names": ["Bull's-eye", "Inner", "Middle", "Outer"],
    # Keep in touch per ring (bull's-eye first): [ideal, maximum] days between touches.
    "keep_in_touch_days": keep_in_touch.default_setting(),
}


def get(session: Session, key: str) -> Any:
    if key not in DEFAULTS:
        raise ValidationError(f"unknown setting {key!r}")
    row = session.get(Setting, key)
    return DEFAULTS[key] if row is None else row.value


def set_value(session: Session, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise ValidationError(f"unknown setting {key!r}")
    default = DEFAULTS[key]
    if isinstance(default, int) and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000
    ):
        raise ValidationError(f"setting {key} must be a whole number from 0 to 10000")
    if key == "ring_names":
        if (
            not isinstance(value, list)
            or len(value) != 4
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise ValidationError("ring_names must be four non-empty names")
        value = [v.strip() for v in value]
    if key == "keep_in_touch_days":
        value = keep_in_touch.setting_value(keep_in_touch.intervals_from_setting(value))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def all_settings(session: Session) -> dict[str, Any]:
    return {key: get(session, key) for key in DEFAULTS}
