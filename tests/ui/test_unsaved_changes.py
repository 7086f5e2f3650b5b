"""Nothing typed is ever lost: Escape with changes asks Save / Discard / Keep editing in the
contact editor, the meeting editor and Log meeting; the draft survives a kill; quitting asks once
for all open editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from networkdesk.services import contacts, meetings
from networkdesk.ui.views.contact_editor import ContactEditor
from networkdesk.ui.views.log_meeting_wizard import LogMeetingDialog
from networkdesk.ui.views.meeting_editor import MeetingEditor
from networkdesk.ui.views.unsaved_changes import Choice, ask_before_quit, drafts_for

pytestmark = pytest.mark.usefixtures("qapp")

TYPED = "Met at the meetup, ask about the platform team."


@pytest.fixture
def ada(db: Any) -> int:
    with db.transaction() as s:
        return int(contacts.add(s, "Ada Lovelace", company="Acme", notes="first").id)


def _contact_editor(ws: Any, contact_id: int) -> tuple[QDialog, QPlainTextEdit]:
    editor = ContactEditor(ws, contact_id)
    return editor, editor.notes_edit


def _meeting_editor(ws: Any, contact_id: int) -> tuple[QDialog, QPlainTextEdit]:
    editor = MeetingEditor(ws, contact_id=contact_id)
    return editor, editor.notes_edit


def _log_meeting(ws: Any, contact_id: int) -> tuple[QDialog, QPlainTextEdit]:
    dialog = LogMeetingDialog(ws, contact_id)
    return dialog, dialog.notes_edit


EDITORS: dict[str, Callable[[Any, int], tuple[QDialog, QPlainTextEdit]]] = {
    "contact editor": _contact_editor,
    "meeting editor": _meeting_editor,
    "log meeting": _log_meeting,
}


def _open(qtbot: Any, make: Callable[..., tuple[QDialog, QPlainTextEdit]], ws: Any, cid: int):
    dialog, notes = make(ws, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, notes


def _type(qtbot: Any, edit: QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, text)


def _escape(qtbot: Any, dialog: QDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


@pytest.mark.parametrize("name", EDITORS)
def test_escape_without_changes_closes_without_asking(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any, name: str
) -> None:
    dialog, _notes = _open(qtbot, EDITORS[name], make_workspace(db), ada)
    _escape(qtbot, dialog)
    assert not dialog.isVisible()
    assert unsaved_answers.asked == []


@pytest.mark.parametrize("name", EDITORS)
def test_escape_with_changes_asks_and_keep_editing_keeps_the_text(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any, name: str
) -> None:
    dialog, notes = _open(qtbot, EDITORS[name], make_workspace(db), ada)
    _type(qtbot, notes, TYPED)
    unsaved_answers.answer = Choice.KEEP_EDITING
    _escape(qtbot, dialog)
    assert len(unsaved_answers.asked) == 1
    assert "without saving" in unsaved_answers.asked[0]
    assert dialog.isVisible()
    assert TYPED in notes.toPlainText()
    # The close button (a close event) asks the same question.
    dialog.close()
    assert len(unsaved_answers.asked) == 2
    assert dialog.isVisible()


@pytest.mark.parametrize("name", EDITORS)
def test_discard_closes_and_changes_nothing(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any, name: str
) -> None:
    ws = make_workspace(db)
    dialog, notes = _open(qtbot, EDITORS[name], ws, ada)
    _type(qtbot, notes, TYPED)
    unsaved_answers.answer = Choice.DISCARD
    _escape(qtbot, dialog)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    with db.reading() as s:
        assert contacts.get(s, ada).notes == "first"
        assert all(TYPED not in (m.notes or "") for m in meetings.list_meetings(s))
    store = drafts_for(ws)
    assert store is not None
    assert store.keys() == []


def test_save_from_the_question_saves_the_contact(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any
) -> None:
    dialog, notes = _open(qtbot, _contact_editor, make_workspace(db), ada)
    _type(qtbot, notes, TYPED)
    unsaved_answers.answer = Choice.SAVE
    _escape(qtbot, dialog)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as s:
        assert contacts.get(s, ada).notes == "first" + TYPED


def test_save_from_the_question_saves_the_meeting(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any
) -> None:
    dialog, notes = _open(qtbot, _meeting_editor, make_workspace(db), ada)
    _type(qtbot, notes, TYPED)
    unsaved_answers.answer = Choice.SAVE
    _escape(qtbot, dialog)
    assert not dialog.isVisible()
    with db.reading() as s:
        assert [m.notes for m in meetings.list_meetings(s, contact_id=ada)] == [TYPED]


def test_save_from_the_question_logs_the_meeting(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any
) -> None:
    dialog, notes = _open(qtbot, _log_meeting, make_workspace(db), ada)
    _type(qtbot, notes, TYPED)
    unsaved_answers.answer = Choice.SAVE
    _escape(qtbot, dialog)
    assert not dialog.isVisible()
    with db.reading() as s:
        assert [m.notes for m in meetings.list_meetings(s, contact_id=ada)] == [TYPED]


@pytest.mark.parametrize("name", EDITORS)
def test_draft_survives_a_kill_and_is_offered_back(
    qtbot: Any, db: Any, ada: int, name: str
) -> None:
    ws = make_workspace(db)
    dialog, notes = _open(qtbot, EDITORS[name], ws, ada)
    _type(qtbot, notes, TYPED)
    store = drafts_for(ws)
    assert store is not None
    qtbot.waitUntil(lambda: len(store.keys()) == 1)
    [key] = store.keys()
    draft = store.load(key)
    assert draft is not None
    assert TYPED in draft.values["notes"]
    # A kill: the editor goes without being saved, rejected or asked anything.
    dialog.hide()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: store.load(key) is not None)

    again, again_notes = _open(qtbot, EDITORS[name], ws, ada)
    offer = again.guard.offer
    assert offer is not None
    assert offer.isVisible()
    assert TYPED not in again_notes.toPlainText()
    qtbot.mouseClick(offer.restore_button, Qt.MouseButton.LeftButton)
    assert TYPED in again_notes.toPlainText()
    assert not offer.isVisible()
    assert again.guard.has_changes()


def test_a_discarded_draft_is_not_offered_again(qtbot: Any, db: Any, ada: int) -> None:
    ws = make_workspace(db)
    dialog, notes = _open(qtbot, _contact_editor, ws, ada)
    _type(qtbot, notes, TYPED)
    dialog.guard.write_draft()
    dialog.hide()
    again, _notes = _open(qtbot, _contact_editor, ws, ada)
    assert again.guard.offer is not None
    qtbot.mouseClick(again.guard.offer.discard_button, Qt.MouseButton.LeftButton)
    store = drafts_for(ws)
    assert store is not None
    assert store.keys() == []
    third, _n = _open(qtbot, _contact_editor, ws, ada)
    assert third.guard.offer is None


def test_quitting_asks_once_for_all_open_editors(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any
) -> None:
    ws = make_workspace(db)
    first, first_notes = _open(qtbot, _contact_editor, ws, ada)
    second, second_notes = _open(qtbot, _meeting_editor, ws, ada)
    untouched, _n = _open(qtbot, _log_meeting, ws, ada)
    _type(qtbot, first_notes, TYPED)
    _type(qtbot, second_notes, TYPED)

    unsaved_answers.answer = Choice.KEEP_EDITING
    assert ask_before_quit(None) is False
    assert len(unsaved_answers.asked) == 1
    assert unsaved_answers.asked[0].startswith("2 open editors")
    assert first.isVisible()
    assert second.isVisible()

    unsaved_answers.answer = Choice.SAVE
    assert ask_before_quit(None) is True
    assert len(unsaved_answers.asked) == 2
    assert not first.isVisible()
    assert not second.isVisible()
    assert untouched.isVisible()  # nothing typed there: nothing to ask or save
    with db.reading() as s:
        assert contacts.get(s, ada).notes == "first" + TYPED
        assert TYPED in [m.notes for m in meetings.list_meetings(s, contact_id=ada)]


def test_quitting_the_window_with_an_open_editor_asks_once(
    qtbot: Any, window: Any, ada: int, unsaved_answers: Any
) -> None:
    dialog, notes = _open(qtbot, _contact_editor, window.workspace, ada)
    _type(qtbot, notes, TYPED)
    unsaved_answers.answer = Choice.KEEP_EDITING
    window.close()
    assert window.isVisible()
    assert dialog.isVisible()
    assert len(unsaved_answers.asked) == 1
    unsaved_answers.answer = Choice.DISCARD
    window.close()
    assert not window.isVisible()
    assert len(unsaved_answers.asked) == 2


def _small_dialogs(ws: Any, ada: int) -> dict[str, tuple[QDialog, Any]]:
    from networkdesk.ui.views.companies_panel import CompanyDialog
    from networkdesk.ui.views.followups_agenda import FollowupDialog
    from networkdesk.ui.views.referrals_panel import ReferralDialog
    from networkdesk.ui.views.settings_dialog import SettingsDialog

    followup = FollowupDialog(ws, contact_id=ada)
    referral = ReferralDialog(ws, from_id=ada)
    company = CompanyDialog(ws, None)
    settings_dialog = SettingsDialog(ws)
    return {
        "follow-up": (followup, followup.notes_edit),
        "referral": (referral, referral.note_edit),
        "company": (company, company.notes_edit),
        "settings": (settings_dialog, settings_dialog.ring_edits[0]),
    }


@pytest.mark.parametrize("name", ["follow-up", "referral", "company", "settings"])
def test_the_other_editing_dialogs_ask_too(
    qtbot: Any, db: Any, ada: int, unsaved_answers: Any, name: str
) -> None:
    ws = make_workspace(db)
    untouched, _edit = _small_dialogs(ws, ada)[name]
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.waitExposed(untouched)
    _escape(qtbot, untouched)  # nothing typed: closes without a question
    assert not untouched.isVisible()
    assert unsaved_answers.asked == []
    dialog, edit = _small_dialogs(ws, ada)[name]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit.setFocus()
    qtbot.keyClicks(edit, "typed")
    unsaved_answers.answer = Choice.KEEP_EDITING
    _escape(qtbot, dialog)
    assert dialog.isVisible()
    assert len(unsaved_answers.asked) == 1
    unsaved_answers.answer = Choice.DISCARD
    _escape(qtbot, dialog)
    assert not dialog.isVisible()
