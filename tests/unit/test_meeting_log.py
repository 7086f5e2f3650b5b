"""Logging a meeting is one transaction, and undoing it restores every row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from networkdesk.domain.enums import Stage
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import Contact, FollowUp, Meeting, Referral, RingMove
from networkdesk.services import contacts, meetings
from networkdesk.services.meeting_log import (
    MeetingLog,
    ReferralGained,
    default_thank_you_due,
    log_meeting,
    undo_log,
)

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def _count(s: Any, model: Any) -> int:
    return int(s.scalar(select(func.count()).select_from(model)))


@pytest.fixture
def people(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", company="Acme", ring=3, stage=Stage.MEETING_SCHEDULED)
        bob = contacts.add(s, "Bob")
        scheduled = meetings.add(s, ada.id, NOW - dt.timedelta(hours=2), notes=None)
        return {"ada": ada.id, "bob": bob.id, "meeting": scheduled.id}


def test_log_creates_referrals_followup_stage_and_ring_in_one_step(
    db: Any, people: dict[str, int]
) -> None:
    log = MeetingLog(
        contact_id=people["ada"],
        meeting_id=people["meeting"],
        notes="Talked about the platform team",
        outcome="Offered two introductions",
        referrals=[
            ReferralGained(contact_id=people["bob"]),
            ReferralGained(new_name="Chloé Durand", new_company="Globex", note="CTO"),
        ],
        new_ring=2,
    )
    with db.transaction() as s:
        result = log_meeting(s, log, now=NOW)
    with db.reading() as s:
        ada = contacts.get(s, people["ada"])
        assert ada.stage is Stage.REFERRED_ON
        assert ada.ring == 2
        meeting = s.get(Meeting, people["meeting"])
        assert meeting.notes == "Talked about the platform team"
        assert meeting.sequence == 1
        new = s.get(Contact, result.new_contact_ids[0])
        assert new.name == "Chloé Durand"
        assert new.company.name == "Globex"
        refs = [s.get(Referral, rid) for rid in result.referral_ids]
        assert {(r.from_contact_id, r.to_contact_id) for r in refs} == {
            (people["ada"], people["bob"]),
            (people["ada"], new.id),
        }
        assert all(r.meeting_id == people["meeting"] for r in refs)
        followup = s.get(FollowUp, result.followup_id)
        assert followup.meeting_id == people["meeting"]
        assert dt.timedelta(0) < followup.due - NOW <= dt.timedelta(hours=24)


def test_a_failure_half_way_leaves_nothing(db: Any, people: dict[str, int]) -> None:
    log = MeetingLog(
        contact_id=people["ada"],
        start=NOW,
        notes="x",
        referrals=[ReferralGained(new_name="Dee"), ReferralGained()],  # second one is invalid
    )
    with pytest.raises(ValidationError, match="needs an existing contact"), db.transaction() as s:
        log_meeting(s, log, now=NOW)
    with db.reading() as s:
        assert _count(s, Meeting) == 1
        assert _count(s, Contact) == 2
        assert _count(s, Referral) == 0
        assert contacts.get(s, people["ada"]).stage is Stage.MEETING_SCHEDULED


def test_undo_restores_every_row(db: Any, people: dict[str, int]) -> None:
    with db.reading() as s:
        moves_before = _count(s, RingMove)
    log = MeetingLog(
        contact_id=people["ada"],
        meeting_id=people["meeting"],
        notes="n",
        outcome="o",
        referrals=[ReferralGained(new_name="Eve")],
        new_ring=1,
    )
    with db.transaction() as s:
        result = log_meeting(s, log, now=NOW)
    with db.transaction() as s:
        undo_log(s, result)
    with db.reading() as s:
        ada = contacts.get(s, people["ada"])
        assert ada.stage is Stage.MEETING_SCHEDULED
        assert ada.ring == 3
        assert _count(s, RingMove) == moves_before
        assert _count(s, Contact) == 2
        assert _count(s, Referral) == 0
        assert _count(s, FollowUp) == 0
        meeting = s.get(Meeting, people["meeting"])
        assert meeting.notes is None
        assert meeting.outcome is None


def test_logging_an_unscheduled_meeting_creates_it_and_undo_removes_it(
    db: Any, people: dict[str, int]
) -> None:
    log = MeetingLog(contact_id=people["bob"], start=NOW - dt.timedelta(days=3), notes="lunch")
    with db.transaction() as s:
        result = log_meeting(s, log, now=NOW)
        assert result.created_meeting
    with db.reading() as s:
        assert _count(s, Meeting) == 2
        assert contacts.get(s, people["bob"]).stage is Stage.MET
    with db.transaction() as s:
        undo_log(s, result)
    with db.reading() as s:
        assert _count(s, Meeting) == 1
        assert contacts.get(s, people["bob"]).stage is Stage.IDENTIFIED


def test_thank_you_due_within_a_day_of_the_meeting_or_of_now() -> None:
    end = NOW - dt.timedelta(days=5)
    assert default_thank_you_due(end, NOW) == NOW + dt.timedelta(hours=24)
    later = NOW + dt.timedelta(hours=3)
    assert default_thank_you_due(later, NOW) == later + dt.timedelta(hours=24)


def test_meeting_of_another_contact_is_refused(db: Any, people: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="not with Bob"), db.transaction() as s:
        log_meeting(s, MeetingLog(contact_id=people["bob"], meeting_id=people["meeting"]))
