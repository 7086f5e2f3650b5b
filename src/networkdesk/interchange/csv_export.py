"""Contacts as a CSV spreadsheets open safely.

Formula injection (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, tab or
carriage return is run as a formula by Excel, LibreOffice and Google Sheets. Such cells get a
leading single quote, which spreadsheets show as text - except a phone number (`+` followed by
digits and spaces only), which no spreadsheet runs as anything but the number it is. The csv
module's quoting takes care of commas, quotes and line breaks inside cells.

Cells holding lists (e-mails, phones, tags) use `join_list`, a format `split_list` reads back
exactly: items separated by `; `, a `;` or `\\` inside an item escaped with a backslash.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from networkdesk.interchange.output_files import write_atomically

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# `+44 20 7946 0958`: an international phone number, never a formula.
_PHONE_NUMBER = re.compile(r"\+[0-9][0-9 ]*")
_LIST_ITEM = re.compile(r"(?:\\.|[^\\;]|\\$)*", re.DOTALL)


def neutralise(value: Any) -> str:
    """A cell value as text that no spreadsheet evaluates."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PHONE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def join_list(items: Iterable[str]) -> str:
    """Items as one cell: `a; b`, with `;` and `\\` inside an item escaped (`x\\; y`)."""
    return "; ".join(item.replace("\\", "\\\\").replace(";", "\\;") for item in items)


def split_list(cell: str) -> list[str]:
    """The items of a `join_list` cell (surrounding spaces dropped, empty items skipped)."""
    items = []
    for match in _LIST_ITEM.finditer(cell):
        raw = match[0].strip()
        if raw:
            items.append(re.sub(r"\\(.)", r"\1", raw, flags=re.DOTALL))
    return items


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
