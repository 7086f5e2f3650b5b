"""Clearing the cancelled calendar items (the tombstones exports still carry) as a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from networkdesk.services import calendar_items
from networkdesk.services.changes import Changes
from networkdesk.services.records.base import ChangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class CancelledCleared(ChangeRecord):
    """The tombstones a clear removed, as rows (undo writes them back with their ids)."""

    rows: tuple[dict[str, object], ...]

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def label(self) -> str:
        return "Clear cancelled events"

    @property
    def changes(self) -> Changes:
        # No view lists tombstones: nothing to refresh, but the step is announced all the same.
        return Changes.none()

    def undo(self, session: Session) -> Self:
        calendar_items.restore_tombstones(session, list(self.rows))
        return self

    def redo(self, session: Session) -> Self:
        calendar_items.clear_tombstones(session)
        return self


def clear_cancelled(session: Session) -> CancelledCleared:
    rows = tuple(calendar_items.tombstone_rows(session))
    calendar_items.clear_tombstones(session)
    return CancelledCleared(rows)
