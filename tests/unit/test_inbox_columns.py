"""The inbox as compact columns (services.inbox_columns, services.board.inbox_entries): newest
first, strings shared, no object per contact kept, and changes put in their places."""

from __future__ import annotations

from typing import Any

from networkdesk.services import board, contacts
from networkdesk.services.inbox_columns import InboxColumns, InboxEntry


def _columns() -> InboxColumns:
    return InboxColumns.from_entries(
        [(2, "Bo", None, "CTO"), (9, "Ana", "Acme", None), (5, "Cy", "Acme", "CTO")]
    )


def test_entries_come_newest_first_whatever_order_they_are_given_in() -> None:
    columns = _columns()
    assert list(columns.ids) == [9, 5, 2]
    assert list(columns) == [
        InboxEntry(9, "Ana", "Acme", None),
        InboxEntry(5, "Cy", "Acme", "CTO"),
        InboxEntry(2, "Bo", None, "CTO"),
    ]
    assert columns.entry(1).company == "Acme"
    assert len(columns) == 3


def test_a_contact_is_found_or_placed_by_its_id() -> None:
    columns = _columns()
    assert columns.position_of(5) == 1
    assert columns.position_of(4) is None
    assert columns.place_of(4) == (2, False)  # between 5 and 2
    assert columns.place_of(10) == (0, False)
    assert columns.place_of(1) == (3, False)


def test_changes_keep_the_order_and_a_copy_is_independent() -> None:
    columns = _columns()
    copy = columns.copy()
    at, _present = columns.place_of(7)
    columns.insert(at, InboxEntry(7, "Di", None, None))
    columns.replace(columns.position_of(2) or 0, InboxEntry(2, "Bo Renamed", "Beta", None))
    columns.delete(columns.position_of(9) or 0)
    assert [e.name for e in columns] == ["Di", "Cy", "Bo Renamed"]
    assert list(columns.ids) == [7, 5, 2]
    assert [e.name for e in copy] == ["Ana", "Cy", "Bo"]


def test_the_service_reads_unplaced_contacts_into_columns(db: Any) -> None:
    with db.transaction() as s:
        first = contacts.add(s, "First", company="Acme", title="CTO").id
        contacts.add(s, "Placed", company="Acme", ring=1)
        last = contacts.add(s, "Last", company="Acme", title="CTO").id
    with db.reading() as s:
        entries = board.inbox_entries(s)
        only_last = board.inbox_entries(s, ids=[last])
    assert list(entries.ids) == [last, first]
    assert entries.entry(1) == InboxEntry(first, "First", "Acme", "CTO")
    # A company or title read twice is kept once.
    assert entries.companies[0] is entries.companies[1]
    assert entries.titles[0] is entries.titles[1]
    assert list(only_last.ids) == [last]
