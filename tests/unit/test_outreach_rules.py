"""The 3-and-7 routine and responsiveness, measured from the touches."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from networkdesk.domain.outreach import (
    Colleague,
    Suggestion,
    another_contact_candidates,
    first_outreach,
    outreach_clock,
)
from networkdesk.domain.responsiveness import Responsiveness, responsiveness
from networkdesk.domain.touches import Direction, InteractionKind, Touch, TouchKind

ZONE = ZoneInfo("Europe/Berlin")
SENT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)  # a Monday


def day(n: int, hour: int = 9) -> dt.datetime:
    """Calendar day n after SENT's date, at `hour` local time."""
    return dt.datetime.combine(SENT.date() + dt.timedelta(days=n), dt.time(hour), tzinfo=ZONE)


def out(when: dt.datetime, ident: int = 1) -> Touch:
    return Touch(
        7, when, TouchKind.INTERACTION, ident, Direction.OUT, interaction_kind=InteractionKind.EMAIL
    )


def reply(when: dt.datetime, ident: int = 2) -> Touch:
    return Touch(7, when, TouchKind.INTERACTION, ident, Direction.IN)


def meeting(when: dt.datetime, ident: int = 1) -> Touch:
    return Touch(7, when, TouchKind.MEETING, ident)


def done_followup(when: dt.datetime, ident: int = 1) -> Touch:
    return Touch(7, when, TouchKind.FOLLOWUP, ident, Direction.OUT)


def suggestion(touches: list[Touch], moment: dt.datetime, **kw: object) -> Suggestion | None:
    clock = outreach_clock(touches, moment, ZONE, **kw)  # type: ignore[arg-type]
    return None if clock is None else clock.suggest


def test_nothing_for_the_first_two_business_days() -> None:
    assert suggestion([out(SENT)], day(2)) is None  # Wednesday: 2 business days
    clock = outreach_clock([out(SENT)], day(2), ZONE)
    assert clock is not None
    assert clock.business_days == 2


def test_try_another_contact_from_day_3_to_6() -> None:
    assert suggestion([out(SENT)], day(3)) is Suggestion.TRY_ANOTHER_CONTACT  # Thursday
    assert suggestion([out(SENT)], day(8)) is Suggestion.TRY_ANOTHER_CONTACT  # Tuesday: 6


def test_follow_up_once_from_day_7_then_nothing() -> None:
    assert suggestion([out(SENT)], day(9)) is Suggestion.FOLLOW_UP_ONCE  # Wednesday: 7
    assert suggestion([out(SENT)], day(40)) is Suggestion.FOLLOW_UP_ONCE
    followed = [out(SENT), out(day(9), ident=3)]
    assert suggestion(followed, day(10)) is None
    assert suggestion(followed, day(60)) is None
    # A follow-up marked done counts as the follow-up too.
    assert suggestion([out(SENT), done_followup(day(9))], day(12)) is None


def test_a_reply_or_a_meeting_ends_the_clock() -> None:
    assert outreach_clock([out(SENT), reply(day(1))], day(9), ZONE) is None
    assert outreach_clock([out(SENT), meeting(day(5))], day(9), ZONE) is None
    # A meeting agreed (booked) but still to come ends it too.
    assert outreach_clock([out(SENT)], day(9), ZONE, meetings_booked=[day(4)]) is None


def test_only_a_first_outreach_starts_the_clock() -> None:
    # They wrote first, or were met first: not a first outreach.
    assert outreach_clock([reply(SENT), out(day(1))], day(9), ZONE) is None
    assert outreach_clock([meeting(SENT), out(day(1))], day(9), ZONE) is None
    assert (
        outreach_clock([out(SENT)], day(9), ZONE, meetings_booked=[SENT - dt.timedelta(1)]) is None
    )
    assert outreach_clock([], day(9), ZONE) is None


def test_touches_after_the_moment_are_not_seen() -> None:
    touches = [out(SENT), reply(day(10))]
    assert suggestion(touches, day(9)) is Suggestion.FOLLOW_UP_ONCE
    assert suggestion(touches, day(10, 12)) is None
    assert outreach_clock(touches, SENT - dt.timedelta(hours=1), ZONE) is None


def test_first_outreach_reports_reply_and_follow_up() -> None:
    found = first_outreach([out(SENT), out(day(9), 3), reply(day(11))], day(20))
    assert found is not None
    assert (found.sent_at, found.follow_up_at, found.reply_at) == (SENT, day(9), day(11))


def test_candidates_are_untouched_colleagues_outer_rings_first() -> None:
    colleagues = [
        Colleague(1, 0),
        Colleague(2, 3),
        Colleague(3, None),
        Colleague(4, 2),
        Colleague(5, 3),
        Colleague(6, 1),
        Colleague(7, 3),  # the person written to
    ]
    assert another_contact_candidates(7, colleagues, touched={5}) == [2, 4, 6, 1, 3]


def test_booster_obligate_curmudgeon() -> None:
    assert responsiveness([out(SENT), reply(day(3, 18))], day(30), ZONE) is Responsiveness.BOOSTER
    assert responsiveness([out(SENT), reply(day(4))], day(30), ZONE) is Responsiveness.OBLIGATE
    # A reply after the follow-up is still a (late) reply.
    late = [out(SENT), out(day(9), 3), reply(day(16))]
    assert responsiveness(late, day(30), ZONE) is Responsiveness.OBLIGATE
    silent = [out(SENT), out(day(9), 3)]  # follow-up on Wednesday 11 March
    assert responsiveness(silent, day(18), ZONE) is None  # Friday: 7th business day, still open
    assert responsiveness(silent, day(21), ZONE) is Responsiveness.CURMUDGEON  # Monday: 8th
    # No follow-up yet: too early to call them anything.
    assert responsiveness([out(SENT)], day(60), ZONE) is None
    assert responsiveness([meeting(SENT)], day(60), ZONE) is None


def test_a_meeting_agreed_counts_as_the_reply() -> None:
    found = responsiveness([out(SENT)], day(30), ZONE, meetings_booked=[day(1)])
    assert found is Responsiveness.BOOSTER


@given(st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=23))
def test_the_routine_moves_forward_only(days: int, hour: int) -> None:
    """As time passes without a reply: nothing, then try another, then follow up once."""
    order = [None, Suggestion.TRY_ANOTHER_CONTACT, Suggestion.FOLLOW_UP_ONCE]
    now = day(days, hour)
    later = now + dt.timedelta(days=1)
    if now < SENT:
        return
    a = suggestion([out(SENT)], now)
    b = suggestion([out(SENT)], later)
    assert order.index(a) <= order.index(b)


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=30))
def test_responsiveness_depends_only_on_when_they_replied(reply_day: int, extra: int) -> None:
    touches = [out(SENT), reply(day(reply_day, 12))]
    first = responsiveness(touches, day(reply_day + 1), ZONE)
    assert first is not None
    assert first is not Responsiveness.CURMUDGEON
    assert responsiveness(touches, day(reply_day + 1 + extra), ZONE) is first
