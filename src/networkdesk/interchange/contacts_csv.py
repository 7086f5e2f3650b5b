"""Contacts CSV from address books: Google Contacts (today's and the legacy export), Outlook's
dialects (Outlook.com and desktop Outlook), and any other CSV through a column mapping.

Each dialect is recognised by its header, never by the file name, and its columns are mapped by
name (unknown columns ignored). Google puts several values in one cell separated by ` ::: `
(`E-mail 1 - Value`: `a@x.com ::: b@x.com`) and its labels in `Labels` / `Group Membership`
(`* myContacts ::: Friends`; the `* ` groups are Google's own). Outlook's `Title` is the name's
prefix (Mr., Dr.) and `Job Title` the job; its `Referred By` becomes a referral.

A value that cannot be used (an odd e-mail or phone) is kept in the contact's notes and listed
as a warning; the file is refused only when it is not a CSV of people at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.text import fold
from networkdesk.domain.value_checks import MAX_NAME, clean_email, clean_phone, clean_url
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

WHAT = "contacts CSV"
GOOGLE = "google"
GOOGLE_LEGACY = "google-legacy"
OUTLOOK = "outlook"
MAPPED = "csv"
DIALECT_NAMES = {
    GOOGLE: "Google Contacts CSV",
    GOOGLE_LEGACY: "Google Contacts CSV (legacy)",
    OUTLOOK: "Outlook CSV",
    MAPPED: "CSV with mapped columns",
}

# The fields a column can be mapped to (`--map COLUMN=FIELD`, the preview's mapping step).
NAME = "name"
FIRST = "first name"
MIDDLE = "middle name"
LAST = "last name"
SUFFIX = "name suffix"
COMPANY = "company"
TITLE = "title"
EMAIL = "email"
PHONE = "phone"
LINKEDIN = "linkedin"
LOCATION = "location"
NOTES = "notes"
TAGS = "tags"
REFERRED_BY = "referred by"
IGNORE = "ignore"
FIELDS = (
    NAME, FIRST, MIDDLE, LAST, SUFFIX, COMPANY, TITLE, EMAIL, PHONE, LINKEDIN, LOCATION, NOTES,
    TAGS, REFERRED_BY, IGNORE,
)  # fmt: skip
FIELD_ALIASES = {
    "full name": NAME,
    "first": FIRST,
    "given name": FIRST,
    "last": LAST,
    "surname": LAST,
    "family name": LAST,
    "organization": COMPANY,
    "organisation": COMPANY,
    "job title": TITLE,
    "position": TITLE,
    "e-mail": EMAIL,
    "mail": EMAIL,
    "telephone": PHONE,
    "mobile": PHONE,
    "note": NOTES,
    "labels": TAGS,
    "tag": TAGS,
    "referrer": REFERRED_BY,
    "skip": IGNORE,
}

GOOGLE_SEPARATOR = " ::: "
_NUMBERED = re.compile(r"^(e-mail|phone|website) (\d+) - (value|label|type)$")

# Column name (folded) → field, per dialect; numbered e-mail/phone/website columns are found by
# pattern. Only the columns a networking contact needs; the rest are ignored.
GOOGLE_COLUMNS = {
    "first name": FIRST,
    "middle name": MIDDLE,
    "last name": LAST,
    "name suffix": SUFFIX,
    "organization name": COMPANY,
    "organization 1 - name": COMPANY,
    "organization title": TITLE,
    "organization 1 - title": TITLE,
    "notes": NOTES,
    "labels": TAGS,
    "address 1 - city": LOCATION,
}
GOOGLE_LEGACY_COLUMNS = {
    "name": NAME,
    "given name": FIRST,
    "additional name": MIDDLE,
    "family name": LAST,
    "name suffix": SUFFIX,
    "organization 1 - name": COMPANY,
    "organization 1 - title": TITLE,
    "notes": NOTES,
    "group membership": TAGS,
    "location": LOCATION,
    "address 1 - city": LOCATION,
}
OUTLOOK_COLUMNS = {
    "first name": FIRST,
    "middle name": MIDDLE,
    "last name": LAST,
    "suffix": SUFFIX,
    "company": COMPANY,
    "job title": TITLE,
    "notes": NOTES,
    "categories": TAGS,
    "referred by": REFERRED_BY,
    "business city": LOCATION,
    "home city": LOCATION,
    "location": LOCATION,
    "e-mail address": EMAIL,
    "e-mail 2 address": EMAIL,
    "e-mail 3 address": EMAIL,
    "mobile phone": PHONE,
    "business phone": PHONE,
    "business phone 2": PHONE,
    "home phone": PHONE,
    "home phone 2": PHONE,
    "primary phone": PHONE,
    "other phone": PHONE,
    "company main phone": PHONE,
    "web page": LINKEDIN,
}
# Outlook's phone columns name their own label.
OUTLOOK_PHONE_LABELS = {
    "mobile phone": "mobile",
    "business phone": "work",
    "business phone 2": "work",
    "company main phone": "work",
    "home phone": "home",
    "home phone 2": "home",
}
HEADER_SEARCH_RECORDS = 5


class NeedsMapping(ImportFormatError):
    """A readable CSV whose columns are not a known dialect's: the user maps them."""

    def __init__(self, path: Path | str, columns: list[str]) -> None:
        self.columns = columns
        shown = ", ".join(columns[:8]) + ("…" if len(columns) > 8 else "")
        super().__init__(
            path,
            f"not a Google or Outlook contacts CSV (columns: {shown}); map its columns to "
            f"fields with --map COLUMN=FIELD (fields: {', '.join(FIELDS)})",
        )


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str
    label: str | None = None  # a phone's or e-mail's label from the column itself
    label_index: int | None = None  # the column holding its label (Google's "- Label")


