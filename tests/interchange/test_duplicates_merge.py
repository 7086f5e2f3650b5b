"""Likely duplicates (profile URL, e-mail, similar names at one company) and merging them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.models import Contact, ContactChange, Referral, RingMove
from networkdesk.services import contacts, duplicates, followups, meetings, merging, referrals


def _groups(db: Any) -> list[tuple[list[int], str]]:
    with db.reading() as session:
        return [(g.ids, g.reason) for g in duplicates.find_duplicates(session)]


def test_same_profile_same_email_similar_names(db: Any) -> None:
    with db.transaction() as session:
        a = contacts.add(session, "Ann Lee", linkedin="https://www.linkedin.com/in/annlee/").id
        b = contacts.add(session, "Ann L.", linkedin="linkedin.com/in/AnnLee").id
        c = contacts.add(session, "Cy Doe", emails=["cy@example.com"]).id
        d = contacts.add(session, "Cyrus Doe", emails=["CY@Example.com"]).id
        e = contacts.add(session, "Robert Müller", company="Globex").id
        f = contacts.add(session, "bob mueller", company="GLOBEX").id
        g = contacts.add(session, "Bob Mueller", company="Initech").id  # another company
        h = contacts.add(session, "Priya Raman", company="Globex").id  # a different person
    groups = _groups(db)
    assert ([a, b], "same LinkedIn profile linkedin.com/in/annlee") in groups
    assert ([c, d], "same e-mail cy@example.com") in groups
    assert ([e, f], "similar names at Globex") in groups
    assert all(g not in ids and h not in ids for ids, _ in groups)
    assert len(groups) == 3


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("José Muñoz", "JOSE MUNOZ"),
        ("William Smith", "Bill Smith"),
        ("Smith, Katherine", "Kate Smith"),
        ("Jon Doe", "John Doe"),
    ],
)
def test_names_alike_despite_accents_case_nicknames(first: str, second: str) -> None:
    assert duplicates.similar(duplicates.name_signature(first), duplicates.name_signature(second))


@pytest.mark.parametrize(
    ("first", "second"), [("Ann Lee", "Anna Berg"), ("Jan Novak", "Jana Novakova")]
)
def test_different_people_are_not_alike(first: str, second: str) -> None:
    assert not duplicates.similar(
        duplicates.name_signature(first), duplicates.name_signature(second)
    )


def test_no_duplicates_is_an_empty_list(db: Any) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ann Lee", company="Acme")
        contacts.add(session, "Bo Ray", company="Acme")
    assert _groups(db) == []


def _full_pair(session: Any) -> tuple[int, int, int]:
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    keep = contacts.add(
        session,
        "Robert Müller",
        company="Globex",
        emails=["robert@globex.example"],
        phones=["+49 30 1234"],
        tag_names=["Alumni"],
        ring=2,
        notes="Kept note",
        how_met="Alumni dinner",
    )
    other = contacts.add(
        session,
        "Bob Mueller",
        company="Globex Research",
        title="Data Lead",
        emails=["ROBERT@globex.example", "bob@home.example"],
        phones=["+49 (30) 1234", "+49 170 5555"],
        linkedin="linkedin.com/in/bobm",
        tag_names=["Data", "alumni"],
        ring=1,
        notes="Other note",
        location="Berlin",
        how_met="Conference",
    )
    third = contacts.add(session, "Cy Doe")
    meeting = meetings.add(session, other.id, now)
    followups.add(session, other.id, now + dt.timedelta(days=1), meeting_id=meeting.id)
    referrals.add(session, other.id, third.id, meeting_id=meeting.id)
    referrals.add(session, third.id, other.id)
    referrals.add(session, keep.id, other.id)  # becomes self-referral: dropped
    other.photo, other.photo_mime = b"\x89PNG-photo", "image/png"
    contacts.record_change(session, other, "title", "Analyst", "Data Lead", "linkedin")
    session.flush()
    return keep.id, other.id, third.id


def test_merge_moves_everything_and_loses_nothing(db: Any) -> None:
    with db.transaction() as session:
        keep_id, other_id, third_id = _full_pair(session)
        other_moves = len(contacts.ring_history(session, other_id))
    with db.transaction() as session:
        result = merging.merge(session, keep_id, other_id)
    assert (result.meetings, result.followups, result.referrals, result.dropped_referrals) == (
        1,
        1,
        2,
        1,
    )
    with db.reading() as session:
        assert session.get(Contact, other_id) is None
        kept = contacts.get(session, keep_id)
        assert kept.name == "Robert Müller"
        assert [e.address for e in kept.emails] == ["robert@globex.example", "bob@home.example"]
        assert [p.number for p in kept.phones] == ["+49 30 1234", "+49 170 5555"]
        assert sorted(t.name for t in kept.tags) == ["Alumni", "Data"]
        assert [m.contact_id for m in kept.meetings] == [keep_id]
        assert [f.contact_id for f in kept.followups] == [keep_id]
        pairs = {(r.from_contact_id, r.to_contact_id) for r in session.scalars(select(Referral))}
        assert pairs == {(keep_id, third_id), (third_id, keep_id)}
        moves = session.scalars(select(RingMove).where(RingMove.contact_id == keep_id)).all()
        assert len(moves) == 1 + other_moves
        # Filled from the other where the kept contact had nothing.
        assert kept.title == "Data Lead"
        assert kept.location == "Berlin"
        assert kept.linkedin_key == "linkedin.com/in/bobm"
        assert kept.photo == b"\x89PNG-photo"
        assert kept.notes == "Kept note\n\nOther note"
        assert kept.ring == 1  # the closer of the two rings
        # Differing values of the other are kept as history, with the moved change record.
        changes = {
            (c.field, c.old_value, c.new_value, c.source)
            for c in session.scalars(
                select(ContactChange).where(ContactChange.contact_id == keep_id)
            )
        }
        assert changes == {
            ("name", "Bob Mueller", "Robert Müller", "merge"),
            ("company", "Globex Research", "Globex", "merge"),
            ("how_met", "Conference", "Alumni dinner", "merge"),
            ("title", "Analyst", "Data Lead", "linkedin"),
        }
        hits = contacts.summaries(session, contacts.ContactFilter(search="bob@home"))
        assert [h["id"] for h in hits] == [keep_id]


def test_merge_refuses_self_and_unknown_ids(db: Any) -> None:
    with db.transaction() as session:
        ann = contacts.add(session, "Ann Lee").id
    with pytest.raises(ValidationError, match="itself"), db.transaction() as session:
        merging.merge(session, ann, ann)
    with pytest.raises(NotFoundError, match="no contact with id 999"), db.transaction() as session:
        merging.merge(session, ann, 999)
