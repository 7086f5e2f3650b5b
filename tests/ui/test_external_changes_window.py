"""A change another process commits (the CLI) reaches the window as the contact ids it changed,
and the views update those rows (issue 13, P7); anything else still reloads everything."""

from __future__ import annotations

import datetime as dt
from typing import Any

from networkdesk.services import contacts, meetings
from networkdesk.services.changes import CONTACTS, Changes


def _cli_connection(db: Any) -> Any:
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    return open_database(sqlite_location(db.path))


def test_cli_edit_move_and_add_update_only_those_rows(window: Any, db: Any) -> None:
    ws = window.workspace
    heard: list[Changes] = []
    ws.changed.connect(heard.append)
    panel = window.pipeline.contacts_panel
    cli = _cli_connection(db)
    try:
        with cli.transaction() as s:
            ada = contacts.add(s, "Ada").id
        assert ws.check_external_changes()
        assert not heard[-1].everything
        assert heard[-1].created_ids(CONTACTS) == {ada}
        assert panel.model.rowCount() == 1

        with cli.transaction() as s:
            contacts.edit(s, ada, title="CTO")
            contacts.move(s, ada, 1, 0.25)
            bo = contacts.add(s, "Bo").id
        assert ws.check_external_changes()
        changes = heard[-1]
        assert not changes.everything
        assert changes.created_ids(CONTACTS) == {bo}
        assert ada in changes.updated_ids(CONTACTS)
        assert panel.model.rowCount() == 2
        titles = {
            panel.model.index(row, 0).data(): [
                panel.model.index(row, col).data() for col in range(panel.model.columnCount())
            ]
            for row in range(panel.model.rowCount())
        }
        assert "CTO" in titles["Ada"]
        assert ada in window.canvas.nodes

        # A meeting (another table) is not something the picture can name: everything.
        with cli.transaction() as s:
            meetings.add(s, ada, dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC))
        assert ws.check_external_changes()
        assert heard[-1].everything

        # And a delete reloads everything too (the row goes).
        with cli.transaction() as s:
            contacts.delete(s, bo)
        assert ws.check_external_changes()
        assert heard[-1].everything
        assert panel.model.rowCount() == 1
    finally:
        cli.close()


def test_the_comparison_runs_on_the_worker_and_the_change_arrives_by_ids(
    qtbot: Any, window: Any, db: Any, reads_on_worker: None
) -> None:
    ws = window.workspace
    cli = _cli_connection(db)
    try:
        with cli.transaction() as s:
            ada = contacts.add(s, "Ada", ring=2, angle=0.5).id
        with qtbot.waitSignal(ws.changed) as announced:
            assert ws.check_external_changes()
        assert announced.args is not None
        first = announced.args[0]
        assert not first.everything
        assert first.created_ids(CONTACTS) == {ada}

        # An own write while the comparison is under way: the picture it brings back may or
        # may not hold that write, so the next change from elsewhere reloads everything.
        with cli.transaction() as s:
            contacts.move(s, ada, 1, 0.25)
        with qtbot.waitSignal(ws.changed):
            assert ws.check_external_changes()
            ws._keep_picture(Changes.of(updated={CONTACTS: [ada]}))
        with cli.transaction() as s:
            contacts.move(s, ada, 0, 0.25)
        with qtbot.waitSignal(ws.changed) as announced:
            assert ws.check_external_changes()
        assert announced.args is not None
        assert announced.args[0].everything
    finally:
        cli.close()
