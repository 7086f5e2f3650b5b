"""The complete archive: every table, every column, ids, UIDs and SEQUENCEs included.

Export is generic over the ORM metadata, so a table or column added later is archived without
touching this module. Import goes only into an empty database (moving to a new machine,
restoring everything) and keeps ids, so references between rows stay exactly as they were.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
from typing import Any

from sqlalchemy import Column, Date, Float, Integer, LargeBinary, Table, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from networkdesk import __version__
from networkdesk.domain.errors import ConflictError
from networkdesk.domain.models import Base, UTCDateTime
from networkdesk.interchange.json_archive import FORMAT, VERSION
from networkdesk.interchange.limits import ImportFormatError
from networkdesk.services.bulk import CHUNK, advance_id_sequences


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(column.type, Date):
        return value.isoformat()
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, enum.Enum):  # StrEnum members: their plain value
        return value.value
    return value


def _decode(column: Column[Any], value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(column.type, UTCDateTime):
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("a time without a zone")
            return parsed
        if isinstance(column.type, Date):
            return dt.date.fromisoformat(value)
        if isinstance(column.type, LargeBinary):
            return base64.b64decode(value, validate=True)
        if isinstance(column.type, Integer) and (
            not isinstance(value, int) or isinstance(value, bool)
        ):
            raise ValueError("not a whole number")
        if isinstance(column.type, Float) and not isinstance(value, (int, float)):
            raise ValueError("not a number")
    except (TypeError, ValueError, binascii.Error) as exc:
        raise ValueError(f"{where}: bad {column.name} {str(value)[:40]!r}: {exc}") from None
    return value


def export_archive(session: Session) -> dict[str, Any]:
    """Everything in the database as one JSON-ready dict."""
    from alembic.runtime.migration import MigrationContext

    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _tables():
        columns = list(table.columns)
        order = list(table.primary_key.columns) or columns
        rows = session.execute(select(*columns).order_by(*order)).all()
        tables[table.name] = [
            {
                column.name: _encode(column, value)
                for column, value in zip(columns, row, strict=True)
            }
            for row in rows
        ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "schema": MigrationContext.configure(session.connection()).get_current_revision(),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": tables,
    }


def is_empty(session: Session) -> bool:
    return all(not session.scalar(select(func.count()).select_from(table)) for table in _tables())


def import_archive(
    session: Session, archive: dict[str, Any], *, path: str = "archive"
) -> dict[str, int]:
    """Load an archive into an empty database, ids preserved; returns rows per table.

    Raises ConflictError for a non-empty database and ImportFormatError for a malformed archive
    (naming the table and row); the caller's transaction leaves the database unchanged then.
    """
    if not is_empty(session):
        raise ConflictError.about_fields(
            "the database is not empty: an archive is imported only into a new, empty "
            "database (use {database})",
            {"database": "a new database file"},
        )
    known = {table.name: table for table in _tables()}
    given: dict[str, list[dict[str, Any]]] = archive.get("tables", {})
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise ImportFormatError(path, f"unknown table {unknown[0]!r} in the archive")
    counts: dict[str, int] = {}
    for table in _tables():
        rows = given.get(table.name, [])
        columns = {column.name: column for column in table.columns}
        decoded: list[dict[str, Any]] = []
        for number, row in enumerate(rows, start=1):
            where = f"{table.name} row {number}"
            extra = sorted(set(row) - set(columns))
            if extra:
                raise ImportFormatError(path, f"{where}: unknown column {extra[0]!r}")
            try:
                decoded.append(
                    {
                        name: _decode(columns[name], row.get(name), where)
                        for name in columns
                        if name in row
                    }
                )
            except ValueError as exc:
                raise ImportFormatError(path, str(exc)) from None
        for start in range(0, len(decoded), CHUNK):
            chunk = decoded[start : start + CHUNK]
            # Rows of one table can name different columns; insert them by shape.
            shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for item in chunk:
                shapes.setdefault(tuple(sorted(item)), []).append(item)
            for shape_rows in shapes.values():
                try:
                    session.execute(insert(table), shape_rows)
                except IntegrityError as exc:
                    detail = str(getattr(exc, "orig", exc))
                    raise ImportFormatError(
                        path, f"{table.name}: rows that contradict each other ({detail})"
                    ) from None
        counts[table.name] = len(decoded)
    advance_id_sequences(session, _tables())
    session.flush()
    return counts
