"""Marking the job and title changes an import found as reviewed, as one undo step."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from sqlalchemy import select

from networkdesk.domain.models import ContactChange
from networkdesk.domain.plural import count_of
from networkdesk.services.changes import CONTACTS, Changes
from networkdesk.services.importing import review
from networkdesk.services.records.base import ChangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ChangesReviewed(ChangeRecord):
    change_ids: tuple[int, ...]
    contact_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        return f"Mark {count_of(len(self.change_ids), 'change')} reviewed"

    @property
    def changes(self) -> Changes:
        return Changes.of(updated={CONTACTS: self.contact_ids})

    @property
    def undo_changes(self) -> Changes:
        return self.changes

    def undo(self, session: Session) -> Self:
        review.mark_unreviewed(session, self.change_ids)
        return self

    def redo(self, session: Session) -> Self:
        review.mark_reviewed(session, self.change_ids)
        return self


def mark_reviewed(session: Session, change_ids: Iterable[int]) -> ChangesReviewed | None:
    """Mark the given pending changes reviewed; None when none of them was pending."""
    wanted = list(dict.fromkeys(change_ids))
    rows = session.execute(
        select(ContactChange.id, ContactChange.contact_id).where(
            ContactChange.id.in_(wanted), ContactChange.reviewed.is_(False)
        )
    ).all()
    if not rows:
        return None
    ids = tuple(int(r[0]) for r in rows)
    review.mark_reviewed(session, ids)
    return ChangesReviewed(ids, tuple(sorted({int(r[1]) for r in rows})))
