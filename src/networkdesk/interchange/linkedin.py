"""LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data → Connections).

The current export starts with a preamble (a `Notes:` line, one long quoted paragraph, a blank
line) before the header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`;
older exports have no preamble and no `URL` column. Columns are mapped by name, never by position.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.text import fold
from networkdesk.interchange.limits import (
    MAX_CSV_BYTES,
    MAX_CSV_LINE_CHARS,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    ImportFormatError,
    ImportRecord,
    ParsedFile,
    SkippedRow,
    check_line_lengths,
    read_text,
)
from networkdesk.services.validation import MAX_NAME, clean_email, clean_linkedin

SOURCE = "linkedin"
WHAT = "LinkedIn connections export"
# The header must be found among the first records: the preamble is a few lines at most.
HEADER_SEARCH_RECORDS = 20
REQUIRED_COLUMNS = ("first name", "last name", "company", "position", "connected on")
OPTIONAL_COLUMNS = ("url", "email address")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def parse_connected_on(text: str) -> dt.date | None:
    """`15 Mar 2024` (what LinkedIn writes), `2024-03-15` or `3/15/2024`; empty gives None.

    Month names are matched here rather than with strptime's `%b`, which follows the process
    locale (Qt sets it from the environment, so `Mar` would fail under a German desktop).
    """
    value = text.strip()
    if not value:
        return None
    year = month = day = 0
    if match := _DAY_MONTH_YEAR.match(value):
        day, month_name, year = int(match[1]), match[2].lower(), int(match[3])
        month = _MONTHS.get(month_name, 0)
    elif match := _ISO_DATE.match(value):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _US_DATE.match(value):
        month, day, year = int(match[1]), int(match[2]), int(match[3])
    else:
        raise ValueError(value)
    if year < 100:
        year += 2000
    return dt.date(year, month, day)  # raises ValueError for 31 Feb or month 0


def parse(path: Path | str) -> ParsedFile:
    """Read a LinkedIn connections export. Raises ImportFormatError naming the line."""
    text = read_text(path, max_bytes=MAX_CSV_BYTES, what=WHAT)
    return parse_text(text, path)


def parse_text(text: str, path: Path | str = "Connections.csv") -> ParsedFile:
    check_line_lengths(text, path, MAX_CSV_LINE_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[ImportRecord] = []
    skipped: list[SkippedRow] = []
    columns: dict[str, int] | None = None
    width = 0
    previous_line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            line = previous_line + 1
            previous_line = reader.line_num
            if columns is None:
                columns = _header_columns(cells)
                if columns is None:
                    if number >= HEADER_SEARCH_RECORDS:
                        break
                    continue
                width = len(cells)
                continue
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            if len(records) + len(skipped) >= MAX_ROWS:
                raise ImportFormatError(path, f"more than {MAX_ROWS:,} rows", line=line)
            extra = any(cell.strip() for cell in cells[width:])
            if len(cells) < width or extra:
                raise ImportFormatError(
                    path, f"expected {width} columns, found {len(cells)}", line=line
                )
            record = _record(cells, columns, path, line)
            if record is None:
                skipped.append(SkippedRow(f"line {line}", "no name"))
            else:
                records.append(record)
    except csv.Error as exc:
        raise ImportFormatError(path, f"broken CSV: {exc}", line=reader.line_num) from None
    if columns is None:
        raise ImportFormatError(
            path,
            f"not a {WHAT}: no header with the columns "
            "First Name, Last Name, Company, Position, Connected On",
        )
    if not records:
        reason = f" ({len(skipped)} rows without a name)" if skipped else ""
        raise ImportFormatError(path, f"no valid row to import{reason}")
    return ParsedFile(path=str(path), source=SOURCE, records=records, skipped=skipped)


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    keys = [fold(cell) for cell in cells]
    if not all(name in keys for name in REQUIRED_COLUMNS):
        return None
    wanted = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    return {key: index for index, key in enumerate(keys) if key in wanted}


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(cells):
        return ""
    return " ".join(cells[index].split())


def _record(
    cells: list[str], columns: dict[str, int], path: Path | str, line: int
) -> ImportRecord | None:
    if any(len(cell) > MAX_FIELD_CHARS for cell in cells):
        raise ImportFormatError(path, f"a field is longer than {MAX_FIELD_CHARS:,}", line=line)
    name = " ".join(
        part
        for part in (_cell(cells, columns, "first name"), _cell(cells, columns, "last name"))
        if part
    )
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise ImportFormatError(path, f"the name is longer than {MAX_NAME} characters", line=line)
    company = _cell(cells, columns, "company")[:MAX_NAME] or None
    title = _cell(cells, columns, "position")[:MAX_NAME] or None
    try:
        email = clean_email(_cell(cells, columns, "email address"))
        url = clean_linkedin(_cell(cells, columns, "url"))
    except ValidationError as exc:
        raise ImportFormatError(path, str(exc), line=line) from None
    raw_date = _cell(cells, columns, "connected on")
    try:
        connected_on = parse_connected_on(raw_date)
    except ValueError:
        raise ImportFormatError(
            path, f"bad Connected On date {raw_date[:40]!r} (expected e.g. 15 Mar 2024)", line=line
        ) from None
    return ImportRecord(
        where=f"line {line}",
        name=name,
        company=company,
        title=title,
        emails=[(email, None)] if email else [],
        linkedin_url=url,
        connected_on=connected_on,
    )
