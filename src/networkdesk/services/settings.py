"""Preferences shared by the window and the CLI, kept in the database.

Each setting is declared once (in the manner of MusicBrainz Picard's options): its stored name,
its default and the rule that checks and cleans a new value. Code reads and writes through the
typed declarations (`PRACTICE_THRESHOLD.get(session)` is an `int`, `RING_NAMES.get(session)` a
`list[str]`); the name-based `get`/`set_value` remain for the CLI's `settings set KEY VALUE`.

The stored names are the ones earlier versions wrote, so existing databases keep their values.

The ORM's `Setting` model is imported where a setting is read or written, not at the top: the
window's first paint cleans the stored ring names (`from_stored`) before SQLAlchemy is loaded
(issue 13, P1; services/start_read.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from networkdesk.domain import keep_in_touch
from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


MAX_WHOLE_NUMBER = 10_000
RING_COUNT = 4


@dataclass(frozen=True)
class SettingSpec(Generic[T]):
    """One database setting: stored under `key`; `clean` checks a new value and returns it
    normalised, or raises ValidationError saying what is accepted."""

    key: str
    default: T
    doc: str
    clean: Callable[[str, object], T]

    def get(self, session: Session) -> T:
        from networkdesk.domain.models import Setting  # not at the top: see the module's docstring

        row = session.get(Setting, self.key)
        return self.from_stored(row is not None, row.value if row is not None else None)

    def from_stored(self, present: bool, value: object) -> T:
        """The setting's value from what is stored (`present`: a row exists; `value`: its
        decoded JSON), as `get` reads it: the default where there is none."""
        if present:
            try:
                return self.clean(self.key, value)
            except ValidationError:
                # A stored value its rule refuses (edited by another tool, or written by a
                # version with other rules) reads as the default rather than reaching the
                # window or an export with the wrong type.
                pass
        # A copy: a caller that edits the list it got must not change the default.
        return copy.deepcopy(self.default)

    def set(self, session: Session, value: T) -> None:
        from networkdesk.domain.models import Setting  # not at the top: see the module's docstring

        cleaned = self.clean(self.key, value)
        row = session.get(Setting, self.key)
        if row is None:
            session.add(Setting(key=self.key, value=cleaned))
        else:
            row.value = cleaned
        session.flush()


def whole_number(key: str, value: object) -> int:
    # bool is an int in Python; a setting of `true` is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WHOLE_NUMBER:
        raise ValidationError(f"setting {key} must be a whole number from 0 to {MAX_WHOLE_NUMBER}")
    return value


def four_names(key: str, value: object) -> list[str]:
    if (
        not isinstance(value, list)
        or len(value) != RING_COUNT
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise ValidationError(f"{key} must be four non-empty names")
    return [v.strip() for v in value]


REGISTRY: dict[str, SettingSpec[Any]] = {}


def _declare(key: str, default: T, doc: str, clean: Callable[[str, object], T]) -> SettingSpec[T]:
    if key in REGISTRY:
        raise ValueError(f"setting {key!r} is declared twice")
    clean(key, default)  # a default its own rule refuses is a programming error, found at import
    spec = SettingSpec(key, default, doc, clean)
    REGISTRY[key] = spec
    return spec


PRACTICE_THRESHOLD = _declare(
    "practice_threshold",
    3,
    "informational meetings to hold with outer-ring contacts before the bull's-eye",
    whole_number,
)
DEFAULT_REMINDER_MINUTES = _declare(
    "default_reminder_minutes",
    15,
    "reminder before a meeting, and the default for new follow-ups",
    whole_number,
)
FOLLOWUP_SLOT_MINUTES = _declare(
    "followup_slot_minutes", 15, "length of a follow-up's slot in calendar exports", whole_number
)
RING_NAMES = _declare(
    "ring_names",
    ["Bull's-eye", "Inner", "Middle", "Outer"],
    "names of the four rings, from the centre out",
    four_names,
)


def _keep_in_touch_days(key: str, value: object) -> list[list[int]]:
    # The domain rule checks the shape and ranges and says what is accepted.
    return keep_in_touch.setting_value(keep_in_touch.intervals_from_setting(value))


KEEP_IN_TOUCH_DAYS = _declare(
    "keep_in_touch_days",
    keep_in_touch.default_setting(),
    "keep in touch per ring, bull's-eye first: [ideal, maximum] days between touches",
    _keep_in_touch_days,
)

#: Every setting's default by name (read-only by convention; the settings dialog resets to it).
DEFAULTS: dict[str, Any] = {key: spec.default for key, spec in REGISTRY.items()}


def spec_for(key: str) -> SettingSpec[Any]:
    try:
        return REGISTRY[key]
    except KeyError:
        raise ValidationError(f"unknown setting {key!r}") from None


def get(session: Session, key: str) -> Any:
    return spec_for(key).get(session)


def set_value(session: Session, key: str, value: Any) -> None:
    spec_for(key).set(session, value)


def all_settings(session: Session) -> dict[str, Any]:
    return {key: spec.get(session) for key, spec in REGISTRY.items()}
