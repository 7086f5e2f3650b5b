"""Pure rules of the method (no database, no Qt).

Practice first: before meeting the decision-makers in the bull's-eye, hold a few informational
meetings with low-risk contacts on the outer rings. Whether a meeting was practice depends on where
its contact stood *when it was held*, which the ring history tells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Rings whose contacts are safe to practise on: the middle and outer rings.
PRACTICE_RINGS = frozenset({2, 3})
#: The centre: the decision-makers the practice is for.
BULLSEYE_RING = 0


@dataclass(frozen=True)
class RingStep:
    """One entry of a contact's ring history: from `moved_at` on, it was on `to_ring`."""

    moved_at: dt.datetime
    to_ring: int | None


@dataclass(frozen=True)
class HeldMeeting:
    contact_id: int
    start: dt.datetime


def ring_at(history: Sequence[RingStep], when: dt.datetime) -> int | None:
    """The ring a contact was on at `when`, from its history (None: not placed then)."""
    ring: int | None = None
    for step in sorted(history, key=lambda s: s.moved_at):
        if step.moved_at > when:
            break
        ring = step.to_ring
    return ring


def count_practice_meetings(
    meetings: Iterable[HeldMeeting],
    histories: Mapping[int, Sequence[RingStep]],
    current_rings: Mapping[int, int | None],
    now: dt.datetime,
) -> int:
    """Meetings already held (started before `now`) with a contact who was on a practice ring
    at the time. A contact with no history at all has always been where it is now."""
    held = 0
    for meeting in meetings:
        if meeting.start >= now:
            continue
        history = histories.get(meeting.contact_id)
        ring = ring_at(history, meeting.start) if history else current_rings.get(meeting.contact_id)
        if ring in PRACTICE_RINGS:
            held += 1
    return held


def practice_applies(
    contact_ring: int | None,
    company_is_target: bool,
    threshold: int,
    *,
    require_bullseye: bool = True,
) -> bool:
    """Whether practice-first has anything to say about meeting this contact: it works at a
    target company, is in the bull's-eye (unless `require_bullseye` is off, e.g. when a meeting
    is being planned with someone not placed yet), and the user wants practice (threshold > 0)."""
    if require_bullseye and contact_ring != BULLSEYE_RING:
        return False
    return company_is_target and threshold > 0


def practice_first_message(
    held: int, threshold: int, contact_name: str, company_name: str | None
) -> str | None:
    """The reminder to practise first, or None when enough practice meetings were held."""
    if held >= threshold:
        return None
    at = f" at {company_name}" if company_name else ""
    done = "none yet" if held == 0 else f"only {held} so far"
    return (
        f"Practice first: {contact_name}{at} is a bull's-eye contact at a target company. "
        f"The method suggests {threshold} informational meetings with outer-ring contacts "
        f"before that ({done})."
    )
