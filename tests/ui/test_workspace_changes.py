"""The workspace announces a `Changes` naming the ids a step changed (do, undo and redo), and
`Changes.everything_changed()` for a change made outside the window."""

from __future__ import annotations

from typing import Any

from pipeline_fixtures import make_workspace

from networkdesk.domain.fields import ContactFields
from networkdesk.services import contacts
from networkdesk.services.changes import CONTACTS, Changes
from networkdesk.ui.controllers import edits
from networkdesk.ui.controllers.commands import RecordCommand
from networkdesk.ui.controllers.moves import MoveController
from networkdesk.ui.workspace import areas_touch


def test_edit_undo_and_redo_announce_the_contact_id(db: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada").id
    ws = make_workspace(db)
    heard: list[Changes] = []
    ws.changed.connect(heard.append)

    edits.edit_contact(ws, ada, ContactFields(title="CTO"))
    assert ws.undo_stack.count() == 1
    assert isinstance(ws.undo_stack.command(0), RecordCommand)
    ws.undo_stack.undo()
    ws.undo_stack.redo()

    assert len(heard) == 3, "one announcement per step"
    assert all(isinstance(c, Changes) and not c.everything for c in heard)
    assert [c.updated_ids(CONTACTS) for c in heard] == [{ada}, {ada}, {ada}]
    assert areas_touch(heard[0], CONTACTS)
    with db.reading() as s:
        assert contacts.get(s, ada).title == "CTO"


def test_add_then_undo_announces_created_then_deleted(db: Any) -> None:
    ws = make_workspace(db)
    heard: list[Changes] = []
    ws.changed.connect(heard.append)
    new_id = edits.add_contact(ws, ContactFields(name="Zoë"))
    ws.undo_stack.undo()
    assert heard[0].created_ids(CONTACTS) == {new_id}
    assert heard[1].deleted_ids(CONTACTS) == {new_id}
    assert ws.undo_stack.undoText() == ""
    assert ws.undo_stack.redoText() == "Add Zoë"


def test_a_move_gesture_is_one_step_naming_every_contact(db: Any) -> None:
    with db.transaction() as s:
        a = contacts.add(s, "A").id
        b = contacts.add(s, "B", ring=2).id
    ws = make_workspace(db)
    heard: list[Changes] = []
    ws.changed.connect(heard.append)
    assert MoveController(ws).move([(a, 3, None), (b, 3, None)])
    assert ws.undo_stack.count() == 1
    assert heard[-1].updated_ids(CONTACTS) == {a, b}
    ws.undo_stack.undo()
    with db.reading() as s:
        assert contacts.get(s, a).ring is None
        assert contacts.get(s, b).ring == 2


def test_a_change_nobody_can_attribute_is_announced_as_everything(db: Any) -> None:
    ws = make_workspace(db)
    heard: list[Changes] = []
    ws.changed.connect(heard.append)
    ws.notify()
    assert heard[-1].everything
    assert areas_touch(heard[-1], CONTACTS)
    ws.notify({CONTACTS})
    assert not heard[-1].everything
    assert set(heard[-1]) == {CONTACTS}
