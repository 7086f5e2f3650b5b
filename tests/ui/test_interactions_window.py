"""The contact editor lists the contact's e-mails, calls and messages; each opens in a dialog that
saves only what changed as one undo step, and can be deleted (and the deletion undone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.domain.touches import Direction, InteractionKind
from networkdesk.services import contacts, interactions
from networkdesk.ui.views.contact_editor import ContactEditor
from networkdesk.ui.views.interaction_dialog import InteractionDialog

pytestmark = pytest.mark.usefixtures("qapp")
T = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


@pytest.fixture
def touches(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada").id
        first = interactions.add(s, ada, kind="email", direction="out", at=T, note="<b>Hello</b>")
        later = T + dt.timedelta(days=2)
        reply = interactions.add(s, ada, kind="call", direction="in", at=later, note="Called back")
        return {"ada": ada, "email": first.interaction_id, "call": reply.interaction_id}


def test_the_contact_editor_lists_interactions_newest_first(
    qtbot: Any, db: Any, touches: dict[str, int]
) -> None:
    editor = ContactEditor(make_workspace(db), touches["ada"])
    qtbot.addWidget(editor)
    model = editor.activity.interactions_model
    assert [model.id_at(r) for r in range(model.rowCount())] == [touches["call"], touches["email"]]
    texts = [model.index(1, c).data() for c in range(1, model.columnCount())]
    assert texts == ["Sent", "E-mail", "<b>Hello</b>"]  # plain text, as typed


def test_the_dialog_saves_only_what_changed_as_one_undo_step(
    qtbot: Any, db: Any, touches: dict[str, int]
) -> None:
    ws = make_workspace(db)
    dialog = InteractionDialog(ws, touches["email"])
    qtbot.addWidget(dialog)
    assert dialog.note_edit.toPlainText() == "<b>Hello</b>"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("message"))
    dialog.save()
    assert dialog.result() == InteractionDialog.DialogCode.Accepted
    with db.reading() as s:
        row = interactions.get(s, touches["email"])
        assert (row.kind, row.direction, row.at, row.note) == (
            InteractionKind.MESSAGE,
            Direction.OUT,
            T,
            "<b>Hello</b>",
        )
    assert ws.undo_stack.count() == 1
    ws.undo_stack.undo()
    with db.reading() as s:
        assert interactions.get(s, touches["email"]).kind is InteractionKind.EMAIL
    # Saving an unchanged dialog writes nothing and adds no step.
    again = InteractionDialog(ws, touches["email"])
    qtbot.addWidget(again)
    again.save()
    assert ws.undo_stack.index() == 0


def test_delete_from_the_contact_editor_is_undoable(
    qtbot: Any, db: Any, touches: dict[str, int]
) -> None:
    ws = make_workspace(db)
    editor = ContactEditor(ws, touches["ada"])
    qtbot.addWidget(editor)
    activity = editor.activity
    activity.interactions_view.selectRow(activity.interactions_model.row_of(touches["call"]))
    activity._delete_interaction()
    with db.reading() as s:
        assert [r.id for r in interactions.list_interactions(s)] == [touches["email"]]
    assert activity.interactions_model.rowCount() == 1  # the list follows
    ws.undo_stack.undo()
    with db.reading() as s:
        assert interactions.get(s, touches["call"]).note == "Called back"


def test_interactions_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    from networkdesk.ui.models.interactions_model import InteractionRow, InteractionsModel

    model = InteractionsModel()
    at = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)
    model.set_rows(
        [
            InteractionRow(
                1, at, InteractionKind.EMAIL, Direction.OUT, "Asked for 20 minutes\nmore"
            ),
            InteractionRow(2, at, InteractionKind.CALL, Direction.IN, None),
        ]
    )
    assert model.rowCount() == 2
    qtmodeltester.check(model)
