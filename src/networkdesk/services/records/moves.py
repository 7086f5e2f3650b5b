"""Moving contacts between rings (and the inbox) as change records.

`RingMoved` keeps the place before and after and the ring-history row the move wrote. Undo goes
through `contacts.unmove` (the one reversal of a ring move); redo writes the same history row
again (same id, same time) through `contacts.move`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.plural import count_of
from networkdesk.services import contacts
from networkdesk.services.changes import ANGLE, CONTACTS, RING, Changes
from networkdesk.services.records.base import ChangeRecord, Composite, combine

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: (ring or None for the inbox, angle or None)
Placement = tuple[int | None, float | None]
#: (contact id, ring or None for the inbox, angle or None to keep/choose one)
Move = tuple[int, int | None, float | None]


@dataclass(frozen=True)
class RingMoved(ChangeRecord):
    contact_id: int
    old: Placement
    new: Placement
    history_row_id: int
    moved_at: dt.datetime
    text: str = "Move contact"

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        # Only the contact's row changes (and its ring history, which no view lists on its own).
        # Views that show where a contact sits (the agenda, the companies' ring counts) follow
        # CONTACTS with the `ring` field; a move along one ring writes the angle alone.
        written = {ANGLE} if self.old[0] == self.new[0] else {RING, ANGLE}
        return Changes.of(updated={CONTACTS: [self.contact_id]}, fields={CONTACTS: written})

    @property
    def undo_changes(self) -> Changes:
        return self.changes

    def undo(self, session: Session) -> Self:
        ring, angle = self.old
        contacts.unmove(session, self.contact_id, ring, angle, self.history_row_id)
        return self

    def redo(self, session: Session) -> Self:
        ring, angle = self.new
        contacts.move(
            session,
            self.contact_id,
            ring,
            angle,
            when=self.moved_at,
            history_id=self.history_row_id,
        )
        return self


def move_contact(
    session: Session,
    contact_id: int,
    ring: Ring | int | None,
    angle: float | None = None,
    *,
    text: str = "Move contact",
) -> RingMoved | None:
    """Move one contact; the record, or None when it already was there."""
    contact = contacts.get(session, contact_id)
    old: Placement = (contact.ring, contact.angle)
    row = contacts.move(session, contact_id, ring, angle)
    if row is None:
        return None
    return RingMoved(contact_id, old, (row.to_ring, row.angle), row.id, row.moved_at, text)


def move_contacts(
    session: Session, moves: Iterable[Move], text: str | None = None
) -> ChangeRecord | None:
    """One gesture that moves one or many contacts: one record (None when nothing moved)."""
    moves = list(moves)
    label = text or describe_moves(moves)
    parts: list[ChangeRecord | None] = [
        move_contact(session, cid, ring, angle, text=label) for cid, ring, angle in moves
    ]
    return combine(parts, label)


def moved(record: ChangeRecord | None) -> list[RingMoved]:
    """The ring moves inside a record (a composite's parts, in order)."""
    if isinstance(record, RingMoved):
        return [record]
    if isinstance(record, Composite):
        return [move for part in record.parts for move in moved(part)]
    return []


def describe_moves(moves: list[Move], ring_names: list[str] | None = None) -> str:
    rings = {ring for _cid, ring, _angle in moves}
    count = len(moves)
    who = "contact" if count == 1 else count_of(count, "contact")
    if len(rings) == 1:
        ring = next(iter(rings))
        if ring is None:
            return f"Move {who} back to the inbox"
        names = list(ring_names) if ring_names else [RING_LABELS[r] for r in Ring]
        return f"Move {who} to {names[ring]}"
    return f"Move {who}"


def with_text(record: ChangeRecord, text: str) -> ChangeRecord:
    """The same record under another label (the window names rings as the user did)."""
    if isinstance(record, RingMoved):
        return dataclasses.replace(record, text=text)
    if isinstance(record, Composite):
        return dataclasses.replace(record, text=text)
    return record
