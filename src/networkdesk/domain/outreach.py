"""The 3-and-7 routine for a first outreach.

After writing to someone you had no touch with before: no reply after 3 business days, write to
*another* person at the same company (contacts there not yet contacted, outer rings first); no
reply after 7 business days, follow up once with the first person; after that follow-up nothing
more is suggested for them. A reply (an incoming interaction) or a meeting ends the clock.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from networkdesk.domain.business_days import business_days_between
from networkdesk.domain.touches import Touch, TouchKind, until

TRY_ANOTHER_AFTER = 3
FOLLOW_UP_AFTER = 7


class Suggestion(enum.StrEnum):
    TRY_ANOTHER_CONTACT = "try_another_contact"
    FOLLOW_UP_ONCE = "follow_up_once"


@dataclass(frozen=True)
class FirstOutreach:
    """A first outreach and what came of it, as far as known at some moment."""

    sent_at: dt.datetime
    # The first reply: an incoming interaction, or the moment a meeting was agreed.
    reply_at: dt.datetime | None
    # The first outgoing touch after the outreach and before any reply: the follow-up.
    follow_up_at: dt.datetime | None


@dataclass(frozen=True)
class OutreachClock:
    sent_at: dt.datetime
    business_days: int
    followed_up: bool
    suggest: Suggestion | None


def first_outreach(
    touches: Iterable[Touch],
    moment: dt.datetime,
    *,
    meetings_booked: Sequence[dt.datetime] = (),
) -> FirstOutreach | None:
    """The contact's first outreach, when their first touch of all was an outgoing
    interaction; None otherwise (they were met first, or wrote first, or nothing happened).

    `meetings_booked` are the moments meetings with them were agreed (a meeting with them means
    they answered); one agreed before the outreach means it was not a first contact.
    """
    happened = until(touches, moment)
    booked = sorted(b for b in meetings_booked if b <= moment)
    if not happened:
        return None
    first = happened[0]
    if first.kind is not TouchKind.INTERACTION or not first.is_outgoing:
        return None
    if booked and booked[0] < first.at:
        return None
    later = [t for t in happened[1:] if t.at >= first.at]
    replies = [t.at for t in later if t.is_reply or t.kind is TouchKind.MEETING]
    replies += booked
    reply_at = min(replies) if replies else None
    follow_up_at = next(
        (
            t.at
            for t in later
            if t.is_outgoing and t.at > first.at and (reply_at is None or t.at < reply_at)
        ),
        None,
    )
    return FirstOutreach(first.at, reply_at, follow_up_at)


def outreach_clock(
    touches: Iterable[Touch],
    moment: dt.datetime,
    zone: dt.tzinfo,
    *,
    meetings_booked: Sequence[dt.datetime] = (),
) -> OutreachClock | None:
    """Where the 3-and-7 clock stands at `moment`; None when there is no clock running (no
    first outreach, or it was answered)."""
    outreach = first_outreach(touches, moment, meetings_booked=meetings_booked)
    if outreach is None or outreach.reply_at is not None:
        return None
    days = business_days_between(outreach.sent_at, moment, zone)
    followed_up = outreach.follow_up_at is not None
    suggest: Suggestion | None = None
    if days >= FOLLOW_UP_AFTER:
        suggest = None if followed_up else Suggestion.FOLLOW_UP_ONCE
    elif days >= TRY_ANOTHER_AFTER:
        suggest = Suggestion.TRY_ANOTHER_CONTACT
    return OutreachClock(outreach.sent_at, days, followed_up, suggest)


@dataclass(frozen=True)
class Colleague:
    """Someone at the same company as the person written to."""

    contact_id: int
    ring: int | None


def another_contact_candidates(
    written_to: int, colleagues: Iterable[Colleague], touched: Iterable[int]
) -> list[int]:
    """Whom to write to instead: colleagues with no touch yet, outer rings first (practice on
    the low-risk people), unplaced contacts last, then in the order they were added."""
    already = set(touched) | {written_to}

    def order(colleague: Colleague) -> tuple[int, int]:
        # Ring 3 (outer) first; None (not on the board) after ring 0.
        ring_rank = -colleague.ring if colleague.ring is not None else 1
        return (ring_rank, colleague.contact_id)

    return [c.contact_id for c in sorted(colleagues, key=order) if c.contact_id not in already]
