"""Meetings: informational interviews and informational meetings, scheduled and logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from networkdesk.domain.enums import MeetingKind
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.fields import UNSET, Unset
from networkdesk.domain.models import Meeting, utcnow
from networkdesk.domain.stages import StageEvent
from networkdesk.services import contacts
from networkdesk.services.calendar_items import tombstone_meeting
from networkdesk.services.stage_progress import advance_stage
from networkdesk.services.validation import check_enum, check_minutes, clean_optional

DEFAULT_MINUTES = 30


def get(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    return meeting


def _aware(value: dt.datetime, what: str) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"{what} has no time zone")
    return value.astimezone(dt.UTC)


def add(
    session: Session,
    contact_id: int,
    start: dt.datetime,
    *,
    minutes: int = DEFAULT_MINUTES,
    kind: MeetingKind = MeetingKind.MEETING,
    location: str | None = None,
    preparation: str | None = None,
    checklist: dict[str, bool] | None = None,
    questions: Sequence[str] = (),
    notes: str | None = None,
    outcome: str | None = None,
) -> Meeting:
    contact = contacts.get(session, contact_id)
    meeting = Meeting(
        contact=contact,
        start=_aware(start, "meeting time"),
        minutes=check_minutes(minutes, "meeting length") or DEFAULT_MINUTES,
        kind=check_enum(MeetingKind, kind, "meeting kind"),
        location=clean_optional(location),
        preparation=clean_optional(preparation, strip=False),
        checklist=dict(checklist or {}),
        questions=[q for q in questions if q.strip()],
        notes=clean_optional(notes, strip=False),
        outcome=clean_optional(outcome, strip=False),
    )
    session.add(meeting)
    if meeting.start > utcnow():
        # Stage follows what you do: scheduling a meeting still to come moves identified or
        # contacted to meeting scheduled. A meeting recorded after it happened is no scheduling
        # (logging it is what moves the stage, to met).
        advance_stage(contact, StageEvent.MEETING_SCHEDULED)
    session.flush()
    return meeting


def edit(
    session: Session,
    meeting_id: int,
    *,
    start: dt.datetime | Unset = UNSET,
    minutes: int | Unset = UNSET,
    kind: MeetingKind | Unset = UNSET,
    location: str | Unset | None = UNSET,
    preparation: str | Unset | None = UNSET,
    checklist: dict[str, bool] | Unset = UNSET,
    questions: Sequence[str] | Unset = UNSET,
    notes: str | Unset | None = UNSET,
    outcome: str | Unset | None = UNSET,
) -> Meeting:
    """Change the given fields and raise the calendar SEQUENCE when anything changed."""
    meeting = get(session, meeting_id)
    before = _snapshot(meeting)
    if start is not UNSET:
        meeting.start = _aware(start, "meeting time")
    if minutes is not UNSET:
        meeting.minutes = check_minutes(minutes, "meeting length") or DEFAULT_MINUTES
    if kind is not UNSET:
        meeting.kind = check_enum(MeetingKind, kind, "meeting kind")
    if location is not UNSET:
        meeting.location = clean_optional(location)
    if preparation is not UNSET:
        meeting.preparation = clean_optional(preparation, strip=False)
    if checklist is not UNSET:
        meeting.checklist = dict(checklist)
    if questions is not UNSET:
        meeting.questions = [q for q in questions if q.strip()]
    if notes is not UNSET:
        meeting.notes = clean_optional(notes, strip=False)
    if outcome is not UNSET:
        meeting.outcome = clean_optional(outcome, strip=False)
    if _snapshot(meeting) != before:
        meeting.bump_sequence()
        meeting.updated_at = utcnow()
    session.flush()
    return meeting


def _snapshot(meeting: Meeting) -> tuple[Any, ...]:
    return (
        meeting.start,
        meeting.minutes,
        meeting.kind,
        meeting.location,
        meeting.preparation,
        dict(meeting.checklist or {}),
        list(meeting.questions or []),
        meeting.notes,
        meeting.outcome,
    )


def delete(session: Session, meeting_id: int) -> None:
    meeting = get(session, meeting_id)
    tombstone_meeting(session, meeting)
    session.delete(meeting)
    session.flush()


def list_meetings(
    session: Session,
    *,
    contact_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> list[Meeting]:
    """Meetings ordered by time; `start`/`end` bound the meeting start, end exclusive."""
    query = select(Meeting).options(selectinload(Meeting.contact))
    if contact_id is not None:
        contacts.get(session, contact_id)
        query = query.where(Meeting.contact_id == contact_id)
    if start is not None:
        query = query.where(Meeting.start >= start)
    if end is not None:
        query = query.where(Meeting.start < end)
    return list(session.scalars(query.order_by(Meeting.start, Meeting.id)))
