"""Contacts for export files: vCards and spreadsheet rows, read with a few Core queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.errors import NotFoundError
from networkdesk.domain.models import (
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    Tag,
    contact_tags,
)
from networkdesk.interchange.csv_export import join_list
from networkdesk.interchange.vcard import ExportCard

CSV_HEADERS = (
    "id",
    "name",
    "company",
    "title",
    "emails",
    "phones",
    "linkedin",
    "location",
    "ring",
    "stage",
    "tags",
    "how met",
    "notes",
    "connected on",
    "source",
)


def _selected(session: Session, ids: Sequence[int] | None) -> list[Any]:
    query = (
        select(Contact, Company.name)
        .outerjoin(Company, Company.id == Contact.company_id)
        .order_by(Contact.name_key, Contact.id)
    )
    if ids is not None:
        query = query.where(Contact.id.in_(list(ids)))
    rows = list(session.execute(query).all())
    if ids is not None:
        missing = sorted(set(ids) - {row[0].id for row in rows})
        if missing:
            raise NotFoundError(f"no contact with id {missing[0]}")
    return rows


def _details(
    session: Session,
) -> tuple[dict[int, list[Any]], dict[int, list[Any]], dict[int, list[str]]]:
    emails: dict[int, list[Any]] = defaultdict(list)
    phones: dict[int, list[Any]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    for cid, address, label in session.execute(
        select(ContactEmail.contact_id, ContactEmail.address, ContactEmail.label).order_by(
            ContactEmail.contact_id, ContactEmail.position, ContactEmail.id
        )
    ):
        emails[cid].append((address, label))
    for cid, number, label in session.execute(
        select(ContactPhone.contact_id, ContactPhone.number, ContactPhone.label).order_by(
            ContactPhone.contact_id, ContactPhone.position, ContactPhone.id
        )
    ):
        phones[cid].append((number, label))
    for cid, name in session.execute(
        select(contact_tags.c.contact_id, Tag.name)
        .join(Tag, Tag.id == contact_tags.c.tag_id)
        .order_by(contact_tags.c.contact_id, Tag.name_key)
    ):
        tags[cid].append(name)
    return emails, phones, tags


def vcard_cards(session: Session, ids: Sequence[int] | None = None) -> list[ExportCard]:
    """All contacts (or those with `ids`) as vCards; an unknown id is an error."""
    rows = _selected(session, ids)
    emails, phones, tags = _details(session)
    return [
        ExportCard(
            name=contact.name,
            company=company,
            title=contact.title,
            emails=tuple(emails.get(contact.id, ())),
            phones=tuple(phones.get(contact.id, ())),
            linkedin_url=contact.linkedin_url,
            location=contact.location,
            notes=contact.notes,
            tags=tuple(tags.get(contact.id, ())),
            photo=contact.photo,
            photo_mime=contact.photo_mime,
            uid=contact.uid,
        )
        for contact, company in rows
    ]


def csv_rows(session: Session) -> list[list[Any]]:
    rows = _selected(session, None)
    emails, phones, tags = _details(session)
    return [
        [
            contact.id,
            contact.name,
            company,
            contact.title,
            join_list(a for a, _ in emails.get(contact.id, ())),
            join_list(n for n, _ in phones.get(contact.id, ())),
            contact.linkedin_url,
            contact.location,
            RING_LABELS[Ring(contact.ring)] if contact.ring is not None else "Inbox",
            contact.stage.label,
            join_list(tags.get(contact.id, ())),  # a tag may hold "; "
            contact.how_met,
            contact.notes,
            contact.connected_on.isoformat() if contact.connected_on else "",
            contact.source,
        ]
        for contact, company in rows
    ]
