"""Contacts as a CSV spreadsheets open safely.

Formula injection (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, tab or
carriage return is run as a formula by Excel, LibreOffice and Google Sheets. Such cells get a
leading single quote, which spreadsheets show as text; the csv module's quoting takes care of
commas, quotes and line breaks inside cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from networkdesk.interchange.output_files import write_atomically

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """A cell value as text that no spreadsheet evaluates."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def write(path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # A byte-order mark: Excel otherwise reads UTF-8 as the local code page (mojibake names).
    write_atomically(Path(path), ("\ufeff" + to_text(headers, rows)).encode("utf-8"))
