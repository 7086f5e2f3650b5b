"""The follow-ups agenda shows meetings too: those still to come and those held but not logged
(in Overdue until they are); done and snooze are not offered for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.services import contacts, followups, meetings
from networkdesk.ui.models.followups_model import (
    MEETING_ID_ROLE,
    OVERDUE,
    ROW_ID_ROLE,
    load_agenda,
)
from networkdesk.ui.views.followups_agenda import FollowupsAgenda

pytestmark = pytest.mark.usefixtures("qapp")


def _rows(db: Any) -> dict[str, int]:
    now = dt.datetime.now(dt.UTC)
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        return {
            "soon": meetings.add(s, ana, now + dt.timedelta(days=2), location="Café").id,
            "to_log": meetings.add(s, ana, now - dt.timedelta(days=1)).id,
            "logged": meetings.add(s, ana, now - dt.timedelta(days=2), notes="Done").id,
            "followup": followups.add(s, ana, now + dt.timedelta(days=1)).id,
        }


def test_agenda_rows_include_meetings_to_come_and_to_log(db: Any) -> None:
    ids = _rows(db)
    with db.reading() as s:
        rows = load_agenda(s)
    meeting_rows = {r.id: r for r in rows if r.is_meeting}
    assert set(meeting_rows) == {ids["soon"], ids["to_log"]}, "a logged meeting is not listed"
    assert meeting_rows[ids["to_log"]].title.endswith("to log")
    assert "Café" in meeting_rows[ids["soon"]].title
    assert [r.id for r in rows if not r.is_meeting] == [ids["followup"]]


def test_agenda_panel_shows_meetings_without_done_or_snooze(qtbot: Any, db: Any) -> None:
    ids = _rows(db)
    ws = make_workspace(db)
    agenda = FollowupsAgenda(ws)
    qtbot.addWidget(agenda)
    agenda.reload()
    overdue = agenda.model.bucket_rows(OVERDUE)
    assert [(r.id, r.is_meeting) for r in overdue] == [(ids["to_log"], True)]
    index = agenda.model.index_of(ids["to_log"], meeting=True)
    assert index.data(MEETING_ID_ROLE) == ids["to_log"]
    assert index.data(ROW_ID_ROLE) is None
    agenda.view.setCurrentIndex(index)
    assert agenda.current_followup() is None
    assert not agenda.done_button.isEnabled()
    assert "0 due today" in agenda.summary.text(), "meetings are not counted as follow-ups"
