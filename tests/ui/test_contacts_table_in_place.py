"""An edit or a move that leaves a row where it is redraws that row alone, without re-sorting
(issue 13, P7); a change of the sort key or the search text still moves or filters the row."""

from __future__ import annotations

from typing import Any

from networkdesk.services import contacts
from networkdesk.services.contact_rows import table_rows
from networkdesk.ui.models.contacts_table_model import HEADERS, ContactsTableModel

RING = HEADERS.index("Ring")
TITLE = HEADERS.index("Title")


def _model(db: Any) -> tuple[ContactsTableModel, dict[str, int]]:
    with db.transaction() as s:
        ids = {name: contacts.add(s, name).id for name in ("Ada", "Bo", "Cy")}
    model = ContactsTableModel()
    with db.reading() as s:
        model.set_rows(table_rows(s))
    return model, ids


def _names(model: ContactsTableModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _signals(model: ContactsTableModel) -> list[tuple[str, int]]:
    heard: list[tuple[str, int]] = []
    model.dataChanged.connect(lambda top, _bottom, *_: heard.append(("changed", top.row())))
    model.rowsRemoved.connect(lambda _p, first, _last: heard.append(("removed", first)))
    model.rowsInserted.connect(lambda _p, first, _last: heard.append(("inserted", first)))
    model.modelReset.connect(lambda: heard.append(("reset", -1)))
    return heard


def _update(db: Any, model: ContactsTableModel, cid: int) -> None:
    with db.reading() as s:
        model.update_rows([cid], table_rows(s, ids=[cid]))


def test_a_move_sorted_by_name_redraws_that_row_only_without_sorting(db: Any) -> None:
    model, ids = _model(db)
    heard = _signals(model)

    def no_sorting() -> None:
        raise AssertionError("a change that keeps every row in place must not re-sort")

    model._apply_sort = no_sorting  # type: ignore[method-assign]
    with db.transaction() as s:
        contacts.move(s, ids["Bo"], 1, 0.5)
    _update(db, model, ids["Bo"])
    assert heard == [("changed", 1)]
    assert model.index(1, RING).data() != ""
    assert _names(model) == ["Ada", "Bo", "Cy"]


def test_a_title_edit_redraws_that_row(db: Any) -> None:
    model, ids = _model(db)
    heard = _signals(model)
    with db.transaction() as s:
        contacts.edit(s, ids["Bo"], title="CTO")
    _update(db, model, ids["Bo"])
    assert heard == [("changed", 1)]
    assert model.index(1, TITLE).data() == "CTO"
    assert _names(model) == ["Ada", "Bo", "Cy"]


def test_a_move_sorted_by_ring_moves_the_row(db: Any) -> None:
    model, ids = _model(db)
    model.sort(RING)
    before = _names(model)
    heard = _signals(model)
    with db.transaction() as s:
        contacts.move(s, ids["Cy"], 0, 0.5)
    _update(db, model, ids["Cy"])
    assert any(kind in ("removed", "inserted") for kind, _ in heard)  # the full path
    assert sorted(_names(model)) == sorted(before)
    cy_row = _names(model).index("Cy")
    assert model.index(cy_row, RING).data() != ""


def test_a_search_keeps_working_after_in_place_updates(db: Any) -> None:
    model, ids = _model(db)
    with db.transaction() as s:
        contacts.edit(s, ids["Ada"], notes="met at the meetup")
    _update(db, model, ids["Ada"])  # the search text changed: re-indexed in place
    model.set_search("meetup")
    assert _names(model) == ["Ada"]
    with db.transaction() as s:
        contacts.move(s, ids["Ada"], 2, 0.1)
    _update(db, model, ids["Ada"])
    assert _names(model) == ["Ada"]
    model.set_search("")
    assert _names(model) == ["Ada", "Bo", "Cy"]


def _shown(model: ContactsTableModel) -> list[tuple[Any, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(len(HEADERS)))
        for r in range(model.rowCount())
    ]


def test_added_and_deleted_rows_land_where_a_full_reload_puts_them(db: Any) -> None:
    """The full path merges a change's rows into the columns in their canonical places: for
    every sort column, the patched model shows what a model loaded afresh shows."""
    for column in range(len(HEADERS)):
        model, ids = _model(db)
        model.sort(column)
        with db.transaction() as s:
            bea = contacts.add(s, "Béa", company="Zeta", ring=2).id
            aaron = contacts.add(s, "aaron", title="Dev").id
            contacts.delete(s, ids["Bo"])
        with db.reading() as s:
            model.update_rows([bea, aaron, ids["Bo"]], table_rows(s, ids=[bea, aaron, ids["Bo"]]))
        fresh = ContactsTableModel()
        with db.reading() as s:
            fresh.set_rows(table_rows(s))
        fresh.sort(column)
        assert _shown(model) == _shown(fresh), HEADERS[column]
        with db.transaction() as s:  # back to Ada, Bo, Cy for the next column
            contacts.delete(s, bea)
            contacts.delete(s, aaron)
            contacts.add(s, "Bo")


def _refuse_sorting(model: ContactsTableModel) -> None:
    def no_sorting() -> None:
        raise AssertionError("an edit that keeps the sort key must not re-sort")

    model._apply_sort = no_sorting  # type: ignore[method-assign]


def _fresh(db: Any, column: int, query: str) -> ContactsTableModel:
    fresh = ContactsTableModel()
    with db.reading() as s:
        fresh.set_rows(table_rows(s))
    fresh.sort(column)
    fresh.set_search(query)
    return fresh


def _searched(
    db: Any, titles: dict[str, str], query: str
) -> tuple[ContactsTableModel, dict[str, int], list[tuple[str, int]]]:
    """Ada, Bo and Cy with `titles`, searched for `query`; the model's signals from then on,
    and no sorting allowed."""
    model, ids = _model(db)
    with db.transaction() as s:
        for name, title in titles.items():
            contacts.edit(s, ids[name], title=title)
    with db.reading() as s:
        model.set_rows(table_rows(s))
    model.set_search(query)
    heard = _signals(model)
    _refuse_sorting(model)
    return model, ids, heard


def test_an_edit_that_starts_matching_the_search_appears_in_its_place(db: Any) -> None:
    model, ids, heard = _searched(db, {"Ada": "Recruiter", "Cy": "Recruiter"}, "recruit")
    assert _names(model) == ["Ada", "Cy"]
    with db.transaction() as s:
        contacts.edit(s, ids["Bo"], notes="a recruiter at Acme")
    _update(db, model, ids["Bo"])
    assert heard == [("inserted", 1)]
    assert _names(model) == ["Ada", "Bo", "Cy"]
    model.set_search("recruiter acme")  # narrowing sees Bo's new text
    assert _names(model) == ["Bo"]


def test_an_edit_that_stops_matching_the_search_leaves(db: Any) -> None:
    engineers = dict.fromkeys(("Ada", "Bo", "Cy"), "Engineer")
    model, ids, heard = _searched(db, engineers, "engineer")
    with db.transaction() as s:
        contacts.edit(s, ids["Bo"], title="Designer")
    _update(db, model, ids["Bo"])
    assert heard == [("removed", 1)]
    assert _names(model) == ["Ada", "Cy"]
    model.set_search("")
    assert _names(model) == ["Ada", "Bo", "Cy"]
    assert model.index(1, TITLE).data() == "Designer"


def test_edits_under_every_sort_and_search_show_what_a_fresh_model_shows(db: Any) -> None:
    """In place or not, after each edit the model equals one loaded afresh with the same
    sort and search."""
    edits: list[tuple[str, dict[str, Any]]] = [
        ("Bo", {"title": "Recruiter"}),
        ("Ada", {"notes": "recruiter friend"}),
        ("Bo", {"title": "Designer"}),
        ("Cy", {"company": "Recruit Co"}),
        ("Ada", {"name": "Zed"}),
        ("Cy", {"notes": ""}),
    ]
    for column in range(len(HEADERS)):
        for query in ("", "recruit", "zed"):
            model, ids = _model(db)
            model.sort(column)
            model.set_search(query)
            for name, fields in edits:
                with db.transaction() as s:
                    contacts.edit(s, ids[name], **fields)
                _update(db, model, ids[name])
                expected = _shown(_fresh(db, column, query))
                assert _shown(model) == expected, (HEADERS[column], query, name, fields)
            with db.transaction() as s:  # back to Ada, Bo, Cy for the next round
                for cid in ids.values():
                    contacts.delete(s, cid)
