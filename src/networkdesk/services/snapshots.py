"""Everything that belongs to a contact, captured as plain rows so deleting it can be undone.

`capture_contact` reads, before a deletion, every row the deletion removes (the contact, its
e-mails, phones, tag links, ring history, change history, meetings, follow-ups, referrals and
interactions) with their ids, plus the links other rows lose (a referral or follow-up that
pointed at one of its meetings). `restore_contact` writes them back exactly and removes the
calendar tombstones the deletion left, so the restored meetings and follow-ups keep their
calendar identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from networkdesk.domain.errors import NotFoundError
from networkdesk.domain.models import (
    CalendarTombstone,
    Company,
    Contact,
    ContactChange,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Interaction,
    Meeting,
    Referral,
    RingMove,
    Tag,
    contact_tags,
)

Row = dict[str, Any]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


@dataclass
class ContactSnapshot:
    contact_id: int
    contact: Row
    emails: list[Row] = field(default_factory=list)
    phones: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    tag_links: list[Row] = field(default_factory=list)
    ring_moves: list[Row] = field(default_factory=list)
    changes: list[Row] = field(default_factory=list)
    meetings: list[Row] = field(default_factory=list)
    followups: list[Row] = field(default_factory=list)
    referrals: list[Row] = field(default_factory=list)
    interactions: list[Row] = field(default_factory=list)
    # Rows of other contacts that pointed at this contact's meetings (set to NULL on delete).
    referral_meeting_links: list[tuple[int, int]] = field(default_factory=list)
    followup_meeting_links: list[tuple[int, int]] = field(default_factory=list)

    @property
    def calendar_uids(self) -> list[str]:
        return [row["uid"] for row in self.meetings] + [row["uid"] for row in self.followups]


def _rows(session: Session, table: Table, *where: Any) -> list[Row]:
    return [dict(row._mapping) for row in session.execute(select(table).where(*where))]


def capture_contact(session: Session, contact_id: int) -> ContactSnapshot:
    """Read everything a deletion of the contact would remove (call it before deleting)."""
    session.flush()
    contacts = _rows(session, _table(Contact), Contact.id == contact_id)
    if not contacts:
        raise NotFoundError(f"no contact with id {contact_id}")
    tag_links = _rows(session, contact_tags, contact_tags.c.contact_id == contact_id)
    tag_ids = [link["tag_id"] for link in tag_links]
    meetings = _rows(session, _table(Meeting), Meeting.contact_id == contact_id)
    meeting_ids = [row["id"] for row in meetings]
    followups = _rows(session, _table(FollowUp), FollowUp.contact_id == contact_id)
    referrals = _rows(
        session,
        _table(Referral),
        or_(Referral.from_contact_id == contact_id, Referral.to_contact_id == contact_id),
    )
    referral_ids = {row["id"] for row in referrals}
    followup_ids = {row["id"] for row in followups}
    referral_links: list[tuple[int, int]] = []
    followup_links: list[tuple[int, int]] = []
    if meeting_ids:
        for rid, mid in session.execute(
            select(Referral.id, Referral.meeting_id).where(Referral.meeting_id.in_(meeting_ids))
        ):
            if rid not in referral_ids and mid is not None:
                referral_links.append((rid, mid))
        for fid, mid in session.execute(
            select(FollowUp.id, FollowUp.meeting_id).where(FollowUp.meeting_id.in_(meeting_ids))
        ):
            if fid not in followup_ids and mid is not None:
                followup_links.append((fid, mid))
    return ContactSnapshot(
        contact_id=contact_id,
        contact=contacts[0],
        emails=_rows(session, _table(ContactEmail), ContactEmail.contact_id == contact_id),
        phones=_rows(session, _table(ContactPhone), ContactPhone.contact_id == contact_id),
        tags=_rows(session, _table(Tag), Tag.id.in_(tag_ids)) if tag_ids else [],
        tag_links=tag_links,
        ring_moves=_rows(session, _table(RingMove), RingMove.contact_id == contact_id),
        changes=_rows(session, _table(ContactChange), ContactChange.contact_id == contact_id),
        meetings=meetings,
        followups=followups,
        referrals=referrals,
        interactions=_rows(session, _table(Interaction), Interaction.contact_id == contact_id),
        referral_meeting_links=referral_links,
        followup_meeting_links=followup_links,
    )


def _insert(session: Session, table: Table, rows: list[Row]) -> None:
    if rows:
        session.execute(insert(table), rows)


def restore_contact(session: Session, snapshot: ContactSnapshot) -> None:
    """Write a captured contact back with the same ids, and forget its deletion tombstones."""
    session.flush()
    meetings_rows, followup_rows = _after_tombstones(session, snapshot.meetings, snapshot.followups)
    contact = dict(snapshot.contact)
    company_id = contact.get("company_id")
    if company_id is not None and session.get(Company, company_id) is None:
        contact["company_id"] = None  # the company was deleted meanwhile: keep the contact
    # A tag deleted meanwhile comes back under its old id, unless a tag of the same name exists
    # again (then the links point at that one, whatever its id).
    tag_id_map: dict[int, int] = {}
    for tag in snapshot.tags:
        same_name = session.scalar(select(Tag.id).where(Tag.name_key == tag["name_key"]))
        if same_name is not None:
            tag_id_map[tag["id"]] = same_name
        elif session.get(Tag, tag["id"]) is None:
            _insert(session, _table(Tag), [tag])
            tag_id_map[tag["id"]] = tag["id"]
        else:  # its old id now names another tag
            fresh = {k: v for k, v in tag.items() if k != "id"}
            new_id = session.scalar(insert(Tag).values(fresh).returning(Tag.id))
            tag_id_map[tag["id"]] = int(new_id or 0)
    tag_links = [
        {"contact_id": snapshot.contact_id, "tag_id": tag_id}
        for tag_id in dict.fromkeys(
            tag_id_map.get(link["tag_id"], link["tag_id"]) for link in snapshot.tag_links
        )
    ]
    _insert(session, _table(Contact), [contact])
    _insert(session, _table(ContactEmail), snapshot.emails)
    _insert(session, _table(ContactPhone), snapshot.phones)
    _insert(session, contact_tags, tag_links)
    _insert(session, _table(RingMove), snapshot.ring_moves)
    _insert(session, _table(ContactChange), snapshot.changes)
    _insert(session, _table(Interaction), snapshot.interactions)
    _insert(session, _table(Meeting), meetings_rows)
    present_contacts = set(
        session.scalars(
            select(Contact.id).where(
                Contact.id.in_(
                    {r["from_contact_id"] for r in snapshot.referrals}
                    | {r["to_contact_id"] for r in snapshot.referrals}
                )
            )
        )
    )
    _insert(session, _table(FollowUp), followup_rows)
    _insert(
        session,
        _table(Referral),
        [
            r
            for r in snapshot.referrals
            if r["from_contact_id"] in present_contacts and r["to_contact_id"] in present_contacts
        ],
    )
    for rid, mid in snapshot.referral_meeting_links:
        session.execute(
            update(Referral)
            .where(Referral.id == rid, Referral.meeting_id.is_(None))
            .values(meeting_id=mid)
        )
    for fid, mid in snapshot.followup_meeting_links:
        session.execute(
            update(FollowUp)
            .where(FollowUp.id == fid, FollowUp.meeting_id.is_(None))
            .values(meeting_id=mid)
        )
    session.expire_all()


def _after_tombstones(session: Session, *groups: list[Row]) -> tuple[list[Row], ...]:
    """Remove the tombstones the deletion left and give the rows a SEQUENCE above them: a
    calendar that already saw the cancellation takes the restored event as newer."""
    stones = {
        stone.uid: stone.sequence
        for stone in session.scalars(
            select(CalendarTombstone).where(
                CalendarTombstone.uid.in_([row["uid"] for rows in groups for row in rows])
            )
        )
    }
    if stones:
        session.execute(delete(CalendarTombstone).where(CalendarTombstone.uid.in_(list(stones))))
    return tuple(
        [
            {**row, "sequence": max(row["sequence"], stones[row["uid"]] + 1)}
            if row["uid"] in stones
            else row
            for row in rows
        ]
        for rows in groups
    )


def delete_contact_with_snapshot(session: Session, contact_id: int) -> ContactSnapshot:
    """Capture, then delete through the contacts service (which leaves tombstones)."""
    from networkdesk.services import contacts

    snapshot = capture_contact(session, contact_id)
    contacts.delete(session, contact_id)
    return snapshot


# --- single records: meetings, follow-ups, referrals and companies --------------------------


@dataclass
class RecordSnapshot:
    """One deleted row and the links other rows lost with it (their ids)."""

    model: Any
    row: Row
    # (model, row id, column): rows whose `column` pointed at this record and was set NULL.
    links: list[tuple[Any, int, str]] = field(default_factory=list)


def capture_record(session: Session, model: Any, record_id: int) -> RecordSnapshot:
    """Read a meeting, follow-up, referral or company before deleting it."""
    session.flush()
    rows = _rows(session, _table(model), model.id == record_id)
    if not rows:
        raise NotFoundError(f"no {model.__tablename__[:-1]} with id {record_id}")
    links: list[tuple[Any, int, str]] = []
    if model is Meeting:
        for dependent in (Referral, FollowUp):
            for row_id in session.scalars(
                select(dependent.id).where(dependent.meeting_id == record_id)
            ):
                links.append((dependent, row_id, "meeting_id"))
    elif model is Company:
        for row_id in session.scalars(select(Contact.id).where(Contact.company_id == record_id)):
            links.append((Contact, row_id, "company_id"))
    return RecordSnapshot(model, rows[0], links)


def restore_record(session: Session, snapshot: RecordSnapshot) -> None:
    """Write a deleted record back with its id and relink the rows that pointed at it."""
    session.flush()
    row = snapshot.row
    if snapshot.model in (Meeting, FollowUp):
        (rows,) = _after_tombstones(session, [row])
        row = rows[0]
    _insert(session, _table(snapshot.model), [row])
    for model, row_id, column in snapshot.links:
        session.execute(
            update(model)
            .where(model.id == row_id, getattr(model, column).is_(None))
            .values({column: row["id"]})
        )
    session.expire_all()
    if snapshot.model is Company:
        from networkdesk.services.contacts import refresh_search_text

        for _model, row_id, _column in snapshot.links:
            contact = session.get(Contact, row_id)
            if contact is not None:
                refresh_search_text(contact)
    session.flush()


def delete_record_with_snapshot(session: Session, model: Any, record_id: int) -> RecordSnapshot:
    """Capture, then delete through the record's service (tombstones, search text...)."""
    from networkdesk.services import companies, followups, meetings, referrals

    snapshot = capture_record(session, model, record_id)
    deleters = {
        Meeting: meetings.delete,
        FollowUp: followups.delete,
        Referral: referrals.delete,
        Company: companies.delete,
    }
    deleters[model](session, record_id)
    return snapshot
