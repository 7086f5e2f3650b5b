"""Undo never reverts a change made elsewhere: a FieldsEdited step checks the row's version (and
the fields it wrote) first, raises RowChanged with both values when they moved on, and writes
nothing; the caller may overwrite anyway or drop the step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from networkdesk.domain.fields import ContactFields, MeetingFields, ReferralFields
from networkdesk.domain.models import Contact, Interaction, Referral
from networkdesk.domain.touches import InteractionKind
from networkdesk.services import contacts, interactions, meetings, referrals
from networkdesk.services.history import History
from networkdesk.services.records.interactions import edit_interaction
from networkdesk.services.records.moves import move_contact
from networkdesk.services.records.rows import edit_row, edit_rows
from networkdesk.services.versions import RowChanged, require_version, version_of

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def _contact(db: Any, **fields: Any) -> int:
    with db.transaction() as s:
        return int(contacts.add(s, "Ada", notes="first", title="Engineer", **fields).id)


def _elsewhere(db: Any, contact_id: int, **fields: Any) -> None:
    """Another program (the CLI, a second window) writes the row in its own transaction."""
    with db.transaction() as s:
        contacts.edit(s, contact_id, **fields)


def _read(db: Any, contact_id: int) -> Contact:
    with db.reading() as s:
        return contacts.get(s, contact_id)


def test_every_write_raises_the_version_once(db: Any) -> None:
    ada = _contact(db)
    assert _read(db, ada).version == 1
    _elsewhere(db, ada, notes="second")
    assert _read(db, ada).version == 2
    _elsewhere(db, ada, notes="third", title="Lead")
    assert _read(db, ada).version == 3
    with db.transaction() as s:
        require_version(s, Contact, ada, 3, "contact")
        with pytest.raises(RowChanged, match="contact 1 was changed elsewhere") as caught:
            require_version(s, Contact, ada, 2, "contact")
    assert caught.value.current_version == 3


def test_undo_of_a_field_someone_else_changed_since_asks_and_writes_nothing(
    db: Any, history: History
) -> None:
    ada = _contact(db)
    history.apply(lambda s: edit_row(s, ada, ContactFields(notes="mine"), "Edit Ada"))
    _elsewhere(db, ada, notes="theirs")
    with pytest.raises(RowChanged) as caught:
        history.undo()
    clash = caught.value.clashes[0]
    assert (clash.name, clash.mine, clash.theirs) == ("notes", "first", "theirs")
    assert "notes" in str(caught.value)
    assert _read(db, ada).notes == "theirs"  # nothing reverted
    assert history.can_undo  # the step is still there: the caller chooses
    # The person chose to revert anyway.
    history.undo(overwrite=True)
    assert _read(db, ada).notes == "first"
    # Redo is checked the same way, and passes: nobody wrote the row since the undo.
    history.redo()
    assert _read(db, ada).notes == "mine"


def test_undo_keeps_a_change_made_elsewhere_to_another_field(db: Any, history: History) -> None:
    ada = _contact(db)
    history.apply(lambda s: edit_row(s, ada, ContactFields(notes="mine"), "Edit Ada"))
    _elsewhere(db, ada, title="Director")
    history.undo()
    contact = _read(db, ada)
    assert (contact.notes, contact.title) == ("first", "Director")


def test_keeping_their_change_drops_the_step(db: Any, history: History) -> None:
    ada = _contact(db)
    history.apply(lambda s: edit_row(s, ada, ContactFields(title="Early"), "Edit 1"))
    history.apply(lambda s: edit_row(s, ada, ContactFields(notes="mine"), "Edit 2"))
    _elsewhere(db, ada, notes="theirs")
    with pytest.raises(RowChanged):
        history.undo()
    history.drop_last()
    assert history.undo_label == "Edit 1"
    history.undo()
    contact = _read(db, ada)
    assert (contact.notes, contact.title) == ("theirs", "Engineer")


def test_own_later_steps_are_no_conflict(db: Any, history: History) -> None:
    ada = _contact(db)
    history.apply(lambda s: edit_row(s, ada, ContactFields(notes="mine"), "Edit Ada"))
    history.apply(lambda s: move_contact(s, ada, 2, 0.5))
    history.undo()
    history.undo()  # the move raised the version, but the notes are as the edit left them
    assert _read(db, ada).notes == "first"


def test_a_redo_after_someone_changed_the_row_asks_too(db: Any, history: History) -> None:
    ada = _contact(db)
    history.apply(lambda s: edit_row(s, ada, ContactFields(notes="mine"), "Edit Ada"))
    history.undo()
    _elsewhere(db, ada, notes="theirs")
    with pytest.raises(RowChanged):
        history.redo()
    assert _read(db, ada).notes == "theirs"


def test_a_bulk_edit_checks_every_row_and_writes_none_on_a_clash(db: Any, history: History) -> None:
    ada = _contact(db)
    bob = _contact(db)
    history.apply(lambda s: edit_rows(s, [ada, bob], ContactFields(notes="bulk"), "Edit 2"))
    _elsewhere(db, bob, notes="theirs")
    with pytest.raises(RowChanged):
        history.undo()
    assert (_read(db, ada).notes, _read(db, bob).notes) == ("bulk", "theirs")


def test_meetings_are_versioned_too(db: Any, history: History) -> None:
    ada = _contact(db)
    with db.transaction() as s:
        meeting = meetings.add(s, ada, dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)).id
    history.apply(lambda s: edit_row(s, meeting, MeetingFields(notes="mine"), "Edit meeting"))
    with db.transaction() as s:
        meetings.edit(s, meeting, notes="theirs")
        assert version_of(s, type(meetings.get(s, meeting)), meeting) == 3
    with pytest.raises(RowChanged):
        history.undo()


def _referral(db: Any) -> int:
    ada = _contact(db)
    with db.transaction() as s:
        bo = contacts.add(s, "Bo").id
        return int(referrals.add(s, ada, bo, note="first").id)


def test_referrals_are_versioned_and_their_undo_asks(db: Any, history: History) -> None:
    referral = _referral(db)
    with db.reading() as s:
        assert version_of(s, Referral, referral) == 1
    history.apply(lambda s: edit_row(s, referral, ReferralFields(note="mine"), "Edit referral"))
    with db.transaction() as s:
        assert version_of(s, Referral, referral) == 2
        referrals.edit(s, referral, note="theirs")
    with db.reading() as s:
        assert version_of(s, Referral, referral) == 3
    with pytest.raises(RowChanged, match="referral 1 was changed elsewhere since version 2"):
        history.undo()
    with db.reading() as s:
        assert referrals.get(s, referral).note == "theirs"


def _interaction(db: Any) -> int:
    ada = _contact(db)
    with db.transaction() as s:
        return interactions.add(
            s, ada, kind="email", direction="in", at=NOW, note="first"
        ).interaction_id


def _interaction_elsewhere(db: Any, interaction_id: int, **fields: Any) -> None:
    with db.transaction() as s:
        interactions.edit(s, interaction_id, **fields)


def _interaction_now(db: Any, interaction_id: int) -> Interaction:
    with db.reading() as s:
        return interactions.get(s, interaction_id)


def test_every_interaction_write_raises_its_version_once(db: Any) -> None:
    touch = _interaction(db)
    assert _interaction_now(db, touch).version == 1
    _interaction_elsewhere(db, touch, note="second", kind="call")
    assert _interaction_now(db, touch).version == 2
    _interaction_elsewhere(db, touch, note="second")  # the same values: nothing written
    assert _interaction_now(db, touch).version == 2


def test_undo_of_an_interaction_someone_else_changed_since_asks_and_writes_nothing(
    db: Any, history: History
) -> None:
    touch = _interaction(db)
    history.apply(lambda s: edit_interaction(s, touch, note="mine"))
    _interaction_elsewhere(db, touch, note="theirs")
    with pytest.raises(RowChanged, match="interaction 1 was changed elsewhere") as caught:
        history.undo()
    (clash,) = caught.value.clashes
    assert (clash.name, clash.mine, clash.theirs) == ("note", "first", "theirs")
    assert _interaction_now(db, touch).note == "theirs"  # nothing reverted
    assert history.can_undo  # the caller chooses
    history.undo(overwrite=True)
    assert _interaction_now(db, touch).note == "first"
    history.redo()  # nobody wrote it since the undo: no question
    assert _interaction_now(db, touch).note == "mine"


def test_undo_of_an_interaction_keeps_a_change_made_elsewhere_to_another_field(
    db: Any, history: History
) -> None:
    touch = _interaction(db)
    history.apply(lambda s: edit_interaction(s, touch, note="mine"))
    _interaction_elsewhere(db, touch, kind="call")
    history.undo()
    row = _interaction_now(db, touch)
    # The undo put back only the note it changed: their kind stays.
    assert (row.note, row.kind) == ("first", InteractionKind.CALL)


def test_a_redo_of_an_interaction_changed_since_the_undo_asks(db: Any, history: History) -> None:
    touch = _interaction(db)
    history.apply(lambda s: edit_interaction(s, touch, note="mine"))
    history.undo()
    _interaction_elsewhere(db, touch, note="theirs")
    with pytest.raises(RowChanged):
        history.redo()
    assert _interaction_now(db, touch).note == "theirs"
