"""Helpers shared by the command modules: argument types, output, the open database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from networkdesk.domain.enums import Ring, parse_ring
from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from networkdesk.storage.database import Database

Handler = Callable[[argparse.Namespace, "Database"], int]


# Value types raise ValidationError, not ArgumentTypeError: a bad value (ring 7, a date that is
# not a date) is the user's data error - one line, exit 1 - while argparse's own usage errors
# (unknown option, missing argument) exit 2. app.main catches ValidationError from parse_args.


def ring_arg(text: str) -> Ring:
    """argparse type for a ring: 0-3 or bullseye|inner|middle|outer."""
    ring = parse_ring(text)
    assert ring is not None
    return ring


def ring_or_inbox_arg(text: str) -> Ring | None:
    return parse_ring(text, allow_inbox=True)


# The value parsers import what they need when called: the parser builds without it.


def when_arg(text: str) -> dt.datetime:
    from networkdesk.domain.timeutil import parse_datetime

    return parse_datetime(text)


def due_arg(text: str) -> dt.datetime:
    """A due time; a date alone means 09:00 that day (its reminder fires that morning)."""
    from networkdesk.domain.timeutil import parse_due

    return parse_due(text)


def date_arg(text: str) -> dt.date:
    from networkdesk.domain.timeutil import parse_date

    return parse_date(text)


def positive_int(text: str) -> int:
    value = _whole_number(text)
    if value <= 0:
        raise ValidationError(f"{value} must be greater than 0")
    return value


def non_negative_int(text: str) -> int:
    value = _whole_number(text)
    if value < 0:
        raise ValidationError(f"{value} must not be negative")
    return value


def id_arg(text: str) -> int:
    value = _whole_number(text, what="id")
    if value <= 0:
        raise ValidationError(f"bad id {text!r}: ids are whole numbers from 1")
    return value


def _whole_number(text: str, what: str = "number") -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError(f"bad {what} {text!r}: not a whole number") from None


def print_json(data: Any) -> None:
    # json.dumps(indent=2)'s text, built several times faster and written every few thousand
    # rows (cli/json_output.py); json.dump() to the stream would write one piece per token.
    from networkdesk.cli.json_output import write_json

    write_json(data, sys.stdout)


def print_json_rows(keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """`print_json` of records given as rows of the values of `keys` (no dict per record)."""
    from networkdesk.cli.json_output import write_rows

    write_rows(keys, rows, sys.stdout)


def print_line(text: str) -> None:
    """Print user text safely: control characters would move the cursor or hide output."""
    print(_printable(text))


def print_lines(lines: Iterable[str]) -> None:
    """`print_line` of each line, written at once: thousands of lines (an import's plan) are
    one write, not two per line when stdout is unbuffered (PYTHONUNBUFFERED, some terminals)."""
    text = "".join([_printable(line) + "\n" for line in lines])
    if text:
        sys.stdout.write(text)


def _printable(text: str) -> str:
    if text.isprintable():  # nearly always: one C call instead of one step per character
        return text
    return "".join(ch if ch.isprintable() or ch == "\t" else "�" for ch in text)


def table(rows: list[list[str]], headers: list[str]) -> None:
    if not rows:
        return
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(cell)), 40)
    print_line("  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip())
    for row in rows:
        cells = [
            (c if len(c) <= widths[i] else c[: widths[i] - 1] + "…").ljust(widths[i])
            for i, c in enumerate(row)
        ]
        print_line("  ".join(cells).rstrip())


def one_line(text: str | None, limit: int = 60) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
