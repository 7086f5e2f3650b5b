"""Referrals as a table: who referred the user to whom, and how far it has got."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from networkdesk.domain.enums import ReferralStatus
from networkdesk.services import referrals
from networkdesk.ui.models.contacts_table_model import format_day
from networkdesk.ui.models.record_table import Column, RecordTableModel


@dataclass(frozen=True)
class ReferralRow:
    id: int
    from_id: int
    from_name: str
    to_id: int
    to_name: str
    status: ReferralStatus
    note: str | None
    meeting_start: dt.datetime | None
    created_at: dt.datetime


def load_referrals(session: Session, contact_id: int | None = None) -> list[ReferralRow]:
    return [
        ReferralRow(
            r.id,
            r.from_contact_id,
            r.from_contact.name,
            r.to_contact_id,
            r.to_contact.name,
            r.status,
            r.note,
            r.meeting.start if r.meeting is not None else None,
            r.created_at,
        )
        for r in referrals.list_referrals(session, contact_id=contact_id)
    ]


class ReferralsModel(RecordTableModel[ReferralRow]):
    columns = (
        Column("Referred by", lambda r: r.from_name),
        Column("Referred to", lambda r: r.to_name),
        Column("Status", lambda r: r.status.label, lambda r: list(ReferralStatus).index(r.status)),
        Column("Meeting", lambda r: format_day(r.meeting_start), lambda r: r.meeting_start or 0),
        Column("Added", lambda r: format_day(r.created_at), lambda r: r.created_at),
        Column("Note", lambda r: (r.note or "").splitlines()[0] if r.note else ""),
    )

    def tooltip(self, row: ReferralRow, column: int) -> str | None:
        return row.note or None
