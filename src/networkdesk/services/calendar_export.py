"""Meetings, follow-ups and tombstones as calendar events (`interchange.ics.EventData`).

Read with plain column queries rather than ORM objects: exporting 10,000 follow-ups should cost
about what icalendar itself needs to build and serialise them (see benchmarks/bench_ics_export.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import MeetingKind
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.models import (
    CalendarTombstone,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Meeting,
)
from networkdesk.domain.timeutil import local_day_bounds, local_zone
from networkdesk.interchange import ics
from networkdesk.interchange.output_files import ExportError, write_atomically
from networkdesk.services import settings
from networkdesk.services.meeting_brief import brief_text, meeting_brief

if TYPE_CHECKING:
    # For annotations only: interchange.ics imports icalendar when it builds a calendar.
    import icalendar

CATEGORY_APP = "networkdesk"
CATEGORY_FOLLOWUP = "Follow-up"
DEFAULT_FOLLOWUP_TITLE = "Follow up"


@dataclass(frozen=True, slots=True)
class ExportRange:
    """Local dates, both inclusive; None leaves that side open."""

    first: dt.date | None = None
    last: dt.date | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise ValidationError.about_fields(
                "{first} {first_day} is after {last} {last_day}",
                {"first": "the first day", "last": "the last day"},
                first_day=self.first.isoformat(),
                last_day=self.last.isoformat(),
            )

    def bounds(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """[start, end) in UTC."""
        start = local_day_bounds(self.first)[0] if self.first else None
        end = local_day_bounds(self.last)[1] if self.last else None
        return start, end


@dataclass(frozen=True, slots=True)
class ExportResult:
    followups: int
    meetings: int
    cancelled: int
    size: int = 0

    @property
    def events(self) -> int:
        return self.followups + self.meetings + self.cancelled


# --- text ------------------------------------------------------------------------------------


def followup_summary(title: str, contact_name: str) -> str:
    """ "Follow up: thank-you note to Priya Raman" (or "Follow up with Priya Raman")."""
    if title.strip().casefold() == DEFAULT_FOLLOWUP_TITLE.casefold():
        return f"Follow up with {contact_name}"
    return f"Follow up: {title} to {contact_name}"


def meeting_summary(kind: MeetingKind, contact_name: str) -> str:
    return f"{MeetingKind(kind).label} with {contact_name}"


@dataclass(slots=True)
class _ContactInfo:
    name: str
    title: str | None
    company: str | None
    emails: list[str]
    phones: list[str]

    def lines(self) -> list[str]:
        lines = [f"Contact: {self.name}"]
        if self.company and self.title:
            lines.append(f"{self.title} at {self.company}")
        elif self.company or self.title:
            lines.append(self.company or self.title or "")
        if self.emails:
            lines.append("E-mail: " + ", ".join(self.emails))
        if self.phones:
            lines.append("Phone: " + ", ".join(self.phones))
        return lines


def _description(contact: _ContactInfo, *sections: tuple[str, str | None]) -> str:
    parts = ["\n".join(contact.lines())]
    for heading, text in sections:
        if text and text.strip():
            parts.append(f"{heading}:\n{text}" if heading else text)
    return "\n\n".join(parts)


def _meeting_description(
    session: Session, meeting_id: int, contact: _ContactInfo, preparation: str | None
) -> str:
    """The meeting's one-screen brief (services/meeting_brief.py: mission, who introduced you,
    the last notes, the questions), then how to reach them and the preparation notes."""
    reach = [line for line in contact.lines() if line.startswith(("E-mail:", "Phone:"))]
    parts = [brief_text(meeting_brief(session, meeting_id))]
    if reach:
        parts.append("\n".join(reach))
    if preparation and preparation.strip():
        parts.append(f"Preparation:\n{preparation}")
    return "\n\n".join(parts)


def _contact_infos(session: Session, contact_ids: Iterable[int]) -> dict[int, _ContactInfo]:
    ids = sorted(set(contact_ids))
    infos: dict[int, _ContactInfo] = {}
    # SQLite allows 32,766 bound parameters; stay well under it.
    for chunk_start in range(0, len(ids), 5000):
        chunk = ids[chunk_start : chunk_start + 5000]
        rows = session.execute(
            select(Contact.id, Contact.name, Contact.title, Company.name)
            .outerjoin(Company, Contact.company_id == Company.id)
            .where(Contact.id.in_(chunk))
        )
        for cid, name, title, company in rows:
            infos[cid] = _ContactInfo(name, title, company, [], [])
        for cid, address in session.execute(
            select(ContactEmail.contact_id, ContactEmail.address)
            .where(ContactEmail.contact_id.in_(chunk))
            .order_by(ContactEmail.contact_id, ContactEmail.position)
        ):
            infos[cid].emails.append(address)
        for cid, number in session.execute(
            select(ContactPhone.contact_id, ContactPhone.number)
            .where(ContactPhone.contact_id.in_(chunk))
            .order_by(ContactPhone.contact_id, ContactPhone.position)
        ):
            infos[cid].phones.append(number)
    return infos


# --- rows to events --------------------------------------------------------------------------


def _followup_events(
    session: Session, rows: Sequence[Any], slot_minutes: int
) -> list[ics.EventData]:
    infos = _contact_infos(session, (row.contact_id for row in rows))
    slot = dt.timedelta(minutes=slot_minutes or 15)
    events = []
    for row in rows:
        contact = infos[row.contact_id]
        summary = followup_summary(row.title, contact.name)
        done = row.done_at is not None
        events.append(
            ics.EventData(
                uid=row.uid,
                sequence=row.sequence,
                summary=summary,
                start=row.due,
                end=row.due + slot,
                stamp=row.updated_at,
                description=_description(contact, ("", row.notes)),
                categories=(CATEGORY_APP, CATEGORY_FOLLOWUP),
                # A done follow-up (exported with --include-done) needs no reminder.
                alarm_minutes=None if done else row.remind_minutes,
            )
        )
    return events


def _meeting_events(session: Session, rows: Sequence[Any], remind: int) -> list[ics.EventData]:
    infos = _contact_infos(session, (row.contact_id for row in rows))
    events = []
    for row in rows:
        contact = infos[row.contact_id]
        kind = MeetingKind(row.kind)
        events.append(
            ics.EventData(
                uid=row.uid,
                sequence=row.sequence,
                summary=meeting_summary(kind, contact.name),
                start=row.start,
                end=row.start + dt.timedelta(minutes=row.minutes),
                stamp=row.updated_at,
                description=_meeting_description(session, row.id, contact, row.preparation),
                location=row.location,
                categories=(CATEGORY_APP, kind.label),
                alarm_minutes=remind,
            )
        )
    return events


def _tombstone_events(rows: Sequence[CalendarTombstone], slot_minutes: int) -> list[ics.EventData]:
    events = []
    for stone in rows:
        start = stone.start or stone.deleted_at
        minutes = stone.minutes or slot_minutes or 15
        events.append(
            ics.EventData(
                uid=stone.uid,
                sequence=stone.sequence,
                summary=stone.summary or "Cancelled",
                start=start,
                end=start + dt.timedelta(minutes=minutes),
                stamp=stone.deleted_at,
                categories=(CATEGORY_APP,),
                status=ics.STATUS_CANCELLED,
            )
        )
    return events


_FOLLOWUP_COLUMNS = (
    FollowUp.id,
    FollowUp.uid,
    FollowUp.sequence,
    FollowUp.contact_id,
    FollowUp.title,
    FollowUp.notes,
    FollowUp.due,
    FollowUp.remind_minutes,
    FollowUp.done_at,
    FollowUp.updated_at,
)
_MEETING_COLUMNS = (
    Meeting.id,
    Meeting.uid,
    Meeting.sequence,
    Meeting.contact_id,
    Meeting.kind,
    Meeting.start,
    Meeting.minutes,
    Meeting.location,
    Meeting.preparation,
    Meeting.updated_at,
)


def collect_events(
    session: Session,
    period: ExportRange | None = None,
    *,
    include_done: bool = False,
    include_meetings: bool = True,
    include_cancelled: bool = True,
) -> tuple[list[ics.EventData], ExportResult]:
    """Meetings, follow-ups (open ones unless `include_done`) and cancellations of deleted items
    whose time falls in `period` (everything when None), ordered by time."""
    start, end = (period or ExportRange()).bounds()
    slot = settings.FOLLOWUP_SLOT_MINUTES.get(session)
    remind = settings.DEFAULT_REMINDER_MINUTES.get(session)

    followup_query = select(*_FOLLOWUP_COLUMNS).order_by(FollowUp.due, FollowUp.id)
    if not include_done:
        followup_query = followup_query.where(FollowUp.done_at.is_(None))
    if start is not None:
        followup_query = followup_query.where(FollowUp.due >= start)
    if end is not None:
        followup_query = followup_query.where(FollowUp.due < end)
    followup_events = _followup_events(session, session.execute(followup_query).all(), slot)

    meeting_events: list[ics.EventData] = []
    if include_meetings:
        meeting_query = select(*_MEETING_COLUMNS).order_by(Meeting.start, Meeting.id)
        if start is not None:
            meeting_query = meeting_query.where(Meeting.start >= start)
        if end is not None:
            meeting_query = meeting_query.where(Meeting.start < end)
        meeting_events = _meeting_events(session, session.execute(meeting_query).all(), remind)

    cancelled: list[ics.EventData] = []
    if include_cancelled:
        stones = [
            stone
            for stone in session.scalars(select(CalendarTombstone).order_by(CalendarTombstone.id))
            if _in_period(stone.start, start, end)
        ]
        cancelled = _tombstone_events(stones, slot)

    events = sorted([*meeting_events, *followup_events, *cancelled], key=lambda event: event.start)
    return events, ExportResult(len(followup_events), len(meeting_events), len(cancelled))


def _in_period(
    when: dt.datetime | None, start: dt.datetime | None, end: dt.datetime | None
) -> bool:
    if when is None:
        return True  # no time kept: always cancel it
    return (start is None or when >= start) and (end is None or when < end)


def export_calendar(
    session: Session,
    period: ExportRange | None = None,
    *,
    include_done: bool = False,
    zone: dt.tzinfo | None = None,
) -> tuple[icalendar.Calendar, ExportResult]:
    events, result = collect_events(session, period, include_done=include_done)
    return ics.build_calendar(events, local_zone() if zone is None else zone), result


def export_to_file(
    session: Session,
    path: Path,
    period: ExportRange | None = None,
    *,
    include_done: bool = False,
    zone: dt.tzinfo | None = None,
) -> ExportResult:
    """Write the .ics file (all at once, owner-only: a failure leaves no partial file)."""
    calendar, result = export_calendar(session, period, include_done=include_done, zone=zone)
    data = ics.to_bytes(calendar)
    write_ics_file(Path(path), data)
    return ExportResult(result.followups, result.meetings, result.cancelled, len(data))


def write_ics_file(path: Path, data: bytes) -> None:
    """Write calendar bytes atomically as a file only its owner can read (0600)."""
    try:
        write_atomically(path, data)
    except ExportError as exc:
        # "cannot write PATH: why", as every calendar export error reads.
        reason = str(exc).removeprefix(f"{path}: ")
        raise ValidationError(f"cannot write {path}: {reason}") from None


# --- single items ("Add to calendar") --------------------------------------------------------


def followup_event(session: Session, followup_id: int) -> ics.EventData:
    row = session.execute(select(*_FOLLOWUP_COLUMNS).where(FollowUp.id == followup_id)).first()
    if row is None:
        raise NotFoundError(f"no follow-up with id {followup_id}")
    slot = settings.FOLLOWUP_SLOT_MINUTES.get(session)
    return _followup_events(session, [row], slot)[0]


def meeting_event(session: Session, meeting_id: int) -> ics.EventData:
    row = session.execute(select(*_MEETING_COLUMNS).where(Meeting.id == meeting_id)).first()
    if row is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    remind = settings.DEFAULT_REMINDER_MINUTES.get(session)
    return _meeting_events(session, [row], remind)[0]


def single_event_calendar(
    event: ics.EventData, zone: dt.tzinfo | None = None
) -> icalendar.Calendar:
    return ics.build_calendar([event], local_zone() if zone is None else zone)


# --- reminders the app fires itself ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reminder:
    """An open follow-up whose reminder time (due minus its reminder minutes) has come."""

    followup_id: int
    contact_id: int
    summary: str
    due: dt.datetime
    at: dt.datetime


# The largest reminder a setting allows (services.settings: 0-10,000 minutes).
_MAX_REMIND = dt.timedelta(minutes=10_000)


def reminders_between(session: Session, after: dt.datetime, until: dt.datetime) -> list[Reminder]:
    """Open follow-ups whose reminder time is in (after, until], by reminder time."""
    rows = session.execute(
        select(
            FollowUp.id,
            FollowUp.contact_id,
            FollowUp.title,
            FollowUp.due,
            FollowUp.remind_minutes,
            Contact.name,
        )
        .join(Contact, FollowUp.contact_id == Contact.id)
        .where(
            FollowUp.done_at.is_(None),
            FollowUp.remind_minutes.is_not(None),
            FollowUp.due > after,  # reminder time <= due
            FollowUp.due <= until + _MAX_REMIND,
        )
    )
    found = []
    for followup_id, contact_id, title, due, remind, name in rows:
        at = due - dt.timedelta(minutes=remind or 0)
        if after < at <= until:
            found.append(Reminder(followup_id, contact_id, followup_summary(title, name), due, at))
    return sorted(found, key=lambda r: (r.at, r.followup_id))


def next_reminder_after(session: Session, moment: dt.datetime) -> dt.datetime | None:
    """The first reminder time after `moment` within a week (None when there is none)."""
    upcoming = reminders_between(session, moment, moment + dt.timedelta(days=7))
    return upcoming[0].at if upcoming else None
