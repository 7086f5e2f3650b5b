"""Undo and redo of the big steps: a logged meeting, an import, a merge, clearing cancelled
calendar items, settings. Each one record, undone to the state before, redone to the state
after, with the same ids; no QApplication."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from networkdesk.domain.enums import Stage
from networkdesk.domain.models import Contact, FollowUp, Referral, RingMove
from networkdesk.interchange import linkedin
from networkdesk.services import calendar_items, contacts, followups, meetings, referrals, settings
from networkdesk.services.changes import CONTACTS, FOLLOWUPS, MEETINGS, REFERRALS, SETTINGS
from networkdesk.services.history import History
from networkdesk.services.meeting_log import MeetingLog, ReferralGained
from networkdesk.services.records.calendar import clear_cancelled
from networkdesk.services.records.imported import import_file
from networkdesk.services.records.logged_meeting import log
from networkdesk.services.records.merged import merge_contacts
from networkdesk.services.records.small_edits import change_settings

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)
DATA = Path(__file__).parent.parent / "data"
NO_TOMBSTONES = frozenset({"calendar_tombstones"})


def _ids(db: Any, model: Any) -> set[int]:
    with db.reading() as s:
        return set(s.scalars(select(model.id)))


def test_log_meeting_undone_fully_and_redone_with_the_same_ids(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", company="Acme", ring=3, stage=Stage.MEETING_SCHEDULED).id
        bob = contacts.add(s, "Bob").id
        meeting = meetings.add(s, ada, NOW - dt.timedelta(hours=2)).id
    entry = MeetingLog(
        contact_id=ada,
        meeting_id=meeting,
        notes="Platform team",
        outcome="Two introductions",
        referrals=[ReferralGained(contact_id=bob), ReferralGained(new_name="Chloé", note="CTO")],
        new_ring=2,
    )
    before = state()
    record = history.apply(lambda s: log(s, entry, now=NOW))
    assert record is not None
    result = record.result
    assert len(result.new_contact_ids) == 1
    assert len(result.referral_ids) == 2
    assert result.followup_id is not None
    assert result.ring_move_id is not None
    after = state()
    changes = record.changes
    assert changes.created_ids(CONTACTS) == set(result.new_contact_ids)
    assert changes.created_ids(REFERRALS) == set(result.referral_ids)
    assert changes.created_ids(FOLLOWUPS) == {result.followup_id}
    assert changes.updated_ids(MEETINGS) == {meeting}
    assert ada in changes.updated_ids(CONTACTS)

    undone = history.undo()
    assert undone.deleted_ids(CONTACTS) == set(result.new_contact_ids)
    assert undone.deleted_ids(FOLLOWUPS) == {result.followup_id}
    # The thank-you follow-up existed for a moment and may have been exported: its deletion
    # leaves a cancellation. Every other row is as before.
    assert state(skip_tables=NO_TOMBSTONES) == {
        k: v for k, v in before.items() if k != "calendar_tombstones"
    }
    with db.reading() as s:
        c = contacts.get(s, ada)
        assert (c.stage, c.ring) == (Stage.MEETING_SCHEDULED, 3)
        assert s.get(RingMove, result.ring_move_id) is None
        assert meetings.get(s, meeting).notes is None

    redone = history.redo()
    assert redone.created_ids(REFERRALS) == set(result.referral_ids)
    assert state(skip_tables=NO_TOMBSTONES) == {
        k: v for k, v in after.items() if k != "calendar_tombstones"
    }
    assert state()["calendar_tombstones"] == [], "the restored follow-up is no longer cancelled"
    assert set(result.new_contact_ids) <= _ids(db, Contact)
    assert set(result.referral_ids) <= _ids(db, Referral)
    assert result.followup_id in _ids(db, FollowUp)


def test_log_of_an_unscheduled_meeting_undone_removes_the_meeting(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada").id
    before = state()
    entry = MeetingLog(contact_id=ada, start=NOW - dt.timedelta(days=1), notes="Coffee")
    record = history.apply(lambda s: log(s, entry, now=NOW))
    assert record is not None
    assert record.changes.created_ids(MEETINGS) == {record.result.meeting_id}
    history.undo()
    assert state(skip_tables=NO_TOMBSTONES) == {
        k: v for k, v in before.items() if k != "calendar_tombstones"
    }
    history.redo()
    with db.reading() as s:
        assert meetings.get(s, record.result.meeting_id).notes == "Coffee"
        assert contacts.get(s, ada).stage is Stage.MET


def _without_write_times(path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, Any]:
    """`rows` without the columns that say when a row was written (created_at, moved_at)."""
    connection = sqlite3.connect(path)
    try:
        out: dict[str, Any] = {}
        for table, table_rows in rows.items():
            names = [c[1] for c in connection.execute(f'PRAGMA table_info("{table}")')]
            keep = [i for i, name in enumerate(names) if name not in ("created_at", "moved_at")]
            out[table] = sorted(([row[i] for i in keep] for row in table_rows), key=repr)
        return out
    finally:
        connection.close()


def test_a_linkedin_import_is_undone_fully_and_redone(
    db: Any, db_path: Path, history: History, state: Callable[..., Any]
) -> None:
    with db.transaction() as s:
        contacts.add(s, "Someone Already Here")
    before = state()
    parsed = linkedin.parse(DATA / "linkedin_connections.csv")
    record = history.apply(lambda s: import_file(s, parsed, ring=3))
    assert record is not None
    created = record.outcome.created_contact_ids
    assert created
    assert record.changes.created_ids(CONTACTS) == set(created)
    assert history.undo_label == "Import linkedin_connections.csv"
    after = state()

    undone = history.undo()
    assert undone.deleted_ids(CONTACTS) == set(created)
    assert state() == before
    redone = history.redo()
    assert redone.created_ids(CONTACTS) == set(created), "the same ids come back"
    # Redo runs the import again: the rows are the same, with the same ids, but they were
    # created (and placed on their ring) at the time of the redo.
    assert _without_write_times(db_path, state()) == _without_write_times(db_path, after)


def test_a_merge_is_undone_to_both_contacts_as_they_were(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    with db.transaction() as s:
        keep = contacts.add(s, "Ada Lovelace", emails=["ada@a.test"], ring=3, tag_names=["x"]).id
        other = contacts.add(
            s, "Ada L.", company="Acme", emails=["ada@b.test"], ring=1, notes="met at a talk"
        ).id
        third = contacts.add(s, "Bob").id
        m = meetings.add(s, other, NOW).id
        followups.add(s, other, NOW + dt.timedelta(days=1), meeting_id=m)
        referrals.add(s, other, third, meeting_id=m)
        referrals.add(s, keep, other)
    before = state(skip_tables=NO_TOMBSTONES)
    record = history.apply(lambda s: merge_contacts(s, keep, other))
    assert record is not None
    assert record.changes.deleted_ids(CONTACTS) == {other}
    assert record.changes.updated_ids(CONTACTS) == {keep}
    after = state(skip_tables=NO_TOMBSTONES)
    with db.reading() as s:
        assert s.get(Contact, other) is None
        assert contacts.get(s, keep).ring == 1

    undone = history.undo()
    assert undone.created_ids(CONTACTS) == {other}
    assert state(skip_tables=NO_TOMBSTONES) == before
    assert state()["calendar_tombstones"] == []
    history.redo()
    after_redo = state(skip_tables=NO_TOMBSTONES)
    # The merge writes its "kept the other value" history rows again: same content, new ids
    # and times are those of the redo.
    strip = {"contact_changes"}
    assert {k: v for k, v in after_redo.items() if k not in strip} == {
        k: v for k, v in after.items() if k not in strip
    }
    assert len(after_redo["contact_changes"]) == len(after["contact_changes"])


def test_clearing_cancelled_events_is_undone(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada").id
        meetings.delete(s, meetings.add(s, ada, NOW).id)
        followups.delete(s, followups.add(s, ada, NOW).id)
    before = state()
    assert len(before["calendar_tombstones"]) == 2
    record = history.apply(clear_cancelled)
    assert record is not None
    assert record.count == 2
    assert state()["calendar_tombstones"] == []
    history.undo()
    assert state() == before
    history.redo()
    with db.reading() as s:
        assert calendar_items.list_tombstones(s) == []


def test_settings_change_is_undone(db: Any, history: History) -> None:
    with db.reading() as s:
        names = settings.get(s, "ring_names")
    new = ["Star", "Close", "Near", "Far"]
    record = history.apply(lambda s: change_settings(s, {"ring_names": new}))
    assert record is not None
    assert SETTINGS in record.changes
    history.undo()
    with db.reading() as s:
        assert settings.get(s, "ring_names") == names
    history.redo()
    with db.reading() as s:
        assert settings.get(s, "ring_names") == new
