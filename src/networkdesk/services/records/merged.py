"""Merging two contacts (services/merging.py) as one undoable change record.

Before the merge both contacts are captured whole (services/snapshots.py). Undo deletes the
merged contact through the contacts service and writes both captured contacts back with their
ids (their meetings, follow-ups, referrals, histories and tags as they were); redo merges them
again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from networkdesk.services import merging, snapshots
from networkdesk.services.changes import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    MEETINGS,
    REFERRALS,
    Changes,
)
from networkdesk.services.records.base import ChangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ContactsMerged(ChangeRecord):
    keep_before: snapshots.ContactSnapshot
    other_before: snapshots.ContactSnapshot
    result: merging.MergeResult

    @property
    def label(self) -> str:
        return "Merge contacts"

    @property
    def changes(self) -> Changes:
        return Changes.of(
            COMPANIES,
            MEETINGS,
            FOLLOWUPS,
            REFERRALS,
            updated={CONTACTS: [self.result.kept_id]},
            deleted={CONTACTS: [self.result.removed_id]},
        )

    def undo(self, session: Session) -> ChangeRecord:
        snapshots.delete_contact_with_snapshot(session, self.result.kept_id)
        # The kept one first: referrals between the two come back with the second.
        snapshots.restore_contact(session, self.keep_before)
        snapshots.restore_contact(session, self.other_before)
        return self

    def redo(self, session: Session) -> ChangeRecord:
        return merge_contacts(session, self.result.kept_id, self.result.removed_id)


def merge_contacts(session: Session, keep_id: int, other_id: int) -> ContactsMerged:
    """Merge OTHER into KEEP (see services/merging.py); the record to undo it."""
    keep_before = snapshots.capture_contact(session, keep_id)
    other_before = snapshots.capture_contact(session, other_id)
    result = merging.merge(session, keep_id, other_id)
    return ContactsMerged(keep_before, other_before, result)