def parse_mapping(pairs: list[str] | Mapping[str, str]) -> dict[str, str]:
    """`["Full Name=name", "Employer=company"]` as {folded column: field}; ValidationError
    naming the pair when a field is unknown."""
    items = list(pairs.items()) if isinstance(pairs, Mapping) else []
    if not isinstance(pairs, Mapping):
        for pair in pairs:
            column, sep, target = pair.rpartition("=")
            if not sep or not column.strip():
                raise ValidationError(f"--map {pair!r}: expected COLUMN=FIELD")
            items.append((column, target))
    mapping: dict[str, str] = {}
    for column, target in items:
        key = fold(target)
        field = key if key in FIELDS else FIELD_ALIASES.get(key)
        if field is None:
            raise ValidationError(
                f"unknown field {target!r} for column {column!r}; fields: {', '.join(FIELDS)}"
            )
        mapping[fold(column)] = field
    return mapping


def detect_dialect(header: list[str]) -> str | None:
    names = {fold(cell.lstrip("\ufeff")) for cell in header}
    if "e-mail 1 - value" in names and "given name" in names and "name" in names:
        return GOOGLE_LEGACY
    if "e-mail 1 - value" in names and "first name" in names:
        return GOOGLE
    if "e-mail address" in names and "first name" in names and "last name" in names:
        return OUTLOOK
    return None


def sniff(text: str) -> str | None:
    """The dialect of a CSV text by its header (None: not one of them)."""
    reader = csv.reader(io.StringIO(text[:MAX_CSV_LINE_CHARS], newline=""))
    try:
        for number, cells in enumerate(reader):
            dialect = detect_dialect(cells)
            if dialect is not None or number >= HEADER_SEARCH_RECORDS:
                return dialect
    except csv.Error:
        return None
    return None


def header_of(path: Path | str) -> list[str]:
    """The first record of a CSV file (the columns the mapping step offers)."""
    text = read_text(path, max_bytes=MAX_CSV_BYTES, what=WHAT)
    reader = csv.reader(io.StringIO(text[:MAX_CSV_LINE_CHARS], newline=""))
    try:
        return [cell.lstrip("\ufeff") for cell in next(reader, [])]
    except csv.Error as exc:
        raise ImportFormatError(path, f"broken CSV: {exc}", line=1) from None


def parse(path: Path | str, mapping: Mapping[str, str] | None = None) -> ParsedFile:
    """Read a contacts CSV: a known dialect, or any CSV with `mapping` ({column: field}).

    Raises NeedsMapping for a CSV of unknown columns without a mapping, ImportFormatError
    (naming the line) for a file that is not a CSV."""
    text = read_text(path, max_bytes=MAX_CSV_BYTES, what=WHAT)
    with bulk_work():
        return parse_text(text, path, mapping)


