"""The Progress and Coverage views, and "Show warm path" on a contact."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from networkdesk.services import companies, contacts, meetings, referrals
from networkdesk.ui import item_actions
from networkdesk.ui.progress.charts import FunnelBars
from networkdesk.ui.progress.coverage_model import CONTACT_IDS_ROLE, CoverageModel
from networkdesk.ui.progress.coverage_view import CoverageView, load_coverage
from networkdesk.ui.progress.progress_view import ProgressView

HELD = dt.datetime(2025, 11, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def globex(db: Any) -> dict[str, int]:
    """Ana (met, outer, no company) referred the user to Ben (inner, Globex); Cy (bull's-eye,
    Globex) is Ben's colleague; Initech is a target where nobody is known."""
    with db.transaction() as s:
        companies.upsert(s, "Globex", target=True, priority=1)
        companies.upsert(s, "Initech", target=True, priority=2)
        ana = contacts.add(s, "Ana Costa", ring=3, source="linkedin")
        ben = contacts.add(s, "Ben Ito", company="Globex", ring=1)
        cy = contacts.add(s, "Cy <b>Lee</b>", company="Globex", ring=0)
        s.flush()
        meetings.add(s, ana.id, HELD)
        referrals.add(s, ana.id, ben.id)
        return {"ana": ana.id, "ben": ben.id, "cy": cy.id}


def test_coverage_model_passes_qtmodeltester(
    qtmodeltester: Any, db: Any, globex: dict[str, int]
) -> None:
    model = CoverageModel(["Bull's-eye", "Inner", "Middle", "Outer"])
    with db.reading() as s:
        model.set_rows(load_coverage(s).rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "Globex",
        "1 · 0",
        "1 · 0",
        "–",
        "–",
        "–",
    ]
    assert model.index(0, 1).data(CONTACT_IDS_ROLE) == [globex["cy"]]
    assert model.index(0, 0).data(CONTACT_IDS_ROLE) == [globex["cy"], globex["ben"]]
    # Tooltips are rich text to Qt: a company name stays a name.
    assert "&lt;" not in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None  # a gap


