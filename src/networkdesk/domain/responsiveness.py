"""Responsiveness is measured, not typed: derived from the touches, so there is no field to
keep in sync.

A *booster* replied within 3 business days of the first outreach, an *obligate* replied later,
a *curmudgeon* never replied within 7 business days of the single follow-up.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

from networkdesk.domain.business_days import business_days_between
from networkdesk.domain.enums import parse_enum
from networkdesk.domain.outreach import first_outreach
from networkdesk.domain.touches import Touch

BOOSTER_WITHIN = 3
CURMUDGEON_AFTER = 7


class Responsiveness(enum.StrEnum):
    BOOSTER = "booster"
    OBLIGATE = "obligate"
    CURMUDGEON = "curmudgeon"


def responsiveness(
    touches: Iterable[Touch],
    moment: dt.datetime,
    zone: dt.tzinfo,
    *,
    meetings_booked: Sequence[dt.datetime] = (),
) -> Responsiveness | None:
    """What the touches known at `moment` say; None when there was no first outreach or it is
    too early to tell."""
    outreach = first_outreach(touches, moment, meetings_booked=meetings_booked)
    if outreach is None:
        return None
    if outreach.reply_at is not None:
        days = business_days_between(outreach.sent_at, outreach.reply_at, zone)
        return Responsiveness.BOOSTER if days <= BOOSTER_WITHIN else Responsiveness.OBLIGATE
    # "Within 7 business days": a reply on the 7th day still counts, so the 7th business day
    # must be over before they are a curmudgeon.
    followed_up = outreach.follow_up_at
    if followed_up is not None and (
        business_days_between(followed_up, moment, zone) > CURMUDGEON_AFTER
    ):
        return Responsiveness.CURMUDGEON
    return None


def parse_responsiveness(text: str) -> Responsiveness:
    return parse_enum(Responsiveness, text, "responsiveness")
