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
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.text import fold
from networkdesk.domain.value_checks import MAX_NAME, clean_email, clean_url
from networkdesk.interchange.limits import (
    MAX_CSV_BYTES,
    MAX_CSV_LINE_CHARS,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    ImportFormatError,
    ImportRecord,
    ParsedFile,
    ParseWarning,
    SkippedRow,
    bulk_work,
    check_line_lengths,
    read_text,
)

SOURCE = "linkedin"
WHAT = "LinkedIn connections export"
# The header must be found among the first records: the preamble is a few lines at most.
HEADER_SEARCH_RECORDS = 20
# Every era's name for each column (2016's "E-mail Address", 2018's no URL, today's preamble and
# URL); folded, so case and spacing do not matter. Unknown columns are ignored.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "first name": ("first name", "firstname", "given name"),
    "last name": ("last name", "lastname", "family name", "surname"),
    "email address": ("email address", "e-mail address", "email", "e-mail", "emailaddress"),
    "url": ("url", "profile url", "linkedin url", "public profile url"),
    "company": ("company", "company name"),
    "position": ("position", "job title", "title"),
    "connected on": ("connected on", "connected", "connection date", "connected at"),
}
# A header with both names and one of these is a LinkedIn export (Google's and Outlook's CSVs
# have names too, but none of these columns).
LINKEDIN_COLUMNS = ("connected on", "url", "position")
_ALIASES = {alias: key for key, aliases in COLUMN_NAMES.items() for alias in aliases}

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
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?,?[ -](\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
# A time after the date (2018 exports: "1/8/18, 6:14 PM"; ISO "2024-03-15T10:00:00Z").
_TIME_TAIL = re.compile(
    r"(?:,\s*|\s+|T)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[AaPp][Mm]|Z|[+-]\d{2}:?\d{2})?$"
)
# What clean_linkedin accepts unchanged, checked without urlsplit (30,000 calls add up).
_PLAIN_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?:/\S*)?$")
_PLAIN_EMAIL = re.compile(r"^[^@\s:]+@[^@\s]+\.[^@\s]+$")


def parse_connected_on(text: str) -> dt.date | None:
    """`15 Mar 2024` (what LinkedIn writes), `2024-03-15`, `3/15/2024`, `Mar 15, 2024`, and any
    of them followed by a time (`1/8/18, 6:14 PM`, 2018); empty gives None.

    Month names are matched here rather than with strptime's `%b`, which follows the process
    locale (Qt sets it from the environment, so `Mar` would fail under a German desktop).
    """
    value = text.strip()
    if not value:
        return None
    if len(value) > 40:
        raise ValueError(value[:40])
    parts = value.split(" ")
    if len(parts) == 3 and value.isascii():
        # `15 Mar 2024`, as LinkedIn writes every date: what _DAY_MONTH_YEAR gives, without the
        # regular expressions (a large network has thousands of distinct days).
        day_text, month_name, year_text = parts
        if (
            len(day_text) <= 2
            and day_text.isdigit()
            and month_name.isalpha()
            and len(year_text) == 4
            and year_text.isdigit()
        ):
            return _date(int(year_text), _MONTHS.get(month_name.lower(), 0), int(day_text))
    return _by_patterns(value)


def _by_patterns(value: str) -> dt.date:
    """A stripped date of at most 40 characters, by each form's regular expression."""
    value = _TIME_TAIL.sub("", value)
    year = month = day = 0
    if match := _DAY_MONTH_YEAR.match(value):
        day, month_name, year = int(match[1]), match[2].lower(), int(match[3])
        month = _MONTHS.get(month_name, 0)
    elif match := _MONTH_DAY_YEAR.match(value):
        month, day, year = _MONTHS.get(match[1].lower(), 0), int(match[2]), int(match[3])
    elif match := _ISO_DATE.match(value):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _US_DATE.match(value):
        month, day, year = int(match[1]), int(match[2]), int(match[3])
    else:
        raise ValueError(value)
    return _date(year, month, day)


