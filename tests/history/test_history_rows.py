"""Undo and redo of adding, editing and deleting rows (ids kept), without a QApplication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from networkdesk.domain.enums import Stage
from networkdesk.domain.fields import CompanyFields, ContactFields, FollowUpFields
from networkdesk.services import contacts, followups, meetings, referrals
from networkdesk.services.changes import COMPANIES, CONTACTS, FOLLOWUPS, MEETINGS, REFERRALS
from networkdesk.services.history import History
from networkdesk.services.records.adding import add_company, add_contact, add_followup
from networkdesk.services.records.rows import Entity, delete_row, delete_rows, edit_row, edit_rows
from networkdesk.services.records.small_edits import set_followup_done, snooze_followup

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def _ada(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ada = contacts.add(
            s, "Ada", company="Acme", emails=["ada@acme.test"], ring=2, tag_names=["x"]
        )
        bob = contacts.add(s, "Bob")
        meeting = meetings.add(s, ada.id, NOW)
        followup = followups.add(s, ada.id, NOW + dt.timedelta(days=1), meeting_id=meeting.id)
        referral = referrals.add(s, ada.id, bob.id, meeting_id=meeting.id)
        return {
            "ada": ada.id,
            "bob": bob.id,
            "meeting": meeting.id,
            "followup": followup.id,
            "referral": referral.id,
        }


def test_edit_contact_undone_and_redone(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _ada(db)
    before = state()
    fields = ContactFields(name="Ada L.", company="Globex", stage=Stage.MET, emails=())
    history.apply(lambda s: edit_row(s, ids["ada"], fields, "Edit Ada"))
    after = state()
    assert after != before

    changes = history.undo()
    # Globex was created by the edit and stays (an empty company is harmless); the contact and
    # everything else reads as before.
    undone = state()
    assert {k: v for k, v in undone.items() if k != "companies"} == {
        k: v for k, v in before.items() if k != "companies"
    }
    assert changes.updated_ids(CONTACTS) == {ids["ada"]}
    with db.reading() as s:
        ada = contacts.get(s, ids["ada"])
        assert (ada.name, ada.company.name, ada.stage) == ("Ada", "Acme", Stage.IDENTIFIED)
        assert [e.address for e in ada.emails] == ["ada@acme.test"]

    assert history.redo().updated_ids(CONTACTS) == {ids["ada"]}
    assert state() == after


def test_delete_contact_undone_keeps_every_id_and_its_rows(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _ada(db)
    before = state(skip_tables=frozenset({"calendar_tombstones"}))
    history.apply(lambda s: delete_row(s, Entity.CONTACT, ids["ada"], "Delete Ada"))
    after = state()
    with db.reading() as s:
        assert s.get(contacts.Contact, ids["ada"]) is None

    changes = history.undo()
    assert changes.created_ids(CONTACTS) == {ids["ada"]}
    assert state(skip_tables=frozenset({"calendar_tombstones"})) == before
    assert state()["calendar_tombstones"] == [], "the restored events are no longer cancelled"

    changes = history.redo()
    assert changes.deleted_ids(CONTACTS) == {ids["ada"]}
    assert state() == after


def test_add_then_undo_then_redo_keeps_the_id_later_records_name(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    before = state()
    created = history.apply(
        lambda s: add_contact(s, ContactFields(name="Zoë", tag_names=("a",)), ring=1)
    )
    assert created is not None
    zoe = created.row_id
    edited = history.apply(lambda s: edit_row(s, zoe, ContactFields(title="CTO"), "Edit Zoë"))
    assert edited is not None
    after = state()
    history.undo()
    changes = history.undo()
    assert changes.deleted_ids(CONTACTS) == {zoe}
    # Deleting a contact leaves its tags (as deleting through the window always did); only the
    # new tag "a" may remain.
    undone = state()
    assert [row[1] for row in undone.pop("tags")] == ["a"]
    assert undone == {k: v for k, v in before.items() if k != "tags"}
    assert history.redo().created_ids(CONTACTS) == {zoe}
    history.redo()  # the edit names the id: it must find the contact again
    assert state() == after
    with db.reading() as s:
        assert contacts.get(s, zoe).title == "CTO"


def test_add_company_and_followup_and_undo_them(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _ada(db)
    before = state(skip_tables=frozenset({"calendar_tombstones"}))
    company = history.apply(lambda s: add_company(s, CompanyFields(name="Initech", target=True)))
    followup = history.apply(lambda s: add_followup(s, ids["ada"], NOW, title="Call"))
    assert company is not None
    assert followup is not None
    assert company.changes.created_ids(COMPANIES) == {company.row_id}
    assert followup.changes.created_ids(FOLLOWUPS) == {followup.row_id}
    after = state(skip_tables=frozenset({"calendar_tombstones"}))
    history.undo()
    history.undo()
    assert state(skip_tables=frozenset({"calendar_tombstones"})) == before
    history.redo()
    history.redo()
    assert state(skip_tables=frozenset({"calendar_tombstones"})) == after


def test_followup_done_snooze_and_edit_undo(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _ada(db)
    fid = ids["followup"]
    before = state()
    history.apply(lambda s: set_followup_done(s, fid))
    history.apply(lambda s: snooze_followup(s, fid, dt.timedelta(days=3)))
    history.apply(lambda s: edit_row(s, fid, FollowUpFields(title="Write"), "Edit follow-up"))
    after = state()
    for _ in range(3):
        assert history.undo().updated_ids(FOLLOWUPS) == {fid}
    assert state() == before
    for _ in range(3):
        history.redo()
    assert state() == after


def test_bulk_delete_is_one_step(db: Any, history: History, state: Callable[..., Any]) -> None:
    ids = _ada(db)
    before = state(skip_tables=frozenset({"calendar_tombstones"}))
    record = history.apply(
        lambda s: delete_rows(s, Entity.CONTACT, [ids["ada"], ids["bob"]], "Delete 2 contacts")
    )
    assert record is not None
    assert record.changes.deleted_ids(CONTACTS) == {ids["ada"], ids["bob"]}
    assert record.changes.touches(MEETINGS, REFERRALS)
    history.undo()
    assert not history.can_undo
    assert state(skip_tables=frozenset({"calendar_tombstones"})) == before


def test_bulk_edit_is_one_step_and_restores_each_rows_own_value(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ids = _ada(db)
    with db.transaction() as s:
        contacts.edit(s, ids["bob"], stage=Stage.MET)
    before = state()
    record = history.apply(
        lambda s: edit_rows(
            s, [ids["ada"], ids["bob"]], ContactFields(stage=Stage.REFERRED_ON), "Edit 2"
        )
    )
    assert record is not None
    assert record.changes.updated_ids(CONTACTS) == {ids["ada"], ids["bob"]}
    history.undo()
    assert state() == before
    with db.reading() as s:
        assert contacts.get(s, ids["bob"]).stage is Stage.MET
        assert contacts.get(s, ids["ada"]).stage is Stage.IDENTIFIED
