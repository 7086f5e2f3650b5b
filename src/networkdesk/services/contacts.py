"""Contacts: add, edit, move between rings, delete, list and search."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, String, func, select, type_coerce, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session, selectinload

from networkdesk.domain.enums import Ring, Stage, as_ring
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.fields import UNSET, Unset
from networkdesk.domain.models import (
    Company,
    Contact,
    ContactChange,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Meeting,
    RingMove,
    Tag,
    contact_tags,
    utcnow,
)
from networkdesk.domain.text import fold
from networkdesk.domain.value_checks import clean_mime
from networkdesk.services import companies, tags
from networkdesk.services.board_node import default_angle
from networkdesk.services.calendar_items import tombstone_followup, tombstone_meeting
from networkdesk.services.contact_search import refresh_search_text
from networkdesk.services.validation import (
    check_enum,
    check_ring,
    clean_email,
    clean_linkedin,
    clean_optional,
    clean_phone,
    linkedin_key,
    require_name,
)


def get(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    return contact


def _set_emails(contact: Contact, emails: Iterable[str]) -> None:
    cleaned: list[str] = []
    for raw in emails:
        address = clean_email(raw)
        if address and fold(address) not in {fold(e) for e in cleaned}:
            cleaned.append(address)
    contact.emails[:] = [
        ContactEmail(address=a, address_key=a.casefold(), position=i) for i, a in enumerate(cleaned)
    ]


def _set_phones(contact: Contact, phones: Iterable[str]) -> None:
    cleaned = [p for p in (clean_phone(raw) for raw in phones) if p]
    contact.phones[:] = [ContactPhone(number=n, position=i) for i, n in enumerate(cleaned)]


def add(
    session: Session,
    name: str,
    *,
    company: str | None = None,
    title: str | None = None,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    linkedin: str | None = None,
    ring: Ring | int | None = None,
    angle: float | None = None,
    tag_names: Sequence[str] = (),
    notes: str | None = None,
    location: str | None = None,
    how_met: str | None = None,
    stage: Stage = Stage.IDENTIFIED,
    source: str = "manual",
) -> Contact:
    ring = check_ring(ring)  # a bad ring fails before anything is written
    contact = Contact(
        name=require_name(name, "contact name"),
        title=clean_optional(title),
        linkedin_url=clean_linkedin(linkedin),
        notes=clean_optional(notes, strip=False),
        location=clean_optional(location),
        how_met=clean_optional(how_met, strip=False),
        stage=check_enum(Stage, stage, "stage"),
        source=source,
    )
    contact.linkedin_key = linkedin_key(contact.linkedin_url)
    # Look everything up before the contact joins the session, so autoflush never tries to
    # write a half-built contact.
    company_row = companies.get_or_create(session, company) if company else None
    tag_rows = tags.get_or_create_many(session, tag_names)
    _set_emails(contact, emails)
    _set_phones(contact, phones)
    session.add(contact)
    contact.company = company_row
    contact.tags = tag_rows
    session.flush()
    if ring is not None:
        move(session, contact.id, ring, angle)
    refresh_search_text(contact)
    session.flush()
    return contact


def edit(
    session: Session,
    contact_id: int,
    *,
    name: str | Unset = UNSET,
    company: str | Unset | None = UNSET,
    title: str | Unset | None = UNSET,
    emails: Sequence[str] | Unset = UNSET,
    phones: Sequence[str] | Unset = UNSET,
    linkedin: str | Unset | None = UNSET,
    tag_names: Sequence[str] | Unset = UNSET,
    notes: str | Unset | None = UNSET,
    location: str | Unset | None = UNSET,
    how_met: str | Unset | None = UNSET,
    stage: Stage | Unset = UNSET,
    photo: bytes | Unset | None = UNSET,
    photo_mime: str | Unset | None = UNSET,
) -> Contact:
    """Change the given fields; arguments left out stay as they are, None clears a field."""
    contact = get(session, contact_id)
    calendar_before = _calendar_facts(contact)
    if name is not UNSET:
        contact.name = require_name(name, "contact name")
    if company is not UNSET:
        contact.company = companies.get_or_create(session, company) if company else None
    if title is not UNSET:
        contact.title = clean_optional(title)
    if emails is not UNSET:
        _set_emails(contact, emails)
    if phones is not UNSET:
        _set_phones(contact, phones)
    if linkedin is not UNSET:
        contact.linkedin_url = clean_linkedin(linkedin)
        contact.linkedin_key = linkedin_key(contact.linkedin_url)
    if tag_names is not UNSET:
        contact.tags = tags.get_or_create_many(session, tag_names)
    if notes is not UNSET:
        contact.notes = clean_optional(notes, strip=False)
    if location is not UNSET:
        contact.location = clean_optional(location)
    if how_met is not UNSET:
        contact.how_met = clean_optional(how_met, strip=False)
    if stage is not UNSET:
        contact.stage = check_enum(Stage, stage, "stage")
    if photo is not UNSET:
        contact.photo = photo
        # A MIME type is written into vCard parameters: checked for what it is.
        contact.photo_mime = (
            clean_mime(photo_mime) if photo_mime is not UNSET else contact.photo_mime
        )
    if _calendar_facts(contact) != calendar_before:
        # Exported events name the contact and carry its company, title, e-mails and phones:
        # raise their SEQUENCE so calendars and the next publish pick up the new text.
        for meeting in contact.meetings:
            meeting.bump_sequence()
        for followup in contact.followups:
            followup.bump_sequence()
    contact.updated_at = utcnow()
    refresh_search_text(contact)
    session.flush()
    return contact


def _calendar_facts(contact: Contact) -> tuple[object, ...]:
    """What of a contact shows in its calendar events (summary and description)."""
    return (
        contact.name,
        contact.company.name if contact.company else None,
        contact.title,
        tuple(e.address for e in contact.emails),
        tuple(p.number for p in contact.phones),
    )


def move(
    session: Session,
    contact_id: int,
    ring: Ring | int | None,
    angle: float | None = None,
    *,
    when: dt.datetime | None = None,
    history_id: int | None = None,
) -> RingMove | None:
    """Place a contact on a ring (None: back to the inbox) at an angle, and record the move.

    Returns the history row, or None when nothing changed. `history_id` and `when` give the row
    the id and time it had before (a redo writes the same row an undo removed).
    """
    contact = get(session, contact_id)
    checked = check_ring(ring)
    new_ring = None if checked is None else int(checked)
    if new_ring is None:
        new_angle = None
    elif angle is None:
        new_angle = contact.angle if contact.angle is not None else default_angle(contact.id)
    else:
        if not math.isfinite(angle):
            raise ValidationError(f"angle {angle} is not a number")
        new_angle = angle % (2 * math.pi)
    if contact.ring == new_ring and contact.angle == new_angle:
        return None
    record = RingMove(
        id=history_id,
        contact_id=contact.id,
        from_ring=contact.ring,
        to_ring=new_ring,
        angle=new_angle,
        moved_at=when or utcnow(),
    )
    contact.ring = as_ring(new_ring)
    contact.angle = new_angle
    contact.updated_at = utcnow()
    session.add(record)
    session.flush()
    return record


def unmove(
    session: Session,
    contact_id: int,
    ring: int | None,
    angle: float | None,
    history_id: int | None,
) -> None:
    """Reverse a `move`: the contact goes back to (ring, angle) and the history row that move
    wrote is removed, so the ring history reads as if the move never happened (practice-first
    counting relies on it). The one reversal of a ring move: every undo comes here."""
    contact = get(session, contact_id)
    contact.ring = as_ring(ring)
    contact.angle = angle
    contact.updated_at = utcnow()
    if history_id is not None:
        session.execute(sql_delete(RingMove).where(RingMove.id == history_id))
    session.flush()


def uids_of(session: Session, contact_ids: Iterable[int]) -> list[str]:
    """The vCard UIDs of the contacts, in the order of `contact_ids`."""
    wanted = list(contact_ids)
    rows = session.execute(select(Contact.id, Contact.uid).where(Contact.id.in_(wanted))).all()
    found = {row.id: row.uid for row in rows}
    return [found[cid] for cid in wanted if cid in found]


def restore_uids(session: Session, pairs: Iterable[tuple[int, str]]) -> None:
    """Give contacts back the UIDs they had (redo of an undone import or creation)."""
    rows = [{"id": cid, "uid": uid} for cid, uid in pairs]
    if rows:
        # ORM bulk UPDATE by primary key: one executemany.
        session.execute(update(Contact), rows)


def delete(session: Session, contact_id: int) -> None:
    """Delete a contact and what belongs only to it; meetings and follow-ups leave calendar
    tombstones so an exported or published event can be cancelled."""
    contact = get(session, contact_id)
    for meeting in contact.meetings:
        tombstone_meeting(session, meeting)
    for followup in contact.followups:
        tombstone_followup(session, followup)
    session.delete(contact)
    session.flush()


def record_change(
    session: Session, contact: Contact, field: str, old: str | None, new: str | None, source: str
) -> None:
    session.add(
        ContactChange(
            contact_id=contact.id, field=field, old_value=old, new_value=new, source=source
        )
    )


@dataclass
class ContactFilter:
    ring: int | None = None
    inbox: bool = False
    search: str | None = None
    stage: Stage | None = None
    company_id: int | None = None
    tag: str | None = None
    target_only: bool = False


def _filtered(query: Select[Any], flt: ContactFilter) -> Select[Any]:
    if flt.inbox:
        query = query.where(Contact.ring.is_(None))
    elif flt.ring is not None:
        query = query.where(Contact.ring == flt.ring)
    if flt.stage is not None:
        query = query.where(Contact.stage == flt.stage)
    if flt.company_id is not None:
        query = query.where(Contact.company_id == flt.company_id)
    if flt.target_only:
        query = query.where(
            Contact.company_id.in_(select(Company.id).where(Company.is_target.is_(True)))
        )
    if flt.tag:
        query = query.where(
            Contact.id.in_(
                select(contact_tags.c.contact_id)
                .join(Tag, Tag.id == contact_tags.c.tag_id)
                .where(Tag.name_key == fold(flt.tag))
            )
        )
    if flt.search:
        for word in fold(flt.search).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(Contact.search_text.like(f"%{escaped}%", escape="\\"))
    return query


def list_contacts(session: Session, flt: ContactFilter | None = None) -> list[Contact]:
    """Contacts with their company, e-mails, phones and tags loaded, ordered by name."""
    query = select(Contact).options(
        selectinload(Contact.company),
        selectinload(Contact.emails),
        selectinload(Contact.phones),
        selectinload(Contact.tags),
    )
    query = _filtered(query, flt or ContactFilter()).order_by(Contact.name_key, Contact.id)
    return list(session.scalars(query))


#: The keys of a contact's summary (its JSON shape), in order: `summary_rows` gives the values.
SUMMARY_KEYS = (
    "id",
    "name",
    "company",
    "title",
    "emails",
    "phones",
    "linkedin",
    "location",
    "ring",
    "angle",
    "stage",
    "tags",
    "notes",
)
_RINGS: dict[int | None, Ring | None] = {None: None, **{int(ring): ring for ring in Ring}}


def summaries(session: Session, flt: ContactFilter | None = None) -> list[dict[str, Any]]:
    """The JSON shape of contacts, built with a handful of Core queries (fast at 30,000)."""
    return [dict(zip(SUMMARY_KEYS, row, strict=True)) for row in summary_rows(session, flt)]


def summary_rows(session: Session, flt: ContactFilter | None = None) -> list[tuple[Any, ...]]:
    """`summaries` as tuples of the values of `SUMMARY_KEYS` (what `contact list --json` writes:
    no dict per contact), with four queries: the contacts and their company, then e-mails,
    phones and tags of the same contacts, grouped by contact in dicts."""
    flt = flt or ContactFilter()
    everyone = flt == ContactFilter()
    query: Select[Any] = select(  # type: ignore[assignment]
        Contact.id,
        Contact.name,
        Company.name.label("company"),
        Contact.title,
        Contact.linkedin_url,
        Contact.ring,
        Contact.angle,
        # The stored text is already the enum's value: skip the per-row Enum conversion.
        type_coerce(Contact.stage, String).label("stage"),
        Contact.notes,
        Contact.location,
    ).outerjoin(Company, Company.id == Contact.company_id)
    query = _filtered(query, flt).order_by(Contact.name_key, Contact.id)
    # Core execution on the session's connection (same transaction): the ORM's row processing
    # is most of the time at 30,000 rows and buys nothing for plain columns.
    connection = session.connection()
    rows = _plain_rows(connection, query)
    emails: dict[int, list[str]] = {}
    phones: dict[int, list[str]] = {}
    tag_map: dict[int, list[str]] = {}
    if rows:
        emails_query = select(ContactEmail.contact_id, ContactEmail.address).order_by(
            ContactEmail.contact_id, ContactEmail.position
        )
        phones_query = select(ContactPhone.contact_id, ContactPhone.number).order_by(
            ContactPhone.contact_id, ContactPhone.position
        )
        tags_query = (
            select(contact_tags.c.contact_id, Tag.name)
            .join(Tag, Tag.id == contact_tags.c.tag_id)
            .order_by(contact_tags.c.contact_id, Tag.name_key)
        )
        if not everyone:  # every contact's, without a lookup per row, when nothing is filtered
            selected = _filtered(select(Contact.id), flt).scalar_subquery()
            emails_query = emails_query.where(ContactEmail.contact_id.in_(selected))
            phones_query = phones_query.where(ContactPhone.contact_id.in_(selected))
            tags_query = tags_query.where(contact_tags.c.contact_id.in_(selected))
        for cid, address in _plain_rows(connection, emails_query):
            emails.setdefault(cid, []).append(address)
        for cid, number in _plain_rows(connection, phones_query):
            phones.setdefault(cid, []).append(number)
        for cid, tag_name in _plain_rows(connection, tags_query):
            tag_map.setdefault(cid, []).append(tag_name)
    rings = _RINGS
    return [
        (
            cid,
            name,
            company,
            title,
            emails.get(cid, []),
            phones.get(cid, []),
            linkedin_url,
            location,
            rings[ring],
            angle,
            stage,
            tag_map.get(cid, []),
            notes,
        )
        for cid, name, company, title, linkedin_url, ring, angle, stage, notes, location in rows
    ]


def _plain_rows(connection: Any, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The query's rows as tuples (on SQLite as the driver returns them: a ring as its number).

    A query without parameters on SQLite runs on the driver's own cursor: SQLAlchemy's result
    (a Row per row, each value through its column's processor) costs more than SQLite's own
    work at 30,000 rows, and none of these columns needs a processor there but the ring's."""
    compiled = query.compile(dialect=connection.dialect)
    if connection.dialect.name == "sqlite" and not compiled.params:
        cursor = connection.connection.driver_connection.cursor()
        try:
            return cast(list[tuple[Any, ...]], cursor.execute(str(compiled)).fetchall())
        finally:
            cursor.close()
    # Elsewhere the ring comes back a Ring, which equals its number (IntEnum): the same rows.
    return [tuple(row) for row in connection.execute(query).all()]


