"""The contact editor: save is one undo step, cancel changes nothing, HTML stays literal,
deleting a contact is undoable."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel

from networkdesk.cli.serialize import contact_detail
from networkdesk.domain.enums import Stage
from networkdesk.services import contacts, followups, meetings, referrals
from networkdesk.ui.controllers import edits
from networkdesk.ui.views import link_label
from networkdesk.ui.views.contact_editor import ContactEditor

pytestmark = pytest.mark.usefixtures("qapp")
WHEN = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def ada(db: Any) -> int:
    with db.transaction() as s:
        ada = contacts.add(
            s,
            "Ada <b>Lovelace</b>",
            company="Acme",
            emails=["ada@example.org"],
            phones=["+44 20 1234"],
            linkedin="https://www.linkedin.com/in/ada",
            tag_names=["alumni"],
            notes="<script>alert(1)</script>",
            ring=2,
        )
        bob = contacts.add(s, "Bob")
        meeting = meetings.add(s, ada.id, WHEN, notes="coffee")
        followups.add(s, ada.id, WHEN + dt.timedelta(days=1), meeting_id=meeting.id)
        referrals.add(s, ada.id, bob.id, meeting_id=meeting.id)
        return int(ada.id)


def _detail(db: Any, contact_id: int) -> dict[str, Any]:
    with db.reading() as s:
        data = contact_detail(contacts.get(s, contact_id))
        data.pop("updated_at")
        return data


def test_editor_shows_everything_and_html_literally(qtbot: Any, db: Any, ada: int) -> None:
    ws = make_workspace(db)
    editor = ContactEditor(ws, ada)
    qtbot.addWidget(editor)
    assert editor.name_edit.text() == "Ada <b>Lovelace</b>"
    assert editor.notes_edit.toPlainText() == "<script>alert(1)</script>"
    assert editor.company_combo.currentText() == "Acme"
    assert editor.ring_combo.currentData() == 2
    assert editor.meetings_model.rowCount() == 1
    assert editor.referrals_model.rowCount() == 1
    assert editor.followups_model.rowCount() == 1
    assert editor.referrals_model.index(0, 0).data() == "Ada <b>Lovelace</b>"
    assert editor.windowTitle().startswith("Ada <b>Lovelace</b>")
    # Every label that holds user text renders it as plain text.
    user_labels = [label for label in editor.findChildren(QLabel) if "<" in label.text()]
    for label in user_labels:
        assert label.textFormat().name == "PlainText", label.text()


def test_links_open_mailto_tel_and_profile(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(link_label, "open_url", lambda url: opened.append(url.toString()) or True)
    ws = make_workspace(db)
    editor = ContactEditor(ws, ada)
    qtbot.addWidget(editor)
    for label in editor.findChildren(link_label.LinkLabel):
        label.activate()
    assert "mailto:ada@example.org" in opened
    assert "tel:+44201234" in opened
    assert "https://www.linkedin.com/in/ada" in opened
    assert link_label.url_for("email", "x@y.org") == QUrl("mailto:x@y.org")


def test_cancel_changes_nothing(qtbot: Any, db: Any, ada: int) -> None:
    before = _detail(db, ada)
    ws = make_workspace(db)
    editor = ContactEditor(ws, ada)
    qtbot.addWidget(editor)
    editor.name_edit.setText("Someone else")
    editor.tags_edit.setText("x, y")
    editor.ring_combo.setCurrentIndex(1)
    editor.reject()
    assert _detail(db, ada) == before
    assert ws.undo_stack.count() == 0


def test_save_is_one_undo_step_and_undo_restores(qtbot: Any, db: Any, ada: int) -> None:
    before = _detail(db, ada)
    ws = make_workspace(db)
    editor = ContactEditor(ws, ada)
    qtbot.addWidget(editor)
    editor.name_edit.setText("Ada King")
    editor.company_combo.setCurrentText("Brand New Co")  # created on save
    editor.tags_edit.setText("alumni, mentor")
    editor.emails_edit.setPlainText("ada@example.org\nada@king.example")
    editor.stage_combo.setCurrentIndex(editor.stage_combo.findData(Stage.MET))
    editor.ring_combo.setCurrentIndex(editor.ring_combo.findData(1))
    editor.save()
    assert editor.result() == editor.DialogCode.Accepted
    assert ws.undo_stack.count() == 1
    after = _detail(db, ada)
    assert after["name"] == "Ada King"
    assert after["company"] == "Brand New Co"
    assert after["tags"] == ["alumni", "mentor"]
    assert after["emails"] == ["ada@example.org", "ada@king.example"]
    assert after["stage"] == "met"
    assert after["ring"] == 1
    ws.undo_stack.undo()
    restored = _detail(db, ada)
    # The events of Ada's meetings and follow-ups showed the new name: going back is one more
    # change to them, so their SEQUENCE keeps rising (calendars only accept a higher one).
    for key in ("meetings", "followups"):
        for old, now in zip(before[key], restored[key], strict=True):
            assert now.pop("sequence") > old.pop("sequence")
            assert now.pop("version") > old.pop("version")  # and so does the row's version
    # Undo is one more write: the row's version rises too (another editor must notice it).
    assert restored.pop("version") > before.pop("version")
    assert restored == before
    ws.undo_stack.redo()
    assert _detail(db, ada)["name"] == "Ada King"


def test_bad_input_shows_error_and_saves_nothing(
    qtbot: Any, db: Any, ada: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views import contact_editor

    shown: list[str] = []
    monkeypatch.setattr(contact_editor, "attempt", _recording_attempt(shown), raising=True)
    before = _detail(db, ada)
    ws = make_workspace(db)
    editor = ContactEditor(ws, ada)
    qtbot.addWidget(editor)
    editor.name_edit.setText("Ada 2")
    editor.emails_edit.setPlainText("not an address")
    editor.save()
    assert shown == ["bad e-mail address 'not an address'"]
    assert editor.result() != editor.DialogCode.Accepted
    assert _detail(db, ada) == before
    assert ws.undo_stack.count() == 0


def _recording_attempt(shown: list[str]) -> Any:
    from networkdesk.domain.errors import NetworkdeskError

    def attempt(_parent: Any, _title: str, work: Any) -> Any:
        try:
            return work()
        except NetworkdeskError as exc:
            shown.append(str(exc))
            return None

    return attempt


def test_new_contact_saves_and_undo_removes_it(qtbot: Any, db: Any) -> None:
    ws = make_workspace(db)
    editor = ContactEditor(ws, None)
    qtbot.addWidget(editor)
    assert not editor.activity.isEnabled()
    editor.name_edit.setText("Chloé <i>Durand</i>")
    editor.company_combo.setCurrentText("Globex")
    editor.ring_combo.setCurrentIndex(editor.ring_combo.findData(3))
    editor.save()
    new_id = editor.saved_id
    assert new_id is not None
    detail = _detail(db, new_id)
    assert (detail["name"], detail["company"], detail["ring"]) == (
        "Chloé <i>Durand</i>",
        "Globex",
        3,
    )
    ws.undo_stack.undo()
    with db.reading() as s:
        assert contacts.count(s) == 0
    ws.undo_stack.redo()
    assert _detail(db, new_id)["name"] == "Chloé <i>Durand</i>"  # same id after redo


def test_delete_contact_undo_and_redo(qtbot: Any, db: Any, ada: int) -> None:
    before = _detail(db, ada)
    ws = make_workspace(db)
    edits.delete_contact(ws, ada)
    with db.reading() as s:
        assert contacts.count(s) == 1
        assert referrals.list_referrals(s) == []
    ws.undo_stack.undo()
    restored = _detail(db, ada)
    for kind in ("meetings", "followups"):
        for item in (*restored[kind], *before[kind]):
            item.pop("sequence")
    assert restored == before
    with db.reading() as s:
        assert len(referrals.list_referrals(s)) == 1
    ws.undo_stack.redo()
    with db.reading() as s:
        assert contacts.count(s) == 1
