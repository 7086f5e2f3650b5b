"""Enumerations of the method: rings, pipeline stages, meeting kinds, referral statuses."""

from __future__ import annotations

import enum
from typing import TypeVar

from networkdesk.domain.errors import ValidationError


class Ring(enum.IntEnum):
    """Rings of the career bull's-eye, from the centre outwards."""

    BULLSEYE = 0
    INNER = 1
    MIDDLE = 2
    OUTER = 3

    @property
    def label(self) -> str:
        return RING_LABELS[self]


def as_ring(value: Ring | int | None) -> Ring | None:
    """A ring number (0-3) as a `Ring`; None (not placed) stays None."""
    return None if value is None else Ring(value)


RING_LABELS: dict[Ring, str] = {
    Ring.BULLSEYE: "Bull's-eye",
    Ring.INNER: "Inner",
    Ring.MIDDLE: "Middle",
    Ring.OUTER: "Outer",
}

_RING_NAMES = {
    "bullseye": Ring.BULLSEYE,
    "bulls-eye": Ring.BULLSEYE,
    "bull's-eye": Ring.BULLSEYE,
    "inner": Ring.INNER,
    "middle": Ring.MIDDLE,
    "outer": Ring.OUTER,
}


def parse_ring(text: str | int, *, allow_inbox: bool = False) -> Ring | None:
    """Parse a ring given as 0-3 or a name; `inbox` (when allowed) means not placed (None)."""
    if isinstance(text, int) and not isinstance(text, bool):
        if 0 <= text <= 3:
            return Ring(text)
        raise ValidationError(f"ring {text} does not exist: use 0-3 or bullseye|inner|middle|outer")
    value = str(text).strip().lower()
    if allow_inbox and value in ("inbox", "none", ""):
        return None
    if value.isdigit() and 0 <= int(value) <= 3:
        return Ring(int(value))
    if value in _RING_NAMES:
        return _RING_NAMES[value]
    choices = "0-3 or bullseye|inner|middle|outer" + ("|inbox" if allow_inbox else "")
    raise ValidationError(f"unknown ring {text!r}: use {choices}")


class Stage(enum.StrEnum):
    """Where a contact stands in the pipeline."""

    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    MEETING_SCHEDULED = "meeting_scheduled"
    MET = "met"
    FOLLOWING_UP = "following_up"
    REFERRED_ON = "referred_on"
    DORMANT = "dormant"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class MeetingKind(enum.StrEnum):
    """Informational interview: learning about a job or field. Informational meeting: the job
    search itself — build trust and get referred on."""

    INTERVIEW = "interview"
    MEETING = "meeting"

    @property
    def label(self) -> str:
        return (
            "Informational interview" if self is MeetingKind.INTERVIEW else "Informational meeting"
        )


class ReferralStatus(enum.StrEnum):
    SUGGESTED = "suggested"
    INTRO_REQUESTED = "intro_requested"
    INTRODUCED = "introduced"
    MET = "met"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class CalendarItemKind(enum.StrEnum):
    MEETING = "meeting"
    FOLLOWUP = "followup"


E = TypeVar("E", bound=enum.StrEnum)


def parse_enum(enum_type: type[E], text: str, what: str) -> E:
    """Parse a lower-case snake_case enum value, accepting spaces and dashes for underscores."""
    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum_type(value)
    except ValueError:
        choices = "|".join(member.value for member in enum_type)
        raise ValidationError(f"unknown {what} {text!r}: use {choices}") from None
