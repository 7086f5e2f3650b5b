"""Referrals: model contract, panel listing, edit and delete with undo."""

from __future__ import annotations

from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.domain.enums import ReferralStatus
from networkdesk.services import contacts, referrals
from networkdesk.ui.controllers import edits
from networkdesk.ui.models.referrals_model import ReferralsModel, load_referrals
from networkdesk.ui.views.referrals_panel import ReferralDialog, ReferralsPanel

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def trio(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        a = contacts.add(s, "Ada")
        b = contacts.add(s, "Bob <script>")
        c = contacts.add(s, "Cy")
        r1 = referrals.add(s, a.id, b.id, note="met at <b>PyCon</b>")
        r2 = referrals.add(s, b.id, c.id, status=ReferralStatus.INTRODUCED)
        return {"a": a.id, "b": b.id, "c": c.id, "r1": r1.id, "r2": r2.id}


def test_model_passes_qtmodeltester(qtmodeltester: Any, db: Any, trio: dict[str, int]) -> None:
    model = ReferralsModel()
    with db.reading() as s:
        model.set_rows(load_referrals(s))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    row = model.row_of(trio["r1"])
    assert model.index(row, 1).data() == "Bob <script>"
    assert model.index(row, 5).data() == "met at <b>PyCon</b>"
    model.sort(2)
    assert [model.id_at(i) for i in range(2)] == [trio["r1"], trio["r2"]]


def test_panel_edit_and_delete_with_undo(qtbot: Any, db: Any, trio: dict[str, int]) -> None:
    ws = make_workspace(db)
    panel = ReferralsPanel(ws)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.rowCount() == 2
    dialog = ReferralDialog(ws, referral_id=trio["r1"])
    qtbot.addWidget(dialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("met"))
    dialog.note_edit.setPlainText("coffee booked")
    dialog.save()
    with db.reading() as s:
        r = referrals.get(s, trio["r1"])
        assert (r.status, r.note) == (ReferralStatus.MET, "coffee booked")
    ws.undo_stack.undo()
    with db.reading() as s:
        r = referrals.get(s, trio["r1"])
        assert (r.status, r.note) == (ReferralStatus.SUGGESTED, "met at <b>PyCon</b>")
    panel.view.selectRow(panel.model.row_of(trio["r2"]))
    panel.delete_current()
    assert panel.model.rowCount() == 1
    ws.undo_stack.undo()
    assert panel.model.rowCount() == 2
    with db.reading() as s:
        assert referrals.get(s, trio["r2"]).status is ReferralStatus.INTRODUCED


def test_add_referral_dialog(qtbot: Any, db: Any, trio: dict[str, int]) -> None:
    ws = make_workspace(db)
    dialog = ReferralDialog(ws, from_id=trio["c"])
    qtbot.addWidget(dialog)
    assert dialog.picker is not None
    dialog.picker.set_contact(trio["a"])
    dialog.save()
    assert dialog.saved_id is not None
    with db.reading() as s:
        r = referrals.get(s, dialog.saved_id)
        assert (r.from_contact_id, r.to_contact_id) == (trio["c"], trio["a"])
    ws.undo_stack.undo()
    ws.undo_stack.redo()
    with db.reading() as s:  # same id after redo
        assert referrals.get(s, dialog.saved_id).to_contact_id == trio["a"]
    edits.delete_referral(ws, dialog.saved_id)
