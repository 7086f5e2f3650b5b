"""Calendar identity shared by meetings and follow-ups: tombstones left on deletion."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import CalendarItemKind
from networkdesk.domain.models import CalendarTombstone, FollowUp, Meeting


def meeting_summary(meeting: Meeting) -> str:
    return f"{meeting.kind.label} with {meeting.contact.name}"


def followup_summary(followup: FollowUp) -> str:
    return f"Follow up: {followup.title} — {followup.contact.name}"


def tombstone_meeting(session: Session, meeting: Meeting) -> CalendarTombstone:
    # The cancelled event must outrank every version a calendar has seen: raise SEQUENCE once more.
    stone = CalendarTombstone(
        uid=meeting.uid,
        sequence=meeting.sequence + 1,
        item_kind=CalendarItemKind.MEETING.value,
        summary=meeting_summary(meeting),
        start=meeting.start,
        minutes=meeting.minutes,
    )
    session.add(stone)
    return stone


def tombstone_followup(session: Session, followup: FollowUp) -> CalendarTombstone:
    stone = CalendarTombstone(
        uid=followup.uid,
        sequence=followup.sequence + 1,
        item_kind=CalendarItemKind.FOLLOWUP.value,
        summary=followup_summary(followup),
        start=followup.due,
        minutes=None,
    )
    session.add(stone)
    return stone


def list_tombstones(session: Session) -> list[CalendarTombstone]:
    return list(session.scalars(select(CalendarTombstone).order_by(CalendarTombstone.deleted_at)))


def clear_tombstones(session: Session) -> int:
    """Forget deleted items: their cancellations will no longer be exported."""
    result = session.execute(delete(CalendarTombstone))
    return int(getattr(result, "rowcount", 0) or 0)
