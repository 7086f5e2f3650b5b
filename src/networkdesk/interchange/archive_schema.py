"""Field-by-field check of a JSON archive's tables against the schema (the ORM metadata), before
anything is written: types, ranges and text the database and the next export can hold.

What it refuses, each with the table, row and field named: an integer SQLite cannot store
(|n| >= 2**63), a float that is not finite (`1e400` reads as infinity and `export json` could
not write it back), a lone surrogate or a NUL in text, a string longer than its column, a
missing required value, a wrong type, an enum value the program does not know, a time without
a zone, bad base64, JSON values nested deeper than any checklist.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Enum,
    Float,
    Integer,
    LargeBinary,
    String,
    Table,
    TypeDecorator,
)

from networkdesk.domain.models import Base, UTCDateTime
from networkdesk.interchange.limits import ImportFormatError

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
MAX_JSON_DEPTH = 20
MAX_TEXT_CHARS = 10 * 1024 * 1024


class _Bad(Exception):
    """One field's problem; the caller adds where it is."""


def check_tables(tables: dict[str, Any], path: Path | str) -> None:
    """Raise ImportFormatError naming the first bad record and field; None when all is well."""
    known = {table.name: table for table in Base.metadata.sorted_tables}
    for name, rows in tables.items():
        table = known.get(name)
        if table is None:
            raise ImportFormatError(path, f"unknown table {name[:60]!r} in the archive")
        _check_rows(table, rows, path)


def _check_rows(table: Table, rows: list[dict[str, Any]], path: Path | str) -> None:
    columns = {column.name: column for column in table.columns}
    for number, row in enumerate(rows, start=1):
        where = f"{table.name} row {number}"
        for key in row:
            if key not in columns:
                raise ImportFormatError(path, f"{where}: unknown column {key[:60]!r}")
        for column in table.columns:
            if column.name not in row:
                continue
            try:
                _check_value(column, row[column.name])
            except _Bad as exc:
                raise ImportFormatError(path, f"{where}, field {column.name}: {exc}") from None


def _check_value(column: Column[Any], value: Any) -> None:
    kind = column.type
    if isinstance(kind, TypeDecorator) and not isinstance(kind, UTCDateTime):
        # A typed column (e.g. the ring read back as a Ring) is stored as its plain type.
        kind = kind.impl_instance
    if value is None:
        if not column.nullable and not column.primary_key:
            raise _Bad("a value is required")
        return
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise _Bad(f"{_show(value)} is not true or false")
    elif isinstance(kind, Integer):
        _check_int(value)
    elif isinstance(kind, Float):
        _check_float(value)
    elif isinstance(kind, UTCDateTime):
        parsed = _datetime(value)
        if parsed.tzinfo is None:
            raise _Bad(f"{_show(value)} is a time without a zone")
    elif isinstance(kind, Date):
        _check_text(value, 10)
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _Bad(f"{_show(value)} is not a date (YYYY-MM-DD)") from None
    elif isinstance(kind, LargeBinary):
        _check_text(value, 64 * 1024 * 1024)
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise _Bad("not valid base64") from None
    elif isinstance(kind, Enum):
        _check_text(value, 100)
        if value not in kind.enums:
            raise _Bad(f"{_show(value)} is not one of {', '.join(kind.enums)}")
    elif isinstance(kind, String):  # Text too (a String without a length)
        _check_text(value, kind.length or MAX_TEXT_CHARS)
    elif isinstance(kind, JSON):
        _check_json(value, 0)
    else:
        _check_json(value, MAX_JSON_DEPTH)  # a scalar of a type added later


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_int(value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad(f"{_show(value)} is not a whole number")
    if not INT_MIN <= value <= INT_MAX:
        raise _Bad("the number is too large to store (more than 2**63)")


def _check_float(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"{_show(value)} is not a number")
    if isinstance(value, int):
        _check_int(value)
    elif not math.isfinite(value):
        raise _Bad(f"{value} is not a finite number")


def _check_text(value: Any, limit: int) -> None:
    if not isinstance(value, str):
        raise _Bad(f"{_show(value)} is not text")
    if len(value) > limit:
        raise _Bad(f"text of {len(value):,} characters is longer than {limit:,}")
    if "\x00" in value:
        raise _Bad("text with a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Bad(f"text with a lone surrogate at character {exc.start}") from None


def _datetime(value: Any) -> dt.datetime:
    _check_text(value, 40)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{_show(value)} is not an ISO date and time") from None


def _check_json(value: Any, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise _Bad(f"nested more than {MAX_JSON_DEPTH} levels deep")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        _check_int(value)
    elif isinstance(value, float):
        _check_float(value)
    elif isinstance(value, str):
        _check_text(value, MAX_TEXT_CHARS)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, 1_000)
            _check_json(item, depth + 1)
    else:
        raise _Bad(f"{_show(value)} is not a JSON value")
