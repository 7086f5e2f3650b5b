"""services.meetings, followups, referrals, settings, calendar_items: SEQUENCE, tombstones,
bad input refused with the database unchanged."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import MeetingKind, ReferralStatus
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.models import CalendarTombstone, Meeting
from networkdesk.services import calendar_items, contacts, followups, meetings, referrals, settings
from networkdesk.storage.database import Database

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
NAIVE = dt.datetime(2026, 3, 14, 9, 30)


def dump(db: Database) -> list[str]:
    assert db.path is not None
    connection = sqlite3.connect(db.path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def assert_refused(db: Database, error: type[Exception], work: Callable[[Session], Any]) -> str:
    before = dump(db)
    with pytest.raises(error) as info, db.transaction() as session:
        work(session)
    assert dump(db) == before
    return str(info.value)


@pytest.fixture
def pair(db: Database) -> tuple[int, int]:
    with db.transaction() as s:
        return contacts.add(s, "Ana").id, contacts.add(s, "Bo").id


def test_meeting_add_and_defaults(db: Database, pair: tuple[int, int]) -> None:
    berlin = dt.timezone(dt.timedelta(hours=1))
    with db.transaction() as s:
        m = meetings.add(s, pair[0], dt.datetime(2026, 3, 14, 10, 30, tzinfo=berlin))
        mid, uid = m.id, m.uid
    with db.reading() as s:
        m = meetings.get(s, mid)
        assert m.start == T0
        assert m.start.tzinfo is not None
        assert m.minutes == 30
        assert m.kind is MeetingKind.MEETING
        assert m.sequence == 0
        assert m.uid == uid
        assert uid.endswith("@networkdesk")
        assert m.end == T0 + dt.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("work", "error", "fragment"),
    [
        (lambda s, a: meetings.add(s, 999, T0), NotFoundError, "no contact with id 999"),
        (lambda s, a: meetings.add(s, a, NAIVE), ValidationError, "no time zone"),
        (lambda s, a: meetings.add(s, a, T0, minutes=0), ValidationError, "positive"),
        (lambda s, a: meetings.add(s, a, T0, minutes=-5), ValidationError, "positive"),
        (lambda s, a: meetings.add(s, a, T0, kind="lunch"), ValidationError, "meeting kind"),
        (lambda s, a: meetings.edit(s, 999, notes="x"), NotFoundError, "no meeting"),
        (lambda s, a: meetings.delete(s, 999), NotFoundError, "no meeting"),
        (lambda s, a: meetings.list_meetings(s, contact_id=999), NotFoundError, "no contact"),
    ],
)
def test_meeting_bad_input(
    db: Database, pair: tuple[int, int], work: Any, error: type[Exception], fragment: str
) -> None:
    with db.transaction() as s:
        meetings.add(s, pair[0], T0)
    assert fragment in assert_refused(db, error, lambda s: work(s, pair[0]))


def test_meeting_sequence_rises_on_every_change_but_not_on_noop(
    db: Database, pair: tuple[int, int]
) -> None:
    with db.transaction() as s:
        mid = meetings.add(s, pair[0], T0, notes="a").id
    changes: list[dict[str, Any]] = [
        {"start": T0 + dt.timedelta(hours=1)},
        {"minutes": 45},
        {"kind": MeetingKind.INTERVIEW},
        {"location": "Café"},
        {"preparation": "mission"},
        {"checklist": {"mission_researched": True}},
        {"questions": ["What surprised you?"]},
        {"notes": "b"},
        {"outcome": "referred on"},
    ]
    for expected, change in enumerate(changes, start=1):
        with db.transaction() as s:
            assert meetings.edit(s, mid, **change).sequence == expected
    same_instant = (T0 + dt.timedelta(hours=1)).astimezone(dt.timezone(dt.timedelta(hours=-5)))
    with db.transaction() as s:
        m = meetings.edit(s, mid, start=same_instant, notes="b", minutes=45)
        assert m.sequence == len(changes)  # the same values again: no new version
    assert_refused(db, ValidationError, lambda s: meetings.edit(s, mid, start=NAIVE))


def test_meeting_delete_leaves_tombstone_with_raised_sequence(
    db: Database, pair: tuple[int, int]
) -> None:
    with db.transaction() as s:
        mid = meetings.add(s, pair[0], T0).id
        meetings.edit(s, mid, minutes=60)
        uid = meetings.get(s, mid).uid
        fid = followups.add(s, pair[0], T0, meeting_id=mid).id
        rid = referrals.add(s, pair[0], pair[1], meeting_id=mid).id
    with db.transaction() as s:
        meetings.delete(s, mid)
    with db.reading() as s:
        (stone,) = calendar_items.list_tombstones(s)
        assert stone.uid == uid
        assert stone.sequence == 2
        assert stone.item_kind == "meeting"
        assert stone.start == T0
        assert stone.minutes == 60
        assert stone.summary == "Informational meeting (cancelled)"  # no name: it outlives Ana
        # What pointed at the meeting stays, without it.
        assert followups.get(s, fid).meeting_id is None
        assert referrals.get(s, rid).meeting_id is None


def test_same_uid_deleted_twice_updates_its_tombstone(db: Database, pair: tuple[int, int]) -> None:
    """Delete, undo (re-created with its UID), delete again: one tombstone, SEQUENCE higher."""
    with db.transaction() as s:
        m = meetings.add(s, pair[0], T0)
        mid, uid = m.id, m.uid
        meetings.delete(s, mid)
    with db.transaction() as s:
        again = meetings.add(s, pair[0], T0)
        again.uid = uid
        again.sequence = 1
        s.flush()
        meetings.delete(s, again.id)
    with db.reading() as s:
        stones = list(s.scalars(select(CalendarTombstone)))
        assert [(t.uid, t.sequence) for t in stones] == [(uid, 2)]
    with db.transaction() as s:
        assert calendar_items.clear_tombstones(s) == 1
    with db.reading() as s:
        assert calendar_items.list_tombstones(s) == []


def test_list_meetings_orders_and_bounds(db: Database, pair: tuple[int, int]) -> None:
    with db.transaction() as s:
        late = meetings.add(s, pair[1], T0 + dt.timedelta(days=2)).id
        early = meetings.add(s, pair[0], T0).id
        mid = meetings.add(s, pair[0], T0 + dt.timedelta(days=1)).id
    with db.reading() as s:
        assert [m.id for m in meetings.list_meetings(s)] == [early, mid, late]
        assert [m.id for m in meetings.list_meetings(s, contact_id=pair[0])] == [early, mid]
        bounded = meetings.list_meetings(s, start=T0, end=T0 + dt.timedelta(days=2))
        assert [m.id for m in bounded] == [early, mid]


def test_followup_add_defaults_and_setting(db: Database, pair: tuple[int, int]) -> None:
    with db.transaction() as s:
        f = followups.add(s, pair[0], T0)
        assert f.title == "Follow up"
        assert f.remind_minutes == 15
        assert not f.done
        settings.set_value(s, "default_reminder_minutes", 60)
        assert followups.add(s, pair[0], T0, title="Thank-you note").remind_minutes == 60
        assert followups.add(s, pair[0], T0, remind_minutes=None).remind_minutes is None
        assert followups.add(s, pair[0], T0, remind_minutes=0).remind_minutes == 0


@pytest.mark.parametrize(
    ("work", "error", "fragment"),
    [
        (lambda s, a: followups.add(s, 999, T0), NotFoundError, "no contact"),
        (lambda s, a: followups.add(s, a, NAIVE), ValidationError, "no time zone"),
        (lambda s, a: followups.add(s, a, T0, title="   "), ValidationError, "title is empty"),
        (lambda s, a: followups.add(s, a, T0, remind_minutes=-1), ValidationError, "reminder"),
        (lambda s, a: followups.add(s, a, T0, meeting_id=999), NotFoundError, "no meeting"),
        (lambda s, a: followups.edit(s, 999, title="x"), NotFoundError, "no follow-up"),
        (lambda s, a: followups.set_done(s, 999), NotFoundError, "no follow-up"),
        (lambda s, a: followups.delete(s, 999), NotFoundError, "no follow-up"),
    ],
)
def test_followup_bad_input(
    db: Database, pair: tuple[int, int], work: Any, error: type[Exception], fragment: str
) -> None:
    with db.transaction() as s:
        followups.add(s, pair[0], T0)
    assert fragment in assert_refused(db, error, lambda s: work(s, pair[0]))


def test_followup_sequence_done_snooze_delete(db: Database, pair: tuple[int, int]) -> None:
    with db.transaction() as s:
        fid = followups.add(s, pair[0], T0, title="a").id
    for expected, change in enumerate(
        [{"due": T0 + dt.timedelta(days=1)}, {"title": "b"}, {"remind_minutes": 5}, {"notes": "n"}],
        start=1,
    ):
        with db.transaction() as s:
            assert followups.edit(s, fid, **change).sequence == expected
    with db.transaction() as s:
        assert followups.edit(s, fid, title="b", notes="n").sequence == 4  # no-op
        assert followups.set_done(s, fid).sequence == 5
        assert followups.set_done(s, fid).sequence == 5  # already done: no-op
        assert followups.get(s, fid).done
        assert followups.list_followups(s, open_only=True) == []
        assert followups.set_done(s, fid, False).sequence == 6
        far = dt.datetime(2100, 1, 1, tzinfo=UTC)
        followups.edit(s, fid, due=far)
        snoozed = followups.snooze(s, fid, dt.timedelta(days=2))
        assert snoozed.due == far + dt.timedelta(days=2)
        assert snoozed.sequence == 8
        uid = snoozed.uid
    with db.transaction() as s:
        followups.delete(s, fid)
    with db.reading() as s:
        (stone,) = calendar_items.list_tombstones(s)
        assert (stone.uid, stone.sequence, stone.item_kind) == (uid, 9, "followup")


def test_followups_due_between_and_overdue(db: Database, pair: tuple[int, int]) -> None:
    with db.transaction() as s:
        a = followups.add(s, pair[0], T0).id
        b = followups.add(s, pair[1], T0 + dt.timedelta(days=1)).id
        c = followups.add(s, pair[1], T0 + dt.timedelta(days=2)).id
        followups.set_done(s, b)
    with db.reading() as s:
        end = T0 + dt.timedelta(days=2)
        assert [f.id for f in followups.due_between(s, T0, end)] == [a]
        assert [f.id for f in followups.due_between(s, T0, end, include_done=True)] == [a, b]
        assert followups.overdue_count(s, now=T0 + dt.timedelta(days=3)) == 2
        assert [f.id for f in followups.list_followups(s, contact_id=pair[1])] == [b, c]


def test_referrals(db: Database, pair: tuple[int, int]) -> None:
    a, b = pair
    with db.transaction() as s:
        rid = referrals.add(s, a, b, status="intro-requested", note="via coffee").id
    with db.reading() as s:
        r = referrals.get(s, rid)
        assert r.status is ReferralStatus.INTRO_REQUESTED
        assert r.note == "via coffee"
    with db.transaction() as s:
        referrals.edit(s, rid, status=ReferralStatus.MET, note=None)
        assert [x.id for x in referrals.list_referrals(s, contact_id=b)] == [rid]
    assert "themselves" in assert_refused(db, ValidationError, lambda s: referrals.add(s, a, a))
    assert_refused(db, NotFoundError, lambda s: referrals.add(s, a, 999))
    assert_refused(db, NotFoundError, lambda s: referrals.add(s, 999, a))
    assert_refused(db, NotFoundError, lambda s: referrals.add(s, a, b, meeting_id=5))
    assert_refused(db, ValidationError, lambda s: referrals.add(s, a, b, status="maybe"))
    assert_refused(db, ValidationError, lambda s: referrals.edit(s, rid, status="maybe"))
    assert_refused(db, NotFoundError, lambda s: referrals.edit(s, 999, note="x"))
    with db.transaction() as s:
        referrals.delete(s, rid)
    assert_refused(db, NotFoundError, lambda s: referrals.delete(s, rid))


def test_settings(db: Database) -> None:
    with db.transaction() as s:
        assert settings.get(s, "practice_threshold") == 3
        settings.set_value(s, "practice_threshold", 5)
        settings.set_value(s, "ring_names", [" Core ", "Near", "Mid", "Far"])
    with db.reading() as s:
        values = settings.all_settings(s)
        assert values["practice_threshold"] == 5
        assert values["ring_names"] == ["Core", "Near", "Mid", "Far"]
    for key, value in (
        ("nope", 1),
        ("practice_threshold", -1),
        ("practice_threshold", True),
        ("practice_threshold", "3"),
        ("ring_names", ["a", "b"]),
        ("ring_names", ["a", "b", "c", " "]),
    ):
        assert_refused(db, ValidationError, lambda s, k=key, v=value: settings.set_value(s, k, v))


def test_meeting_rows_keep_aware_utc(db: Database, pair: tuple[int, int]) -> None:
    """Stored UTC comes back aware, and naive values cannot reach the database at all."""
    with db.transaction() as s:
        meetings.add(s, pair[0], T0)
    with db.reading() as s:
        (m,) = s.scalars(select(Meeting))
        assert m.start.utcoffset() == dt.timedelta(0)
    with db.transaction() as s:
        s.add(Meeting(contact_id=pair[0], start=NAIVE))
        with pytest.raises(Exception, match="naive datetime"):
            s.flush()
        s.rollback()
