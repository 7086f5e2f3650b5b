"""A contact's interactions (e-mails, calls, messages...) as a table, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from networkdesk.domain.touches import Direction, InteractionKind
from networkdesk.services import interactions
from networkdesk.ui.formatting import format_moment
from networkdesk.ui.models.record_table import Column, RecordTableModel

DIRECTION_LABELS = {Direction.OUT: "Sent", Direction.IN: "Received"}


@dataclass(frozen=True)
class InteractionRow:
    id: int
    at: dt.datetime
    kind: InteractionKind
    direction: Direction
    note: str | None


def load_interactions(session: Session, contact_id: int) -> list[InteractionRow]:
    found = interactions.list_interactions(session, contact_id=contact_id)
    return [
        InteractionRow(row.id, row.at, row.kind, row.direction, row.note)
        for row in reversed(found)  # the service lists oldest first; the newest matter most
    ]


class InteractionsModel(RecordTableModel[InteractionRow]):
    columns = (
        Column("When", lambda r: format_moment(r.at), lambda r: r.at),
        Column("Direction", lambda r: DIRECTION_LABELS[r.direction]),
        Column("How", lambda r: r.kind.label),
        Column("Note", lambda r: (r.note or "").splitlines()[0] if r.note else ""),
    )

    def tooltip(self, row: InteractionRow, column: int) -> str | None:
        return row.note or None
