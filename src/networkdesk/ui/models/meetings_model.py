"""Meetings as a table (a contact's meetings in the editor, or all of them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from networkdesk.domain.enums import MeetingKind
from networkdesk.services import meetings
from networkdesk.ui.models.contacts_table_model import format_moment
from networkdesk.ui.models.record_table import Column, RecordTableModel


@dataclass(frozen=True)
class MeetingRow:
    id: int
    contact_id: int
    contact_name: str
    start: dt.datetime
    minutes: int
    kind: MeetingKind
    location: str | None
    notes: str | None
    outcome: str | None

    @property
    def logged(self) -> bool:
        return bool(self.notes or self.outcome)


def load_meetings(session: Session, contact_id: int | None = None) -> list[MeetingRow]:
    return [
        MeetingRow(
            m.id,
            m.contact_id,
            m.contact.name,
            m.start,
            m.minutes,
            m.kind,
            m.location,
            m.notes,
            m.outcome,
        )
        for m in meetings.list_meetings(session, contact_id=contact_id)
    ]


def _status(row: MeetingRow) -> str:
    if row.logged:
        return "Logged"
    return "Upcoming" if row.start > dt.datetime.now(dt.UTC) else "Not logged yet"


class MeetingsModel(RecordTableModel[MeetingRow]):
    columns = (
        Column("When", lambda r: format_moment(r.start), lambda r: r.start),
        Column("With", lambda r: r.contact_name),
        Column("Kind", lambda r: r.kind.label),
        Column("Minutes", lambda r: str(r.minutes), lambda r: r.minutes, align_right=True),
        Column("Place", lambda r: r.location or ""),
        Column("Status", _status),
        Column("Outcome", lambda r: (r.outcome or "").splitlines()[0] if r.outcome else ""),
    )

    def tooltip(self, row: MeetingRow, column: int) -> str | None:
        return row.notes or None
