"""Undo and redo of adding, editing and deleting interactions (ids and rows kept, the stage an
outreach moved put back), and of the Today panel's follow-up actions, without a QApplication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from networkdesk.domain.enums import Stage
from networkdesk.services import contacts, followups, interactions
from networkdesk.services.changes import CONTACTS, INTERACTIONS
from networkdesk.services.history import History
from networkdesk.services.records.interactions import (
    add_interaction,
    delete_interaction,
    edit_interaction,
)
from networkdesk.services.records.small_edits import set_followup_done, snooze_followup

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def _ada(db: Any) -> int:
    with db.transaction() as s:
        return contacts.add(s, "Ada", company="Acme").id


def _stage(db: Any, contact_id: int) -> Stage:
    with db.reading() as s:
        return contacts.get(s, contact_id).stage


def test_outreach_added_undone_puts_the_stage_back_and_redo_keeps_the_row(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ada = _ada(db)
    before = state()
    added = history.apply(
        lambda s: add_interaction(s, ada, kind="email", direction="out", at=NOW, note="Hello")
    )
    assert added is not None
    assert added.changes.created_ids(INTERACTIONS) == {added.interaction_id}
    assert added.changes.updated_ids(CONTACTS) == {ada}
    assert _stage(db, ada) is Stage.CONTACTED
    after = state()

    changes = history.undo()
    assert changes.deleted_ids(INTERACTIONS) == {added.interaction_id}
    assert state() == before
    assert _stage(db, ada) is Stage.IDENTIFIED

    assert history.redo().created_ids(INTERACTIONS) == {added.interaction_id}
    assert state() == after, "the same row comes back: id, note and created_at"
    assert _stage(db, ada) is Stage.CONTACTED


def test_reply_does_not_move_the_stage(db: Any, history: History) -> None:
    ada = _ada(db)
    added = history.apply(lambda s: add_interaction(s, ada, kind="call", direction="in", at=NOW))
    assert added is not None
    assert added.stage_move is None
    assert _stage(db, ada) is Stage.IDENTIFIED


def test_edit_interaction_undone_and_redone(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ada = _ada(db)
    with db.transaction() as s:
        iid = interactions.add(
            s, ada, kind="email", direction="in", at=NOW, note="a"
        ).interaction_id
    before = state()
    later = NOW + dt.timedelta(hours=3)
    edited = history.apply(lambda s: edit_interaction(s, iid, note="b", at=later, kind="call"))
    assert edited is not None
    after = state()
    assert after != before
    assert history.undo().updated_ids(INTERACTIONS) == {iid}
    assert state() == before
    history.redo()
    assert state() == after
    with db.reading() as s:
        row = interactions.get(s, iid)
        assert (row.note, row.at, row.kind.value) == ("b", later, "call")


def test_edit_that_changes_nothing_is_no_step(db: Any, history: History) -> None:
    ada = _ada(db)
    with db.transaction() as s:
        iid = interactions.add(
            s, ada, kind="email", direction="in", at=NOW, note="a"
        ).interaction_id
    assert history.apply(lambda s: edit_interaction(s, iid, note="a")) is None
    assert not history.can_undo


def test_delete_interaction_undone_restores_the_same_row(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ada = _ada(db)
    with db.transaction() as s:
        iid = interactions.add(s, ada, kind="message", direction="out", at=NOW).interaction_id
    before = state()
    history.apply(lambda s: delete_interaction(s, iid))
    after = state()
    assert after["interactions"] == []
    assert history.undo().created_ids(INTERACTIONS) == {iid}
    assert state() == before
    assert history.redo().deleted_ids(INTERACTIONS) == {iid}
    assert state() == after


def test_followup_done_and_snooze_are_one_step_each(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ada = _ada(db)
    with db.transaction() as s:
        fid = followups.add(s, ada, NOW, title="Thank Ada").id
    before = state(skip_tables=frozenset({"calendar_tombstones"}))
    history.apply(lambda s: set_followup_done(s, fid))
    history.apply(lambda s: snooze_followup(s, fid, dt.timedelta(days=2)))
    with db.reading() as s:
        row = followups.get(s, fid)
        assert row.done_at is not None
        assert row.due > NOW + dt.timedelta(days=1)  # past due: snoozed from now
    history.undo()
    history.undo()
    assert state(skip_tables=frozenset({"calendar_tombstones"})) == before
