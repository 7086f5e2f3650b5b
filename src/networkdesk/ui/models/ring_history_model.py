"""A contact's journey between rings, oldest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from networkdesk.services import contacts
from networkdesk.ui.models.contacts_table_model import format_moment
from networkdesk.ui.models.record_table import Column, RecordTableModel


@dataclass(frozen=True)
class RingStepRow:
    id: int
    from_ring: int | None
    to_ring: int | None
    moved_at: dt.datetime


def load_ring_history(session: Session, contact_id: int) -> list[RingStepRow]:
    return [
        RingStepRow(m.id, m.from_ring, m.to_ring, m.moved_at)
        for m in contacts.ring_history(session, contact_id)
    ]


def ring_name(ring: int | None, names: Sequence[str]) -> str:
    if ring is None:
        return "Inbox"
    return names[ring] if 0 <= ring < len(names) else str(ring)


class RingHistoryModel(RecordTableModel[RingStepRow]):
    def __init__(self, ring_names: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ring_names = list(ring_names)
        self.columns = (
            Column("When", lambda r: format_moment(r.moved_at), lambda r: r.moved_at),
            Column("From", lambda r: ring_name(r.from_ring, self.ring_names)),
            Column("To", lambda r: ring_name(r.to_ring, self.ring_names)),
        )
