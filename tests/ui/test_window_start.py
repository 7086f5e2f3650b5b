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
