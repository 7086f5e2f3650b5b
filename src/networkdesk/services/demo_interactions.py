"""The demo's story, relative to *now*: a job seeker a few weeks into the method, so that every
section of the Today view has something in it and the board reads as the method teaches.

- Practice first, and not done yet: one practice meeting fewer than the `practice_threshold`
  setting was held with outer-ring contacts (the readiness reminder shows); the last one ended two
  hours ago and is not logged (a meeting to log, a thank-you due). The next practice meeting is
  tomorrow; the meeting with a bull's-eye decision maker in five days is not ready (no questions).
- The 3-and-7 routine: an e-mail unanswered for 4 business days (write to someone else there),
  one unanswered for 9 (follow up once), and the three kinds of responsiveness (a booster who
  replied within 3 business days, an obligate who replied later, a curmudgeon who never did
  after the one follow-up).
- Keep in touch: an inner-ring insider last seen past the ring's maximum, another past its ideal.
- Follow-ups: a thank-you done, one overdue, one due in a few days; referrals from the contacts
  met, so briefs name who introduced whom.

`plan_story` picks the people from the rings (the outer ring's practice contacts work at
non-target companies, see services/demo.py) and returns rows for meetings, follow-ups,
referrals and interactions, and the stage each of those people is at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from networkdesk.domain.enums import MeetingKind, ReferralStatus, Stage
from networkdesk.domain.touches import Direction, InteractionKind

#: The checklist of a meeting in preparation (domain.readiness counts these).
CHECKLIST_KEYS = ("mission_researched", "questions_prepared", "summary_ready", "not_asking_for_job")


def business_days_before(moment: dt.datetime, days: int, zone: dt.tzinfo) -> dt.datetime:
    """10:00 local on the date `days` business days before `moment`'s local date."""
    day = moment.astimezone(zone).date()
    remaining = days
    while remaining:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=zone).astimezone(dt.UTC)


def business_days_after(moment: dt.datetime, days: int, zone: dt.tzinfo) -> dt.datetime:
    day = moment.astimezone(zone).date()
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return dt.datetime.combine(day, dt.time(16, 30), tzinfo=zone).astimezone(dt.UTC)


@dataclass
class Story:
    meetings: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    stages: dict[int, Stage] = field(default_factory=dict)


@dataclass(frozen=True)
class Cast:
    """The placed contacts by role pool, each in id order."""

    practice: list[int]  # outer ring, non-target companies
    middle: list[int]
    inner: list[int]
    bullseye: list[int]


