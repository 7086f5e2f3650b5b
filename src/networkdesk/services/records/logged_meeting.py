"""Logging a meeting as one change record: the meeting (created or filled in), the new people
and the referrals it brought, the thank-you follow-up, the contact's stage and ring.

The record is a composite of the row records for each of those, in the order they were written:
undo reverses them last first (the ring move through `contacts.unmove`, created rows captured
and deleted), redo writes them back with the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from networkdesk.domain.fields import ContactFields, MeetingFields
from networkdesk.domain.models import RingMove
from networkdesk.services import contacts, meetings
from networkdesk.services.meeting_log import LogResult, MeetingLog, log_meeting
from networkdesk.services.records.base import ChangeRecord, Composite
from networkdesk.services.records.moves import RingMoved
from networkdesk.services.records.rows import Entity, FieldsEdited, RowCreated

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session

LABEL = "Log meeting"


@dataclass(frozen=True)
class MeetingLogged(Composite):
    """A logged meeting: one step. `result` says what the log wrote (ids)."""

    result: LogResult = field(default_factory=lambda: LogResult(0, False))


def _meeting_part(session: Session, result: LogResult) -> ChangeRecord:
    if result.created_meeting or result.before_meeting is None:
        return RowCreated(Entity.MEETING, result.meeting_id, LABEL)
    names = frozenset(result.before_meeting)
    before = MeetingFields(**result.before_meeting)
    after = MeetingFields.of(meetings.get(session, result.meeting_id)).only(names)
    return FieldsEdited(result.meeting_id, before, after, LABEL)


def log(
    session: Session,
    entry: MeetingLog,
    *,
    now: dt.datetime | None = None,
    allow_future: bool = False,
) -> MeetingLogged:
    """Log the meeting (services/meeting_log.py does the work) and return its record
    (`allow_future`: the user confirmed logging a meeting still to come)."""
    result = log_meeting(session, entry, now=now, allow_future=allow_future)
    parts: list[ChangeRecord] = [_meeting_part(session, result)]
    parts += [RowCreated(Entity.CONTACT, cid, LABEL) for cid in result.new_contact_ids]
    parts += [RowCreated(Entity.REFERRAL, rid, LABEL) for rid in result.referral_ids]
    if result.followup_id is not None:
        parts.append(RowCreated(Entity.FOLLOWUP, result.followup_id, LABEL))
    contact = contacts.get(session, entry.contact_id)
    if entry.new_stage is not None and result.before_stage is not None:
        parts.append(
            FieldsEdited(
                contact.id,
                ContactFields(stage=result.before_stage),
                ContactFields(stage=contact.stage),
                LABEL,
            )
        )
    if result.ring_move_id is not None:
        row = session.get(RingMove, result.ring_move_id)
        assert row is not None  # written by this log, in this transaction
        parts.append(
            RingMoved(
                contact.id,
                (result.before_ring, result.before_angle),
                (row.to_ring, row.angle),
                row.id,
                row.moved_at,
                LABEL,
            )
        )
    return MeetingLogged(tuple(parts), LABEL, result)
