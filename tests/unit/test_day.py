"""domain.day: the whole day at a moment, from plain facts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from networkdesk.domain.day import (
    ContactFacts,
    Day,
    DayFacts,
    FollowUpFacts,
    MeetingFacts,
    compute_day,
)
from networkdesk.domain.enums import Stage
from networkdesk.domain.outreach import Suggestion
from networkdesk.domain.touches import Direction, Touch, TouchKind

ZONE = ZoneInfo("Europe/Berlin")
AT = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZONE)  # a Thursday
END_OF_DAY = dt.datetime(2026, 3, 13, 0, 0, tzinfo=ZONE)
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


def meeting(mid: int, cid: int, start: dt.datetime, *, logged: bool = False) -> MeetingFacts:
    return MeetingFacts(mid, cid, start, 60, start - 5 * D, logged, prep_done=1, prep_total=4)


def sent(cid: int, at: dt.datetime, ident: int, direction: Direction = Direction.OUT) -> Touch:
    return Touch(cid, at, TouchKind.INTERACTION, ident, direction)


def day_of(facts: DayFacts, at: dt.datetime = AT) -> Day:
    return compute_day(facts, at, ZONE, END_OF_DAY)


def test_meetings_upcoming_to_log_and_thank_yous() -> None:
    facts = DayFacts(
        contacts=[ContactFacts(1, 3, None), ContactFacts(2, 2, None)],
        meetings=[
            meeting(10, 1, AT + 2 * D),  # upcoming
            meeting(11, 1, AT + 8 * D),  # beyond the 7 days
            meeting(12, 2, AT - 3 * H),  # ended two hours ago, not logged, no thank-you yet
            meeting(13, 2, AT - 30 * D, logged=True),  # long past and logged
        ],
        followups=[],
        interactions=[],
    )
    day = day_of(facts)
    assert [(m.meeting_id, m.prep_done, m.prep_total) for m in day.meetings_upcoming] == [
        (10, 1, 4)
    ]
    assert [m.meeting_id for m in day.meetings_to_log] == [12]
    assert [(t.meeting_id, t.due) for t in day.thank_yous_due] == [(12, AT - 2 * H + 24 * H)]


def test_an_outgoing_touch_after_the_meeting_is_the_thank_you() -> None:
    facts = DayFacts(
        contacts=[ContactFacts(2, 2, None)],
        meetings=[meeting(12, 2, AT - 3 * H, logged=True)],
        followups=[],
        interactions=[sent(2, AT - H, 1)],
    )
    assert day_of(facts).thank_yous_due == ()
    # ... but only once it happened.
    assert [t.meeting_id for t in day_of(facts, AT - 90 * dt.timedelta(minutes=1)).thank_yous_due]


def test_followups_due_today_and_overdue() -> None:
    facts = DayFacts(
        contacts=[ContactFacts(1, 3, None)],
        meetings=[],
        followups=[
            FollowUpFacts(1, 1, AT - D, None),  # overdue
            FollowUpFacts(2, 1, AT + 5 * H, None),  # later today
            FollowUpFacts(3, 1, AT + 2 * D, None),  # not today
            FollowUpFacts(4, 1, AT - D, AT - H),  # done
            FollowUpFacts(5, 1, AT - D, AT + H),  # done only later: open at AT
        ],
        interactions=[],
    )
    assert [(f.followup_id, f.overdue) for f in day_of(facts).followups_due] == [
        (1, True),
        (5, True),
        (2, False),
    ]


def test_outreach_suggestions_with_candidates() -> None:
    monday = dt.datetime(2026, 3, 9, 10, 0, tzinfo=ZONE)
    facts = DayFacts(
        contacts=[
            ContactFacts(1, 1, 100),  # written to on Monday
            ContactFacts(2, 3, 100),  # untouched colleague, outer ring
            ContactFacts(3, 2, 100),  # untouched colleague, middle ring
            ContactFacts(4, 3, 100),  # colleague already met
            ContactFacts(5, 3, 200),  # another company
            ContactFacts(6, 0, None),  # written to two weeks ago
            ContactFacts(7, 3, 100, Stage.CONTACTED),  # reached some other way
        ],
        meetings=[meeting(1, 4, monday - 20 * D, logged=True)],
        followups=[],
        interactions=[sent(1, monday, 1), sent(6, monday - 14 * D, 2)],
    )
    day = day_of(facts)
    by_contact = {o.contact_id: o for o in day.outreach}
    assert by_contact[1].suggest is Suggestion.TRY_ANOTHER_CONTACT
    assert by_contact[1].business_days == 3
    assert by_contact[1].candidates == (2, 3)
    assert by_contact[6].suggest is Suggestion.FOLLOW_UP_ONCE
    assert by_contact[6].candidates == ()
    assert [o.contact_id for o in day.outreach] == [6, 1]  # oldest outreach first


def test_keep_in_touch_after_the_ideal_interval() -> None:
    facts = DayFacts(
        contacts=[
            ContactFacts(1, 0, None),  # bull's-eye, met 15 days ago: due
            ContactFacts(2, 0, None),  # bull's-eye, met 22 days ago: overdue
            ContactFacts(3, 3, None),  # outer, met 15 days ago: not due
            ContactFacts(4, None, None),  # not on the board
            ContactFacts(5, 0, None),  # never touched
            ContactFacts(6, 0, None),  # written to, no reply, followed up: left alone
        ],
        meetings=[
            meeting(1, 1, AT - 15 * D, logged=True),
            meeting(2, 2, AT - 22 * D, logged=True),
            meeting(3, 3, AT - 15 * D, logged=True),
            meeting(4, 4, AT - 300 * D, logged=True),
        ],
        followups=[],
        interactions=[sent(6, AT - 60 * D, 1), sent(6, AT - 50 * D, 2)],
    )
    found = [(k.contact_id, k.overdue) for k in day_of(facts).keep_in_touch]
    assert found == [(2, True), (1, False)]


def test_the_day_ignores_what_happens_after_the_moment() -> None:
    facts = DayFacts(
        contacts=[ContactFacts(1, 0, None)],
        meetings=[],
        followups=[],
        interactions=[sent(1, AT - 10 * D, 1), sent(1, AT + H, 2, Direction.IN)],
    )
    assert [o.contact_id for o in day_of(facts).outreach] == [1]
    assert day_of(facts, AT + 2 * H).outreach == ()
