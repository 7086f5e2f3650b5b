"""Exporting a file: the use case File → Export… and `networkdesk export FORMAT` share.

Each export reads the database in one read transaction, turns the rows into the format's bytes
(interchange/) and writes them all at once - a temporary file renamed over the target - as a
file only its owner can read (0600): exports hold personal data. A failure leaves the old file,
or none, never half a file.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path

from networkdesk.interchange import csv_export, ics, json_archive, vcard
from networkdesk.services import archive, calendar_export, exporting
from networkdesk.services.calendar_export import ExportRange, ExportResult
from networkdesk.storage.database import Database

__all__ = [
    "ExportFormat",
    "ExportOutcome",
    "ExportRange",
    "ExportResult",
    "export_calendar_file",
    "export_file",
    "write_single_event",
]


class ExportFormat(enum.StrEnum):
    VCARD = "vcard"
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What an export wrote: contacts for vCard and CSV, rows and tables for the JSON archive."""

    format: ExportFormat
    path: Path
    contacts: int = 0
    rows: int = 0
    tables: int = 0


def export_file(
    db: Database,
    format: ExportFormat | str,
    path: Path | str,
    *,
    contact_ids: list[int] | None = None,
) -> ExportOutcome:
    """Write contacts as vCard (all, or `contact_ids`) or CSV, or everything as a JSON archive."""
    kind = ExportFormat(format)
    out = Path(path)
    if kind is ExportFormat.VCARD:
        with db.reading() as session:
            cards = exporting.vcard_cards(session, contact_ids)
        return ExportOutcome(kind, out, contacts=vcard.write(out, cards))
    if kind is ExportFormat.CSV:
        with db.reading() as session:
            rows = exporting.csv_rows(session)
        csv_export.write(out, exporting.CSV_HEADERS, rows)
        return ExportOutcome(kind, out, contacts=len(rows))
    with db.reading() as session:
        data = archive.export_archive(session)
    json_archive.write(out, data)
    tables = data["tables"]
    return ExportOutcome(
        kind, out, rows=sum(len(rows) for rows in tables.values()), tables=len(tables)
    )


def export_calendar_file(
    db: Database,
    path: Path | str,
    period: ExportRange | None = None,
    *,
    include_done: bool = False,
) -> ExportResult:
    """Meetings and follow-ups (those of `period`, or all) as an iCalendar file."""
    with db.reading() as session:
        return calendar_export.export_to_file(
            session, Path(path), period, include_done=include_done
        )


MEETING = "meeting"
FOLLOWUP = "followup"


def write_single_event(db: Database, kind: str, item_id: int, folder: Path) -> Path:
    """One meeting's or follow-up's event, with its reminder, as a file in `folder` for the
    system's calendar app to open ("Add to calendar"). Returns the file's path."""
    with db.reading() as session:
        if kind == MEETING:
            event = calendar_export.meeting_event(session, item_id)
        else:
            event = calendar_export.followup_event(session, item_id)
    data = ics.to_bytes(calendar_export.single_event_calendar(event))
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", event.uid.split("@")[0])[:60]
    path = folder / f"networkdesk-{kind}-{safe}.ics"
    calendar_export.write_ics_file(path, data)
    return path
