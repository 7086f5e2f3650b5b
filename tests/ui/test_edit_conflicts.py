"""Two editors, one row: a save (or an undo) whose row was changed elsewhere since it was read
shows both versions and lets the person choose; nothing is silently overwritten."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.domain.enums import ReferralStatus
from networkdesk.domain.fields import ContactFields, ReferralFields
from networkdesk.services import companies, contacts, followups, interactions, meetings, referrals
from networkdesk.services.records.interactions import edit_interaction
from networkdesk.services.versions import FieldClash
from networkdesk.ui.controllers import edits
from networkdesk.ui.controllers.commands import apply
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.companies_panel import CompanyDialog
from networkdesk.ui.views.contact_editor import ContactEditor
from networkdesk.ui.views.edit_conflict import Choice, EditConflictDialog
from networkdesk.ui.views.followups_agenda import FollowupDialog
from networkdesk.ui.views.meeting_editor import MeetingEditor
from networkdesk.ui.views.referrals_panel import ReferralDialog

pytestmark = pytest.mark.usefixtures("qapp")


class Asked:
    """Stands in for the dialog: records what it was shown, answers `choice`."""

    def __init__(self, choice: Choice) -> None:
        self.choice = choice
        self.calls: list[tuple[str, tuple[FieldClash, ...]]] = []

    def __call__(self, _parent: Any, what: str, clashes: tuple[FieldClash, ...]) -> Choice:
        self.calls.append((what, clashes))
        return self.choice


def answer(monkeypatch: pytest.MonkeyPatch, choice: Choice) -> Asked:
    asked = Asked(choice)
    monkeypatch.setattr(edit_conflict, "ask", asked)
    return asked


@pytest.fixture
def ada(db: Any) -> int:
    with db.transaction() as s:
        return int(contacts.add(s, "Ada", notes="first", title="Engineer").id)


def elsewhere(db: Any, contact_id: int, **fields: Any) -> None:
    with db.transaction() as s:
        contacts.edit(s, contact_id, **fields)


def notes_of(db: Any, contact_id: int) -> str | None:
    with db.reading() as s:
        return contacts.get(s, contact_id).notes


def open_editor(qtbot: Any, db: Any, contact_id: int) -> ContactEditor:
    editor = ContactEditor(make_workspace(db), contact_id)
    qtbot.addWidget(editor)
    return editor


def test_an_unchanged_row_saves_without_asking(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    editor = open_editor(qtbot, db, ada)
    editor.notes_edit.setPlainText("mine")
    editor.save()
    assert asked.calls == []
    assert notes_of(db, ada) == "mine"


def test_a_save_over_a_change_made_elsewhere_shows_both_and_goes_back(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    editor = open_editor(qtbot, db, ada)
    editor.show()
    elsewhere(db, ada, notes="<b>theirs</b>")
    editor.notes_edit.setPlainText("mine")
    editor.save()
    ((what, clashes),) = asked.calls
    assert what == "This contact"
    assert [(c.name, c.mine, c.theirs) for c in clashes] == [("notes", "mine", "<b>theirs</b>")]
    assert notes_of(db, ada) == "<b>theirs</b>"  # not overwritten
    assert editor.isVisible()  # back to editing
    # Choosing to keep mine saves over it.
    asked.choice = Choice.KEEP_MINE
    editor.save()
    assert notes_of(db, ada) == "mine"


def test_taking_theirs_closes_the_editor_without_saving(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch, unsaved_answers: Any
) -> None:
    answer(monkeypatch, Choice.TAKE_THEIRS)
    editor = open_editor(qtbot, db, ada)
    editor.show()
    elsewhere(db, ada, notes="theirs")
    editor.notes_edit.setPlainText("mine")
    editor.save()
    assert notes_of(db, ada) == "theirs"
    assert editor.result() == ContactEditor.DialogCode.Rejected
    # The person chose: no "save the changes?" after it (whose Save would save theirs over).
    assert unsaved_answers.asked == []


def test_taking_theirs_closes_the_meeting_editor_without_asking_again(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch, unsaved_answers: Any
) -> None:
    answer(monkeypatch, Choice.TAKE_THEIRS)
    with db.transaction() as s:
        meeting = meetings.add(s, ada, dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), notes="a").id
    editor = MeetingEditor(make_workspace(db), meeting_id=meeting)
    qtbot.addWidget(editor)
    editor.show()
    with db.transaction() as s:
        meetings.edit(s, meeting, notes="theirs")
    editor.notes_edit.setPlainText("mine")
    editor.save()
    with db.reading() as s:
        assert meetings.get(s, meeting).notes == "theirs"
    assert editor.result() == MeetingEditor.DialogCode.Rejected
    assert unsaved_answers.asked == []


def test_a_change_elsewhere_to_another_field_is_kept_without_asking(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    editor = open_editor(qtbot, db, ada)
    elsewhere(db, ada, title="Director")
    editor.notes_edit.setPlainText("mine")
    editor.save()
    assert asked.calls == []
    with db.reading() as s:
        contact = contacts.get(s, ada)
        assert (contact.notes, contact.title) == ("mine", "Director")


def test_the_meeting_editor_asks_too(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    with db.transaction() as s:
        meeting = meetings.add(s, ada, dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), notes="a").id
    editor = MeetingEditor(make_workspace(db), meeting_id=meeting)
    qtbot.addWidget(editor)
    with db.transaction() as s:
        meetings.edit(s, meeting, notes="theirs")
    editor.notes_edit.setPlainText("mine")
    editor.save()
    assert [c.name for c in asked.calls[0][1]] == ["notes"]
    with db.reading() as s:
        assert meetings.get(s, meeting).notes == "theirs"


def test_the_dialog_shows_both_versions_as_plain_text(qtbot: Any) -> None:
    clashes = (
        FieldClash("notes", "<i>mine</i>", "<b>theirs</b>"),
        FieldClash("tag_names", [], ["a"]),
    )
    dialog = EditConflictDialog(None, "This contact", clashes)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert [table.item(0, c).text() for c in range(3)] == ["notes", "<i>mine</i>", "<b>theirs</b>"]
    assert [table.item(1, c).text() for c in range(3)] == ["tags", "(empty)", "a"]
    assert dialog.back.isDefault()
    dialog.take_theirs.click()
    assert dialog.choice is Choice.TAKE_THEIRS


def test_window_undo_of_a_row_changed_elsewhere_asks(
    window: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.TAKE_THEIRS)
    stack = window.workspace.undo_stack
    edits.edit_contact(window.workspace, ada, ContactFields(notes="mine"))
    assert stack.count() == 1
    elsewhere(db, ada, notes="theirs")
    stack.undo()
    assert len(asked.calls) == 1
    assert notes_of(db, ada) == "theirs"  # their change stays
    assert stack.count() == 0  # and the step is gone
    # Keep mine: the undo reverts anyway.
    asked.choice = Choice.KEEP_MINE
    edits.edit_contact(window.workspace, ada, ContactFields(notes="mine again"))
    elsewhere(db, ada, notes="theirs again")
    stack.undo()
    assert notes_of(db, ada) == "theirs"


@pytest.fixture
def referral(db: Any, ada: int) -> int:
    with db.transaction() as s:
        bo = contacts.add(s, "Bo").id
        return int(referrals.add(s, ada, bo, note="first").id)


def referral_elsewhere(db: Any, referral_id: int, **fields: Any) -> None:
    with db.transaction() as s:
        referrals.edit(s, referral_id, **fields)


def referral_state(db: Any, referral_id: int) -> tuple[ReferralStatus, str | None]:
    with db.reading() as s:
        found = referrals.get(s, referral_id)
        return found.status, found.note


def open_referral(qtbot: Any, db: Any, referral_id: int) -> ReferralDialog:
    dialog = ReferralDialog(make_workspace(db), referral_id=referral_id)
    qtbot.addWidget(dialog)
    return dialog


def test_the_referral_dialog_asks_before_saving_over_a_change_made_elsewhere(
    qtbot: Any, db: Any, referral: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    dialog = open_referral(qtbot, db, referral)
    dialog.show()
    referral_elsewhere(db, referral, note="<b>theirs</b>")
    dialog.note_edit.setPlainText("mine")
    dialog.save()
    ((what, clashes),) = asked.calls
    assert what == "This referral"
    assert [(c.name, c.mine, c.theirs) for c in clashes] == [("note", "mine", "<b>theirs</b>")]
    assert referral_state(db, referral) == (ReferralStatus.SUGGESTED, "<b>theirs</b>")
    assert dialog.isVisible()  # back to editing
    asked.choice = Choice.KEEP_MINE
    dialog.save()
    assert referral_state(db, referral) == (ReferralStatus.SUGGESTED, "mine")
    assert dialog.result() == ReferralDialog.DialogCode.Accepted


def test_taking_theirs_closes_the_referral_dialog_without_saving_or_asking_again(
    qtbot: Any, db: Any, referral: int, monkeypatch: pytest.MonkeyPatch, unsaved_answers: Any
) -> None:
    answer(monkeypatch, Choice.TAKE_THEIRS)
    dialog = open_referral(qtbot, db, referral)
    dialog.show()
    referral_elsewhere(db, referral, status=ReferralStatus.MET)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("declined"))
    dialog.save()
    assert referral_state(db, referral) == (ReferralStatus.MET, "first")
    assert dialog.result() == ReferralDialog.DialogCode.Rejected
    assert unsaved_answers.asked == []  # the choice was made: no "save the changes?" after it


def test_the_referral_dialog_keeps_a_change_made_elsewhere_to_the_other_field(
    qtbot: Any, db: Any, referral: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    dialog = open_referral(qtbot, db, referral)
    referral_elsewhere(db, referral, note="theirs")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("introduced"))
    dialog.save()
    assert asked.calls == []
    # Only the status was changed here: their note is not overwritten with the one read.
    assert referral_state(db, referral) == (ReferralStatus.INTRODUCED, "theirs")


def test_window_undo_of_a_referral_changed_elsewhere_asks(
    window: Any, db: Any, referral: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.TAKE_THEIRS)
    stack = window.workspace.undo_stack
    edits.edit_referral(window.workspace, referral, ReferralFields(note="mine"))
    referral_elsewhere(db, referral, note="theirs")
    stack.undo()
    ((what, clashes),) = asked.calls
    assert "referral 1" in what
    assert [(c.name, c.mine, c.theirs) for c in clashes] == [("note", "first", "theirs")]
    assert referral_state(db, referral) == (ReferralStatus.SUGGESTED, "theirs")
    assert stack.count() == 0


def test_window_undo_of_an_interaction_changed_elsewhere_asks(
    window: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.TAKE_THEIRS)
    with db.transaction() as s:
        touch = interactions.add(s, ada, kind="email", direction="in", note="first")
    stack = window.workspace.undo_stack
    apply(window.workspace, lambda s: edit_interaction(s, touch.interaction_id, note="mine"))
    with db.transaction() as s:
        interactions.edit(s, touch.interaction_id, note="theirs")
    stack.undo()
    ((what, clashes),) = asked.calls
    assert "interaction 1" in what
    assert [(c.name, c.mine, c.theirs) for c in clashes] == [("note", "first", "theirs")]
    with db.reading() as s:
        assert interactions.get(s, touch.interaction_id).note == "theirs"
    assert stack.count() == 0


def test_the_meeting_editor_keeps_a_change_made_elsewhere_to_a_field_left_alone(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    with db.transaction() as s:
        meeting = meetings.add(s, ada, dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), notes="a").id
    editor = MeetingEditor(make_workspace(db), meeting_id=meeting)
    qtbot.addWidget(editor)
    with db.transaction() as s:
        meetings.edit(s, meeting, notes="theirs")
    editor.outcome_edit.setPlainText("mine")
    editor.save()
    assert asked.calls == []  # the notes were not touched here: nothing to choose
    with db.reading() as s:
        saved = meetings.get(s, meeting)
        assert (saved.notes, saved.outcome) == ("theirs", "mine")


def test_the_company_dialog_asks_and_keeps_changes_to_fields_left_alone(
    qtbot: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    with db.transaction() as s:
        acme, _created = companies.upsert(s, "Acme", mission="first")
        acme_id = int(acme.id)
    dialog = CompanyDialog(make_workspace(db), acme_id)
    qtbot.addWidget(dialog)
    with db.transaction() as s:
        companies.edit(s, acme_id, mission="theirs", website="https://acme.example")
    dialog.mission_edit.setPlainText("mine")
    dialog.save()
    ((what, clashes),) = asked.calls
    assert what == "This company"
    assert [(c.name, c.mine, c.theirs) for c in clashes] == [("mission", "mine", "theirs")]
    with db.reading() as s:
        assert companies.get(s, acme_id).mission == "theirs"
    asked.choice = Choice.KEEP_MINE
    dialog.save()
    with db.reading() as s:
        saved = companies.get(s, acme_id)
        # Their website, a field left alone here, is kept.
        assert (saved.mission, saved.website) == ("mine", "https://acme.example")


def test_the_followup_dialog_asks_and_taking_theirs_closes_it(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch, unsaved_answers: Any
) -> None:
    asked = answer(monkeypatch, Choice.TAKE_THEIRS)
    with db.transaction() as s:
        due = dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC)
        followup = int(followups.add(s, ada, due, title="Call", notes="first").id)
    dialog = FollowupDialog(make_workspace(db), followup_id=followup)
    qtbot.addWidget(dialog)
    dialog.show()
    with db.transaction() as s:
        followups.edit(s, followup, notes="theirs")
    dialog.notes_edit.setPlainText("mine")
    dialog.save()
    assert [c.name for c in asked.calls[0][1]] == ["notes"]
    with db.reading() as s:
        assert followups.get(s, followup).notes == "theirs"
    assert dialog.result() == FollowupDialog.DialogCode.Rejected
    assert unsaved_answers.asked == []


def test_the_followup_dialog_saves_a_field_changed_here_without_asking(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, Choice.BACK)
    with db.transaction() as s:
        due = dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC)
        followup = int(followups.add(s, ada, due, title="Call", notes="first").id)
    dialog = FollowupDialog(make_workspace(db), followup_id=followup)
    qtbot.addWidget(dialog)
    with db.transaction() as s:
        followups.edit(s, followup, title="Call back")
    dialog.notes_edit.setPlainText("mine")
    dialog.save()
    assert asked.calls == []
    with db.reading() as s:
        saved = followups.get(s, followup)
        assert (saved.title, saved.notes, saved.due) == ("Call back", "mine", due)


def test_the_interaction_dialog_asks_before_saving_over_a_change_made_elsewhere(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views.interaction_dialog import InteractionDialog

    asked = answer(monkeypatch, Choice.BACK)
    with db.transaction() as s:
        touch = interactions.add(s, ada, kind="email", direction="out", note="first")
    dialog = InteractionDialog(make_workspace(db), touch.interaction_id)
    qtbot.addWidget(dialog)
    dialog.show()
    with db.transaction() as s:
        interactions.edit(s, touch.interaction_id, note="theirs", kind="call")
    dialog.note_edit.setPlainText("mine")
    dialog.save()
    ((what, clashes),) = asked.calls
    assert what == "This interaction"
    assert [(c.name, c.mine, c.theirs) for c in clashes] == [("note", "mine", "theirs")]
    with db.reading() as s:
        assert interactions.get(s, touch.interaction_id).note == "theirs"
    assert dialog.isVisible()  # back to editing
    asked.choice = Choice.KEEP_MINE
    dialog.save()
    with db.reading() as s:
        row = interactions.get(s, touch.interaction_id)
        assert (row.note, row.kind.value) == ("mine", "call")  # their kind, left alone, stays
