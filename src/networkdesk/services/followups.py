"""Follow-ups: the next step with a contact, due at a time, with a reminder."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.fields import UNSET, Unset
from networkdesk.domain.followup_rules import snoozed_due
from networkdesk.domain.models import FollowUp, utcnow
from networkdesk.services import contacts, meetings, settings
from networkdesk.services.calendar_items import tombstone_followup
from networkdesk.services.validation import check_minutes, clean_optional, require_name

DEFAULT_TITLE = "Follow up"


def get(session: Session, followup_id: int) -> FollowUp:
    followup = session.get(FollowUp, followup_id)
    if followup is None:
        raise NotFoundError(f"no follow-up with id {followup_id}")
    return followup


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("due time has no time zone")
    return value.astimezone(dt.UTC)


def add(
    session: Session,
    contact_id: int,
    due: dt.datetime,
    *,
    title: str | None = None,
    remind_minutes: int | Unset | None = UNSET,
    notes: str | None = None,
    meeting_id: int | None = None,
) -> FollowUp:
    contact = contacts.get(session, contact_id)
    if meeting_id is not None:
        meetings.get(session, meeting_id)
    if isinstance(remind_minutes, Unset):
        remind_minutes = settings.DEFAULT_REMINDER_MINUTES.get(session)
    remind_minutes = check_minutes(remind_minutes, "reminder", allow_zero=True)
    followup = FollowUp(
        contact=contact,
        meeting_id=meeting_id,
        title=require_name(title or DEFAULT_TITLE, "follow-up title"),
        notes=clean_optional(notes, strip=False),
        due=_aware(due),
        remind_minutes=remind_minutes,
    )
    session.add(followup)
    session.flush()
    if followup.remind_minutes != remind_minutes:
        # The ORM treats None as "not given" for a column with a default (15): "no reminder"
        # must be written explicitly after the insert.
        followup.remind_minutes = remind_minutes
        session.flush()
    return followup


def edit(
    session: Session,
    followup_id: int,
    *,
    due: dt.datetime | Unset = UNSET,
    title: str | Unset = UNSET,
    remind_minutes: int | Unset | None = UNSET,
    notes: str | Unset | None = UNSET,
) -> FollowUp:
    followup = get(session, followup_id)
    before = (followup.due, followup.title, followup.remind_minutes, followup.notes)
    if due is not UNSET:
        followup.due = _aware(due)
    if title is not UNSET:
        followup.title = require_name(title, "follow-up title")
    if remind_minutes is not UNSET:
        followup.remind_minutes = check_minutes(remind_minutes, "reminder", allow_zero=True)
    if notes is not UNSET:
        followup.notes = clean_optional(notes, strip=False)
    if (followup.due, followup.title, followup.remind_minutes, followup.notes) != before:
        followup.bump_sequence()
        followup.updated_at = utcnow()
    session.flush()
    return followup


def set_done(
    session: Session, followup_id: int, done: bool = True, *, when: dt.datetime | None = None
) -> FollowUp:
    """Mark done (at `when`, by default now) or open again."""
    followup = get(session, followup_id)
    if done and followup.done_at is None:
        followup.done_at = when or utcnow()
    elif not done and followup.done_at is not None:
        followup.done_at = None
    else:
        return followup
    followup.bump_sequence()
    followup.updated_at = utcnow()
    session.flush()
    return followup


def snooze(session: Session, followup_id: int, delta: dt.timedelta) -> FollowUp:
    followup = get(session, followup_id)
    return edit(session, followup_id, due=snoozed_due(followup.due, utcnow(), delta))


def delete(session: Session, followup_id: int) -> None:
    followup = get(session, followup_id)
    tombstone_followup(session, followup)
    session.delete(followup)
    session.flush()


def list_followups(
    session: Session,
    *,
    open_only: bool = False,
    contact_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> list[FollowUp]:
    """Follow-ups by due time; `start`/`end` bound the due time, end exclusive."""
    query = select(FollowUp).options(selectinload(FollowUp.contact))
    if open_only:
        query = query.where(FollowUp.done_at.is_(None))
    if contact_id is not None:
        contacts.get(session, contact_id)
        query = query.where(FollowUp.contact_id == contact_id)
    if start is not None:
        query = query.where(FollowUp.due >= start)
    if end is not None:
        query = query.where(FollowUp.due < end)
    return list(session.scalars(query.order_by(FollowUp.due, FollowUp.id)))


def due_between(
    session: Session,
    start: dt.datetime | None,
    end: dt.datetime | None,
    *,
    include_done: bool = False,
) -> list[FollowUp]:
    return list_followups(session, open_only=not include_done, start=start, end=end)


def overdue_count(session: Session, now: dt.datetime | None = None) -> int:
    now = now or utcnow()
    return len(list_followups(session, open_only=True, end=now))
