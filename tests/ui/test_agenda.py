"""The follow-up agenda: buckets by local day (Europe/Berlin in tests), model contract,
done and snooze as undoable edits."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.services import contacts, followups
from networkdesk.ui.models.followups_model import (
    LATER,
    OVERDUE,
    THIS_WEEK,
    TODAY,
    AgendaModel,
    FollowupListModel,
    FollowupRow,
    bucket_of,
    load_followups,
)

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.usefixtures("qapp")


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN).astimezone(dt.UTC)


def test_buckets_follow_the_local_day_not_utc() -> None:
    # Wednesday 2026-03-11, 23:00 in Berlin is 22:00 UTC.
    now = berlin(2026, 3, 11, 23, 0)
    assert bucket_of(berlin(2026, 3, 11, 22, 0), now) == OVERDUE
    assert bucket_of(berlin(2026, 3, 11, 23, 30), now) == TODAY
    # 00:30 Berlin on Thursday is still Wednesday in UTC, but it is tomorrow for the user.
    assert berlin(2026, 3, 12, 0, 30).date() == dt.date(2026, 3, 11)
    assert bucket_of(berlin(2026, 3, 12, 0, 30), now) == THIS_WEEK
    assert bucket_of(berlin(2026, 3, 15, 23, 59), now) == THIS_WEEK  # Sunday
    assert bucket_of(berlin(2026, 3, 16, 0, 0), now) == LATER  # Monday


def test_buckets_across_the_spring_clock_change() -> None:
    # Clocks go forward on 2026-03-29 (a 23-hour day). Sunday 00:30 local.
    now = berlin(2026, 3, 29, 0, 30)
    assert bucket_of(berlin(2026, 3, 29, 23, 59), now) == TODAY
    assert bucket_of(berlin(2026, 3, 30, 0, 1), now) == LATER


def _row(i: int, due: dt.datetime, done: bool = False) -> FollowupRow:
    return FollowupRow(i, 1, "Ada <b>", f"Call {i}", due, due if done else None, 15, None)


def test_agenda_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    now = berlin(2026, 3, 11, 12, 0)
    model = AgendaModel()
    model.set_rows(
        [
            _row(1, berlin(2026, 3, 10, 9, 0)),
            _row(2, berlin(2026, 3, 11, 18, 0)),
            _row(3, berlin(2026, 3, 13, 9, 0)),
            _row(4, berlin(2026, 4, 1, 9, 0)),
            _row(5, berlin(2026, 3, 11, 19, 0), done=True),
        ],
        now,
    )
    qtmodeltester.check(model)
    assert [len(model.bucket_rows(b)) for b in range(4)] == [1, 1, 1, 1]
    assert model.index(0, 0).data() == "Overdue (1)"
    child = model.index(0, 1, model.index(0, 0))
    assert child.data() == "Ada <b>"  # shown literally
    assert model.followup_at(model.index_of(3)).title == "Call 3"
    flat = FollowupListModel()
    flat.set_rows([_row(1, now), _row(2, now, done=True)])
    qtmodeltester.check(flat)


def test_done_and_snooze_are_undoable(qtbot: Any, db: Any) -> None:
    from networkdesk.ui.controllers import edits

    with db.transaction() as s:
        ada = contacts.add(s, "Ada")
        fid = followups.add(s, ada.id, dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).id
    ws = make_workspace(db)
    edits.set_followup_done(ws, fid)
    with db.reading() as s:
        assert followups.get(s, fid).done_at is not None
    ws.undo_stack.undo()
    with db.reading() as s:
        assert followups.get(s, fid).done_at is None
        due_before = followups.get(s, fid).due
    edits.snooze_followup(ws, fid, dt.timedelta(days=1))
    with db.reading() as s:
        assert followups.get(s, fid).due > dt.datetime.now(dt.UTC) + dt.timedelta(hours=23)
    ws.undo_stack.undo()
    with db.reading() as s:
        assert followups.get(s, fid).due == due_before
        rows = load_followups(s)
    assert [r.id for r in rows] == [fid]


def test_agenda_panel_buttons_and_status_signal(qtbot: Any, db: Any) -> None:
    from networkdesk.ui.views.followups_agenda import FollowupsAgenda

    now = dt.datetime.now(dt.UTC)
    with db.transaction() as s:
        ada = contacts.add(s, "Ada")
        late = followups.add(s, ada.id, now - dt.timedelta(days=1), title="Call <b>back</b>").id
        followups.add(s, ada.id, now + dt.timedelta(days=30))
    ws = make_workspace(db)
    agenda = FollowupsAgenda(ws)
    qtbot.addWidget(agenda)
    with qtbot.waitSignal(agenda.dueTodayChanged) as blocker:
        agenda.reload()
    assert blocker.args[1] == 1  # one overdue
    assert "1 overdue" in agenda.summary.text()
    assert not agenda.done_button.isEnabled()
    index = agenda.model.index_of(late)
    assert index.siblingAtColumn(2).data() == "Call <b>back</b>"
    agenda.view.setCurrentIndex(index)
    assert agenda.done_button.isEnabled()
    assert ws.selected_contact_id == ada.id
    agenda.done_button.click()
    assert agenda.model.bucket_rows(OVERDUE) == []
    ws.undo_stack.undo()
    assert [r.id for r in agenda.model.bucket_rows(OVERDUE)] == [late]
