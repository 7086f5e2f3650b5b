"""Calendar identity shared by meetings and follow-ups: tombstones left on deletion."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import CalendarItemKind, MeetingKind
from networkdesk.domain.models import CalendarTombstone, FollowUp, Meeting, utcnow

# A tombstone outlives what it cancels: it keeps the UID and a neutral summary, never the
# contact's name or the follow-up's words (a deleted contact's text must leave the database).
# Calendars match the cancellation by UID, so the words need not repeat the event's.


def meeting_summary(meeting: Meeting) -> str:
    return f"{MeetingKind(meeting.kind).label} (cancelled)"


def followup_summary(followup: FollowUp) -> str:
    return "Follow-up (cancelled)"


def _leave_tombstone(
    session: Session,
    *,
    uid: str,
    sequence: int,
    kind: CalendarItemKind,
    summary: str,
    start: dt.datetime | None,
    minutes: int | None,
) -> CalendarTombstone:
    # The cancelled event must outrank every version a calendar has seen: raise SEQUENCE once more.
    # The same UID can be deleted twice (delete, undo re-creates it with its UID, delete again):
    # the existing tombstone is updated rather than a second one colliding with it.
    stone = session.scalar(select(CalendarTombstone).where(CalendarTombstone.uid == uid))
    if stone is None:
        stone = CalendarTombstone(uid=uid)
        session.add(stone)
    stone.sequence = max(sequence + 1, (stone.sequence or 0) + 1)
    stone.item_kind = kind.value
    stone.summary = summary[:500]
    stone.start = start
    stone.minutes = minutes
    stone.deleted_at = utcnow()
    return stone


def tombstone_meeting(session: Session, meeting: Meeting) -> CalendarTombstone:
    return _leave_tombstone(
        session,
        uid=meeting.uid,
        sequence=meeting.sequence,
        kind=CalendarItemKind.MEETING,
        summary=meeting_summary(meeting),
        start=meeting.start,
        minutes=meeting.minutes,
    )


def tombstone_followup(session: Session, followup: FollowUp) -> CalendarTombstone:
    return _leave_tombstone(
        session,
        uid=followup.uid,
        sequence=followup.sequence,
        kind=CalendarItemKind.FOLLOWUP,
        summary=followup_summary(followup),
        start=followup.due,
        minutes=None,
    )


def list_tombstones(session: Session) -> list[CalendarTombstone]:
    return list(session.scalars(select(CalendarTombstone).order_by(CalendarTombstone.deleted_at)))


def clear_tombstones(session: Session) -> int:
    """Forget deleted items: their cancellations will no longer be exported."""
    result = session.execute(delete(CalendarTombstone))
    return int(getattr(result, "rowcount", 0) or 0)


def tombstone_rows(session: Session) -> list[dict[str, object]]:
    """Every tombstone as a plain row (with its id), to put back after a clear is undone."""
    table = CalendarTombstone.__table__
    return [dict(row._mapping) for row in session.execute(select(table))]


def restore_tombstones(session: Session, rows: list[dict[str, object]]) -> None:
    """Write cleared tombstones back as they were (undo of `clear_tombstones`)."""
    if rows:
        session.execute(insert(CalendarTombstone), rows)
        session.flush()
