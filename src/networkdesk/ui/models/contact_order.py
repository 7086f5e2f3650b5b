"""The orders of the contacts table: for each column, the positions of the rows (in the
columns' canonical order, by folded name then id) sorted by that column, without building an
object per row; and the same key for one row, to tell whether a change moved it.

Empty values sort last in ascending order, whatever the column; ties go by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from networkdesk.services.contact_columns import NO_RING, STAGES, ContactColumns, ContactRow

NAME, COMPANY, TITLE, RING, STAGE, LAST_MEETING, NEXT_FOLLOWUP = range(7)

_FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)
_LABELS = tuple(stage.label for stage in STAGES)


def _text_key(value: str | None) -> tuple[bool, str]:
    return (not value, (value or "").casefold())


def _text_keys(values: list[str | None]) -> Callable[[int], tuple[bool, str, int]]:
    # Companies and titles repeat: fold each distinct one once.
    folded: dict[str | None, tuple[bool, str]] = {}
    for value in values:
        if value not in folded:
            folded[value] = _text_key(value)
    return lambda p: (*folded[values[p]], p)


def sorted_positions(columns: ContactColumns, column: int, descending: bool) -> list[int]:
    """Positions 0..n-1 of `columns` in the order of `column`."""
    n = len(columns)
    if column == NAME:
        # The canonical order is the name's order already.
        return list(range(n - 1, -1, -1)) if descending else list(range(n))
    key: Callable[[int], Any]
    if column == COMPANY:
        key = _text_keys(columns.companies)
    elif column == TITLE:
        key = _text_keys(columns.titles)
    elif column == RING:
        rings = columns.rings
        key = lambda p: (rings[p] == NO_RING, rings[p], p)  # noqa: E731
    elif column == STAGE:
        stages = columns.stages
        key = lambda p: (_LABELS[stages[p]], p)  # noqa: E731
    else:
        dates = columns.last_meetings if column == LAST_MEETING else columns.next_followups
        key = lambda p: (dates[p] is None, dates[p] or _FAR_FUTURE, p)  # noqa: E731
    return sorted(range(n), key=key, reverse=descending)


def row_key(row: ContactRow, column: int) -> tuple[Any, ...]:
    """The sort key of one row by `column` (ending with its name's key, as the ties go)."""
    name = row.name_key
    if column == NAME:
        return (name, row.id)
    if column == COMPANY:
        return (*_text_key(row.company), name)
    if column == TITLE:
        return (*_text_key(row.title), name)
    if column == RING:
        return (row.ring is None, row.ring if row.ring is not None else 9, name)
    if column == STAGE:
        return (row.stage.label, name)
    value = row.last_meeting if column == LAST_MEETING else row.next_followup
    return (value is None, value or _FAR_FUTURE, name)
