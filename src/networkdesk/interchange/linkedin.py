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
from functools import lru_cache
from pathlib import Path

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.text import fold
from networkdesk.domain.validation import MAX_NAME, clean_email, clean_linkedin
from networkdesk.interchange.limits import (
    MAX_CSV_BYTES,
    MAX_CSV_LINE_CHARS,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    ImportFormatError,
    ImportRecord,
    ParsedFile,
    SkippedRow,
    bulk_work,
    check_line_lengths,
    read_text,
)

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
# What clean_linkedin accepts unchanged, checked without urlsplit (30,000 calls add up).
_PLAIN_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?:/\S*)?$")
_PLAIN_EMAIL = re.compile(r"^[^@\s:]+@[^@\s]+\.[^@\s]+$")


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
    with bulk_work():
        return parse_text(text, path)


def parse_text(text: str, path: Path | str = "Connections.csv") -> ParsedFile:
    check_line_lengths(text, path, MAX_CSV_LINE_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[ImportRecord] = []
    skipped: list[SkippedRow] = []
    columns: dict[str, int] | None = None
    positions: tuple[int, ...] = ()
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
                positions = tuple(columns.get(name, -1) for name in _FIELDS)
                continue
            if not "".join(cells).strip():
                continue  # blank line
            if len(records) + len(skipped) >= MAX_ROWS:
                raise ImportFormatError(path, f"more than {MAX_ROWS:,} rows", line=line)
            if len(cells) < width or (len(cells) > width and "".join(cells[width:]).strip()):
                raise ImportFormatError(
                    path, f"expected {width} columns, found {len(cells)}", line=line
                )
            record = _record(cells, positions, path, line)
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


_FIELDS = ("first name", "last name", "email address", "url", "company", "position", "connected on")


def _record(
    cells: list[str], positions: tuple[int, ...], path: Path | str, line: int
) -> ImportRecord | None:
    # Called 30,000 times for a large network: plain indexing, no helper calls per cell.
    count = len(cells)
    if max(map(len, cells)) > MAX_FIELD_CHARS:
        raise ImportFormatError(path, f"a field is longer than {MAX_FIELD_CHARS:,}", line=line)
    values = [" ".join(cells[index].split()) if 0 <= index < count else "" for index in positions]
    first, last, email, url, company, title, raw_date = values
    name = f"{first} {last}" if first and last else first or last
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise ImportFormatError(path, f"the name is longer than {MAX_NAME} characters", line=line)
    try:
        if email and not (len(email) <= 320 and _PLAIN_EMAIL.match(email)):
            email = clean_email(email) or ""
        if url and not _PLAIN_URL.match(url):
            url = clean_linkedin(url) or ""
    except ValidationError as exc:
        raise ImportFormatError(path, str(exc), line=line) from None
    except ValueError:  # urlsplit refuses some hosts outright ("Invalid IPv6 URL")
        raise ImportFormatError(path, f"bad LinkedIn URL {url[:80]!r}", line=line) from None
    try:
        connected_on = _connected_on_cached(raw_date)
    except ValueError:
        raise ImportFormatError(
            path, f"bad Connected On date {raw_date[:40]!r} (expected e.g. 15 Mar 2024)", line=line
        ) from None
    return ImportRecord(
        where=f"line {line}",
        name=name,
        company=company[:MAX_NAME] or None,
        title=title[:MAX_NAME] or None,
        emails=[(email, None)] if email else [],
        linkedin_url=url or None,
        connected_on=connected_on,
    )


@lru_cache(maxsize=16384)
def _connected_on_cached(text: str) -> dt.date | None:
    # A network has a few thousand distinct dates over tens of thousands of rows.
    return parse_connected_on(text)
