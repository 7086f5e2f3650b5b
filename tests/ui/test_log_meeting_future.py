"""Logging a meeting that has not happened yet asks first: Cancel writes nothing, Yes logs it
(one undo step)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtWidgets import QMessageBox

from networkdesk.services import contacts, meetings
from networkdesk.ui.views.log_meeting_wizard import LogMeetingDialog

pytestmark = pytest.mark.usefixtures("qapp")


def _tomorrow(db: Any) -> tuple[int, int]:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana", ring=3).id
        mid = meetings.add(s, ana, dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).id
    return ana, mid


@pytest.mark.parametrize("answer", ["cancel", "yes"])
def test_a_meeting_still_to_come_asks_before_it_is_logged(qtbot: Any, db: Any, answer: str) -> None:
    ana, mid = _tomorrow(db)
    ws = make_workspace(db)
    dialog = LogMeetingDialog(ws, ana, meeting_id=mid)
    qtbot.addWidget(dialog)
    dialog.notes_edit.setPlainText("Prepared questions")
    dialog.save()
    box = dialog.future_question
    assert box is not None
    assert "has not happened yet" in box.text()
    assert ws.undo_stack.count() == 0, "nothing written before the answer"
    if answer == "cancel":
        box.button(QMessageBox.StandardButton.Cancel).click()
        assert ws.undo_stack.count() == 0
        with db.reading() as s:
            assert meetings.get(s, mid).notes is None
        assert dialog.result() != dialog.DialogCode.Accepted
    else:
        box.button(QMessageBox.StandardButton.Yes).click()
        assert ws.undo_stack.count() == 1
        with db.reading() as s:
            assert meetings.get(s, mid).notes == "Prepared questions"
        assert dialog.result() == dialog.DialogCode.Accepted
