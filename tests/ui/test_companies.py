"""Target companies: model contract with per-ring counts, add/edit/delete with undo."""

from __future__ import annotations

from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.services import companies, contacts, settings
from networkdesk.ui.models.companies_model import CompaniesModel, load_companies
from networkdesk.ui.views.companies_panel import CompaniesPanel, CompanyDialog

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def acme(db: Any) -> int:
    with db.transaction() as s:
        company, _ = companies.upsert(s, "Acme <Corp>", target=True, priority=1, mission="Rockets")
        contacts.add(s, "A", company="Acme <Corp>", ring=0)
        contacts.add(s, "B", company="Acme <Corp>", ring=3)
        contacts.add(s, "C", company="Acme <Corp>", ring=3)
        contacts.add(s, "D", company="Acme <Corp>")
        companies.upsert(s, "Other")
        return int(company.id)


def test_model_counts_contacts_per_ring(qtmodeltester: Any, db: Any, acme: int) -> None:
    model = CompaniesModel(settings.DEFAULTS["ring_names"])
    with db.reading() as s:
        model.set_rows(load_companies(s))
    qtmodeltester.check(model)
    headers = [model.headerData(c, _horizontal()) for c in range(model.columnCount())]
    assert headers == [
        "Company",
        "Target",
        "Priority",
        "Bull's-eye",
        "Inner",
        "Middle",
        "Outer",
        "Inbox",
        "Total",
    ]
    row = model.row_of(acme)
    values = [model.index(row, c).data() for c in range(model.columnCount())]
    assert values == ["Acme <Corp>", "Yes", "1", "1", "", "", "2", "1", "4"]
    model.sort(8)
    qtmodeltester.check(model)


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_edit_add_delete_with_undo(
    qtbot: Any, db: Any, acme: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(db)
    panel = CompaniesPanel(ws)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.rowCount() == 1  # targets only
    panel.targets_only.setChecked(False)
    assert panel.model.rowCount() == 2
    dialog = CompanyDialog(ws, acme)
    qtbot.addWidget(dialog)
    assert dialog.mission_edit.toPlainText() == "Rockets"
    dialog.priority_spin.setValue(0)  # none
    dialog.mission_edit.setPlainText("Rockets <and> satellites")
    dialog.save()
    with db.reading() as s:
        c = companies.get(s, acme)
        assert (c.priority, c.mission) == (None, "Rockets <and> satellites")
    ws.undo_stack.undo()
    with db.reading() as s:
        assert companies.get(s, acme).priority == 1
    new = CompanyDialog(ws, None)
    qtbot.addWidget(new)
    new.name_edit.setText("Globex")
    new.save()
    assert new.saved_id is not None
    panel.view.selectRow(panel.model.row_of(acme))
    panel.delete_current()
    with db.reading() as s:
        assert all(c.company_id is None for c in contacts.list_contacts(s))
    ws.undo_stack.undo()
    with db.reading() as s:
        assert {c.company.name for c in contacts.list_contacts(s)} == {"Acme <Corp>"}
    duplicate = CompanyDialog(ws, None)
    qtbot.addWidget(duplicate)
    duplicate.name_edit.setText("ACME <corp>")
    errors: list[str] = []
    from networkdesk.ui.views import companies_panel

    monkeypatch.setattr(companies_panel, "attempt", lambda _p, _t, work: _catch(work, errors))
    duplicate.save()
    assert len(errors) == 1
    assert "exists already" in errors[0]
    assert duplicate.saved_id is None


def _catch(work: Any, errors: list[str]) -> Any:
    from networkdesk.domain.errors import NetworkdeskError

    try:
        return work()
    except NetworkdeskError as exc:
        errors.append(str(exc))
        return None


def test_every_ring_column_fits_a_narrow_panel_without_scrolling(
    qtbot: Any, db: Any, acme: int
) -> None:
    """At 1280x720 the right-hand panel is ~450 px wide: the ring counts were cut off behind a
    horizontal scroll bar. Now the name column takes what the counts leave."""
    from PySide6.QtCore import Qt

    ws = make_workspace(db)
    panel = CompaniesPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(450, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reload()  # a reload (the ring names' model reset) keeps the widths
    header = panel.view.horizontalHeader()
    viewport = panel.view.viewport().width()
    total = sum(header.sectionSize(c) for c in range(panel.model.columnCount()))
    assert total <= viewport
    assert header.sectionSize(0) >= 120  # the company's name stays readable
    assert header.sectionViewportPosition(panel.model.columnCount() - 1) < viewport
    bulls_eye = panel.model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert bulls_eye == settings.DEFAULTS["ring_names"][0]  # an elided header names itself


def _elided(header: Any, column: int) -> bool:
    """Whether the header draws `column`'s label elided: its pixels differ from the label
    drawn with eliding off (the style's own measure, not the panel's)."""
    from PySide6.QtCore import QRect, Qt

    area = QRect(header.sectionViewportPosition(column), 0, header.sectionSize(column), 40)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    elided = header.grab(area).toImage()
    header.setTextElideMode(Qt.TextElideMode.ElideNone)
    whole = header.grab(area).toImage()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    return bool(elided != whole)


def test_every_header_reads_whole_in_the_panel_a_1280x720_window_gives(
    qtbot: Any, db: Any, acme: int
) -> None:
    """The Companies tab at 1280x720 is ~560 px wide: "Tar…", "Bu…" and "Inn…" were elided
    while the name column had room to spare."""
    from PySide6.QtCore import Qt

    ws = make_workspace(db)
    panel = CompaniesPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(560, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reload()
    header = panel.view.horizontalHeader()
    columns = range(panel.model.columnCount())
    assert [column for column in columns if _elided(header, column)] == []
    assert header.sectionSize(0) >= 120
    assert sum(header.sectionSize(c) for c in columns) <= panel.view.viewport().width()
    # Sorted by a ring, its header has the arrow too, and still reads whole.
    panel.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert not _elided(header, 3)
    # Longer ring names than the defaults: the counts shrink to fit, the names are tooltips.
    with db.transaction() as s:
        settings.RING_NAMES.set(s, ["Closest allies", "Good friends", "Acquaintances", "Far"])
    ws.notify()
    panel.reload()
    assert sum(header.sectionSize(c) for c in columns) <= panel.view.viewport().width()
    assert header.sectionSize(0) >= 120
    tip = panel.model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Closest allies"


def test_fit_widths_shrinks_evenly_and_never_below_the_floor() -> None:
    from networkdesk.ui.views.header_fit import fit_widths

    assert fit_widths([40, 60], 30, 100) == [40, 60]  # room for all: as wanted
    assert fit_widths([40, 60], 30, 80) == [35, 45]  # each gives up half of what it wants more
    assert fit_widths([40, 60], 30, 10) == [30, 30]  # never below the floor
    assert fit_widths([30, 30], 30, 10) == [30, 30]
