"""The contacts table's rows as compact columns (services.contact_rows): one query, shared
repeated strings, the canonical order, and merging a change's rows into their places."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from networkdesk.domain.enums import Stage
from networkdesk.services import contacts, followups, meetings
from networkdesk.services.contact_rows import ContactColumns, ContactRow, table_rows


def _add(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ids = {
            "zoe": contacts.add(s, "Zoë Adler", company="Acme", title="CTO", ring=0).id,
            "ana": contacts.add(s, "ana Bolt", company="Acme", title="CTO", notes="PyCon").id,
            "marc": contacts.add(s, "Marc Müller", ring=3).id,
        }
        meetings.add(s, ids["zoe"], dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
        followups.add(s, ids["ana"], dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
    return ids


def test_one_row_per_contact_in_folded_name_order(db: Any) -> None:
    ids = _add(db)
    with db.reading() as s:
        rows = table_rows(s)
    assert len(rows) == 3
    assert [row.name for row in rows] == ["ana Bolt", "Marc Müller", "Zoë Adler"]
    zoe = rows[2]
    assert zoe == ContactRow(
        ids["zoe"],
        "Zoë Adler",
        "Acme",
        "CTO",
        0,
        Stage.IDENTIFIED,
        dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC),
        None,
        zoe.search_text,
    )
    assert rows[0].next_followup == dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)
    assert rows[1].ring == 3
    assert rows[0].ring is None
    assert "pycon" in rows[0].search_text
    assert rows.ids.tolist() == [ids["ana"], ids["marc"], ids["zoe"]]


def test_repeated_companies_and_titles_are_one_string(db: Any) -> None:
    _add(db)
    with db.reading() as s:
        rows = table_rows(s)
    assert rows.companies[0] == rows.companies[2] == "Acme"
    assert rows.companies[0] is rows.companies[2]
    assert rows.titles[0] is rows.titles[2]


def test_only_the_named_ids_and_never_a_deleted_one(db: Any) -> None:
    ids = _add(db)
    with db.reading() as s:
        rows = table_rows(s, ids=[ids["marc"], 999_999])
    assert [row.id for row in rows] == [ids["marc"]]


def test_combined_merges_rows_column_by_column() -> None:
    def row(cid: int, name: str, ring: int | None) -> ContactRow:
        return ContactRow(cid, name, None, None, ring, Stage.MET, None, None, name.lower())

    old = ContactColumns.from_rows([row(1, "Ada", 0), row(2, "Cy", None)])
    fresh = ContactColumns.from_rows([row(3, "Bo", 2)])
    merged = old.combined([0, ~0, 1], fresh)
    assert [r.name for r in merged] == ["Ada", "Bo", "Cy"]
    assert [r.ring for r in merged] == [0, 2, None]
    assert merged.ids.tolist() == [1, 3, 2]
    assert merged.row(1) == fresh.row(0)
    merged.replace(0, row(1, "Ada", None))
    assert merged.ring_at(0) is None


def test_rows_read_in_batches_are_the_rows_read_at_once(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import contact_rows

    _add(db)
    with db.reading() as s:
        whole = list(table_rows(s))
        monkeypatch.setattr(contact_rows, "FETCH_BATCH", 2)  # batches of 2, 1
        batched = table_rows(s)
    assert list(batched) == whole
    # Ana's (first batch) and Zoë's (second) company and title are one string each.
    assert batched.companies[0] is batched.companies[2]
    assert batched.titles[0] is batched.titles[2]


def test_every_row_is_read_with_a_scan_of_the_table_not_a_walk_of_the_name_index(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import contact_rows

    ids = _add(db)
    statements: list[str] = []
    real = contact_rows._scanning

    def noted(sql: str, table: str) -> str:
        statements.append(real(sql, table))
        return statements[-1]

    monkeypatch.setattr(contact_rows, "_scanning", noted)
    with db.reading() as s:
        rows = table_rows(s)
        some = table_rows(s, ids=[ids["marc"]])
        plan = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statements[0]).all()
    assert len(statements) == 1  # the full read only; a change's few rows use the ids
    assert "FROM contacts NOT INDEXED " in statements[0]
    assert not any("ix_contacts_name_key" in str(step) for step in plan)
    assert [row.name for row in rows] == ["ana Bolt", "Marc Müller", "Zoë Adler"]
    assert [row.id for row in some] == [ids["marc"]]