def parse_text(
    text: str, path: Path | str = "contacts.csv", mapping: Mapping[str, str] | None = None
) -> ParsedFile:
    check_line_lengths(text, path, MAX_CSV_LINE_CHARS)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    records: list[ImportRecord] = []
    skipped: list[SkippedRow] = []
    warnings: list[ParseWarning] = []
    columns: list[Column] | None = None
    dialect = MAPPED
    width = 0
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if columns is None:
                if mapping:
                    columns = _mapped_columns(cells, mapping, path)
                else:
                    found = detect_dialect(cells)
                    if found is None:
                        raise NeedsMapping(path, [cell.strip() for cell in cells])
                    dialect = found
                    columns = _dialect_columns(cells, found)
                width = len(cells)
                continue
            if not "".join(cells).strip():
                continue
            if len(records) + len(skipped) >= MAX_ROWS:
                raise ImportFormatError(path, f"more than {MAX_ROWS:,} rows", line=start)
            if len(cells) > width and "".join(cells[width:]).strip():
                raise ImportFormatError(
                    path, f"expected {width} columns, found {len(cells)}", line=start
                )
            if any(len(cell) > MAX_FIELD_CHARS for cell in cells):
                raise ImportFormatError(
                    path, f"a field is longer than {MAX_FIELD_CHARS:,}", line=start
                )
            record = _record(cells, columns, f"line {start}", dialect, warnings)
            if record is None:
                skipped.append(SkippedRow(f"line {start}", "no name"))
            else:
                records.append(record)
    except csv.Error as exc:
        raise ImportFormatError(path, f"broken CSV: {exc}", line=reader.line_num) from None
    if columns is None:
        raise ImportFormatError(path, f"not a {WHAT}: the file is empty")
    if not records:
        reason = f" ({len(skipped)} rows without a name)" if skipped else ""
        raise ImportFormatError(path, f"no valid row to import{reason}")
    return ParsedFile(
        path=str(path), source=dialect, records=records, skipped=skipped, warnings=warnings
    )


def _mapped_columns(
    header: list[str], mapping: Mapping[str, str], path: Path | str
) -> list[Column]:
    folded = {fold(cell.lstrip("\ufeff")): index for index, cell in enumerate(header)}
    mapping = {fold(column): field for column, field in mapping.items()}
    missing = [column for column in mapping if column not in folded]
    if missing:
        raise ImportFormatError(
            path,
            f"--map names columns the file does not have: {', '.join(missing)} "
            f"(its columns: {', '.join(cell.strip() for cell in header[:12])})",
            line=1,
        )
    columns = [
        Column(folded[column], header[folded[column]], field)
        for column, field in mapping.items()
        if field != IGNORE
    ]
    fields = {column.field for column in columns}
    if not fields & {NAME, FIRST, LAST}:
        raise ImportFormatError(
            path, "the mapping has no name: map a column to name, first name or last name"
        )
    return sorted(columns, key=lambda column: column.index)


def _dialect_columns(header: list[str], dialect: str) -> list[Column]:
    known = {GOOGLE: GOOGLE_COLUMNS, GOOGLE_LEGACY: GOOGLE_LEGACY_COLUMNS}.get(
        dialect, OUTLOOK_COLUMNS
    )
    folded = [fold(cell.lstrip("\ufeff")) for cell in header]
    positions = {name: index for index, name in reversed(list(enumerate(folded)))}
    columns: list[Column] = []
    for index, name in enumerate(folded):
        field = known.get(name)
        if field is not None:
            columns.append(Column(index, header[index], field, OUTLOOK_PHONE_LABELS.get(name)))
            continue
        numbered = _NUMBERED.match(name)
        if numbered and numbered[3] == "value" and dialect != OUTLOOK:
            kind, number = numbered[1], numbered[2]
            label_index = positions.get(f"{kind} {number} - label")
            if label_index is None:
                label_index = positions.get(f"{kind} {number} - type")
            target = {"e-mail": EMAIL, "phone": PHONE, "website": LINKEDIN}[kind]
            columns.append(Column(index, header[index], target, None, label_index))
    return columns


def _values(cell: str, dialect: str) -> list[str]:
    if dialect in (GOOGLE, GOOGLE_LEGACY) and GOOGLE_SEPARATOR in cell:
        return [part.strip() for part in cell.split(GOOGLE_SEPARATOR) if part.strip()]
    return [cell.strip()] if cell.strip() else []


def _label(raw: str) -> str | None:
    label = raw.strip().lstrip("* ").strip().lower()
    return label[:50] or None


