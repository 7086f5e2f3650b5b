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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from networkdesk.domain.enums import Ring
from networkdesk.domain.errors import ConflictError
from networkdesk.domain.text import fold
from networkdesk.interchange import linkedin
from networkdesk.interchange.archive_file import is_archive
from networkdesk.interchange.limits import ImportFormatError, ParsedFile
from networkdesk.services import importing
from networkdesk.services.backing_up import backup_before_import
from networkdesk.services.changes import COMPANIES, CONTACTS, REFERRALS, Changes
from networkdesk.services.importing import ImportOutcome, ImportPlan
from networkdesk.storage.database import Database

# The other formats' readers are imported when a file needs them: `networkdesk import linkedin`
# loads neither the vCard nor the CSV nor the archive code.
if TYPE_CHECKING:
    from networkdesk.interchange.contacts_csv import FIELDS as CSV_FIELDS
    from networkdesk.interchange.contacts_csv import IGNORE as CSV_IGNORE
    from networkdesk.interchange.contacts_csv import NeedsMapping
    from networkdesk.services.records.imported import ImportApplied

__all__ = [
    "CSV_FIELDS",
    "CSV_IGNORE",
    "ImportOutcome",
    "ImportPlan",
    "NeedsMapping",
    "ParsedFile",
    "PeopleFormat",
    "apply",
    "apply_record",
    "detect_format",
    "import_archive_file",
    "import_changes",
    "is_archive",
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
    CSV = "csv"  # Google Contacts, Outlook, or any CSV with a column mapping


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
    *,
    mapping: Mapping[str, str] | None = None,
) -> ParsedFile:
    """Parse `path` (its format detected when not given: a CSV by its header, Google's and
    Outlook's before LinkedIn's). `mapping` ({column: field}) reads any CSV. Raises
    ImportFormatError naming the line when the file is not what it should be, and
    `contacts_csv.NeedsMapping` (with the columns) for a CSV of unknown columns."""
    kind = detect_format(path) if format is None else PeopleFormat(format)
    if format is None and kind is PeopleFormat.LINKEDIN and (mapping or _other_csv(path)):
        kind = PeopleFormat.CSV
    elif kind is PeopleFormat.CSV and not mapping and not _other_csv(path):
        kind = PeopleFormat.LINKEDIN  # `import csv Connections.csv`: it is a LinkedIn export
    if kind is PeopleFormat.VCARD:
        from networkdesk.interchange import vcard

        return vcard.parse(path, progress)
    if kind is PeopleFormat.CSV:
        from networkdesk.interchange import contacts_csv

        return contacts_csv.parse(path, mapping)
    return linkedin.parse(path)


def column_mapping(pairs: list[str]) -> dict[str, str]:
    """`["Full Name=name", ...]` (the CLI's --map) as {column: field}; ValidationError names a
    bad pair or an unknown field."""
    from networkdesk.interchange import contacts_csv

    return contacts_csv.parse_mapping(pairs)


#: `CSV_FIELDS`, `CSV_IGNORE` and `NeedsMapping` (a CSV of unknown columns, with `.columns`:
#: the front end asks for a mapping) are the CSV reader's, looked up when first used.
_FROM_CONTACTS_CSV = {
    "CSV_FIELDS": "FIELDS",
    "CSV_IGNORE": "IGNORE",
    "NeedsMapping": "NeedsMapping",
}


def __getattr__(name: str) -> Any:
    if name in _FROM_CONTACTS_CSV:
        from networkdesk.interchange import contacts_csv

        return getattr(contacts_csv, _FROM_CONTACTS_CSV[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """{column: field} guessed from the column names (the mapping step's starting point)."""
    from networkdesk.interchange import contacts_csv

    return {column: contacts_csv.guess_field(column) for column in columns}


def _other_csv(path: Path | str) -> bool:
    """A Google or Outlook CSV, or one that is no LinkedIn export (for the mapping step)."""
    from networkdesk.interchange import contacts_csv

    try:
        header = contacts_csv.header_of(path)
    except ImportFormatError:
        return False  # the LinkedIn parser says what is wrong with the file
    if contacts_csv.detect_dialect(header) is not None:
        return True
    names = {fold(cell) for cell in header}
    if names & {"notes:", "notes"} and len(names) <= 2:
        return False  # the preamble of today's Connections.csv
    has_names = {"first name", "last name"} <= names
    return not (has_names and names & set(linkedin.LINKEDIN_COLUMNS))


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
        created={
            CONTACTS: outcome.created_contact_ids,
            COMPANIES: outcome.created_company_ids,
            REFERRALS: outcome.added_referral_ids,
        },
        updated={CONTACTS: [cid for cid in updated if cid is not None]},
    )


def import_archive_file(db: Database, path: Path | str) -> dict[str, int]:
    """Read a complete networkdesk JSON archive into an empty database; returns the rows
    imported per table. Refuses (ConflictError) a database that holds anything."""
    from networkdesk.interchange import json_archive
    from networkdesk.services import archive

    data = json_archive.read(path)
    with db.reading() as session:
        if not archive.is_empty(session):
            raise ConflictError(
                f"{path}: the database is not empty; an archive is imported only into a "
                "new, empty database (e.g. `networkdesk --db NEW.db import json FILE`)"
            )
    with db.transaction() as session:
        return archive.import_archive(session, data, path=str(path))
