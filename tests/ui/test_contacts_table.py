"""The contacts table: model contract, search at 30,000 contacts, sorting, opening."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import demo_30k, make_workspace, workspace  # noqa: F401
from PySide6.QtCore import Qt

from networkdesk.services import contacts, followups, meetings
from networkdesk.services.contact_rows import table_rows
from networkdesk.ui.models.contacts_table_model import (
    CONTACT_ID_ROLE,
    HEADERS,
    ContactsTableModel,
)

pytestmark = pytest.mark.usefixtures("qapp")


def _small_db(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        a = contacts.add(s, "Zoë Adler", company="Beta", title="CTO", ring=0, tag_names=["vip"])
        b = contacts.add(s, "Ana <i>Bolt</i>", company="Acme", title=None, notes="met at PyCon")
        c = contacts.add(s, "Marc Müller", title="Engineer", ring=3)
        meetings.add(s, a.id, dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
        meetings.add(s, c.id, dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC))
        followups.add(s, b.id, dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
        return {"a": a.id, "b": b.id, "c": c.id}


def test_model_passes_qtmodeltester(qtmodeltester: Any, db: Any) -> None:
    _small_db(db)
    model = ContactsTableModel()
    with db.reading() as s:
        model.set_rows(table_rows(s))
    qtmodeltester.check(model)
    model.set_search("mül")
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


@pytest.mark.parametrize("column", range(len(HEADERS)))
def test_sort_by_each_column(db: Any, column: int) -> None:
    ids = _small_db(db)
    model = ContactsTableModel()
    with db.reading() as s:
        model.set_rows(table_rows(s))
    model.sort(column, Qt.SortOrder.AscendingOrder)
    ascending = [model.contact_id_at(r) for r in range(model.rowCount())]
    model.sort(column, Qt.SortOrder.DescendingOrder)
    descending = [model.contact_id_at(r) for r in range(model.rowCount())]
    assert sorted(ascending) == sorted(ids.values())
    by_column = {
        0: [ids["b"], ids["c"], ids["a"]],  # Ana, Marc, Zoë (accent folded)
        1: [ids["b"], ids["a"], ids["c"]],  # Acme, Beta, (none last)
        2: [ids["a"], ids["c"], ids["b"]],  # CTO, Engineer, (none last)
        3: [ids["a"], ids["c"], ids["b"]],  # Bull's-eye, Outer, Inbox
        4: None,
        5: [ids["c"], ids["a"], ids["b"]],  # Feb, Mar, none
        6: [ids["b"], ids["c"], ids["a"]],  # only b has a follow-up; the rest by name
    }[column]
    if by_column is not None:
        assert ascending == by_column
        assert descending == list(reversed(by_column))
    else:
        labels = [model.index(r, column).data() for r in range(model.rowCount())]
        assert labels == sorted(labels)


def test_html_in_names_is_shown_literally(db: Any) -> None:
    ids = _small_db(db)
    model = ContactsTableModel()
    with db.reading() as s:
        model.set_rows(table_rows(s))
    row = model.row_of(ids["b"])
    assert model.index(row, 0).data() == "Ana <i>Bolt</i>"
    assert model.index(row, 0).data(CONTACT_ID_ROLE) == ids["b"]


def test_search_at_30000_finds_mueller_with_capitals(demo_30k: Any) -> None:  # noqa: F811
    model = ContactsTableModel()
    with demo_30k.reading() as s:
        rows = table_rows(s)
    assert len(rows) == 30_001
    model.set_rows(rows)
    model.set_search("MÜLLER")
    hits = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Jürgen Müller" in hits
    assert 0 < len(hits) < 30_001
    assert all("muller" in row.search_text for row in rows if row.name in hits)
    # Typing on narrows; the tag, the title and the company are searched too.
    model.set_search("MÜLLER optics")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Jürgen Müller"]
    model.set_search("zeiss")
    assert "Jürgen Müller" in [model.index(r, 0).data() for r in range(model.rowCount())]
    model.set_search("")
    assert model.rowCount() == 30_001


def test_panel_search_double_click_and_selection_sync(qtbot: Any, db: Any) -> None:
    from PySide6.QtTest import QTest

    from networkdesk.ui.views.contacts_panel import ContactsPanel

    ids = _small_db(db)
    ws = make_workspace(db)
    panel = ContactsPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(800, 400)
    panel.show()
    panel.reload()
    assert panel.model.rowCount() == 3
    assert panel.count_label.text() == "3 contacts"
    QTest.keyClicks(panel.search, "MULLER")
    assert panel.model.rowCount() == 1
    assert panel.count_label.text() == "1 of 3 contacts"
    index = panel.model.index(0, 0)
    rect = panel.table.visualRect(index)
    with qtbot.waitSignal(ws.openContactRequested) as blocker:
        QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["c"]]
    assert ws.selected_contact_id == ids["c"]
    panel.search.clear()
    ws.select_contact(ids["a"])
    assert panel.selected_contact_id() == ids["a"]
    # A change announced by the workspace reloads the table.
    with db.transaction() as s:
        contacts.add(s, "New Person")
    ws.notify({"contacts"})
    assert panel.model.rowCount() == 4
    assert panel.selected_contact_id() == ids["a"]


def _panel_on_the_match(qtbot: Any, db: Any) -> tuple[Any, dict[str, int]]:
    """A contacts panel searched for "MULLER", its one match current, the focus in the field."""
    from PySide6.QtTest import QTest

    from networkdesk.ui.views.contacts_panel import ContactsPanel

    ids = _small_db(db)
    panel = ContactsPanel(make_workspace(db))
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    QTest.keyClicks(panel.search, "MULLER")
    QTest.keyClick(panel.search, Qt.Key.Key_Down)  # into the table: the match is current
    assert panel.selected_contact_id() == ids["c"]
    panel.search.setFocus()
    return panel, ids


def test_escape_in_the_search_clears_it_and_keeps_the_current_contact(qtbot: Any, db: Any) -> None:
    from PySide6.QtTest import QTest

    panel, ids = _panel_on_the_match(qtbot, db)
    QTest.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == ""
    assert panel.model.rowCount() == 3
    assert panel.selected_contact_id() == ids["c"]


def test_backspace_widening_the_search_keeps_the_current_contact(qtbot: Any, db: Any) -> None:
    from PySide6.QtTest import QTest

    panel, ids = _panel_on_the_match(qtbot, db)
    panel.search.end(False)
    for _ in "MULLER":
        QTest.keyClick(panel.search, Qt.Key.Key_Backspace)
        assert panel.selected_contact_id() == ids["c"]
    assert panel.search.text() == ""
    assert panel.model.rowCount() == 3
    # Narrowing to rows without it leaves no current contact (nothing stale is current).
    QTest.keyClicks(panel.search, "zzz-nobody")
    assert panel.model.rowCount() == 0
    assert panel.selected_contact_id() is None


def test_search_keeps_the_selection_on_its_contact(qtmodeltester: Any, db: Any) -> None:
    """Searching narrows the rows without a reset: a persistent index (the view's selection)
    follows its contact to its new row, and is cleared when the contact is filtered out."""
    from PySide6.QtCore import QPersistentModelIndex

    ids = _small_db(db)
    model = ContactsTableModel()
    with db.reading() as s:
        model.set_rows(table_rows(s))
    qtmodeltester.check(model)
    row_of_marc = model.row_of(ids["c"])
    assert row_of_marc is not None
    assert row_of_marc > 0
    marc = QPersistentModelIndex(model.index(row_of_marc, 1))
    zoe = QPersistentModelIndex(model.index(model.row_of(ids["a"]) or 0, 0))

    model.set_search("müller")

    assert model.rowCount() == 1
    assert marc.isValid()
    assert marc.row() == 0
    assert marc.column() == 1
    assert model.contact_id_at(marc.row()) == ids["c"]
    assert not zoe.isValid()
    model.set_search("")
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_search_shows_its_matches_from_the_top_or_around_the_current_contact(
    qtbot: Any, db: Any
) -> None:
    from PySide6.QtTest import QTest

    from networkdesk.ui.views.contacts_panel import ContactsPanel

    with db.transaction() as s:
        for n in range(150):
            contacts.add(s, f"Person {n:03d}" + (" Muller" if n % 3 == 0 else ""))
    ws = make_workspace(db)
    panel = ContactsPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(800, 300)
    panel.show()
    panel.reload()
    bar = panel.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    QTest.keyClicks(panel.search, "muller")
    assert panel.model.rowCount() == 50
    assert bar.value() == 0  # no current contact: the first match is at the top
    panel.search.clear()
    target = next(r for r in range(panel.model.rowCount()) if r > 100 and r % 3 == 0)
    panel.table.setCurrentIndex(panel.model.index(target, 0))
    bar.setValue(0)
    QTest.keyClicks(panel.search, "mul")
    current = panel.table.currentIndex()
    assert current.isValid()
    assert panel.table.viewport().rect().intersects(panel.table.visualRect(current))
