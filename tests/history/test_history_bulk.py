"""Bulk actions on a selection of contacts: one record, one undo step, everything back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from networkdesk.domain.enums import Stage
from networkdesk.domain.plural import count_of
from networkdesk.services import contacts, followups, meetings
from networkdesk.services.changes import CONTACTS
from networkdesk.services.history import History
from networkdesk.services.records import bulk_edits

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def _five(db: Any) -> list[int]:
    with db.transaction() as s:
        ids = [
            contacts.add(s, f"Person {n}", company="Acme", ring=3, tag_names=["alumni"]).id
            for n in range(5)
        ]
        meeting = meetings.add(s, ids[0], NOW)
        followups.add(s, ids[0], NOW + dt.timedelta(days=2), meeting_id=meeting.id)
        contacts.edit(s, ids[4], tag_names=["Alumni", "friend"])
    return ids


def test_deleting_five_is_one_step_and_undo_brings_all_back(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _five(db)
    before = state()
    record = history.apply(lambda s: bulk_edits.delete(s, ids))
    assert record is not None
    assert record.label == "Delete 5 contacts"
    with db.reading() as s:
        assert contacts.count(s) == 0
    assert len(list(history)) == 1

    changes = history.undo()
    assert state() == before, "contacts, meeting and follow-up come back with their ids"
    assert changes.created_ids(CONTACTS) == set(ids)
    history.redo()
    with db.reading() as s:
        assert contacts.count(s) == 0


def test_deleting_one_names_the_contact(db: Any, history: History) -> None:
    ids = _five(db)
    record = history.apply(lambda s: bulk_edits.delete(s, [ids[1], ids[1]]))
    assert record is not None
    assert record.label == "Delete Person 1"


def test_moving_a_selection_skips_those_already_there(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _five(db)
    with db.transaction() as s:
        contacts.move(s, ids[2], 1)
    before = state()
    record = history.apply(lambda s: bulk_edits.move_to_ring(s, ids, 1))
    assert record is not None
    assert record.changes.updated_ids(CONTACTS) == set(ids) - {ids[2]}
    assert record.label.startswith("Move 4 contacts to ")
    with db.reading() as s:
        assert {contacts.get(s, cid).ring for cid in ids} == {1}
    history.undo()
    assert state() == before
    assert history.apply(lambda s: bulk_edits.move_to_ring(s, [ids[2]], 1)) is None


def test_back_to_the_inbox(db: Any, history: History, state: Callable[..., Any]) -> None:
    ids = _five(db)
    before = state()
    record = history.apply(lambda s: bulk_edits.move_to_ring(s, ids[:3], None))
    assert record is not None
    assert "inbox" in record.label
    with db.reading() as s:
        assert [contacts.get(s, cid).ring for cid in ids[:3]] == [None] * 3
    history.undo()
    assert state() == before


def test_adding_and_removing_a_tag(db: Any, history: History, state: Callable[..., Any]) -> None:
    ids = _five(db)
    before = state()
    record = history.apply(lambda s: bulk_edits.add_tag(s, ids, "friend"))
    assert record is not None
    # Person 4 already carried "friend": left out of the record.
    assert record.changes.updated_ids(CONTACTS) == set(ids[:4])
    with db.reading() as s:
        assert all("friend" in [t.name for t in contacts.get(s, cid).tags] for cid in ids)
    history.undo()
    assert state() == before

    # "ALUMNI" matches "alumni" and "Alumni" alike; the other tags stay.
    history.apply(lambda s: bulk_edits.remove_tag(s, ids, "ALUMNI"))
    with db.reading() as s:
        assert [t.name for t in contacts.get(s, ids[4]).tags] == ["friend"]
        assert [t.name for t in contacts.get(s, ids[0]).tags] == []
    history.undo()
    assert state() == before
    assert history.apply(lambda s: bulk_edits.remove_tag(s, ids, "nobody")) is None
    assert history.apply(lambda s: bulk_edits.add_tag(s, ids, "   ")) is None


def test_setting_the_stage(db: Any, history: History, state: Callable[..., Any]) -> None:
    ids = _five(db)
    before = state()
    record = history.apply(lambda s: bulk_edits.set_stage(s, ids, Stage.CONTACTED))
    assert record is not None
    assert record.label == "Set 5 contacts to Contacted"
    assert isinstance(record, bulk_edits.BulkEdited)
    assert record.contact_ids == tuple(sorted(ids))
    with db.reading() as s:
        assert {contacts.get(s, cid).stage for cid in ids} == {Stage.CONTACTED}
    history.undo()
    assert state() == before
    history.redo()
    with db.reading() as s:
        assert {contacts.get(s, cid).stage for cid in ids} == {Stage.CONTACTED}


def test_counts_agree_with_their_number() -> None:
    assert count_of(1, "contact") == "1 contact"
    assert count_of(2, "contact") == "2 contacts"
    assert count_of(1200, "company", "companies") == "1,200 companies"
    assert count_of(0, "contact") == "0 contacts"
