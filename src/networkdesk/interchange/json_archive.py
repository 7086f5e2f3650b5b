"""The JSON archive file: `{"format": "networkdesk-archive", "version": 1, "tables": {...}}`.

This module only reads and writes the file (bounded, checked); `services.archive` turns the
database into the table dict and back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from networkdesk.interchange.archive_schema import check_tables
from networkdesk.interchange.limits import MAX_ARCHIVE_BYTES, ImportFormatError, read_text
from networkdesk.interchange.output_files import write_atomically

FORMAT = "networkdesk-archive"
VERSION = 1
WHAT = "networkdesk JSON archive"


def write(path: Path | str, archive: dict[str, Any]) -> None:
    text = json.dumps(archive, ensure_ascii=False, indent=1, allow_nan=False)
    write_atomically(Path(path), text.encode("utf-8"))


def read(path: Path | str) -> dict[str, Any]:
    """Read and check an archive's envelope. Raises ImportFormatError naming the problem."""
    text = read_text(path, max_bytes=MAX_ARCHIVE_BYTES, what=WHAT)
    return loads(text, path)


def loads(text: str, path: Path | str = "archive.json") -> dict[str, Any]:
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise ImportFormatError(path, f"not a valid archive: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(path, f'not a {WHAT} (no "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFormatError(path, "the archive has no version number")
    if version > VERSION:
        raise ImportFormatError(
            path,
            f"archive version {version} was written by a newer networkdesk "
            f"(this one reads version {VERSION}); update networkdesk first",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(row, dict) for row in rows)
        for rows in tables.values()
    ):
        raise ImportFormatError(path, '"tables" must map table names to lists of rows')
    # Every field against the schema now, before a service writes anything.
    check_tables(tables, path)
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an archive may hold")
