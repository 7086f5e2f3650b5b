"""services.interactions and services.today on a real (temporary) database; stage rules applied
by the services; log_meeting refusing a meeting still to come; the keep-in-touch setting; the
JSON archive carrying interactions."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from networkdesk.domain.enums import Stage
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.models import Interaction
from networkdesk.domain.responsiveness import Responsiveness
from networkdesk.domain.touches import Direction, InteractionKind, TouchKind
from networkdesk.services import (
    archive,
    companies,
    contacts,
    followups,
    interactions,
    meetings,
    settings,
    today,
)
from networkdesk.services.changes import CONTACTS, INTERACTIONS
from networkdesk.services.meeting_log import MeetingLog, log_meeting
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import sqlite_location

ZONE = ZoneInfo("Europe/Berlin")
MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)
D = dt.timedelta(days=1)


def test_add_edit_delete_restore(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        written = interactions.add(s, ana, kind="email", direction="out", at=MONDAY, note="Hello")
    assert written.changes.created_ids(INTERACTIONS) == {written.interaction_id}
    assert written.changes.updated_ids(CONTACTS) == {ana}
    assert written.stage_before is Stage.IDENTIFIED
    with db.transaction() as s:
        assert contacts.get(s, ana).stage is Stage.CONTACTED
        edited = interactions.edit(s, written.interaction_id, kind=InteractionKind.CALL, note=None)
        assert edited.before is not None
        assert edited.before.kind is InteractionKind.EMAIL
        assert edited.before.note == "Hello"
        assert edited.changes.updated_ids(INTERACTIONS) == {written.interaction_id}
        unchanged = interactions.edit(s, written.interaction_id, kind="call")
        assert not unchanged.changes
    with db.transaction() as s:
        deleted = interactions.delete(s, written.interaction_id)
        assert deleted.changes.deleted_ids(INTERACTIONS) == {written.interaction_id}
        assert interactions.list_interactions(s) == []
    with db.transaction() as s:
        assert deleted.before is not None
        interactions.restore(s, written.interaction_id, deleted.before)
    with db.reading() as s:
        (row,) = interactions.list_interactions(s, contact_id=ana)
        assert (row.id, row.kind, row.direction, row.at, row.note) == (
            written.interaction_id,
            InteractionKind.CALL,
            Direction.OUT,
            MONDAY,
            None,
        )


def test_bad_input_is_refused(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
    with pytest.raises(NotFoundError, match="no contact with id 99"), db.transaction() as s:
        interactions.add(s, 99, kind="email", direction="out")
    with pytest.raises(ValidationError, match="interaction kind"), db.transaction() as s:
        interactions.add(s, ana, kind="fax", direction="out")
    with pytest.raises(ValidationError, match="direction"), db.transaction() as s:
        interactions.add(s, ana, kind="email", direction="sideways")
    with pytest.raises(ValidationError, match="time zone"), db.transaction() as s:
        interactions.add(s, ana, kind="email", direction="in", at=dt.datetime(2026, 3, 2))
    with pytest.raises(NotFoundError), db.transaction() as s:
        interactions.delete(s, 42)
    with db.reading() as s:
        assert interactions.list_interactions(s) == []
        assert contacts.get(s, ana).stage is Stage.IDENTIFIED


def test_an_incoming_interaction_leaves_the_stage(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        assert interactions.add(s, ana, kind="email", direction="in").stage_before is None
        assert contacts.get(s, ana).stage is Stage.IDENTIFIED


def test_deleting_a_contact_deletes_its_interactions(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        interactions.add(s, ana, kind="call", direction="in")
    with db.transaction() as s:
        contacts.delete(s, ana)
    with db.reading() as s:
        assert s.query(Interaction).count() == 0


def test_scheduling_a_meeting_moves_the_stage_forward_only(db: Any) -> None:
    soon = dt.datetime.now(dt.UTC) + 3 * D
    with db.transaction() as s:
        ana = contacts.add(s, "Ana", stage=Stage.CONTACTED).id
        bo = contacts.add(s, "Bo", stage=Stage.REFERRED_ON).id
        cy = contacts.add(s, "Cy").id
        meetings.add(s, ana, soon)
        meetings.add(s, bo, soon)
        meetings.add(s, cy, MONDAY)  # recorded after it happened: not a scheduling
    with db.reading() as s:
        assert contacts.get(s, ana).stage is Stage.MEETING_SCHEDULED
        assert contacts.get(s, bo).stage is Stage.REFERRED_ON
        assert contacts.get(s, cy).stage is Stage.IDENTIFIED


def test_logging_a_meeting_never_moves_the_stage_backwards(db: Any) -> None:
    with db.transaction() as s:
        bo = contacts.add(s, "Bo", stage=Stage.REFERRED_ON).id
        log_meeting(s, MeetingLog(contact_id=bo, start=MONDAY), now=MONDAY + D)
    with db.reading() as s:
        assert contacts.get(s, bo).stage is Stage.REFERRED_ON


def test_a_meeting_still_to_come_is_logged_only_with_the_override(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        planned = meetings.add(s, ana, MONDAY + 2 * D).id
    with pytest.raises(ValidationError, match="still to come"), db.transaction() as s:
        log_meeting(s, MeetingLog(contact_id=ana, meeting_id=planned, notes="x"), now=MONDAY)
    with pytest.raises(ValidationError, match="still to come"), db.transaction() as s:
        log_meeting(s, MeetingLog(contact_id=ana, start=MONDAY + D), now=MONDAY)
    with db.reading() as s:
        assert meetings.get(s, planned).notes is None
        assert len(meetings.list_meetings(s)) == 1
    with db.transaction() as s:
        log_meeting(
            s,
            MeetingLog(contact_id=ana, meeting_id=planned, notes="x"),
            now=MONDAY,
            allow_future=True,
        )
    with db.reading() as s:
        assert meetings.get(s, planned).notes == "x"
        assert contacts.get(s, ana).stage is Stage.MET


def test_timeline_last_touch_and_responsiveness(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        first = interactions.add(s, ana, kind="email", direction="out", at=MONDAY).interaction_id
        answer = interactions.add(
            s, ana, kind="email", direction="in", at=MONDAY + 2 * D
        ).interaction_id
        met = meetings.add(s, ana, MONDAY + 7 * D).id
        follow = followups.add(s, ana, MONDAY + 8 * D).id
        followups.set_done(s, follow)
        done_at = followups.get(s, follow).done_at
        meetings.add(s, ana, MONDAY + 365 * D)  # still to come: not a touch yet
    now = MONDAY + 30 * D
    with db.reading() as s:
        line = interactions.timeline(s, ana, now=max(now, done_at))
        assert [(t.kind, t.source_id) for t in line] == [
            (TouchKind.FOLLOWUP, follow),
            (TouchKind.MEETING, met),
            (TouchKind.INTERACTION, answer),
            (TouchKind.INTERACTION, first),
        ]
        assert interactions.last_touch(s, ana, now=now) == MONDAY + 7 * D
        assert interactions.responsiveness_of(s, ana, now, ZONE) is Responsiveness.BOOSTER
        assert interactions.responsiveness_by_contact(s, now, ZONE) == {ana: Responsiveness.BOOSTER}
        extras = interactions.contact_extras(s, ana, now)
        assert extras["responsiveness"] == "booster"
        assert [i["id"] for i in extras["interactions"]] == [first, answer]


def test_keep_in_touch_setting(db: Any) -> None:
    with db.transaction() as s:
        assert settings.get(s, "keep_in_touch_days") == [[14, 21], [30, 45], [60, 90], [90, 180]]
        settings.set_value(s, "keep_in_touch_days", [[1, 2], [3, 4], [5, 6], [7, 8]])
    with db.reading() as s:
        assert settings.get(s, "keep_in_touch_days")[3] == [7, 8]
    with pytest.raises(ValidationError, match="ideal <= maximum"), db.transaction() as s:
        settings.set_value(s, "keep_in_touch_days", [[1, 2], [3, 4], [5, 6], [9, 8]])


def test_the_day_from_the_database(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana", company="Acme", ring=1).id
        bo = contacts.add(s, "Bo", company="Acme", ring=3).id
        cy = contacts.add(s, "Cy", ring=0).id
        interactions.add(s, ana, kind="email", direction="out", at=MONDAY)
        upcoming = meetings.add(s, cy, MONDAY + 4 * D, checklist={"mission_researched": True}).id
        settings.set_value(s, "practice_threshold", 2)
    at = MONDAY + 3 * D
    with db.reading() as s:
        day = today.day_at(s, at, ZONE)
        data = today.day_json(day)
    assert data["practice"] == {"held": 0, "needed": 2}
    assert data["meetings_upcoming"] == [
        {
            "meeting_id": upcoming,
            "contact_id": cy,
            "at": (MONDAY + 4 * D).astimezone(ZONE).isoformat(timespec="seconds"),
            "prep_done": 1,
            "prep_total": 4,
        }
    ]
    (outreach,) = data["outreach"]
    assert outreach["contact_id"] == ana
    assert outreach["suggest"] == "try_another_contact"
    assert outreach["candidates"] == [bo]
    with db.reading() as s:
        ready = today.star_readiness(s, upcoming, at)
        assert not ready.ready
        assert ready.practice_needed == 2


def test_the_archive_carries_interactions(db: Any, tmp_path: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        interactions.add(s, ana, kind="in_person", direction="in", at=MONDAY, note="Café")
        interactions.add(s, ana, kind="message", direction="out", at=MONDAY + D)
    with db.reading() as s:
        exported = archive.export_archive(s)
    assert len(exported["tables"]["interactions"]) == 2
    copy = open_database(sqlite_location(tmp_path / "copy" / "copy.db"))
    try:
        with copy.transaction() as s:
            counts = archive.import_archive(s, exported)
        assert counts["interactions"] == 2
        with copy.reading() as s:
            again = archive.export_archive(s)
        with copy.transaction() as s:
            new = interactions.add(s, ana, kind="call", direction="out")
            assert new.interaction_id == 3  # ids go on after the imported rows
    finally:
        copy.close()
    assert again["tables"] == exported["tables"]


def test_readiness_for_the_stars_upcoming_meeting(db: Any) -> None:
    with db.transaction() as s:
        star = contacts.add(s, "Star", company="Globex", ring=0).id
        outer = contacts.add(s, "Outer", ring=3).id
        meeting = meetings.add(s, star, MONDAY + 2 * D, questions=["What changed this year?"]).id
        meetings.add(s, outer, MONDAY + 2 * D)
        settings.set_value(s, "practice_threshold", 0)
    with db.reading() as s:
        day = today.day_at(s, MONDAY, ZONE)
        assert set(today.star_readiness_for(s, day)) == {meeting}  # only the bull's-eye one
        assert today.star_readiness_for(s, day)[meeting].missing() == [
            "write down the company's mission"
        ]
    with db.transaction() as s:
        (globex,) = [c for c in companies.list_companies(s) if c.company.name == "Globex"]
        companies.edit(s, globex.company.id, mission="Maps for everyone")
    with db.reading() as s:
        day = today.day_at(s, MONDAY, ZONE)
        assert today.star_readiness_for(s, day)[meeting].ready


def test_merging_moves_interactions_and_undoing_a_delete_restores_them(db: Any) -> None:
    from networkdesk.services import merging, snapshots

    with db.transaction() as s:
        keep = contacts.add(s, "Ana").id
        other = contacts.add(s, "Ana M.").id
        moved = interactions.add(s, other, kind="call", direction="in", at=MONDAY).interaction_id
    with db.transaction() as s:
        merging.merge(s, keep, other)
    with db.transaction() as s:
        assert [i.id for i in interactions.list_interactions(s, contact_id=keep)] == [moved]
        snapshot = snapshots.capture_contact(s, keep)
        contacts.delete(s, keep)
    with db.transaction() as s:
        assert interactions.list_interactions(s) == []
        snapshots.restore_contact(s, snapshot)
    with db.reading() as s:
        (row,) = interactions.list_interactions(s, contact_id=keep)
        assert (row.id, row.at, row.kind) == (moved, MONDAY, InteractionKind.CALL)
