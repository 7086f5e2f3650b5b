"""services.bulk converts each column's values with the column's bind processor; a column of
plain dates converts each distinct date once, and anything that could convert two equal values
differently is converted value by value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from networkdesk.domain.models import Contact
from networkdesk.services import bulk
from networkdesk.services.importing.writer import CONTACT_COLUMNS
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import sqlite_location


def _counting(calls: list[object]) -> Callable[[object], object]:
    def convert(value: object) -> object:
        calls.append(value)
        return f"<{value!r}>"

    return convert


def test_repeated_dates_are_converted_once_each() -> None:
    first, second = dt.date(2024, 3, 15), dt.date(2019, 1, 8)
    calls: list[object] = []
    values = [first, None, second, first, first, None]
    out = bulk._processed(values, _counting(calls))
    assert out == [f"<{first!r}>", None, f"<{second!r}>", f"<{first!r}>", f"<{first!r}>", None]
    assert sorted(calls) == [second, first]


def test_equal_values_that_may_convert_differently_are_converted_one_by_one() -> None:
    utc = dt.datetime(2024, 3, 15, 12, tzinfo=dt.UTC)
    paris = utc.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert utc == paris
    calls: list[object] = []
    out = bulk._processed([utc, paris, None], _counting(calls))
    assert out == [f"<{utc!r}>", f"<{paris!r}>", None]
    calls.clear()
    assert bulk._processed([1, True, 2], _counting(calls)) == ["<1>", "<True>", "<2>"]
    assert calls == [1, True, 2]


def test_contacts_written_in_bulk_keep_their_dates(tmp_path: Path) -> None:
    db = open_database(sqlite_location(tmp_path / "bulk.db"))
    now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    days = [dt.date(2024, 3, 15), None, dt.date(2019, 1, 8), dt.date(2024, 3, 15)]
    defaults = dict.fromkeys(CONTACT_COLUMNS)
    rows = []
    for number, day in enumerate(days, start=1):
        values = {
            **defaults,
            "id": number,
            "uid": f"urn:uuid:{number}",
            "name": f"P {number}",
            "name_key": f"p {number}",
            "stage": "identified",
            "search_text": "",
            "connected_on": day,
            "created_at": now,
            "updated_at": now,
        }
        rows.append(tuple(values[column] for column in CONTACT_COLUMNS))
    try:
        with db.transaction() as session:
            bulk.bulk_insert_rows(session, Contact.__table__, CONTACT_COLUMNS, rows)
        with db.reading() as session:
            stored = session.execute(select(Contact.connected_on).order_by(Contact.id)).scalars()
            assert list(stored) == days
    finally:
        db.close()
