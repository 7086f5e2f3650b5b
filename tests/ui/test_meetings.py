"""Meetings: the editor (checklist, question bank with risky warnings, referrals in one step),
and the log-a-meeting dialog (referrals + thank-you follow-up + stage, one undo step)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from networkdesk.domain.enums import MeetingKind, Stage
from networkdesk.domain.models import Contact, FollowUp, Meeting, Referral
from networkdesk.services import contacts, meetings
from networkdesk.services.meeting_log import ReferralGained
from networkdesk.ui.controllers import edits
from networkdesk.ui.views.log_meeting_wizard import LogMeetingDialog
from networkdesk.ui.views.meeting_editor import MeetingEditor

pytestmark = pytest.mark.usefixtures("qapp")
PAST = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)


def _count(db: Any, model: Any) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


@pytest.fixture
def people(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", company="Acme", ring=3, stage=Stage.MEETING_SCHEDULED)
        bob = contacts.add(s, "Bob <b>Builder</b>")
        meeting = meetings.add(s, ada.id, PAST)
        return {"ada": ada.id, "bob": bob.id, "meeting": meeting.id}


def test_schedule_with_questions_and_new_referral_is_one_undo_step(
    qtbot: Any, db: Any, people: dict[str, int]
) -> None:
    ws = make_workspace(db)
    editor = MeetingEditor(ws, contact_id=people["ada"])
    qtbot.addWidget(editor)
    editor.show()
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(MeetingKind.INTERVIEW))
    editor.place_edit.setText("Café <Roma>")
    editor.checks["not_asking_for_job"].setChecked(True)
    editor.questions.add_question("How did you get into this field, and what made you stay?", True)
    assert editor.questions.warning.isHidden()
    editor.questions.add_question("Is your team hiring at the moment?", True)
    assert not editor.questions.warning.isHidden()
    assert "hiring" in editor.questions.warning.text().lower()
    editor.referrals.add(ReferralGained(contact_id=people["bob"]))
    editor.referrals.add(ReferralGained(new_name="Chloé", new_company="Globex"))
    editor.save()
    meeting_id = editor.saved_id
    assert meeting_id is not None
    with db.reading() as s:
        meeting = meetings.get(s, meeting_id)
        assert meeting.kind is MeetingKind.INTERVIEW
        assert meeting.location == "Café <Roma>"
        assert meeting.checklist["not_asking_for_job"] is True
        assert len(meeting.questions) == 2
        assert {r.to_contact.name for r in meeting.referrals} == {"Bob <b>Builder</b>", "Chloé"}
    assert ws.undo_stack.count() == 1
    ws.undo_stack.undo()
    assert _count(db, Meeting) == 1
    assert _count(db, Referral) == 0
    assert _count(db, Contact) == 2
    ws.undo_stack.redo()
    assert _count(db, Meeting) == 2
    assert _count(db, Referral) == 2
    assert _count(db, Contact) == 3


def test_edit_meeting_cancel_changes_nothing_save_and_undo(
    qtbot: Any, db: Any, people: dict[str, int]
) -> None:
    ws = make_workspace(db)
    editor = MeetingEditor(ws, meeting_id=people["meeting"])
    qtbot.addWidget(editor)
    editor.notes_edit.setPlainText("changed")
    editor.reject()
    with db.reading() as s:
        assert meetings.get(s, people["meeting"]).notes is None
    editor = MeetingEditor(ws, meeting_id=people["meeting"])
    qtbot.addWidget(editor)
    editor.notes_edit.setPlainText("<i>good</i> talk")
    editor.minutes_spin.setValue(45)
    editor.save()
    with db.reading() as s:
        m = meetings.get(s, people["meeting"])
        assert (m.notes, m.minutes) == ("<i>good</i> talk", 45)
        assert m.start == PAST
    ws.undo_stack.undo()
    with db.reading() as s:
        m = meetings.get(s, people["meeting"])
        assert (m.notes, m.minutes) == (None, 30)


def test_delete_meeting_is_undoable(db: Any, people: dict[str, int]) -> None:
    ws = make_workspace(db)
    edits.delete_meeting(ws, people["meeting"])
    assert _count(db, Meeting) == 0
    ws.undo_stack.undo()
    with db.reading() as s:
        assert meetings.get(s, people["meeting"]).start == PAST


def test_log_flow_creates_referrals_followup_and_stage_in_one_step(
    qtbot: Any, db: Any, people: dict[str, int]
) -> None:
    ws = make_workspace(db)
    dialog = LogMeetingDialog(ws, people["ada"])
    qtbot.addWidget(dialog)
    # The scheduled, not yet logged meeting is offered first.
    assert dialog.meeting_combo.currentData() == people["meeting"]
    dialog.notes_edit.setPlainText("Talked about the data team")
    dialog.outcome_edit.setPlainText("Two introductions")
    dialog.referrals.add(ReferralGained(contact_id=people["bob"]))
    dialog.referrals.add(ReferralGained(new_name="Dee Okafor", new_company="Initech"))
    assert "Referred on" in dialog.stage_hint.text()
    dialog.ring_check.setChecked(True)
    assert dialog.ring_combo.currentData() == 2  # one ring inward from the outer ring
    due = dialog.build_log().thank_you_due
    assert due is not None
    # The meeting ended hours ago: the thank-you is due within 24 hours from now.
    assert dt.timedelta(hours=23) < due - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=24)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ws.undo_stack.count() == 1
    with db.reading() as s:
        ada = contacts.get(s, people["ada"])
        assert ada.stage is Stage.REFERRED_ON
        assert ada.ring == 2
        m = meetings.get(s, people["meeting"])
        assert m.notes == "Talked about the data team"
        assert len(m.referrals) == 2
        assert [f.title for f in m.followups] == ["Send a thank-you note"]
    assert _count(db, Contact) == 3
    ws.undo_stack.undo()
    with db.reading() as s:
        ada = contacts.get(s, people["ada"])
        assert (ada.stage, ada.ring) == (Stage.MEETING_SCHEDULED, 3)
        assert meetings.get(s, people["meeting"]).notes is None
    assert _count(db, Referral) == 0
    assert _count(db, FollowUp) == 0
    assert _count(db, Contact) == 2


def test_meetings_model_passes_qtmodeltester(qtmodeltester: Any, db: Any, people: Any) -> None:
    from networkdesk.ui.models.meetings_model import MeetingsModel, load_meetings

    with db.transaction() as s:
        meetings.add(s, people["bob"], PAST + dt.timedelta(days=2), location="<b>HQ</b>")
    model = MeetingsModel()
    with db.reading() as s:
        model.set_rows(load_meetings(s))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(1, 4).data() == "<b>HQ</b>"
    assert model.index(1, 5).data() == "Upcoming"
    assert model.index(0, 5).data() == "Not logged yet"
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Bob <b>Builder</b>"