def plan_story(
    cast: Cast,
    *,
    now: dt.datetime,
    zone: dt.tzinfo,
    practice_needed: int,
    first_meeting_id: int,
    first_followup_id: int,
    first_interaction_id: int,
    uid: Callable[[str, int], str],
    notes: tuple[str, ...],
    places: tuple[str, ...],
    followup_titles: tuple[str, ...],
) -> Story:
    """The rows of the story (ids from the given first ids on). A pool too small for a part
    of the story leaves that part out."""
    story = Story()
    next_meeting = first_meeting_id
    next_followup = first_followup_id
    next_interaction = first_interaction_id
    practice = list(cast.practice)

    def local(days: int, hour: int, minute: int = 0) -> dt.datetime:
        day = now.astimezone(zone).date() + dt.timedelta(days=days)
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone).astimezone(dt.UTC)

    def meeting(
        cid: int,
        start: dt.datetime,
        *,
        agreed: dt.datetime,
        minutes: int = 45,
        held_notes: str | None = None,
        outcome: str | None = None,
        questions: tuple[str, ...] = (),
        ready: int = 2,
    ) -> int:
        nonlocal next_meeting
        mid = next_meeting
        next_meeting += 1
        checklist = {key: i < ready for i, key in enumerate(CHECKLIST_KEYS)}
        story.meetings.append(
            {
                "id": mid,
                "contact_id": cid,
                "start": start,
                "minutes": minutes,
                "kind": MeetingKind.MEETING.value,
                "location": places[mid % len(places)],
                "preparation": "Read their mission and recent news; prepare three questions.",
                "checklist": checklist,
                "questions": list(questions),
                "notes": held_notes,
                "outcome": outcome,
                "uid": uid("meeting", mid),
                "sequence": 0,
                "created_at": agreed,
                "updated_at": agreed,
            }
        )
        return mid

    def followup(
        cid: int, title: str, due: dt.datetime, *, meeting_id: int | None, done: bool
    ) -> None:
        nonlocal next_followup
        fid = next_followup
        next_followup += 1
        created = due - dt.timedelta(days=1)
        story.followups.append(
            {
                "id": fid,
                "contact_id": cid,
                "meeting_id": meeting_id,
                "title": title,
                "notes": None,
                "due": due,
                "remind_minutes": 15,
                "done_at": due if done else None,
                "uid": uid("followup", fid),
                "sequence": 0,
                "created_at": created,
                "updated_at": created,
            }
        )

    def touch(
        cid: int,
        at: dt.datetime,
        direction: Direction,
        note: str,
        kind: InteractionKind = InteractionKind.EMAIL,
    ) -> None:
        nonlocal next_interaction
        story.interactions.append(
            {
                "id": next_interaction,
                "contact_id": cid,
                "kind": kind.value,
                "direction": direction.value,
                "at": at,
                "note": note,
                "created_at": at,
                "updated_at": at,
            }
        )
        next_interaction += 1

    def refer(from_id: int, to_id: int, meeting_id: int | None, when: dt.datetime) -> None:
        story.referrals.append(
            {
                "from_contact_id": from_id,
                "to_contact_id": to_id,
                "status": ReferralStatus.SUGGESTED.value,
                "note": "Offered an introduction at the end of our chat.",
                "meeting_id": meeting_id,
                "created_at": when,
                "updated_at": when,
            }
        )

    # --- practice first: one meeting short of the threshold -----------------------------
    held_wanted = max(practice_needed - 1, 0)
    held = practice[:held_wanted]
    practice = practice[held_wanted:]
    for n, cid in enumerate(held):
        last = n == len(held) - 1
        if last:
            # Ended two hours ago, not logged yet: to log, and a thank-you due.
            start = now - dt.timedelta(hours=2, minutes=45)
            meeting(cid, start, agreed=start - dt.timedelta(days=6))
            story.stages[cid] = Stage.MEETING_SCHEDULED
            continue
        start = local(-12 - 9 * (len(held) - 2 - n), 10)
        mid = meeting(
            cid,
            start,
            agreed=start - dt.timedelta(days=5),
            held_notes=notes[n % len(notes)],
            outcome="Referred on",
            ready=4,
        )
        story.stages[cid] = Stage.REFERRED_ON
        thanks = start + dt.timedelta(hours=20)
        touch(cid, thanks, Direction.OUT, "Thank-you for the conversation")
        followup(cid, "Send a thank-you note", thanks, meeting_id=mid, done=True)
        if n == 0:
            followup(
                cid,
                followup_titles[0 % len(followup_titles)],
                local(-1, 11),
                meeting_id=mid,
                done=False,
            )
        for other in (cast.middle[:1] if n == 0 else []) + practice[:1]:
            refer(cid, other, mid, start + dt.timedelta(minutes=40))

    # --- upcoming: the next practice tomorrow, a bull's-eye meeting not ready yet ---------
    if practice:
        cid = practice.pop(0)
        meeting(
            cid,
            local(1, 10),
            agreed=now - dt.timedelta(days=3),
            questions=("What surprised you most in your first year there?",),
            ready=2,
        )
        story.stages[cid] = Stage.MEETING_SCHEDULED
    bullseye = list(cast.bullseye)
    if bullseye:
        cid = bullseye.pop(0)
        meeting(cid, local(5, 14), agreed=now - dt.timedelta(days=2), ready=1)
        story.stages[cid] = Stage.MEETING_SCHEDULED

    # --- the 3-and-7 routine and responsiveness ----------------------------------------
    middle = list(cast.middle[1:])
    if middle:
        cid = middle.pop(0)
        touch(cid, business_days_before(now, 4, zone), Direction.OUT, "Asked for 20 minutes")
        story.stages[cid] = Stage.CONTACTED
    if middle:
        cid = middle.pop(0)
        touch(cid, business_days_before(now, 9, zone), Direction.OUT, "Asked for advice")
        story.stages[cid] = Stage.CONTACTED
    if middle:  # an obligate: replied after 5 business days
        cid = middle.pop(0)
        sent = business_days_before(now, 25, zone)
        touch(cid, sent, Direction.OUT, "Asked for advice")
        touch(cid, business_days_after(sent, 5, zone), Direction.IN, "Happy to talk next month")
        story.stages[cid] = Stage.CONTACTED
    if practice:  # a booster: replied the next day
        cid = practice.pop(0)
        sent = business_days_before(now, 20, zone)
        touch(cid, sent, Direction.OUT, "Asked for advice")
        touch(cid, business_days_after(sent, 1, zone), Direction.IN, "Sure, call me")
        followup(
            cid,
            followup_titles[1 % len(followup_titles)],
            local(3, 9),
            meeting_id=None,
            done=False,
        )
        story.stages[cid] = Stage.FOLLOWING_UP
    if practice:  # a curmudgeon: no reply within 7 business days of the one follow-up
        cid = practice.pop(0)
        sent = business_days_before(now, 30, zone)
        touch(cid, sent, Direction.OUT, "Asked for advice")
        touch(cid, business_days_after(sent, 7, zone), Direction.OUT, "One short follow-up")
        story.stages[cid] = Stage.DORMANT

    # --- keep in touch: past the inner ring's maximum, and past its ideal ---------------
    inner = list(cast.inner)
    for days, note in ((60, "Coffee at the meetup"), (35, "Caught up on the phone")):
        if not inner:
            break
        cid = inner.pop(0)
        kind = InteractionKind.IN_PERSON if days == 60 else InteractionKind.CALL
        touch(cid, local(-days, 18), Direction.IN, note, kind)
        story.stages[cid] = Stage.MET
    return story