def ring_history(session: Session, contact_id: int) -> list[RingMove]:
    get(session, contact_id)
    return list(
        session.scalars(
            select(RingMove)
            .where(RingMove.contact_id == contact_id)
            .order_by(RingMove.moved_at, RingMove.id)
        )
    )


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def delete_many(session: Session, contact_ids: Iterable[int]) -> int:
    deleted = 0
    for contact_id in contact_ids:
        delete(session, contact_id)
        deleted += 1
    return deleted


def last_meeting_and_next_followup(
    session: Session,
) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime]]:
    """Per contact: the start of its latest meeting and the due time of its next open follow-up."""
    last: dict[int, Any] = dict(
        session.execute(
            select(Meeting.contact_id, func.max(Meeting.start)).group_by(Meeting.contact_id)
        ).all()
    )
    upcoming: dict[int, Any] = dict(
        session.execute(
            select(FollowUp.contact_id, func.min(FollowUp.due))
            .where(FollowUp.done_at.is_(None))
            .group_by(FollowUp.contact_id)
        ).all()
    )
    # Aggregates bypass the column type on SQLite: normalise to aware UTC datetimes.
    return _as_utc(last), _as_utc(upcoming)


def _as_utc(values: dict[int, Any]) -> dict[int, dt.datetime]:
    result: dict[int, dt.datetime] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        result[key] = value
    return result


def clear_tags_without_contacts(session: Session) -> None:
    session.execute(
        sql_delete(Tag).where(
            ~Tag.id.in_(select(contact_tags.c.tag_id)),
        )
    )
