"""The day at a moment: every rule of the daily loop applied to plain facts.

`compute_day` sees only what had happened at `at` (touches later than it are ignored), so the
same facts and the same moment always give the same day — what `today --at` relies on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from networkdesk.domain.enums import Stage
from networkdesk.domain.keep_in_touch import DEFAULT_INTERVALS, Interval, keep_in_touch
from networkdesk.domain.outreach import (
    Colleague,
    Suggestion,
    another_contact_candidates,
    first_outreach,
    outreach_clock,
)
from networkdesk.domain.touches import Direction, Touch, TouchKind, last_touch, until

UPCOMING = dt.timedelta(days=7)
THANK_YOU_WITHIN = dt.timedelta(hours=24)
# A thank-you not sent within a week is past its moment: the day stops listing it.
THANK_YOU_SHOWN_FOR = dt.timedelta(days=7)


@dataclass(frozen=True)
class ContactFacts:
    contact_id: int
    ring: int | None
    company_id: int | None
    # A stage past "identified" set by hand means the user already reached out some other way.
    stage: Stage = Stage.IDENTIFIED


@dataclass(frozen=True)
class MeetingFacts:
    meeting_id: int
    contact_id: int
    start: dt.datetime
    minutes: int
    created_at: dt.datetime
    logged: bool  # notes or an outcome were written
    prep_done: int = 0
    prep_total: int = 0

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    @property
    def booked_at(self) -> dt.datetime:
        """When the meeting was agreed, as far as known (a meeting logged afterwards was
        created after it took place)."""
        return min(self.start, self.created_at)


@dataclass(frozen=True)
class FollowUpFacts:
    followup_id: int
    contact_id: int
    due: dt.datetime
    done_at: dt.datetime | None

    def open_at(self, at: dt.datetime) -> bool:
        return self.done_at is None or self.done_at > at


@dataclass(frozen=True)
class DayFacts:
    contacts: Sequence[ContactFacts]
    meetings: Sequence[MeetingFacts]
    followups: Sequence[FollowUpFacts]
    interactions: Sequence[Touch]
    practice_held: int = 0
    practice_needed: int = 0
    intervals: Mapping[int, Interval] = field(default_factory=lambda: dict(DEFAULT_INTERVALS))


@dataclass(frozen=True)
class UpcomingMeeting:
    meeting_id: int
    contact_id: int
    at: dt.datetime
    prep_done: int
    prep_total: int


@dataclass(frozen=True)
class MeetingToLog:
    meeting_id: int
    contact_id: int
    at: dt.datetime


@dataclass(frozen=True)
class ThankYouDue:
    meeting_id: int
    contact_id: int
    due: dt.datetime


@dataclass(frozen=True)
class FollowUpDue:
    followup_id: int
    contact_id: int
    due: dt.datetime
    overdue: bool


@dataclass(frozen=True)
class OutreachDue:
    contact_id: int
    sent_at: dt.datetime
    business_days: int
    suggest: Suggestion
    candidates: tuple[int, ...]


@dataclass(frozen=True)
class KeepInTouchDue:
    contact_id: int
    ring: int
    last_touch: dt.datetime
    due: dt.datetime
    overdue: bool


@dataclass(frozen=True)
class Day:
    at: dt.datetime
    practice_held: int
    practice_needed: int
    meetings_upcoming: tuple[UpcomingMeeting, ...]
    meetings_to_log: tuple[MeetingToLog, ...]
    thank_yous_due: tuple[ThankYouDue, ...]
    followups_due: tuple[FollowUpDue, ...]
    outreach: tuple[OutreachDue, ...]
    keep_in_touch: tuple[KeepInTouchDue, ...]


def meeting_touch(meeting: MeetingFacts) -> Touch:
    return Touch(meeting.contact_id, meeting.start, TouchKind.MEETING, meeting.meeting_id)


def followup_touch(followup: FollowUpFacts) -> Touch | None:
    if followup.done_at is None:
        return None
    return Touch(
        followup.contact_id,
        followup.done_at,
        TouchKind.FOLLOWUP,
        followup.followup_id,
        direction=Direction.OUT,
    )


def touches_by_contact(facts: DayFacts, at: dt.datetime) -> dict[int, list[Touch]]:
    """Every touch that had happened at `at`, per contact, oldest first."""
    touches: list[Touch] = list(facts.interactions)
    touches += [meeting_touch(m) for m in facts.meetings]
    touches += [t for f in facts.followups if (t := followup_touch(f)) is not None]
    grouped: dict[int, list[Touch]] = defaultdict(list)
    for touch in until(touches, at):
        grouped[touch.contact_id].append(touch)
    return grouped


def compute_day(facts: DayFacts, at: dt.datetime, zone: dt.tzinfo, day_end: dt.datetime) -> Day:
    """The day at `at`. `day_end` is the end of the user's local day (follow-ups due by then
    are on today's list); `zone` is the user's zone, for business days."""
    touches = touches_by_contact(facts, at)
    booked: dict[int, list[dt.datetime]] = defaultdict(list)
    for meeting in facts.meetings:
        if meeting.booked_at <= at:
            booked[meeting.contact_id].append(meeting.booked_at)
    return Day(
        at=at,
        practice_held=facts.practice_held,
        practice_needed=facts.practice_needed,
        meetings_upcoming=_upcoming(facts.meetings, at),
        meetings_to_log=tuple(
            MeetingToLog(m.meeting_id, m.contact_id, m.start)
            for m in sorted(facts.meetings, key=lambda m: (m.start, m.meeting_id))
            if m.end <= at and not m.logged
        ),
        thank_yous_due=_thank_yous(facts.meetings, touches, at),
        followups_due=tuple(
            FollowUpDue(f.followup_id, f.contact_id, f.due, f.due < at)
            for f in sorted(facts.followups, key=lambda f: (f.due, f.followup_id))
            if f.open_at(at) and f.due < day_end
        ),
        outreach=_outreach(facts.contacts, touches, booked, at, zone),
        keep_in_touch=_keep_in_touch(facts, touches, booked, at),
    )


def _upcoming(meetings: Sequence[MeetingFacts], at: dt.datetime) -> tuple[UpcomingMeeting, ...]:
    return tuple(
        UpcomingMeeting(m.meeting_id, m.contact_id, m.start, m.prep_done, m.prep_total)
        for m in sorted(meetings, key=lambda m: (m.start, m.meeting_id))
        if at <= m.start < at + UPCOMING
    )


def _thank_yous(
    meetings: Sequence[MeetingFacts], touches: Mapping[int, list[Touch]], at: dt.datetime
) -> tuple[ThankYouDue, ...]:
    due: list[ThankYouDue] = []
    for meeting in sorted(meetings, key=lambda m: (m.end, m.meeting_id)):
        if not meeting.end <= at < meeting.end + THANK_YOU_SHOWN_FOR:
            continue
        thanked = any(
            t.is_outgoing and t.at >= meeting.start for t in touches.get(meeting.contact_id, ())
        )
        if not thanked:
            due.append(
                ThankYouDue(meeting.meeting_id, meeting.contact_id, meeting.end + THANK_YOU_WITHIN)
            )
    return tuple(due)


def _outreach(
    contacts: Sequence[ContactFacts],
    touches: Mapping[int, list[Touch]],
    booked: Mapping[int, list[dt.datetime]],
    at: dt.datetime,
    zone: dt.tzinfo,
) -> tuple[OutreachDue, ...]:
    by_company: dict[int, list[Colleague]] = defaultdict(list)
    for contact in contacts:
        if contact.company_id is not None:
            by_company[contact.company_id].append(Colleague(contact.contact_id, contact.ring))
    reached = set(touches) | set(booked)
    reached |= {c.contact_id for c in contacts if c.stage is not Stage.IDENTIFIED}
    found: list[OutreachDue] = []
    for contact in contacts:
        own = touches.get(contact.contact_id)
        if not own:
            continue
        clock = outreach_clock(own, at, zone, meetings_booked=booked.get(contact.contact_id, ()))
        if clock is None or clock.suggest is None:
            continue
        candidates: tuple[int, ...] = ()
        if clock.suggest is Suggestion.TRY_ANOTHER_CONTACT and contact.company_id is not None:
            candidates = tuple(
                another_contact_candidates(
                    contact.contact_id, by_company[contact.company_id], reached
                )
            )
        found.append(
            OutreachDue(
                contact.contact_id, clock.sent_at, clock.business_days, clock.suggest, candidates
            )
        )
    return tuple(sorted(found, key=lambda o: (o.sent_at, o.contact_id)))


def _keep_in_touch(
    facts: DayFacts,
    touches: Mapping[int, list[Touch]],
    booked: Mapping[int, list[dt.datetime]],
    at: dt.datetime,
) -> tuple[KeepInTouchDue, ...]:
    found: list[KeepInTouchDue] = []
    for contact in facts.contacts:
        own = touches.get(contact.contact_id)
        if not own or contact.ring is None:
            continue
        outreach = first_outreach(own, at, meetings_booked=booked.get(contact.contact_id, ()))
        if outreach is not None and outreach.reply_at is None:
            # An unanswered first outreach belongs to the 3-and-7 routine, which stops after
            # the one follow-up: keep-in-touch must not nag them either.
            continue
        status = keep_in_touch(contact.ring, last_touch(own, at), at, facts.intervals)
        if status is not None:
            found.append(
                KeepInTouchDue(
                    contact.contact_id,
                    status.ring,
                    status.last_touch,
                    status.due,
                    status.overdue,
                )
            )
    return tuple(sorted(found, key=lambda k: (k.due, k.contact_id)))
