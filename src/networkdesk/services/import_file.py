"""Importing a file: the use case File → Import… (and a dropped file) and `networkdesk import`
share.

The steps, each usable alone so the window can show a preview between them and the history can
wrap the write in an undo record:

1. `read_file`: detect the format (vCard by suffix, else a LinkedIn connections export) and parse
   it into plain records, with the rows it could not use;
2. `plan`: decide for every record what the import would do (new, update, possible duplicate,
   skipped) against the database as it is - a dry run or the preview;
3. `apply`: back up the database, then plan again and write everything in one transaction (the
   database may have changed since the preview), returning the outcome - precisely enough to
   undo it (`undo`, which is `services.importing.undo_import`) - and its `Changes`.

`import_archive_file` reads a complete JSON archive into an empty database.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from networkdesk.domain.enums import Ring
from networkdesk.domain.errors import ConflictError
from networkdesk.interchange import json_archive, linkedin, vcard
from networkdesk.interchange.limits import ParsedFile
from networkdesk.services import archive, importing
from networkdesk.services.backing_up import backup_before_import
from networkdesk.services.changes import COMPANIES, CONTACTS, Changes
from networkdesk.services.importing import ImportOutcome, ImportPlan
from networkdesk.storage.database import Database

if TYPE_CHECKING:
    from networkdesk.services.records.imported import ImportApplied

__all__ = [
    "ImportOutcome",
    "ImportPlan",
    "ParsedFile",
    "PeopleFormat",
    "apply",
    "apply_record",
    "detect_format",
    "import_archive_file",
    "import_changes",
    "plan",
    "read_file",
    "redo",
    "undo",
]

Progress = Callable[[int, int], None]
VCARD_SUFFIXES = (".vcf", ".vcard")


class PeopleFormat(enum.StrEnum):
    """The files people are imported from."""

    LINKEDIN = "linkedin"
    VCARD = "vcard"


def detect_format(path: Path | str) -> PeopleFormat:
    """vCard by its suffix; anything else is read as a LinkedIn connections export (whose
    parser says so in words when the file is not one)."""
    if Path(path).suffix.lower() in VCARD_SUFFIXES:
        return PeopleFormat.VCARD
    return PeopleFormat.LINKEDIN


def read_file(
    path: Path | str,
    format: PeopleFormat | str | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Parse `path` (its format detected when not given). Raises ImportFormatError naming the
    line when the file is not what it should be."""
    kind = detect_format(path) if format is None else PeopleFormat(format)
    if kind is PeopleFormat.VCARD:
        return vcard.parse(path, progress)
    return linkedin.parse(path)


def plan(
    db: Database,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing `parsed` would do now. Reads; never writes."""
    with db.reading() as session:
        return importing.plan_import(session, parsed, ring=ring, progress=progress)


def apply(
    db: Database,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Back up, then plan and write the import in one transaction: all of it or nothing.

    A failed backup raises StorageError before anything is written."""
    backup_before_import(db)
    with db.transaction() as session:
        return importing.import_records(session, parsed, ring=ring, progress=progress)


def apply_record(
    db: Database,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Progress | None = None,
) -> ImportApplied:
    """`apply`, returning the import as one change record (the window's undo step)."""
    from networkdesk.services.records.imported import ImportApplied

    return ImportApplied(apply(db, parsed, ring=ring, progress=progress), parsed, ring)


def redo(session: Session, parsed: ParsedFile, ring: Ring | int | None) -> ImportOutcome:
    """The same import again, in the caller's transaction (an undo step's redo)."""
    return importing.import_records(session, parsed, ring=ring)


def undo(session: Session, outcome: ImportOutcome) -> None:
    """Reverse an import in the caller's transaction: delete what it created, restore what it
    updated."""
    importing.undo_import(session, outcome)


def import_changes(outcome: ImportOutcome) -> Changes:
    """The change announcement of an import: the contacts it created and updated, the companies
    it created."""
    updated = [row.contact_id for row in outcome.plan.rows if row.action == importing.UPDATE]
    return Changes.of(
        CONTACTS,
        COMPANIES,
        created={CONTACTS: outcome.created_contact_ids, COMPANIES: outcome.created_company_ids},
        updated={CONTACTS: [cid for cid in updated if cid is not None]},
    )


def import_archive_file(db: Database, path: Path | str) -> dict[str, int]:
    """Read a complete networkdesk JSON archive into an empty database; returns the rows
    imported per table. Refuses (ConflictError) a database that holds anything."""
    data = json_archive.read(path)
    with db.reading() as session:
        if not archive.is_empty(session):
            raise ConflictError(
                f"{path}: the database is not empty; an archive is imported only into a "
                "new, empty database (e.g. `networkdesk --db NEW.db import json FILE`)"
            )
    with db.transaction() as session:
        return archive.import_archive(session, data, path=str(path))
