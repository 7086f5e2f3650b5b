"""Deleting a contact and restoring its snapshot gives back every row, ids included."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.errors import NotFoundError
from networkdesk.domain.models import CalendarTombstone, Contact, FollowUp, Referral, Tag
from networkdesk.services import contacts, followups, meetings, referrals
from networkdesk.services.snapshots import (
    capture_contact,
    delete_contact_with_snapshot,
    restore_contact,
)

WHEN = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


def _build(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ada = contacts.add(
            s,
            "Ada Müller",
            company="Acme",
            emails=["ada@example.org"],
            phones=["+49 30 1234"],
            tag_names=["alumni", "python"],
            ring=2,
            notes="<b>not bold</b>",
        )
        bob = contacts.add(s, "Bob", ring=3)
        meeting = meetings.add(s, ada.id, WHEN, notes="coffee")
        followup = followups.add(s, ada.id, WHEN + dt.timedelta(days=1), meeting_id=meeting.id)
        ref = referrals.add(s, ada.id, bob.id, meeting_id=meeting.id)
        # Bob's follow-up points at Ada's meeting: the link must come back too.
        other = followups.add(s, bob.id, WHEN, meeting_id=meeting.id)
        contacts.move(s, ada.id, 1)
        return {
            "ada": ada.id,
            "bob": bob.id,
            "meeting": meeting.id,
            "followup": followup.id,
            "referral": ref.id,
            "other_followup": other.id,
        }


def _state(s: Session, contact_id: int) -> dict[str, Any]:
    from networkdesk.cli.serialize import contact_detail

    contact = contacts.get(s, contact_id)
    detail = contact_detail(contact)
    detail["meeting_uids"] = [m.uid for m in contact.meetings]
    detail["followup_uids"] = [f.uid for f in contact.followups]
    detail["referrals"] = sorted(
        (r.id, r.from_contact_id, r.to_contact_id, r.meeting_id)
        for r in referrals.list_referrals(s, contact_id=contact_id)
    )
    return detail


def test_delete_then_restore_gives_back_everything(db: Any) -> None:
    ids = _build(db)
    with db.reading() as s:
        before = _state(s, ids["ada"])
    with db.transaction() as s:
        snapshot = delete_contact_with_snapshot(s, ids["ada"])
    with db.reading() as s:
        assert s.get(Contact, ids["ada"]) is None
        assert s.get(Referral, ids["referral"]) is None
        assert s.get(FollowUp, ids["other_followup"]).meeting_id is None
        assert len(list(s.scalars(select(CalendarTombstone)))) == 2
    with db.transaction() as s:
        restore_contact(s, snapshot)
    with db.reading() as s:
        after = _state(s, ids["ada"])
        # A calendar saw the cancellation (SEQUENCE n+1): the restored events outrank it.
        for kind in ("meetings", "followups"):
            for old, new in zip(before[kind], after[kind], strict=True):
                assert new.pop("sequence") == old.pop("sequence") + 2
        assert after == before
        assert after["tags"] == ["alumni", "python"]
        assert [m["to_ring"] for m in after["ring_history"]] == [2, 1]
        assert s.get(FollowUp, ids["other_followup"]).meeting_id == ids["meeting"]
        assert list(s.scalars(select(CalendarTombstone))) == []
        # Search still finds the restored contact by its folded text.
        found = contacts.list_contacts(s, contacts.ContactFilter(search="MULLER"))
        assert [c.id for c in found] == [ids["ada"]]


def test_restore_survives_a_tag_deleted_and_recreated_meanwhile(db: Any) -> None:
    ids = _build(db)
    with db.transaction() as s:
        snapshot = delete_contact_with_snapshot(s, ids["ada"])
    with db.transaction() as s:
        for tag in list(s.scalars(select(Tag))):
            s.delete(tag)
        s.flush()
        contacts.add(s, "Carl", tag_names=["Python"])
    with db.transaction() as s:
        restore_contact(s, snapshot)
    with db.reading() as s:
        names = [t.name for t in contacts.get(s, ids["ada"]).tags]
        assert sorted(n.casefold() for n in names) == ["alumni", "python"]


def test_capture_of_missing_contact_is_a_clear_error(db: Any) -> None:
    with db.transaction() as s, pytest.raises(NotFoundError, match="no contact with id 99"):
        capture_contact(s, 99)


def test_deleted_meeting_comes_back_with_links_and_without_tombstone(db: Any) -> None:
    from networkdesk.domain.models import Meeting
    from networkdesk.services.snapshots import delete_record_with_snapshot, restore_record

    ids = _build(db)
    with db.transaction() as s:
        snap = delete_record_with_snapshot(s, Meeting, ids["meeting"])
    with db.reading() as s:
        assert s.get(Meeting, ids["meeting"]) is None
        assert s.get(Referral, ids["referral"]).meeting_id is None
        assert len(list(s.scalars(select(CalendarTombstone)))) == 1
    with db.transaction() as s:
        restore_record(s, snap)
    with db.reading() as s:
        meeting = s.get(Meeting, ids["meeting"])
        assert meeting.notes == "coffee"
        assert meeting.sequence == 2
        assert s.get(Referral, ids["referral"]).meeting_id == ids["meeting"]
        assert s.get(FollowUp, ids["other_followup"]).meeting_id == ids["meeting"]
        assert list(s.scalars(select(CalendarTombstone))) == []


def test_deleted_company_comes_back_to_its_contacts(db: Any) -> None:
    from networkdesk.domain.models import Company
    from networkdesk.services.snapshots import delete_record_with_snapshot, restore_record

    ids = _build(db)
    with db.reading() as s:
        company_id = contacts.get(s, ids["ada"]).company_id
    with db.transaction() as s:
        snap = delete_record_with_snapshot(s, Company, company_id)
    with db.reading() as s:
        assert contacts.get(s, ids["ada"]).company_id is None
        assert contacts.list_contacts(s, contacts.ContactFilter(search="acme")) == []
    with db.transaction() as s:
        restore_record(s, snap)
    with db.reading() as s:
        assert contacts.get(s, ids["ada"]).company.name == "Acme"
        found = contacts.list_contacts(s, contacts.ContactFilter(search="ACME"))
        assert [c.id for c in found] == [ids["ada"]]
