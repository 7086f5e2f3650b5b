"""Touches: every contact with a person counts — a held meeting, an interaction in either
direction (e-mail, call, message, in person), or a follow-up marked done.

The rules of the daily loop (the 3-and-7 routine, responsiveness, keep-in-touch, the thank-you)
all read the same plain `Touch` records, so they are testable without a database.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class InteractionKind(enum.StrEnum):
    """How an interaction happened."""

    EMAIL = "email"
    CALL = "call"
    MESSAGE = "message"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"email": "E-mail", "in_person": "In person"}.get(
            self.value, self.value.capitalize()
        )


class Direction(enum.StrEnum):
    """Who reached out: the user (`out`) or the contact (`in`, a reply)."""

    OUT = "out"
    IN = "in"


class TouchKind(enum.StrEnum):
    MEETING = "meeting"
    INTERACTION = "interaction"
    FOLLOWUP = "followup"


@dataclass(frozen=True)
class Touch:
    """One touch with a contact. `direction` is None for a held meeting (both sides took part);
    a follow-up marked done is something the user did, so it is outgoing."""

    contact_id: int
    at: dt.datetime
    kind: TouchKind
    source_id: int
    direction: Direction | None = None
    interaction_kind: InteractionKind | None = None
    summary: str | None = None

    @property
    def is_outgoing(self) -> bool:
        return self.direction is Direction.OUT

    @property
    def is_reply(self) -> bool:
        """An incoming interaction: the contact answered."""
        return self.direction is Direction.IN


def until(touches: Iterable[Touch], moment: dt.datetime) -> list[Touch]:
    """The touches that had happened at `moment`, oldest first (ties: meetings, then by id) —
    what every rule sees when asked about that moment."""
    return sorted((t for t in touches if t.at <= moment), key=_order)


def newest_first(touches: Iterable[Touch]) -> list[Touch]:
    """The contact page's timeline order."""
    return sorted(touches, key=_order, reverse=True)


def last_touch(touches: Sequence[Touch], moment: dt.datetime) -> dt.datetime | None:
    happened = until(touches, moment)
    return happened[-1].at if happened else None


def _order(touch: Touch) -> tuple[dt.datetime, int, int]:
    kinds = (TouchKind.MEETING, TouchKind.INTERACTION, TouchKind.FOLLOWUP)
    return (touch.at, kinds.index(touch.kind), touch.source_id)
