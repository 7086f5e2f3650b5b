"""services.contacts (with companies and tags): happy paths, bad input, deletion, ring history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import MeetingKind, Ring, Stage
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.models import (
    CalendarTombstone,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Meeting,
    RingMove,
    Tag,
    contact_tags,
)
from networkdesk.services import companies, contacts, followups, meetings, referrals, tags
from networkdesk.storage.database import Database

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def dump(db: Database) -> list[str]:
    """Every row of the database as SQL text: equal dumps mean nothing was written."""
    assert db.path is not None
    connection = sqlite3.connect(db.path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def assert_refused(db: Database, error: type[Exception], work: Callable[[Session], Any]) -> str:
    """`work` raises `error` inside a transaction and the database is byte-for-byte unchanged."""
    before = dump(db)
    with pytest.raises(error) as info, db.transaction() as session:
        work(session)
    assert dump(db) == before
    return str(info.value)


def count(session: Session, entity: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def test_add_cleans_and_links_everything(db: Database) -> None:
    with db.transaction() as s:
        c = contacts.add(
            s,
            "  Jürgen   Müller ",
            company="Acme",
            title=" CTO ",
            emails=["j@acme.example", "J@ACME.example", "mailto:jm@home.example"],
            phones=["+49 30 1234", "tel:+1 555 0100"],
            linkedin="www.linkedin.com/in/jm/",
            ring=Ring.MIDDLE,
            tag_names=["Alumni", "alumni", "Mentor"],
            notes="Met at PyCon",
        )
        cid = c.id
    with db.reading() as s:
        c = contacts.get(s, cid)
        assert c.name == "Jürgen Müller"
        assert c.title == "CTO"
        assert c.company is not None
        assert c.company.name == "Acme"
        # Duplicate e-mails (case-insensitive) are dropped, mailto: stripped, order kept.
        assert [e.address for e in c.emails] == ["j@acme.example", "jm@home.example"]
        assert [p.number for p in c.phones] == ["+49 30 1234", "+1 555 0100"]
        assert c.linkedin_url == "https://www.linkedin.com/in/jm/"
        assert c.linkedin_key == "linkedin.com/in/jm"
        assert sorted(t.name for t in c.tags) == ["Alumni", "Mentor"]
        assert c.ring == 2
        assert c.angle is not None
        assert c.stage is Stage.IDENTIFIED
        assert [(m.from_ring, m.to_ring) for m in contacts.ring_history(s, cid)] == [(None, 2)]


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"name": ""}, ValidationError, "contact name is empty"),
        ({"name": "   "}, ValidationError, "contact name is empty"),
        ({"name": "x" * 301}, ValidationError, "longer than 300"),
        ({"name": "A", "emails": ["not-an-email"]}, ValidationError, "bad e-mail"),
        ({"name": "A", "phones": ["call me"]}, ValidationError, "bad phone"),
        ({"name": "A", "linkedin": "ftp://x"}, ValidationError, "bad LinkedIn URL"),
        ({"name": "A", "ring": 7}, ValidationError, "ring 7"),
        ({"name": "A", "ring": "centre"}, ValidationError, "unknown ring"),
        ({"name": "A", "stage": "hired"}, ValidationError, "unknown stage"),
        ({"name": "A", "company": "   "}, ValidationError, "company name is empty"),
        ({"name": "A", "tag_names": ["t" * 101]}, ValidationError, "longer than 100"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(
    db: Database, kwargs: dict[str, Any], error: type[Exception], fragment: str
) -> None:
    with db.transaction() as s:
        contacts.add(s, "Existing", company="Acme")
    name = kwargs.pop("name")
    # The company and tags would be created before the bad field is seen: all rolled back.
    kwargs.setdefault("company", "Newco")
    message = assert_refused(db, error, lambda s: contacts.add(s, name, **kwargs))
    assert fragment in message


def test_unknown_ids_raise_not_found(db: Database) -> None:
    for work in (
        lambda s: contacts.get(s, 99),
        lambda s: contacts.edit(s, 99, name="X"),
        lambda s: contacts.move(s, 99, 1),
        lambda s: contacts.delete(s, 99),
        lambda s: contacts.ring_history(s, 99),
        lambda s: companies.edit(s, 99, name="X"),
        lambda s: companies.delete(s, 99),
    ):
        assert "99" in assert_refused(db, NotFoundError, work)


def test_edit_changes_only_what_is_given_and_none_clears(db: Database) -> None:
    with db.transaction() as s:
        cid = contacts.add(
            s, "Ana Costa", company="Acme", title="PM", emails=["a@x.example"], notes="n"
        ).id
    with db.transaction() as s:
        contacts.edit(s, cid, title=None, company="Globex", tag_names=["Fintech"])
    with db.reading() as s:
        c = contacts.get(s, cid)
        assert c.title is None
        assert c.company is not None
        assert c.company.name == "Globex"
        assert [e.address for e in c.emails] == ["a@x.example"]
        assert c.notes == "n"
        assert "globex" in c.search_text
        assert "fintech" in c.search_text
        assert "acme" not in c.search_text
    assert_refused(db, ValidationError, lambda s: contacts.edit(s, cid, name=" "))
    assert_refused(db, ValidationError, lambda s: contacts.edit(s, cid, emails=["@"]))


def test_move_records_every_ring_change(db: Database) -> None:
    with db.transaction() as s:
        cid = contacts.add(s, "Kwame Mensah").id
    steps: list[Ring | int | None] = [Ring.OUTER, 2, Ring.INNER, Ring.BULLSEYE, None]
    for ring in steps:
        with db.transaction() as s:
            assert contacts.move(s, cid, ring) is not None
    with db.transaction() as s:
        assert contacts.move(s, cid, None) is None  # already in the inbox: no history row
    with db.reading() as s:
        history = contacts.ring_history(s, cid)
        assert [(m.from_ring, m.to_ring) for m in history] == [
            (None, 3),
            (3, 2),
            (2, 1),
            (1, 0),
            (0, None),
        ]
        assert all(m.moved_at.tzinfo is not None for m in history)
        c = contacts.get(s, cid)
        assert c.ring is None
        assert c.angle is None


def test_move_keeps_angle_and_normalises_given_angle(db: Database) -> None:
    with db.transaction() as s:
        cid = contacts.add(s, "Mei Chen", ring=3).id
        first_angle = contacts.get(s, cid).angle
        contacts.move(s, cid, 1)
        assert contacts.get(s, cid).angle == first_angle
        contacts.move(s, cid, 1, angle=7.0)
        assert contacts.get(s, cid).angle == pytest.approx(7.0 - 2 * 3.141592653589793)
    assert_refused(db, ValidationError, lambda s: contacts.move(s, cid, 1, angle=float("nan")))
    assert_refused(db, ValidationError, lambda s: contacts.move(s, cid, 4))


def test_search_is_case_and_accent_insensitive_over_all_fields(db: Database) -> None:
    with db.transaction() as s:
        contacts.add(s, "Jürgen Müller", company="Société Générale")
        contacts.add(s, "Ana", title="Head of Données")
        contacts.add(s, "Bo", tag_names=["Café Crew"])
        contacts.add(s, "Cy", notes="Loves CRÈME brûlée")
        contacts.add(s, "Dee 100%_sure")
    with db.reading() as s:

        def names(text: str) -> list[str]:
            return [r["name"] for r in contacts.summaries(s, contacts.ContactFilter(search=text))]

        assert names("MULLER") == ["Jürgen Müller"]
        assert names("societe generale") == ["Jürgen Müller"]
        assert names("donnees") == ["Ana"]
        assert names("cafe") == ["Bo"]
        assert names("creme BRULEE") == ["Cy"]
        assert names("100%_") == ["Dee 100%_sure"]  # LIKE wildcards are literal
        assert names("%") == ["Dee 100%_sure"]
        assert names("nobody") == []


def test_filters_ring_inbox_stage_tag_target(db: Database) -> None:
    with db.transaction() as s:
        companies.upsert(s, "Acme", target=True)
        contacts.add(s, "A", ring=0, company="Acme", stage=Stage.MET, tag_names=["x"])
        contacts.add(s, "B", ring=3)
        contacts.add(s, "C")
    with db.reading() as s:

        def names(**kw: Any) -> list[str]:
            return [c.name for c in contacts.list_contacts(s, contacts.ContactFilter(**kw))]

        assert names() == ["A", "B", "C"]
        assert names(ring=0) == ["A"]
        assert names(inbox=True) == ["C"]
        assert names(stage=Stage.MET) == ["A"]
        assert names(tag="X") == ["A"]
        assert names(target_only=True) == ["A"]
        assert [r["name"] for r in contacts.summaries(s, contacts.ContactFilter(ring=3))] == ["B"]


def test_summaries_shape_and_types(db: Database) -> None:
    with db.transaction() as s:
        contacts.add(
            s, "Zoë", company="Acme", emails=["z@x.example"], phones=["123"], tag_names=["b", "a"]
        )
    with db.reading() as s:
        (row,) = contacts.summaries(s)
    assert row["company"] == "Acme"
    assert row["ring"] is None
    assert row["emails"] == ["z@x.example"]
    assert row["phones"] == ["123"]
    assert row["tags"] == ["a", "b"]
    assert row["stage"] == "identified"
    assert isinstance(row["id"], int)


def test_summaries_of_everyone_match_the_filtered_ones(db: Database) -> None:
    # Everyone's summaries come from the driver's rows (no parameters); filtered ones through
    # SQLAlchemy's result: the same values and types either way.
    with db.transaction() as s:
        contacts.add(s, "Ana", company="Acme", ring=0, emails=["a@x.example", "b@x.example"])
        contacts.add(s, "Bo", ring=2, phones=["1", "2"], tag_names=["z", "y"], notes="n")
        contacts.add(s, "Cy", company="Beta", title="CTO")
        contacts.add(s, "Di", ring=3, linkedin="https://www.linkedin.com/in/di")
    with db.reading() as s:
        everyone = contacts.summaries(s)
        rows = contacts.summary_rows(s)
        filtered = [
            row
            for flt in (
                contacts.ContactFilter(inbox=True),
                *(contacts.ContactFilter(ring=int(ring)) for ring in Ring),
            )
            for row in contacts.summaries(s, flt)
        ]
    assert [r["name"] for r in everyone] == ["Ana", "Bo", "Cy", "Di"]
    assert sorted(everyone, key=lambda r: r["name"]) == sorted(filtered, key=lambda r: r["name"])
    assert [dict(zip(contacts.SUMMARY_KEYS, row, strict=True)) for row in rows] == everyone
    for row in (*everyone, *filtered):
        assert row["ring"] is None or type(row["ring"]) is Ring
        assert row["angle"] is None or type(row["angle"]) is float
    assert everyone[1]["tags"] == ["y", "z"]
    assert everyone[0]["emails"] == ["a@x.example", "b@x.example"]


def test_delete_removes_everything_of_the_contact_and_leaves_tombstones(db: Database) -> None:
    with db.transaction() as s:
        a = contacts.add(
            s, "A", ring=2, emails=["a@x.example"], phones=["1"], tag_names=["shared"]
        ).id
        b = contacts.add(s, "B", tag_names=["shared"]).id
        c = contacts.add(s, "C").id
        contacts.move(s, a, 1)
        m = meetings.add(s, a, T0).id
        meetings.edit(s, m, notes="changed")  # sequence 1
        followups.add(s, a, T0, meeting_id=m)
        b_meeting = meetings.add(s, b, T0).id
        referrals.add(s, a, b)
        referrals.add(s, c, a)
        referrals.add(s, b, c, meeting_id=m)  # B's referral came from A's meeting
        followups.add(s, b, T0, meeting_id=b_meeting)
        uids = {meetings.get(s, m).uid: 2}
        for f in followups.list_followups(s, contact_id=a):
            uids[f.uid] = 1
    with db.transaction() as s:
        contacts.delete(s, a)
    with db.reading() as s:
        for entity in (ContactEmail, ContactPhone, RingMove, Meeting, FollowUp):
            assert (
                s.scalar(select(func.count()).select_from(entity).where(entity.contact_id == a))
                == 0
            )  # type: ignore[attr-defined]
        assert s.scalar(select(func.count()).where(contact_tags.c.contact_id == a)) == 0
        remaining = [
            (r.from_contact_id, r.to_contact_id, r.meeting_id) for r in referrals.list_referrals(s)
        ]
        assert remaining == [(b, c, None)]  # both directions of A's referrals are gone
        stones = {t.uid: t.sequence for t in s.scalars(select(CalendarTombstone))}
        assert stones == uids
        assert count(s, Tag) == 1  # the tag is still used by B
        assert count(s, Meeting) == 1
        assert count(s, FollowUp) == 1
    assert db.path is not None
    raw = sqlite3.connect(db.path)
    try:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()


def test_companies_upsert_is_case_and_accent_insensitive(db: Database) -> None:
    with db.transaction() as s:
        acme, created = companies.upsert(s, "Acme Café", target=True, priority=2)
        assert created
        again, created = companies.upsert(s, "ACME CAFE", mission="Make coffee")
        assert not created
        assert again.id == acme.id
        assert again.name == "Acme Café"
        assert again.is_target
        assert again.priority == 2
        assert again.mission == "Make coffee"
        assert contacts.add(s, "X", company="acme café").company_id == acme.id
    assert_refused(db, ValidationError, lambda s: companies.upsert(s, " "))
    assert_refused(db, ValidationError, lambda s: companies.upsert(s, "Acme", priority=101))
    assert_refused(db, ValidationError, lambda s: companies.upsert(s, "Acme", website="x y"))


def test_company_rename_and_delete_refresh_contacts(db: Database) -> None:
    with db.transaction() as s:
        acme = companies.upsert(s, "Acme")[0].id
        other = companies.upsert(s, "Globex")[0].id
        cid = contacts.add(s, "X", company="Acme").id
    message = assert_refused(db, ValidationError, lambda s: companies.edit(s, acme, name="GLOBEX"))
    assert "exists already" in message
    with db.transaction() as s:
        companies.edit(s, acme, name="Initech")
        assert "initech" in contacts.get(s, cid).search_text
        companies.delete(s, acme)
    with db.reading() as s:
        c = contacts.get(s, cid)
        assert c.company_id is None
        assert "initech" not in c.search_text
        assert [row.company.id for row in companies.list_companies(s)] == [other]


def test_list_companies_orders_targets_and_counts_rings(db: Database) -> None:
    with db.transaction() as s:
        companies.upsert(s, "Zeta", target=True, priority=1)
        companies.upsert(s, "Beta", target=True, priority=5)
        companies.upsert(s, "Alpha")
        contacts.add(s, "a", company="Beta", ring=1)
        contacts.add(s, "b", company="Beta")
    with db.reading() as s:
        rows = companies.list_companies(s)
        assert [r.company.name for r in rows] == ["Zeta", "Beta", "Alpha"]
        assert rows[1].ring_counts == {1: 1, None: 1}
        assert rows[1].total == 2
        assert [r.company.name for r in companies.list_companies(s, targets_only=True)] == [
            "Zeta",
            "Beta",
        ]


def test_tags_are_reused_and_counted(db: Database) -> None:
    with db.transaction() as s:
        contacts.add(s, "a", tag_names=["Climate"])
        contacts.add(s, "b", tag_names=["CLIMATE", "Health"])
        contacts.add(s, "c", tag_names=[])
    with db.reading() as s:
        assert tags.list_with_counts(s) == [("Climate", 2), ("Health", 1)]


def test_last_meeting_and_next_followup_are_aware(db: Database) -> None:
    with db.transaction() as s:
        cid = contacts.add(s, "a").id
        meetings.add(s, cid, T0)
        meetings.add(s, cid, T0 + dt.timedelta(days=1), kind=MeetingKind.INTERVIEW)
        followups.add(s, cid, T0 + dt.timedelta(days=3))
        done = followups.add(s, cid, T0 + dt.timedelta(days=2)).id
        followups.set_done(s, done)
    with db.reading() as s:
        last, upcoming = contacts.last_meeting_and_next_followup(s)
    assert last == {cid: T0 + dt.timedelta(days=1)}
    assert upcoming == {cid: T0 + dt.timedelta(days=3)}


def test_renaming_a_contact_raises_the_sequence_of_its_calendar_items(session: Any) -> None:
    """Exported events name the contact: a rename must reach calendars that imported them."""
    from networkdesk.services import followups, meetings

    contact = contacts.add(session, "Priya Raman", company="Acme")
    meeting = meetings.add(session, contact.id, dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    followup = followups.add(session, contact.id, dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC))
    contacts.edit(session, contact.id, notes="private notes are not in the events")
    assert (meeting.sequence, followup.sequence) == (0, 0)
    contacts.edit(session, contact.id, name="Priya Raman-Okafor")
    assert (meeting.sequence, followup.sequence) == (1, 1)
    contacts.edit(session, contact.id, company="Globex")
    assert (meeting.sequence, followup.sequence) == (2, 2)
