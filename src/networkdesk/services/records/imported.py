"""An import (a LinkedIn export, a vCard file...) as one change record.

The import itself is `networkdesk.services.importing.import_records` (run by the window on a
worker thread, by the CLI in the foreground); `ImportApplied` wraps what it wrote. Undo is
`importing.undo_import` (created rows deleted, updated values restored); redo imports the same
parsed records again, into the same state, so the new rows get the same ids back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Self

from networkdesk.domain.enums import Ring
from networkdesk.services import contacts, importing
from networkdesk.services.backing_up import backup_before_import
from networkdesk.services.changes import COMPANIES, CONTACTS, REFERRALS, Changes
from networkdesk.services.importing import archive_import
from networkdesk.services.records.base import ChangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.interchange.limits import ParsedFile
    from networkdesk.services.importing import ImportOutcome
    from networkdesk.services.importing.archive_import import ArchiveOutcome, LinkedInArchive
    from networkdesk.storage.database import Database


@dataclass(frozen=True)
class ImportApplied(ChangeRecord):
    outcome: ImportOutcome
    parsed: ParsedFile
    ring: Ring | int | None = None
    #: The vCard UIDs the created contacts had, in creation order (kept by undo for redo: a
    #: contact brought back is the same person to a phone or calendar that synced the card).
    created_uids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"Import {Path(self.outcome.plan.path).name}"

    @property
    def changes(self) -> Changes:
        updated = {int(row["id"]) for row in self.outcome.previous_values if "id" in row}
        return Changes.of(
            COMPANIES,
            created={
                CONTACTS: self.outcome.created_contact_ids,
                COMPANIES: self.outcome.created_company_ids,
                REFERRALS: self.outcome.added_referral_ids,
            },
            updated={CONTACTS: updated},
        )

    def undo(self, session: Session) -> Self:
        uids = contacts.uids_of(session, self.outcome.created_contact_ids)
        importing.undo_import(session, self.outcome)
        return dataclasses.replace(self, created_uids=tuple(uids))

    def redo(self, session: Session) -> Self:
        outcome = importing.import_records(session, self.parsed, ring=self.ring)
        if len(self.created_uids) == len(outcome.created_contact_ids):
            contacts.restore_uids(
                session, zip(outcome.created_contact_ids, self.created_uids, strict=True)
            )
        return dataclasses.replace(self, outcome=outcome)


def import_file(
    session: Session,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportApplied:
    """Import parsed records in the caller's transaction; the record of what was written."""
    outcome = importing.import_records(session, parsed, ring=ring, progress=progress)
    return ImportApplied(outcome, parsed, ring)


@dataclass(frozen=True)
class ArchiveImported(ChangeRecord):
    """A whole LinkedIn archive imported (contacts, interactions, targets) as one undo step.

    Undo reverses the three parts last first; redo imports the same archive again with the
    same choices, and gives the contacts it creates back their UIDs."""

    outcome: ArchiveOutcome
    ring: Ring | int | None = None
    targets_from_follows: bool = False
    created_uids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"Import {Path(self.outcome.archive.path).name}"

    @property
    def changes(self) -> Changes:
        return archive_import.archive_changes(self.outcome)

    def undo(self, session: Session) -> Self:
        created = self.outcome.contacts.created_contact_ids if self.outcome.contacts else []
        uids = contacts.uids_of(session, created)
        archive_import.undo_archive_records(session, self.outcome)
        return dataclasses.replace(self, created_uids=tuple(uids))

    def redo(self, session: Session) -> Self:
        outcome = archive_import.import_archive_records(
            session,
            self.outcome.archive,
            ring=self.ring,
            targets_from_follows=self.targets_from_follows,
        )
        created = outcome.contacts.created_contact_ids if outcome.contacts else []
        if len(self.created_uids) == len(created):
            contacts.restore_uids(session, zip(created, self.created_uids, strict=True))
        return dataclasses.replace(self, outcome=outcome)


def import_archive(
    session: Session,
    archive: LinkedInArchive,
    *,
    ring: Ring | int | None = None,
    targets_from_follows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ArchiveImported:
    """Import a whole LinkedIn archive in the caller's transaction; the record of it."""
    outcome = archive_import.import_archive_records(
        session, archive, ring=ring, targets_from_follows=targets_from_follows, progress=progress
    )
    return ArchiveImported(outcome, ring, targets_from_follows)


def apply_archive(
    db: Database,
    archive: LinkedInArchive,
    *,
    ring: Ring | int | None = None,
    targets_from_follows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ArchiveImported:
    """Back up, then import the archive in one transaction (the window's worker): its record."""
    backup_before_import(db)
    with db.transaction() as session:
        return import_archive(
            session,
            archive,
            ring=ring,
            targets_from_follows=targets_from_follows,
            progress=progress,
        )
