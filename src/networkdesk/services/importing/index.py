"""The database as the importer needs it, read once with a handful of queries: contacts by
profile URL, by name and company and by e-mail, companies and tags by name, similar names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.models import (
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    Tag,
    contact_tags,
)
from networkdesk.services.duplicates import SimilarNames
from networkdesk.services.importing.keys import fold


@dataclass
class ExistingContact:
    id: int
    name: str
    company_id: int | None
    title: str | None
    linkedin_url: str | None
    linkedin_key: str | None
    location: str | None
    notes: str | None
    connected_on: dt.date | None
    has_photo: bool
    updated_at: dt.datetime | None
    search_text: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)


# Columns an import may change on an existing contact; undo restores exactly these.
UPDATABLE = (
    "company_id",
    "title",
    "location",
    "notes",
    "linkedin_url",
    "linkedin_key",
    "connected_on",
    "photo",
    "photo_mime",
    "search_text",
    "updated_at",
)


class ImportIndex:
    """The database as the importer needs it, read once with a handful of queries."""

    def __init__(self, session: Session) -> None:
        self.companies: dict[str, tuple[int, str]] = {
            key: (cid, name)
            for cid, name, key in session.execute(
                select(Company.id, Company.name, Company.name_key)
            )
        }
        self.company_names = dict(self.companies.values())
        self.tags: dict[str, tuple[int, str]] = {
            key: (tid, name)
            for tid, name, key in session.execute(select(Tag.id, Tag.name, Tag.name_key))
        }
        self.tag_names = dict(self.tags.values())
        self.contacts: dict[int, ExistingContact] = {}
        self.by_linkedin: dict[str, int] = {}
        self.by_name_company: dict[tuple[str, int | None], int] = {}
        self.by_email: dict[str, int] = {}
        # vCard UIDs in use: an imported card keeps its UID unless another contact has it.
        self.uids: set[str] = set(session.scalars(select(Contact.uid)))
        self.similar = SimilarNames()
        company_key_of = {cid: fold(name) for cid, name in self.company_names.items()}
        query = select(
            Contact.id,
            Contact.name,
            Contact.name_key,
            Contact.company_id,
            Contact.title,
            Contact.linkedin_url,
            Contact.linkedin_key,
            Contact.location,
            Contact.notes,
            Contact.connected_on,
            Contact.photo.is_not(None),
            Contact.updated_at,
            Contact.search_text,
        ).order_by(Contact.id)
        for row in session.execute(query):
            existing = ExistingContact(
                id=row[0],
                name=row[1],
                company_id=row[3],
                title=row[4],
                linkedin_url=row[5],
                linkedin_key=row[6],
                location=row[7],
                notes=row[8],
                connected_on=row[9],
                has_photo=bool(row[10]),
                updated_at=row[11],
                search_text=row[12],
            )
            self.contacts[existing.id] = existing
            if existing.linkedin_key:
                self.by_linkedin.setdefault(existing.linkedin_key, existing.id)
            self.by_name_company.setdefault((row[2] or fold(row[1]), row[3]), existing.id)
            if row[3] is not None:
                self.similar.add(company_key_of.get(row[3], ""), row[1], existing.id)
        for cid, address, key in session.execute(
            select(
                ContactEmail.contact_id, ContactEmail.address, ContactEmail.address_key
            ).order_by(ContactEmail.contact_id, ContactEmail.position)
        ):
            self.by_email.setdefault(key, cid)
            if cid in self.contacts:
                self.contacts[cid].emails.append(address)
        for cid, number in session.execute(
            select(ContactPhone.contact_id, ContactPhone.number).order_by(
                ContactPhone.contact_id, ContactPhone.position
            )
        ):
            if cid in self.contacts:
                self.contacts[cid].phones.append(number)
        for cid, tid in session.execute(select(contact_tags.c.contact_id, contact_tags.c.tag_id)):
            if cid in self.contacts:
                self.contacts[cid].tag_ids.append(tid)

    def company_id(self, name: str | None) -> int | None:
        if not name:
            return None
        found = self.companies.get(fold(name))
        return found[0] if found else None
