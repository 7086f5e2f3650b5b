"""The Today view: the day at a moment, from a few queries and the pure rules of domain.day.

`day_at` serves `networkdesk today` and (later) the window's Today panel; `day_json` is the
shape `today --json` prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session

from networkdesk.domain import keep_in_touch
from networkdesk.domain.day import (
    ContactFacts,
    Day,
    DayFacts,
    FollowUpFacts,
    MeetingFacts,
    compute_day,
)
from networkdesk.domain.models import Company, Contact, FollowUp, Interaction, Meeting, utcnow
from networkdesk.domain.readiness import Readiness, preparation_progress, readiness
from networkdesk.domain.timeutil import iso_local, local_zone
from networkdesk.services import meetings, settings
from networkdesk.services.interactions import interaction_touches
from networkdesk.services.practice import practice_meetings_held


def day_facts(session: Session, at: dt.datetime) -> DayFacts:
    """Everything the day's rules read: contacts, meetings, follow-ups, interactions, and the
    practice count and settings.

    `contacts` holds only those the rules can name: every contact with a touch (an
    interaction up to `at`, a meeting, a follow-up) and every colleague at their companies
    (the "try another contact" candidates). A contact with neither is on no list of the day,
    and at 30,000 contacts reading them all was most of the day's cost after every change."""
    touched = union(
        select(Interaction.contact_id).where(Interaction.at <= at),
        select(Meeting.contact_id),
        select(FollowUp.contact_id),
    ).subquery()
    touched_ids = select(touched.c.contact_id)
    their_companies = select(Contact.company_id).where(
        Contact.id.in_(touched_ids), Contact.company_id.is_not(None)
    )
    contacts = [
        ContactFacts(cid, ring, company_id, stage)
        for cid, ring, company_id, stage in session.execute(
            select(Contact.id, Contact.ring, Contact.company_id, Contact.stage)
            .where(or_(Contact.id.in_(touched_ids), Contact.company_id.in_(their_companies)))
            .order_by(Contact.id)
        )
    ]
    meeting_rows = []
    for row in session.execute(
        select(
            Meeting.id,
            Meeting.contact_id,
            Meeting.start,
            Meeting.minutes,
            Meeting.created_at,
            Meeting.notes,
            Meeting.outcome,
            Meeting.checklist,
        )
    ):
        done, total = preparation_progress(row.checklist)
        meeting_rows.append(
            MeetingFacts(
                meeting_id=row.id,
                contact_id=row.contact_id,
                start=row.start,
                minutes=row.minutes,
                created_at=row.created_at,
                logged=bool((row.notes or "").strip() or (row.outcome or "").strip()),
                prep_done=done,
                prep_total=total,
            )
        )
    followup_rows = [
        FollowUpFacts(fid, cid, due, done_at)
        for fid, cid, due, done_at in session.execute(
            select(FollowUp.id, FollowUp.contact_id, FollowUp.due, FollowUp.done_at)
        )
    ]
    interactions = interaction_touches(session, at)
    return DayFacts(
        contacts=contacts,
        meetings=meeting_rows,
        followups=followup_rows,
        interactions=interactions,
        practice_held=practice_meetings_held(session, at),
        practice_needed=int(settings.get(session, "practice_threshold")),
        intervals=keep_in_touch.intervals_from_setting(settings.KEEP_IN_TOUCH_DAYS.get(session)),
    )


def end_of_local_day(at: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    local = at.astimezone(zone)
    next_day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time(0, 0), tzinfo=zone).astimezone(dt.UTC)


def day_at(session: Session, at: dt.datetime | None = None, zone: dt.tzinfo | None = None) -> Day:
    """The day at `at` (default now) in the user's zone (default the local zone)."""
    moment = (at or utcnow()).astimezone(dt.UTC)
    where = zone or local_zone()
    return compute_day(day_facts(session, moment), moment, where, end_of_local_day(moment, where))


def star_readiness(session: Session, meeting_id: int, at: dt.datetime | None = None) -> Readiness:
    """Ready to meet the star? Practice meetings held versus needed, and the homework for the
    meeting's company (mission written, questions chosen for this meeting)."""
    meeting = meetings.get(session, meeting_id)
    contact = meeting.contact
    company = session.get(Company, contact.company_id) if contact.company_id else None
    return readiness(
        practice_meetings_held(session, at or utcnow()),
        int(settings.get(session, "practice_threshold")),
        company.mission if company else None,
        list(meeting.questions or []),
    )


def star_readiness_for(session: Session, day: Day) -> dict[int, Readiness]:
    """Readiness for each of the day's upcoming meetings with a bull's-eye contact (one query;
    the practice count is the day's)."""
    ids = [m.meeting_id for m in day.meetings_upcoming]
    if not ids:
        return {}
    rows = session.execute(
        select(Meeting.id, Meeting.questions, Company.mission)
        .join(Contact, Contact.id == Meeting.contact_id)
        .outerjoin(Company, Company.id == Contact.company_id)
        .where(Meeting.id.in_(ids), Contact.ring == 0)
    )
    return {
        mid: readiness(day.practice_held, day.practice_needed, mission, list(questions or []))
        for mid, questions, mission in rows
    }


def contact_names(session: Session, contact_ids: Iterable[int]) -> dict[int, str]:
    """Names for the ids a day mentions (one query)."""
    ids = set(contact_ids)
    if not ids:
        return {}
    return dict(session.execute(select(Contact.id, Contact.name).where(Contact.id.in_(ids))).all())


def day_json(day: Day) -> dict[str, Any]:
    """The `today --json` object: exactly these keys, times ISO 8601 with the local offset."""
    return {
        "at": iso_local(day.at),
        "practice": {"held": day.practice_held, "needed": day.practice_needed},
        "meetings_upcoming": [
            {
                "meeting_id": m.meeting_id,
                "contact_id": m.contact_id,
                "at": iso_local(m.at),
                "prep_done": m.prep_done,
                "prep_total": m.prep_total,
            }
            for m in day.meetings_upcoming
        ],
        "meetings_to_log": [
            {"meeting_id": m.meeting_id, "contact_id": m.contact_id, "at": iso_local(m.at)}
            for m in day.meetings_to_log
        ],
        "thank_yous_due": [
            {"meeting_id": t.meeting_id, "contact_id": t.contact_id, "due": iso_local(t.due)}
            for t in day.thank_yous_due
        ],
        "followups_due": [
            {
                "followup_id": f.followup_id,
                "contact_id": f.contact_id,
                "due": iso_local(f.due),
                "overdue": f.overdue,
            }
            for f in day.followups_due
        ],
        "outreach": [
            {
                "contact_id": o.contact_id,
                "sent_at": iso_local(o.sent_at),
                "business_days": o.business_days,
                "suggest": o.suggest.value,
                "candidates": list(o.candidates),
            }
            for o in day.outreach
        ],
        "keep_in_touch": [
            {
                "contact_id": k.contact_id,
                "ring": k.ring,
                "last_touch": iso_local(k.last_touch),
                "due": iso_local(k.due),
                "overdue": k.overdue,
            }
            for k in day.keep_in_touch
        ],
    }
