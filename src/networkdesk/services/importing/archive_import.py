"""Importing a whole LinkedIn archive (its zip or folder) in one step and one transaction:
the connections as contacts, the messages and invitations as interactions with their direction,
and the followed companies offered as targets (marked only when asked).

`import_archive_records` does all of it in the caller's transaction and says what it did
(`ArchiveOutcome`); `preview` runs exactly that and rolls back (the dry run and the window's
preview, so they can never disagree with the import); `apply` backs up first and commits. The
undo record is `services.records.imported.ArchiveImported`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from networkdesk.domain.enums import Ring
from networkdesk.interchange.linkedin_archive import LinkedInArchive, is_archive, read_archive
from networkdesk.services.backing_up import backup_before_import
from networkdesk.services.changes import COMPANIES, CONTACTS, INTERACTIONS, Changes
from networkdesk.services.importing.archive_targets import (
    TargetPlan,
    TargetsMarked,
    mark_targets,
    plan_targets,
    unmark_targets,
)
from networkdesk.services.importing.archive_touches import (
    UNMATCHED_SHOWN,
    TouchesWritten,
    TouchPlan,
    plan_touches,
    unwrite_touches,
    write_touches,
)
from networkdesk.services.importing.plan import UPDATE, ImportOutcome, Progress
from networkdesk.services.importing.undo import undo_import
from networkdesk.services.importing.writer import import_records
from networkdesk.storage.database import Database

__all__ = [
    "ArchiveOutcome",
    "LinkedInArchive",
    "apply",
    "archive_changes",
    "import_archive_records",
    "is_archive",
    "preview",
    "read",
    "undo_archive_records",
]


@dataclass
class ArchiveOutcome:
    """What an archive import did (or, in a preview, would do), precisely enough to undo it."""

    archive: LinkedInArchive
    contacts: ImportOutcome | None
    touches: TouchPlan
    targets: TargetPlan
    targets_marked: TargetsMarked | None = None
    written: TouchesWritten = field(default_factory=TouchesWritten)

    @property
    def warnings(self) -> list[str]:
        return [str(warning) for warning in self.archive.warnings]

    @property
    def nothing_changed(self) -> bool:
        plan = self.contacts.plan if self.contacts is not None else None
        contacts_same = plan is None or (
            plan.created == 0 and all(row.unchanged for row in plan.rows if row.action == UPDATE)
        )
        marked = self.targets_marked
        targets_same = marked is None or not (
            marked.marked_company_ids or marked.created_company_ids
        )
        return contacts_same and not self.touches.new and targets_same

    def summary_lines(self) -> list[str]:
        """What the CLI prints and the preview shows, one finding a line."""
        lines: list[str] = []
        if self.contacts is not None:
            lines.append(f"connections: {self.contacts.plan.summary()}")
        touches = self.touches
        lines.append(
            f"messages and invitations: {len(touches.new)} new interactions "
            f"({touches.sent} sent, {touches.received} received), "
            f"{touches.already_there} already recorded"
        )
        if touches.unmatched:
            shown = ", ".join(touches.unmatched_people[:UNMATCHED_SHOWN])
            more = len(touches.unmatched_people) - UNMATCHED_SHOWN
            tail = f" and {more} more" if more > 0 else ""
            lines.append(
                f"{_count(touches.unmatched, 'message')} with people who are not your "
                f"contacts left out ({shown}{tail})"
            )
        if touches.ambiguous:
            lines.append(
                f"{_count(touches.ambiguous, 'message')} left out: more than one contact has "
                "that name"
            )
        marked = self.targets_marked
        if marked is not None:
            count = len(marked.marked_company_ids) + len(marked.created_company_ids)
            lines.append(
                f"followed companies: {count} marked as targets "
                f"({len(marked.created_company_ids)} new), "
                f"{self.targets.already_targets} were targets already"
            )
        elif self.targets.candidates:
            lines.append(
                f"followed companies: {len(self.targets.candidates)} could be targets "
                f"({', '.join(self.targets.candidates[:5])}"
                f"{'…' if len(self.targets.candidates) > 5 else ''}); "
                "mark them with --targets-from-follows"
            )
        if self.nothing_changed:
            lines.append("nothing changed: everything in the archive is already here")
        return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def read(path: Path | str, *, owner_name: str | None = None) -> LinkedInArchive:
    """Read the archive (ImportFormatError when it is not one, or is unsafe)."""
    return read_archive(path, owner_name=owner_name)


def import_archive_records(
    session: Session,
    archive: LinkedInArchive,
    *,
    ring: Ring | int | None = None,
    targets_from_follows: bool = False,
    progress: Progress | None = None,
) -> ArchiveOutcome:
    """Import everything in the caller's transaction: connections first (so the messages find
    the contacts just created), then the touches, then the targets when asked."""
    contacts = None
    if archive.connections is not None:
        contacts = import_records(session, archive.connections, ring=ring, progress=progress)
    touches = plan_touches(session, archive.touches)
    written = write_touches(session, touches)
    targets = plan_targets(session, archive.followed_companies)
    marked = mark_targets(session, targets.candidates) if targets_from_follows else None
    return ArchiveOutcome(archive, contacts, touches, targets, marked, written)


def undo_archive_records(session: Session, outcome: ArchiveOutcome) -> None:
    """Reverse `import_archive_records` in the caller's transaction, last step first."""
    if outcome.targets_marked is not None:
        unmark_targets(session, outcome.targets_marked)
    unwrite_touches(session, outcome.written)
    if outcome.contacts is not None:
        undo_import(session, outcome.contacts)


def preview(
    db: Database,
    archive: LinkedInArchive,
    *,
    ring: Ring | int | None = None,
    targets_from_follows: bool = False,
) -> ArchiveOutcome:
    """What the import would do now: run it, then roll it back. Nothing is written."""
    with db.reading() as session:
        try:
            return import_archive_records(
                session, archive, ring=ring, targets_from_follows=targets_from_follows
            )
        finally:
            session.rollback()


def apply(
    db: Database,
    archive: LinkedInArchive,
    *,
    ring: Ring | int | None = None,
    targets_from_follows: bool = False,
    progress: Progress | None = None,
) -> ArchiveOutcome:
    """Back up, then import everything in one transaction: all of it or nothing."""
    backup_before_import(db)
    with db.transaction() as session:
        return import_archive_records(
            session,
            archive,
            ring=ring,
            targets_from_follows=targets_from_follows,
            progress=progress,
        )


def archive_changes(outcome: ArchiveOutcome) -> Changes:
    """The change announcement of an archive import."""
    created_contacts: list[int] = []
    updated_contacts: set[int] = set()
    created_companies: list[int] = []
    if outcome.contacts is not None:
        created_contacts = list(outcome.contacts.created_contact_ids)
        created_companies = list(outcome.contacts.created_company_ids)
        updated_contacts = {
            int(row["id"]) for row in outcome.contacts.previous_values if "id" in row
        }
    updated_contacts |= {cid for cid, _stage in outcome.written.stages_before}
    updated_companies: list[int] = []
    if outcome.targets_marked is not None:
        created_companies += outcome.targets_marked.created_company_ids
        updated_companies = outcome.targets_marked.marked_company_ids
    return Changes.of(
        CONTACTS,
        COMPANIES,
        INTERACTIONS,
        created={
            CONTACTS: created_contacts,
            COMPANIES: created_companies,
            INTERACTIONS: outcome.written.interaction_ids,
        },
        updated={CONTACTS: updated_contacts, COMPANIES: updated_companies},
    )