def _date(year: int, month: int, day: int) -> dt.date:
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
    warnings = _Warnings()
    columns: dict[str, int] | None = None
    pick: Callable[[list[str]], tuple[str, ...]] = tuple
    width = 0
    previous_line = 0
    # Data rows are read a batch at a time (the loop below does nothing else per row), then
    # checked (`_data_rows`) and made records (`_records`) a batch at a time, per column where
    # that can be done. An error found in a batch (bad CSV, too many rows, wrong width, a huge
    # field) is raised after the rows before it were made records: a record's own error on an
    # earlier line (a name too long) is still the one reported, as when each row was checked
    # and made a record as soon as it was read.
    batch: list[list[str]] = []
    ends: list[int] = []  # the line each row of the batch ends on
    rows = 0
    error: ImportFormatError | None = None
    try:
        for number, cells in enumerate(reader, start=1):
            previous_line = reader.line_num
            columns = _header_columns(cells)
            if columns is not None or number >= HEADER_SEARCH_RECORDS:
                break
        if columns is not None:
            width = len(cells)
            pick = _picker(tuple(columns.get(name, -1) for name in _FIELDS))
            add_row, add_end = batch.append, ends.append
            for cells in reader:
                add_row(cells)
                add_end(reader.line_num)
                if len(batch) == BATCH_ROWS:
                    data, lines, error = _data_rows(batch, ends, previous_line, width, rows, path)
                    _records(data, lines, pick, path, warnings, records, skipped)
                    if error is not None:
                        raise error
                    rows += len(data)
                    previous_line = ends[-1]
                    batch.clear()
                    ends.clear()
    except csv.Error as exc:
        error = ImportFormatError(path, f"broken CSV: {exc}", line=reader.line_num)
    if batch:
        # The rows read before the end (or before the reader's error, which comes after theirs)
        data, lines, batch_error = _data_rows(batch, ends, previous_line, width, rows, path)
        _records(data, lines, pick, path, warnings, records, skipped)
        error = batch_error or error
    if error is not None:
        raise error
    if columns is None:
        raise ImportFormatError(
            path,
            f"not a {WHAT}: no header with the columns First Name, Last Name and one of "
            "Connected On, URL, Position",
        )
    if not records:
        reason = f" ({len(skipped)} rows without a name)" if skipped else ""
        raise ImportFormatError(path, f"no valid row to import{reason}")
    return ParsedFile(
        path=str(path),
        source=SOURCE,
        records=records,
        skipped=skipped,
        warnings=warnings.finish(),
    )


def _data_rows(
    batch: list[list[str]],
    ends: list[int],
    previous_line: int,
    width: int,
    rows_before: int,
    path: Path | str,
) -> tuple[list[list[str]], list[int], ImportFormatError | None]:
    """The batch's data rows (blank lines dropped) and the line each starts on, up to the first
    row that is not one (more than MAX_ROWS rows, the wrong width, a field too long), with that
    error. The common batch (no blank line, all of the header's width, nothing long) is told so
    by a few passes at C speed; any other is checked row by row."""
    starts = [previous_line + 1, *[end + 1 for end in ends[:-1]]]
    joined = list(map("".join, batch))
    if (
        rows_before + len(batch) <= MAX_ROWS
        and all(map(str.strip, joined))
        and set(map(len, batch)) == {width}
        and max(map(len, joined)) <= MAX_FIELD_CHARS  # no field is longer than its row
    ):
        return batch, starts, None
    data: list[list[str]] = []
    lines: list[int] = []
    for cells, line, whole in zip(batch, starts, joined, strict=True):
        if not whole.strip():
            continue  # blank line
        problem = None
        if rows_before + len(data) >= MAX_ROWS:
            problem = f"more than {MAX_ROWS:,} rows"
        elif len(cells) < width or (len(cells) > width and "".join(cells[width:]).strip()):
            problem = f"expected {width} columns, found {len(cells)}"
        elif max(map(len, cells)) > MAX_FIELD_CHARS:
            problem = f"a field is longer than {MAX_FIELD_CHARS:,}"
        if problem is not None:
            return data, lines, ImportFormatError(path, problem, line=line)
        data.append(cells)
        lines.append(line)
    return data, lines, None


