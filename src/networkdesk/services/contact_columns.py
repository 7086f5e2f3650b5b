"""The rows of the contacts table as compact columns (no SQLAlchemy: the desktop start fills
the table from a raw read before the ORM is loaded, issue 13 P1; `services.contact_rows` reads
them through the ORM).

At 30,000 contacts a Python object per row (with its own copy of every company name and
title) cost about 24 MB and a third of a second to build; the columns here hold one list or
array per shown field, share repeated strings (companies, titles), keep ids, rings and stages
in arrays, and are filled straight from the driver's rows (issue 13, P1 and P6).

Rows come in the table's canonical order — by folded name, then id — which is also the order
of the Name column, so the name's folded key is not kept (`name_key_at` folds on demand).
Each row carries the contact's folded `search_text` (name, company, title, tags, e-mails,
location and notes, kept by services.contacts) so a search index needs no other query.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from networkdesk.domain.enums import Stage
from networkdesk.domain.text import fold

#: Stages by their number in the `stages` column.
STAGES: tuple[Stage, ...] = tuple(Stage)
_STAGE_NUMBER: dict[object, int] = {
    **{stage.value: n for n, stage in enumerate(STAGES)},
    **{stage.name: n for n, stage in enumerate(STAGES)},
}
#: `rings` holds this for a contact in the inbox (no ring).
NO_RING = -1


class ContactRow(NamedTuple):
    """One row, as a value (tests, and the few rows a change names)."""

    id: int
    name: str
    company: str | None
    title: str | None
    ring: int | None
    stage: Stage
    last_meeting: dt.datetime | None
    next_followup: dt.datetime | None
    search_text: str

    @property
    def name_key(self) -> str:
        return fold(self.name)


def _aware(value: object) -> dt.datetime | None:
    # Aggregates bypass the column type on SQLite: they come back as naive UTC text.
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class ContactColumns:
    """Contacts as parallel columns, position `p` being one contact in every column."""

    __slots__ = (
        "companies",
        "ids",
        "last_meetings",
        "names",
        "next_followups",
        "rings",
        "search_texts",
        "stages",
        "titles",
    )

    def __init__(self) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.companies: list[str | None] = []
        self.titles: list[str | None] = []
        self.rings = array("b")  # NO_RING for the inbox
        self.stages = array("b")  # numbers into STAGES
        self.last_meetings: list[dt.datetime | None] = []
        self.next_followups: list[dt.datetime | None] = []
        self.search_texts: list[str] = []

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def from_rows(cls, rows: Iterable[ContactRow]) -> ContactColumns:
        columns = cls()
        for row in rows:
            columns.append(row)
        return columns

    @classmethod
    def from_driver_rows(cls, rows: Sequence[Sequence[Any]]) -> ContactColumns:
        """Columns from the driver's rows (id, name, company, title, ring, stage, last
        meeting, next follow-up, search text), sharing repeated companies and titles."""
        return cls.from_driver_batches([rows])

    @classmethod
    def from_driver_batches(cls, batches: Iterable[Sequence[Sequence[Any]]]) -> ContactColumns:
        """Columns from the driver's rows fetched a batch at a time (`from_driver_rows`)."""
        columns = cls()
        shared: dict[str, str] = {}
        for rows in batches:
            if rows:
                columns._extend(rows, shared)
        return columns

    def _extend(self, rows: Sequence[Sequence[Any]], shared: dict[str, str]) -> None:
        ids, names, companies, titles, rings, stages, lasts, nexts, texts = zip(*rows, strict=True)
        self.ids.extend(ids)
        self.names.extend(names)
        self.companies.extend(None if c is None else shared.setdefault(c, c) for c in companies)
        self.titles.extend(None if t is None else shared.setdefault(t, t) for t in titles)
        self.rings.extend(NO_RING if r is None else r for r in rings)
        self.stages.extend(_STAGE_NUMBER[s] for s in stages)
        self.last_meetings.extend(None if v is None else _aware(v) for v in lasts)
        self.next_followups.extend(None if v is None else _aware(v) for v in nexts)
        self.search_texts.extend(t or "" for t in texts)

    def append(self, row: ContactRow) -> None:
        self.ids.append(row.id)
        self.names.append(row.name)
        self.companies.append(row.company)
        self.titles.append(row.title)
        self.rings.append(NO_RING if row.ring is None else row.ring)
        self.stages.append(STAGES.index(row.stage))
        self.last_meetings.append(row.last_meeting)
        self.next_followups.append(row.next_followup)
        self.search_texts.append(row.search_text)

    def combined(self, sequence: Sequence[int], fresh: ContactColumns) -> ContactColumns:
        """New columns, one row per item of `sequence`: this row `s` for s >= 0, else row
        `~s` of `fresh` (a change's rows merged into the others, column by column)."""
        out = ContactColumns()
        for name in self.__slots__:
            mine, theirs = getattr(self, name), getattr(fresh, name)
            values = [mine[s] if s >= 0 else theirs[~s] for s in sequence]
            setattr(out, name, array(mine.typecode, values) if isinstance(mine, array) else values)
        return out

    def replace(self, position: int, row: ContactRow) -> None:
        """Put `row` in place of the row at `position`."""
        self.ids[position] = row.id
        self.names[position] = row.name
        self.companies[position] = row.company
        self.titles[position] = row.title
        self.rings[position] = NO_RING if row.ring is None else row.ring
        self.stages[position] = STAGES.index(row.stage)
        self.last_meetings[position] = row.last_meeting
        self.next_followups[position] = row.next_followup
        self.search_texts[position] = row.search_text

    # --- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, position: int) -> ContactRow:
        ring = self.rings[position]
        return ContactRow(
            self.ids[position],
            self.names[position],
            self.companies[position],
            self.titles[position],
            None if ring == NO_RING else ring,
            STAGES[self.stages[position]],
            self.last_meetings[position],
            self.next_followups[position],
            self.search_texts[position],
        )

    def __getitem__(self, position: int) -> ContactRow:
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        return self.row(position % len(self))

    def __iter__(self) -> Iterator[ContactRow]:
        return (self.row(p) for p in range(len(self)))

    def ring_at(self, position: int) -> int | None:
        ring = self.rings[position]
        return None if ring == NO_RING else ring

    def stage_at(self, position: int) -> Stage:
        return STAGES[self.stages[position]]

    def name_key_at(self, position: int) -> tuple[str, int]:
        """The canonical order's key of a row: (folded name, id)."""
        return fold(self.names[position]), self.ids[position]

    def positions_of(self) -> dict[int, int]:
        """Position of each contact id."""
        return {cid: p for p, cid in enumerate(self.ids)}
