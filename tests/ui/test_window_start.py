"""The desktop start's first paint (issue 13, P1): the board, the inbox, the contacts table, the
status line and the title show the snapshot read with the database — no query of their own —
and the other panels load only when the opening finishes, without reading those views again."""

from __future__ import annotations

from typing import Any

import pytest

from networkdesk.services import contact_rows, contacts, meetings
from networkdesk.services.start_snapshot import StartSnapshot, read_start

pytestmark = pytest.mark.usefixtures("qapp")


def _fill(db: Any) -> dict[str, int]:
    import datetime as dt

    with db.transaction() as s:
        ids = {
            "ada": contacts.add(s, "Ada", company="Acme", ring=0).id,
            "bo": contacts.add(s, "Bo", company="Beta", ring=2).id,
            "cy": contacts.add(s, "Cy", company="Acme").id,
            "di": contacts.add(s, "Di").id,
        }
        meetings.add(s, ids["bo"], dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    return ids


def _snapshot(db: Any) -> StartSnapshot:
    with db.reading() as s:
        return read_start(s, db.data_version)


def test_the_snapshot_holds_what_the_first_paint_shows(db: Any) -> None:
    ids = _fill(db)
    start = _snapshot(db)
    assert [row.name for row in start.rows] == ["Ada", "Bo", "Cy", "Di"]
    assert sorted(node.id for node in start.nodes) == sorted([ids["ada"], ids["bo"]])
    # The inbox, newest first, from the same rows.
    assert [entry.id for entry in start.inbox()] == [ids["di"], ids["cy"]]
    assert start.inbox().entry(1).company == "Acme"
    assert start.ring_counts() == {0: 1, 2: 1, None: 2}
    assert start.picture is not None
    assert start.readiness is not None


def test_the_first_paint_reads_nothing_and_the_rest_loads_when_the_opening_ends(
    qtbot: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views.main_window import MainWindow

    ids = _fill(db)
    start = _snapshot(db)
    table_reads: list[object] = []
    real_table_rows = contact_rows.table_rows

    def counted(*args: Any, **kwargs: Any) -> Any:
        table_reads.append(args)
        return real_table_rows(*args, **kwargs)

    monkeypatch.setattr(contact_rows, "table_rows", counted)
    window = MainWindow(install_extensions=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.install_extensions(only=("pipeline",))
    pipeline = window.pipeline
    assert pipeline is not None
    opened: list[bool] = []
    window.workspace.opened.connect(lambda: opened.append(True))

    window.workspace.attach(db, start)

    assert window.workspace.is_open
    assert window.workspace.is_opening
    assert pipeline.contacts_panel.model.rowCount() == 4
    assert sorted(window.canvas.nodes) == sorted([ids["ada"], ids["bo"]])
    assert window.inbox.model.total == 2
    assert window.board_status.text().startswith("2 on the rings · 2 in the inbox")
    assert window.windowTitle() == f"networkdesk — {db.path.name}"
    assert table_reads == []  # the table showed the snapshot
    assert opened == []
    companies = pipeline.companies_panel
    companies.targets_only.setChecked(False)  # (the panel's own reload: nothing is open yet)
    assert companies.model.rowCount() == 2
    companies_reads: list[bool] = []
    real_reload = companies.reload
    monkeypatch.setattr(companies, "reload", lambda: (companies_reads.append(True), real_reload()))

    window.install_extensions()
    window.workspace.finish_opening()

    assert opened == [True]
    assert not window.workspace.is_opening
    assert window.workspace.start is None
    assert companies_reads == [True]  # the other panels load when the opening ends
    assert table_reads == []  # the opening's "everything changed" did not read it again
    # Later changes are the ordinary ones: the table reads what they name.
    with db.transaction() as s:
        contacts.add(s, "Eve")
    window.workspace.notify({"contacts"})
    assert pipeline.contacts_panel.model.rowCount() == 5
    assert table_reads


def test_the_raw_start_paints_the_first_rows_before_the_database_is_open(
    qtbot: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop start's order: the first rows (read raw) are painted with the whole count,
    then every row arrives, then the database; a write asked for before the database is open
    waits for it rather than fail; nothing of it reads the table through the ORM."""
    from networkdesk.services import start_read
    from networkdesk.ui.views.main_window import MainWindow

    ids = _fill(db)
    with db.transaction() as s:
        for n in range(6):
            contacts.add(s, f"Zed {n}")
    monkeypatch.setattr(start_read, "HEAD_ROWS", 3)
    raw = start_read.read_start_raw(db.path)
    assert raw is not None
    head = raw.snapshot
    table_reads: list[object] = []  # the ids each ORM read of the table asked for
    real_table_rows = contact_rows.table_rows
    monkeypatch.setattr(
        contact_rows,
        "table_rows",
        lambda *a, **k: table_reads.append(k.get("ids")) or real_table_rows(*a, **k),
    )
    window = MainWindow(install_extensions=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.install_extensions(only=("contacts",))
    assert window.features.contacts is not None
    panel = window.features.contacts.panel
    awaited: list[bool] = []

    def await_db() -> Any:
        awaited.append(True)
        return db

    window.workspace.show_start(head, await_db, db.path.name)

    assert not window.workspace.is_open
    model = panel.model
    assert model.rowCount() == 10  # every contact counted
    assert model.data(model.index(0, 0)) == "Ada"
    assert model.data(model.index(9, 0)) is None  # not read yet: blank
    assert not model.complete
    assert window.inbox.model.total == 8
    assert window.inbox.model.rowCount() == 8
    assert window.inbox.model.data(window.inbox.model.index(7, 0)) is None
    assert sorted(window.canvas.nodes) == sorted([ids["ada"], ids["bo"]])
    assert window.windowTitle() == f"networkdesk — {db.path.name}"
    panel.search.setText("zed")  # typed before the rest arrives: applied to all of it later
    assert model.rowCount() == 0  # (no "Zed" among the first three rows)

    rows = raw.read_rest()
    raw.watch.close()
    assert rows is not None
    whole = head.completed(rows)
    window.workspace.complete_start(whole)

    assert model.complete
    assert model.rowCount() == 6  # the search, over every row
    panel.search.setText("")
    assert model.rowCount() == 10
    assert model.data(model.index(9, 0)) == "Zed 5"
    assert window.inbox.model.complete
    assert window.inbox.model.data(window.inbox.model.index(7, 0)) is not None

    # A write before the database is open waits for it (as a controller writes: a record's
    # changes name the contact).
    from networkdesk.services.changes import CONTACTS, Changes

    early = window.workspace.write(lambda s: contacts.add(s, "Written early").id, ())
    window.workspace.notify(Changes.of(CONTACTS, created={CONTACTS: [early]}))
    assert awaited == [True]
    assert window.workspace.is_open
    window.install_extensions()
    window.workspace.attach(db, whole)
    window.workspace.finish_opening()
    qtbot.waitUntil(lambda: model.rowCount() == 11)
    assert table_reads  # the early write's row was read through the ORM...
    assert None not in table_reads  # ...by its id: the table was never read whole
    assert model.row_of(early) is not None


def test_a_double_click_on_the_first_paint_opens_the_editor_once_the_window_is_ready(
    qtbot: Any, db: Any
) -> None:
    """The editor's owner (the pipeline) is installed after the first paint: a double-click on a
    node before then is kept and answered, not lost."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from networkdesk.ui.views.contact_editor import ContactEditor
    from networkdesk.ui.views.main_window import MainWindow

    ids = _fill(db)
    window = MainWindow(install_extensions=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.install_extensions(only=("contacts",))
    window.workspace.attach(db, _snapshot(db))
    view = window.canvas
    spot = view.mapFromScene(view.nodes[ids["bo"]].sceneBoundingRect().center())

    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)

    assert window.workspace.selected_contact_id == ids["bo"]
    window.install_extensions()
    window.workspace.finish_opening()
    pipeline = window.pipeline
    assert pipeline is not None
    qtbot.waitUntil(lambda: bool(pipeline._open_dialogs))
    [editor] = pipeline._open_dialogs
    assert isinstance(editor, ContactEditor)
    assert editor.contact_id == ids["bo"]
    assert window.workspace.take_unanswered_open() == 0  # answered once, then forgotten
    pipeline.close_dialogs()