# Rows made records at a time: large enough that the per-column steps pay, small enough that
# the cells of a 250,000-row file are not all held at once beside its records.
BATCH_ROWS = 4096


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _ALIASES.get(fold(cell.lstrip("\ufeff")))
        if key is not None:
            columns.setdefault(key, index)
    names = "first name" in columns and "last name" in columns
    if not names or not any(key in columns for key in LINKEDIN_COLUMNS):
        return None
    return columns


_FIELDS = ("first name", "last name", "email address", "url", "company", "position", "connected on")


class _Warnings:
    """The values a parse could not use, and how many rows had a member id for an e-mail."""

    def __init__(self) -> None:
        self.items: list[ParseWarning] = []
        self.member_ids = 0

    def add(self, where: str, problem: str) -> None:
        self.items.append(ParseWarning(where, problem))

    def finish(self) -> list[ParseWarning]:
        if self.member_ids:
            self.add(
                "the file",
                f"{self.member_ids} rows have a LinkedIn member id (urn:li:...) in the e-mail "
                "column, not an address: those cells were not imported",
            )
        return self.items


def _picker(positions: tuple[int, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    """The cells of `_FIELDS` from a row, "" for a column the file does not have. A row has at
    least the header's width (checked before), so every position is in it."""
    if -1 not in positions:
        return itemgetter(*positions)
    return lambda cells: tuple(cells[index] if index >= 0 else "" for index in positions)


def _records(
    batch: list[list[str]],
    lines: list[int],
    pick: Callable[[list[str]], tuple[str, ...]],
    path: Path | str,
    warnings: _Warnings,
    records: list[ImportRecord],
    skipped: list[SkippedRow],
) -> None:
    """Make records of data rows (in file order), as `_record` makes each, faster.

    Called for tens of thousands of rows: the whitespace check is one split per column, each
    distinct date is parsed once, and a row whose cells need none of `_record`'s other rules
    (a name, an e-mail and a URL that are fine as they are, a date that parses) becomes a
    record at once. Any other row goes through `_record` itself, in its place, so warnings,
    skipped rows and errors are exactly `_record`'s, in line order.
    """
    if not batch:
        return
    columns: list[Sequence[str]] = list(zip(*map(pick, batch), strict=True))
    for index, column in enumerate(columns):
        # A column whose cells joined have single spaces only, none next to a NUL (the
        # separator, which no cell holds: the file has no NUL bytes), has every cell
        # normalised already; else each cell is, as `_record` does to a row's.
        joined = "\x00".join(column)
        if " ".join(joined.split()) != joined or "\x00 " in joined or " \x00" in joined:
            columns[index] = [" ".join(cell.split()) for cell in column]
    firsts, lasts, emails, urls, companies, titles, raw_dates = columns
    dates: dict[str, dt.date | None] = {}
    for raw_date in set(raw_dates):
        try:
            dates[raw_date] = _connected_on_cached(raw_date)
        except ValueError:
            pass  # `_record` warns about it, for each row that has it
    names = [
        f"{first} {last}" if first and last else first or last
        for first, last in zip(firsts, lasts, strict=True)
    ]
    plain_email = _PLAIN_EMAIL.match
    plain_url = _PLAIN_URL.match
    given_emails = list(filter(None, emails))
    if (
        all(names)
        and max(map(len, names)) <= MAX_NAME
        and max(map(len, given_emails), default=0) <= 320
        and all(map(plain_email, given_emails))
        and all(map(plain_url, filter(None, urls)))
        and dates.keys() >= set(raw_dates)
    ):
        # Every row plain (an export as LinkedIn writes it): the checks above were per column.
        records += [
            ImportRecord(
                where=f"line {line}",
                name=name,
                company=company[:MAX_NAME] or None,
                title=title[:MAX_NAME] or None,
                emails=[(email, None)] if email else [],
                linkedin_url=url or None,
                connected_on=dates[raw_date],
                notes=None,
            )
            for line, name, email, url, company, title, raw_date in zip(
                lines, names, emails, urls, companies, titles, raw_dates, strict=True
            )
        ]
        return
    for cells, line, name, email, url, company, title, raw_date in zip(
        batch, lines, names, emails, urls, companies, titles, raw_dates, strict=True
    ):
        if (
            not name
            or len(name) > MAX_NAME
            or (email and not (len(email) <= 320 and plain_email(email)))
            or (url and not plain_url(url))
            or raw_date not in dates
        ):
            record = _record(cells, pick, path, line, warnings)
            if record is None:
                skipped.append(SkippedRow(f"line {line}", "no name"))
            else:
                records.append(record)
            continue
        records.append(
            ImportRecord(
                where=f"line {line}",
                name=name,
                company=company[:MAX_NAME] or None,
                title=title[:MAX_NAME] or None,
                emails=[(email, None)] if email else [],
                linkedin_url=url or None,
                connected_on=dates[raw_date],
                notes=None,
            )
        )


def _record(
    cells: list[str],
    pick: Callable[[list[str]], tuple[str, ...]],
    path: Path | str,
    line: int,
    warnings: _Warnings,
) -> ImportRecord | None:
    # One row, every rule in order: `_records` sends the rows its per-column checks cannot
    # vouch for here (the parser has checked the row's width and field lengths).
    picked = pick(cells)
    # Each cell's whitespace as single spaces between words; nearly every row already is, which
    # one split of all its cells (joined by NUL, not whitespace) tells at C speed.
    joined = "\x00".join(picked)
    if " ".join(joined.split()) != joined or "\x00 " in joined or " \x00" in joined:
        picked = tuple([" ".join(cell.split()) for cell in picked])
    first, last, email, url, company, title, raw_date = picked
    name = f"{first} {last}" if first and last else first or last
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise ImportFormatError(path, f"the name is longer than {MAX_NAME} characters", line=line)
    kept: list[str] = []
    where = f"line {line}"
    if email and not (len(email) <= 320 and _PLAIN_EMAIL.match(email)):
        if email.lower().startswith("urn:li:"):
            # 2018 exports put the member's id where the address was hidden: not an address.
            warnings.member_ids += 1
            email = ""
        else:
            try:
                email = clean_email(email) or ""
            except ValidationError as exc:
                warnings.add(where, f"{exc}; kept in the notes")
                kept.append(f"E-mail from the LinkedIn export: {email}")
                email = ""
    if url and not _PLAIN_URL.match(url):
        try:
            url = clean_url(url, "LinkedIn URL") or ""
        except ValidationError as exc:
            warnings.add(where, f"{exc}; kept in the notes")
            kept.append(f"Profile URL from the LinkedIn export: {url}")
            url = ""
    try:
        connected_on = _connected_on_cached(raw_date)
    except ValueError:
        warnings.add(
            where,
            f"bad Connected On date {raw_date[:40]!r} (expected e.g. 15 Mar 2024); "
            "kept in the notes",
        )
        kept.append(f"Connected On from the LinkedIn export: {raw_date}")
        connected_on = None
    return ImportRecord(
        where=where,
        name=name,
        company=company[:MAX_NAME] or None,
        title=title[:MAX_NAME] or None,
        emails=[(email, None)] if email else [],
        linkedin_url=url or None,
        connected_on=connected_on,
        notes="\n".join(kept) or None,
    )


@lru_cache(maxsize=16384)
def _connected_on_cached(text: str) -> dt.date | None:
    # A network has a few thousand distinct dates over tens of thousands of rows.
    return parse_connected_on(text)
