"""The inbox's contacts (those on no ring) as compact columns, newest first (issue 13, P6).

At 30,000 contacts the inbox holds about 29,000 entries. One object per entry (a Row or a
named tuple: ~100 bytes each with its id's int, 3.5 MB) is also one object the cyclic collector
visits on every full pass; here they are one array of ids and three lists sharing the strings
the contacts table holds already (~1 MB, four objects). An `InboxEntry` is made only for the
few entries a view asks about at a time.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator
from typing import NamedTuple


class InboxEntry(NamedTuple):
    id: int
    name: str
    company: str | None
    title: str | None


def _newest_first(contact_id: int) -> int:
    return -contact_id


class InboxColumns:
    """Parallel columns, position `p` being one contact in each; ids strictly decreasing."""

    __slots__ = ("companies", "ids", "names", "titles")

    def __init__(self) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.companies: list[str | None] = []
        self.titles: list[str | None] = []

    @classmethod
    def from_entries(
        cls, entries: Iterable[tuple[int, str, str | None, str | None]]
    ) -> InboxColumns:
        """Columns of `entries` (InboxEntry or plain tuples) in any order: they are sorted
        newest first."""
        columns = cls()
        for contact_id, name, company, title in sorted(entries, key=lambda e: -e[0]):
            columns.append(contact_id, name, company, title)
        return columns

    def append(self, contact_id: int, name: str, company: str | None, title: str | None) -> None:
        """Add a contact older than every one held (the caller reads newest first)."""
        self.ids.append(contact_id)
        self.names.append(name)
        self.companies.append(company)
        self.titles.append(title)

    @classmethod
    def from_driver_rows(
        cls, rows: Iterable[tuple[int, str, str | None, str | None]]
    ) -> InboxColumns:
        """Entries from (id, name, company, title) rows, newest first; each distinct company
        name and title is kept once (they repeat)."""
        entries = cls()
        shared: dict[str, str] = {}
        for contact_id, name, company, title in rows:
            entries.append(
                contact_id,
                name,
                None if company is None else shared.setdefault(company, company),
                None if title is None else shared.setdefault(title, title),
            )
        return entries

    def copy(self) -> InboxColumns:
        out = InboxColumns()
        out.ids = array("q", self.ids)
        out.names = list(self.names)
        out.companies = list(self.companies)
        out.titles = list(self.titles)
        return out

    # --- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def entry(self, position: int) -> InboxEntry:
        return InboxEntry(
            self.ids[position],
            self.names[position],
            self.companies[position],
            self.titles[position],
        )

    def entries(self) -> Iterator[InboxEntry]:
        return (self.entry(p) for p in range(len(self.ids)))

    __iter__ = entries

    def place_of(self, contact_id: int) -> tuple[int, bool]:
        """Where `contact_id` is (True) or would go (False) in the newest-first order: a
        bisection, O(log n)."""
        at = bisect.bisect_left(self.ids, -contact_id, key=_newest_first)
        return at, at < len(self.ids) and self.ids[at] == contact_id

    def position_of(self, contact_id: int) -> int | None:
        at, present = self.place_of(contact_id)
        return at if present else None

    # --- changing ---------------------------------------------------------------------------

    def insert(self, position: int, entry: InboxEntry) -> None:
        self.ids.insert(position, entry.id)
        self.names.insert(position, entry.name)
        self.companies.insert(position, entry.company)
        self.titles.insert(position, entry.title)

    def replace(self, position: int, entry: InboxEntry) -> None:
        self.ids[position] = entry.id
        self.names[position] = entry.name
        self.companies[position] = entry.company
        self.titles[position] = entry.title

    def delete(self, position: int) -> None:
        del self.ids[position]
        del self.names[position]
        del self.companies[position]
        del self.titles[position]
