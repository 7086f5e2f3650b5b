"""The History's stack: labels, can undo/redo, clean state, redo cleared by a new step."""

from __future__ import annotations

from typing import Any

from networkdesk.domain.fields import ContactFields
from networkdesk.services import contacts
from networkdesk.services.history import History
from networkdesk.services.records.rows import edit_row


def _edit(history: History, contact_id: int, title: str) -> None:
    history.apply(lambda s: edit_row(s, contact_id, ContactFields(title=title), f"Title {title}"))


def test_labels_clean_state_and_a_new_step_dropping_redo(db: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada").id
    history = History(db)
    assert history.is_clean
    assert not history.can_undo
    assert not history.can_redo
    _edit(history, ada, "A")
    _edit(history, ada, "B")
    assert not history.is_clean
    assert history.undo_label == "Title B"
    history.set_clean()
    history.undo()
    assert history.redo_label == "Title B"
    assert history.undo_label == "Title A"
    assert not history.is_clean
    history.redo()
    assert history.is_clean
    history.undo()
    _edit(history, ada, "C")  # the undone step can no longer be redone, nor the clean state
    assert not history.can_redo
    assert not history.is_clean
    assert [r.label for r in history] == ["Title A", "Title C"]
    with db.reading() as s:
        assert contacts.get(s, ada).title == "C"


def test_the_oldest_steps_fall_off_past_the_limit(db: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada").id
    history = History(db, limit=2)
    for title in ("A", "B", "C"):
        _edit(history, ada, title)
    assert [r.label for r in history] == ["Title B", "Title C"]
    history.undo()
    history.undo()
    assert not history.can_undo
    with db.reading() as s:
        assert contacts.get(s, ada).title == "A"