def test_progress_view_shows_the_funnel(
    qtbot: Any, db: Any, globex: dict[str, int], reads_on_worker: None
) -> None:
    ws = make_workspace(db)
    view = ProgressView(ws)
    qtbot.addWidget(view)
    view.resize(420, 700)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.refresh.loader.loaded):  # read on a worker thread
        view.refresh.reload_if_shown()
    assert view.objectName() == "progressView"
    for widget in (view, view.scroll_area, view.overall, view.by_ring, view.by_source, view.weekly):
        assert widget.accessibleName(), widget.objectName()
    assert view.overall.counts.values() == (3, 1, 1, 1)
    assert view.overall.accessibleDescription() == (
        "Identified 3, Contacted 1, Met 1, Referred on 1"
    )
    assert [g.name for g in view.by_source.groups] == ["LinkedIn", "Manual", "Referral"]
    assert len(view.weekly.weeks) == 12
    # Hover explains a bar in words (the charts paint first: that is when bars get places).
    for chart in (view.overall, view.weekly):
        chart.grab()
    row = FunnelBars.ROW
    assert view.overall.tip_at(QPoint(5, row // 2)) == "Identified: 3"
    assert view.overall.tip_at(QPoint(5, row * 2 + row // 2)) == "Met: 1 (100% of contacted)"
    last_week = QPoint(view.weekly.width() - 8, view.weekly.height() // 2)
    assert view.weekly.tip_at(last_week).endswith("(this week so far)")
    assert "Of 3 contacts you have contacted 1, met 1" in view.summary.text()
    # A change reloads it (shortly, once): a new contact is identified.
    with db.transaction() as s:
        contacts.add(s, "Dee")
    ws.notify()
    qtbot.waitUntil(lambda: view.overall.counts.identified == 4)


def test_charts_follow_light_and_dark_palettes(qtbot: Any, db: Any, globex: dict[str, int]) -> None:
    ws = make_workspace(db)
    view = ProgressView(ws)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.refresh.loader.loaded):  # read on a worker thread
        view.refresh.reload_if_shown()
    light = view.overall.text_colour()
    assert view.overall.grab().width() > 0
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    view.setPalette(dark)
    assert view.overall.dark
    assert view.overall.text_colour() != light
    assert view.weekly.grab().width() > 0  # paints in the dark palette too


def test_coverage_cell_opens_its_people(qtbot: Any, db: Any, globex: dict[str, int]) -> None:
    ws = make_workspace(db)
    view = CoverageView(ws)
    qtbot.addWidget(view)
    view.resize(480, 600)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.refresh.loader.loaded):  # read on a worker thread
        view.refresh.reload_if_shown()
    assert view.objectName() == "coverageView"
    for widget in (view, view.table, view.people, view.gaps):
        assert widget.accessibleName(), widget.objectName()
    assert "No middle contact at Globex yet" in view.gaps.text()
    assert "No contact at Initech yet" in view.gaps.text()
    view.open_cell(view.model.index(0, 0))
    names = [view.people.item(i).text() for i in range(view.people.count())]
    assert names == ["Ben Ito  (Inner)", "Cy <b>Lee</b>  (Bull's-eye)"]
    assert view.people_title.text() == "everyone at Globex: 2 contacts"
    view.table.setCurrentIndex(view.model.index(0, 1))  # as the arrow keys do
    assert view.people.count() == 1
    with qtbot.waitSignal(ws.contactSelected) as selected:
        view.people.itemClicked.emit(view.people.item(0))
    assert selected.args == [globex["cy"]]


def _feature(window: Any) -> Any:
    feature = window.features.progress
    assert feature is not None, "the progress feature did not install"
    return feature


def test_window_has_the_views_and_shows_the_warm_path(
    qtbot: Any, window: Any, db: Any, globex: dict[str, int]
) -> None:
    assert window.findChild(QWidget, "progressView") is not None
    assert window.findChild(QWidget, "coverageView") is not None
    feature = _feature(window)
    ws = window.workspace
    ws.select_contact(globex["cy"])
    assert feature.warm_path_action.isEnabled()
    with qtbot.waitSignal(ws.pathHighlighted) as highlighted:
        feature.warm_path_action.trigger()
    assert highlighted.args == [(globex["ana"], globex["ben"], globex["cy"])]
    dialog = feature.dialog
    assert dialog is not None
    assert dialog.objectName() == "warmPathDialog"
    steps = [dialog.steps.item(i).text() for i in range(dialog.steps.count())]
    assert steps == [
        "1. Ask Ana Costa — met 3 Nov 2025 — to introduce you to Ben Ito at Globex "
        "(Ana Costa referred you to Ben Ito)",
        "2. Then ask Ben Ito to introduce you to Cy <b>Lee</b> at Globex (colleagues at Globex)",
    ]
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert dialog.steps.accessibleName() == "Steps"
    # A meeting with Ben held: the chain gets shorter, in the dialog and on the board.
    with db.transaction() as s:
        meetings.add(s, globex["ben"], HELD)
    with qtbot.waitSignal(ws.pathHighlighted) as shorter:
        ws.notify()
    assert shorter.args == [(globex["ben"], globex["cy"])]
    assert dialog.steps.count() == 1
    with qtbot.waitSignal(ws.pathHighlighted) as cleared:
        dialog.reject()
    assert cleared.args == [()]


def test_no_path_suggests_people_and_clears_the_highlight(
    qtbot: Any, window: Any, db: Any, globex: dict[str, int]
) -> None:
    with db.transaction() as s:
        dee = contacts.add(s, "Dee", company="Initech", ring=0).id
        contacts.add(s, "Eve", company="Initech", ring=3)
    window.workspace.notify()
    with qtbot.waitSignal(window.workspace.pathHighlighted) as highlighted:
        dialog = _feature(window).show_warm_path(dee)
    assert highlighted.args == [()]
    assert dialog.summary.text().startswith("No warm path to Dee")
    assert [dialog.steps.item(i).text() for i in range(dialog.steps.count())] == ["Eve (outer)"]
    dialog.reject()


def test_contact_context_menus_offer_the_warm_path(window: Any, globex: dict[str, int]) -> None:
    parent = QWidget()
    found = window.item_actions.actions_for(item_actions.CONTACT, globex["cy"], parent)
    assert [a.text() for a in found if a.objectName() == "showWarmPathContextAction"] == [
        "Show &warm path…"
    ]
    parent.deleteLater()