def _record(
    cells: list[str],
    columns: list[Column],
    where: str,
    dialect: str,
    warnings: list[ParseWarning],
) -> ImportRecord | None:
    got: dict[str, list[str]] = {}
    emails: list[tuple[str, str | None]] = []
    phones: list[tuple[str, str | None]] = []
    kept: list[str] = []
    tags: list[str] = []
    linkedin_url: str | None = None
    count = len(cells)
    for column in columns:
        raw = cells[column.index] if column.index < count else ""
        if not raw.strip():
            continue
        label = column.label
        if column.label_index is not None and column.label_index < count:
            label = _label(cells[column.label_index]) or label
        field = column.field
        if field == EMAIL:
            for value in _values(raw, dialect):
                address = _address(value)
                try:
                    cleaned = clean_email(address)
                except ValidationError as exc:
                    warnings.append(ParseWarning(where, f"{exc}; kept in the notes"))
                    kept.append(f"{column.header}: {value}")
                    continue
                if cleaned and all(cleaned.casefold() != e.casefold() for e, _ in emails):
                    emails.append((cleaned, label))
        elif field == PHONE:
            for value in _values(raw, dialect):
                try:
                    number = clean_phone(value)
                except ValidationError as exc:
                    warnings.append(ParseWarning(where, f"{exc}; kept in the notes"))
                    kept.append(f"{column.header}: {value}")
                    continue
                if number:
                    phones.append((number, label))
        elif field == LINKEDIN:
            for value in _values(raw, dialect):
                if "linkedin.com/" in value.lower() and linkedin_url is None:
                    try:
                        linkedin_url = clean_url(value, "LinkedIn URL")
                        continue
                    except ValidationError as exc:
                        warnings.append(ParseWarning(where, f"{exc}; kept in the notes"))
                kept.append(f"{column.header}: {value}")
        elif field == TAGS:
            tags += _tags(raw, dialect)
        else:
            got.setdefault(field, []).append(" ".join(raw.split()) if field != NOTES else raw)
    name = _name(got)
    if not name:
        return None
    if len(name) > MAX_NAME:
        warnings.append(ParseWarning(where, f"the name is longer than {MAX_NAME}; shortened"))
        kept.append(f"Full name: {name}")
        name = name[:MAX_NAME]
    notes = "\n".join(got.get(NOTES, []))
    if kept:
        notes = "\n".join(filter(None, [notes, *kept]))
    referred = got.get(REFERRED_BY, [""])[0]
    return ImportRecord(
        where=where,
        name=name,
        company=_first(got, COMPANY),
        title=_first(got, TITLE),
        emails=emails,
        phones=phones,
        linkedin_url=linkedin_url,
        location=_first(got, LOCATION),
        notes=notes or None,
        tags=tags,
        referred_by=referred[:MAX_NAME] or None,
    )


def _first(got: dict[str, list[str]], field: str) -> str | None:
    values = got.get(field)
    return values[0][:MAX_NAME] if values else None


def _name(got: dict[str, list[str]]) -> str:
    parts = [_first(got, FIRST), _first(got, MIDDLE), _first(got, LAST)]
    name = " ".join(part for part in parts if part)
    if not name:
        name = _first(got, NAME) or ""
    suffix = _first(got, SUFFIX)
    if name and suffix and not name.endswith(suffix):
        name = f"{name} {suffix}"
    return name


_ANGLE_ADDRESS = re.compile(r"^.*<([^<>]+)>\s*$")


def _address(value: str) -> str:
    """`"Omega" <omega@example.com>` → the address inside the angle brackets."""
    match = _ANGLE_ADDRESS.match(value)
    return match[1].strip() if match else value


def _tags(raw: str, dialect: str) -> list[str]:
    if dialect in (GOOGLE, GOOGLE_LEGACY):
        parts = raw.split(":::")
        # `* myContacts`, `* starred`: Google's own groups, not the user's labels.
        return [part.strip() for part in parts if part.strip() and not part.strip().startswith("*")]
    return [part.strip() for part in re.split(r"[;,]", raw) if part.strip()]


_GUESSES = (
    (("e-mail", "email", "mail"), EMAIL),
    (("phone", "mobile", "cell", "tel"), PHONE),
    (("linkedin",), LINKEDIN),
    (("company", "employer", "organization", "organisation"), COMPANY),
    (("title", "role", "position"), TITLE),
    (("city", "location", "town"), LOCATION),
    (("note", "comment"), NOTES),
    (("tag", "label", "categor", "group"), TAGS),
    (("referred", "referrer", "introduced"), REFERRED_BY),
    # "Last Activity" is no surname: the name words only with "name" (or unambiguous ones).
    (("first name", "firstname", "first_name", "given"), FIRST),
    (("last name", "lastname", "last_name", "surname", "family"), LAST),
    (("name",), NAME),
)


def guess_field(column: str) -> str:
    """The field a column most likely holds, by its name (IGNORE when nothing fits): the
    mapping step's starting point, which the user corrects."""
    key = fold(column)
    if key in FIELDS:
        return key
    if key in FIELD_ALIASES:
        return FIELD_ALIASES[key]
    for words, field in _GUESSES:
        if any(word in key for word in words):
            return field
    return IGNORE
