"""The pipeline inside the main window: docked panels, menu actions and shortcuts, delete with
undo, the due-today status, and double-click opening the contact editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDockWidget, QLineEdit, QTableView

from networkdesk.services import contacts, followups


def test_double_click_opens_the_editor_without_blocking(window: Any, db: Any, qtbot: Any) -> None:
    """The real path: the editor opens window-modal and the event loop goes on."""
    with db.transaction() as s:
        ada_id = contacts.add(s, "Ada").id
    window.workspace.notify()
    window.workspace.openContactRequested.emit(ada_id)
    editor = window.findChild(QDialog, "contactEditor")
    assert editor is not None
    assert editor.isVisible()
    assert editor.contact_id == ada_id
    editor.reject()


@pytest.fixture
def opened(window: Any, qtbot: Any) -> list[QDialog]:
    """Dialogs the pipeline would run, recorded instead of shown modally."""
    shown: list[QDialog] = []

    def run(dialog: QDialog, on_accept: Any = None) -> None:
        shown.append(dialog)

    window.pipeline._run = run
    return shown


def test_panels_and_actions_are_installed(window: Any) -> None:
    names = {dock.objectName() for dock in window.findChildren(QDockWidget)}
    assert {"contactsDock", "followupsDock", "referralsDock", "companiesDock"} <= names
    assert window.findChild(QTableView, "contactsTable") is not None
    pipeline = window.pipeline
    assert pipeline.new_contact_action.shortcut().toString() == "Ctrl+N"
    assert pipeline.find_action.shortcut().toString() == "Ctrl+F"
    assert pipeline.delete_action.shortcut().toString() == "Del"
    assert pipeline.restore_action in window.menu("file").actions()
    assert pipeline.settings_action in window.menu("edit").actions()


def test_ctrl_f_focuses_the_search_field(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    window.pipeline.find_action.trigger()
    search = window.findChild(QLineEdit, "contactsSearch")
    qtbot.waitUntil(lambda: search.hasFocus() or window.focusWidget() is search)


def test_delete_selected_contact_and_undo(window: Any, db: Any, qtbot: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", ring=2)
        followups.add(s, ada.id, dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
        ada_id = ada.id
    window.workspace.notify()
    window.workspace.select_contact(ada_id)
    panel = window.pipeline.contacts_panel
    assert panel.selected_contact_id() == ada_id
    window.pipeline.delete_action.trigger()
    with db.reading() as s:
        assert contacts.count(s) == 0
    assert panel.model.rowCount() == 0
    window.workspace.undo_stack.undo()
    with db.reading() as s:
        assert contacts.get(s, ada_id).name == "Ada"
        assert len(followups.list_followups(s, contact_id=ada_id)) == 1
    assert panel.model.rowCount() == 1


def test_status_bar_counts_follow_ups_due_today(window: Any, db: Any) -> None:
    now = dt.datetime.now(dt.UTC)
    with db.transaction() as s:
        ada = contacts.add(s, "Ada")
        followups.add(s, ada.id, now - dt.timedelta(days=2))
        # Due later today in local time (or overdue if the day is nearly over: both visible).
        followups.add(s, ada.id, now + dt.timedelta(minutes=1))
    window.workspace.notify({"followups"})
    label = window.pipeline.due_label
    assert "due today" in label.text()
    assert "overdue" in label.text()


def test_double_click_opens_the_contact_editor(window: Any, db: Any, opened: list[QDialog]) -> None:
    with db.transaction() as s:
        ada_id = contacts.add(s, "Ada <b>Lovelace</b>").id
    window.workspace.notify()
    panel = window.pipeline.contacts_panel
    window.pipeline.contacts_dock.show()
    window.pipeline.contacts_dock.raise_()
    table = panel.table
    rect = table.visualRect(panel.model.index(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
    editor = opened[0]
    assert editor.objectName() == "contactEditor"
    assert editor.contact_id == ada_id
    assert editor.name_edit.text() == "Ada <b>Lovelace</b>"


def test_scheduling_with_a_target_contact_shows_practice_notice(
    window: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import companies

    with db.transaction() as s:
        companies.upsert(s, "Dream Co", target=True)
        star = contacts.add(s, "Star", company="Dream Co", ring=1).id
    window.workspace.notify()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        window, "show_notice", lambda text, kind="info", *_a, **_k: shown.append((kind, text))
    )

    def run(dialog: QDialog, on_accept: Any = None) -> None:
        dialog.save()  # the editor's defaults: tomorrow, 30 minutes
        if dialog.result() == QDialog.DialogCode.Accepted and on_accept is not None:
            on_accept()

    window.pipeline._run = run
    window.pipeline.schedule_meeting(star)
    with db.reading() as s:
        assert len(contacts.get(s, star).meetings) == 1
    assert len(shown) == 1
    kind, text = shown[0]
    assert kind == "warning"
    assert "Star" in text


def test_closing_the_window_cancels_open_editors(window: Any, db: Any) -> None:
    from PySide6.QtWidgets import QApplication

    with db.transaction() as s:
        ada_id = contacts.add(s, "Ada").id
    window.workspace.notify()
    window.workspace.openContactRequested.emit(ada_id)
    editor = window.findChild(QDialog, "contactEditor")
    editor.name_edit.setText("Not saved")
    window.close()
    assert QApplication.activeModalWidget() is None
    with db.reading() as s:
        assert contacts.get(s, ada_id).name == "Ada"
