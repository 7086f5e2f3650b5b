"""Settings dialog (stored through services.settings, undoable) and Restore from backup."""

from __future__ import annotations

from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.services import contacts, settings
from networkdesk.storage import backups
from networkdesk.ui.models.meetings_model import MeetingsModel
from networkdesk.ui.models.ring_history_model import RingHistoryModel, load_ring_history
from networkdesk.ui.views.restore_dialog import RestoreDialog
from networkdesk.ui.views.settings_dialog import SettingsDialog

pytestmark = pytest.mark.usefixtures("qapp")


def test_settings_saved_and_undone(qtbot: Any, db: Any) -> None:
    ws = make_workspace(db)
    dialog = SettingsDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.threshold_spin.value() == 3
    dialog.threshold_spin.setValue(5)
    dialog.reminder_spin.setValue(30)
    dialog.ring_edits[0].setText("Stars")
    dialog.ring_edits[3].setText("")  # empty falls back to the default name
    dialog.save()
    with db.reading() as s:
        assert settings.get(s, "practice_threshold") == 5
        assert settings.get(s, "default_reminder_minutes") == 30
        assert settings.get(s, "ring_names") == ["Stars", "Inner", "Middle", "Outer"]
    ws.undo_stack.undo()
    with db.reading() as s:
        assert settings.all_settings(s) == settings.DEFAULTS


def test_restore_dialog_lists_backups_and_restores(qtbot: Any, db: Any, db_path: Any) -> None:
    with db.transaction() as s:
        contacts.add(s, "Before")
    backups.create_backup(db_path, reason="auto")
    with db.transaction() as s:
        contacts.add(s, "After")
    ws = make_workspace(db)
    changed: list[Any] = []
    ws.changed.connect(changed.append)
    dialog = RestoreDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "automatic" in dialog.list.item(0).text()
    assert dialog.restore_button.isEnabled()
    dialog.restore()
    assert dialog.restored is not None
    with db.reading() as s:
        assert [c.name for c in contacts.list_contacts(s)] == ["Before"]
    assert changed, "the window is told to reload everything"
    # The data before the restore was kept as a backup of its own.
    reasons = {b.reason for b in backups.list_backups(db_path)}
    assert "before-restore" in reasons


def test_restore_dialog_without_backups_says_so(qtbot: Any, db: Any) -> None:
    ws = make_workspace(db)
    dialog = RestoreDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    assert "No backups yet" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()


def test_ring_history_and_meetings_models_pass_qtmodeltester(qtmodeltester: Any, db: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", ring=3)
        contacts.move(s, ada.id, 1)
        ada_id = ada.id
    model = RingHistoryModel(settings.DEFAULTS["ring_names"])
    with db.reading() as s:
        model.set_rows(load_ring_history(s, ada_id))
    qtmodeltester.check(model)
    assert [model.index(r, 2).data() for r in range(2)] == ["Outer", "Inner"]
    assert model.index(0, 1).data() == "Inbox"
    meetings_model = MeetingsModel()
    qtmodeltester.check(meetings_model)
