"""Importing people from files: match against existing contacts, then write in one transaction.

`plan_import` reads the database once into in-memory indexes (profile URL, name + company,
e-mail) and decides for every record: new, update, duplicate (new, but looks like someone who
exists) or skipped, with the reason. `apply_import` writes that plan with bulk Core inserts of
lists of dicts - never one ORM object or one query per row - so a 30,000-row LinkedIn export
imports in about a second (benchmarks/bench_import_linkedin.py). A dry run is `plan_import`
alone. `undo_import` reverses exactly what `apply_import` did (the GUI's undo step).

Matching, in order: the LinkedIn profile URL; else the same name at the same company; else a
shared e-mail address. A matched contact keeps its name and ring; notes from the file are added
below its own, and missing e-mails, phones and tags are added. A changed company, title or
location replaces the old value, which is kept as a ContactChange (reviewed=False) so the user
sees "changed since last import" and decides where that person now stands.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from networkdesk.domain.enums import Ring, Stage
from networkdesk.domain.errors import ConflictError
from networkdesk.domain.models import (
    Company,
    Contact,
    ContactChange,
    ContactEmail,
    ContactPhone,
    RingMove,
    Tag,
    contact_tags,
    new_contact_uid,
    utcnow,
)
from networkdesk.domain.text import fold as _fold_any
from networkdesk.interchange.limits import ImportRecord, ParsedFile, bulk_work
from networkdesk.services.bulk import CHUNK, advance_id_sequences, bulk_insert, next_id
from networkdesk.services.duplicates import SimilarNames
from networkdesk.services.validation import linkedin_key as _linkedin_key_any

NEW = "new"
UPDATE = "update"
DUPLICATE = "duplicate"
SKIPPED = "skipped"
Progress = Callable[[int, int], None]

# --- fast keys ----------------------------------------------------------------------------
# The import computes several keys per row; at 30,000 rows the general-purpose versions
# (Unicode normalisation, urlsplit) dominate the run time. These give identical results.

_LINKEDIN_URL = re.compile(r"^https?://(?:[a-z0-9-]+\.)*linkedin\.com(/[^?#\s]*)?(?:[?#]\S*)?$")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """`domain.text.fold`, with a fast path for ASCII (where casefold is lower and NFKD is a
    no-op) and a cache (company names repeat)."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().split())
    return _fold_any(text)


def search_key(parts: Iterable[str | None]) -> str:
    return "\x1f".join(fold(part) for part in parts if part)


@lru_cache(maxsize=65536)
def linkedin_key(url: str | None) -> str | None:
    """`validation.linkedin_key` with a fast path for plain LinkedIn profile URLs."""
    if not url:
        return None
    match = _LINKEDIN_URL.match(url.lower())
    if match:
        return "linkedin.com" + (match[1] or "").rstrip("/")
    return _linkedin_key_any(url)


@dataclass
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass
class PlannedRow:
    action: str
    where: str
    name: str
    reason: str = ""
    record: ImportRecord | None = None
    contact_id: int | None = None
    changes: list[FieldChange] = field(default_factory=list)
    # A matched contact that already has everything the record carries: nothing is written.
    unchanged: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "where": self.where,
            "name": self.name,
            "reason": self.reason,
            "contact_id": self.contact_id,
            "changes": [vars(change) for change in self.changes],
        }


@dataclass
class ImportPlan:
    source: str
    path: str
    ring: int | None
    rows: list[PlannedRow]
    # Values the parser could not use as such ("card 2, line 8: bad e-mail ...; kept in the notes").
    warnings: list[str] = field(default_factory=list)

    def count(self, *actions: str) -> int:
        return sum(1 for row in self.rows if row.action in actions)

    @property
    def created(self) -> int:
        return self.count(NEW, DUPLICATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def skipped(self) -> int:
        return self.count(SKIPPED)

    @property
    def unchanged(self) -> int:
        return sum(1 for row in self.rows if row.action == UPDATE and row.unchanged)

    @property
    def job_changes(self) -> int:
        return sum(1 for row in self.rows if row.action == UPDATE and row.changes)

    def summary(self) -> str:
        text = f"created {self.created}, updated {self.updated}, skipped {self.skipped}"
        if self.count(DUPLICATE):
            text += f"; {self.count(DUPLICATE)} possible duplicates to review"
        return text


@dataclass
class ImportOutcome:
    """What an import wrote, precisely enough to undo it."""

    plan: ImportPlan
    created_contact_ids: list[int] = field(default_factory=list)
    created_company_ids: list[int] = field(default_factory=list)
    created_tag_ids: list[int] = field(default_factory=list)
    added_email_ids: list[int] = field(default_factory=list)
    added_phone_ids: list[int] = field(default_factory=list)
    added_change_ids: list[int] = field(default_factory=list)
    added_tag_links: list[tuple[int, int]] = field(default_factory=list)
    previous_values: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Existing:
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
_UPDATABLE = (
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


class _Indexes:
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
        self.contacts: dict[int, _Existing] = {}
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
            existing = _Existing(
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


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def plan_import(
    session: Session,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Progress | None = None,
    _index: _Indexes | None = None,
) -> ImportPlan:
    """Decide, for every record, what an import would do. Reads; never writes."""
    index = _index or _Indexes(session)
    plan = ImportPlan(
        source=parsed.source,
        path=parsed.path,
        ring=None if ring is None else int(Ring(ring)),
        rows=[],
        warnings=[str(warning) for warning in parsed.warnings],
    )
    # Keys already claimed by an earlier record of this file: a repeat is skipped, not doubled.
    seen_keys: dict[Any, str] = {}
    matched: dict[int, str] = {}
    total = len(parsed.records)
    for number, record in enumerate(parsed.records):
        if progress is not None and number % 2000 == 0:
            progress(number, total)
        plan.rows.append(_plan_one(index, record, seen_keys, matched))
    for skip in parsed.skipped:
        plan.rows.append(PlannedRow(SKIPPED, skip.where, "", skip.reason))
    return plan


def _record_keys(record: ImportRecord) -> list[Any]:
    keys: list[Any] = []
    profile = linkedin_key(record.linkedin_url)
    if profile:
        keys.append(("url", profile))
    keys.append(("name", fold(record.name), fold(record.company)))
    keys += [("email", address.casefold()) for address, _ in record.emails]
    return keys


def _plan_one(
    index: _Indexes, record: ImportRecord, seen_keys: dict[Any, str], matched: dict[int, str]
) -> PlannedRow:
    keys = _record_keys(record)
    name_key = next(key for key in keys if key[0] == "name")
    # What makes a later row "the same person" as an earlier one of this file: the same profile
    # URL (two Jane Smiths at Acme with two profiles are two people); without one, a shared
    # e-mail, or the same name and company on a row with nothing else to tell them apart.
    if keys[0][0] == "url":
        deciding = keys[:1]
    else:
        deciding = [key for key in keys if key[0] == "email"]
        if not record.emails and not record.phones:
            deciding.append(name_key)
    for key in deciding:
        if key in seen_keys:
            return PlannedRow(
                SKIPPED, record.where, record.name, f"same person as {seen_keys[key]}", record
            )
    same_name_row = seen_keys.get(name_key)
    for key in keys:
        seen_keys.setdefault(key, record.where)
    profile = linkedin_key(record.linkedin_url)
    contact_id = index.by_linkedin.get(profile) if profile else None
    if contact_id is None:
        company_id = index.company_id(record.company)
        if record.company and company_id is None:
            candidate = None  # a company we do not know yet: nobody there can match by name
        else:
            candidate = index.by_name_company.get((fold(record.name), company_id))
        if candidate is None:
            for address, _label in record.emails:
                candidate = index.by_email.get(address.casefold())
                if candidate is not None:
                    break
        # Two different profiles are two different people, even with the same name.
        if candidate is not None:
            other_profile = index.contacts[candidate].linkedin_key
            if not (profile and other_profile and other_profile != profile):
                contact_id = candidate
    if contact_id is not None:
        if contact_id in matched:
            return PlannedRow(
                SKIPPED,
                record.where,
                record.name,
                f"same contact (#{contact_id}) as {matched[contact_id]}",
                record,
                contact_id,
            )
        matched[contact_id] = record.where
        existing = index.contacts[contact_id]
        changes = _job_changes(index, existing, record)
        if changes:
            reason = "changed since last import: " + "; ".join(
                f"{c.field} {c.old or '-'} → {c.new}" for c in changes
            )
        else:
            reason = f"matches #{contact_id}"
        row = PlannedRow(UPDATE, record.where, record.name, reason, record, contact_id, changes)
        row.unchanged = not changes and not _adds_anything(index, existing, record)
        return row
    if same_name_row is not None:
        return PlannedRow(
            DUPLICATE,
            record.where,
            record.name,
            f"same name and company as {same_name_row} (different details: kept apart)",
            record,
        )
    similar_id = index.similar.find(fold(record.company), record.name)
    if similar_id is not None:
        other = index.contacts[similar_id]
        return PlannedRow(
            DUPLICATE,
            record.where,
            record.name,
            f"looks like #{similar_id} {other.name} (similar name at the same company)",
            record,
            similar_id,
        )
    return PlannedRow(NEW, record.where, record.name, "", record)


def _adds_anything(index: _Indexes, existing: _Existing, record: ImportRecord) -> bool:
    """Whether `_Writer.update` would write anything besides job changes (the same rules)."""
    if record.notes and (not existing.notes or record.notes not in existing.notes):
        return True
    if record.linkedin_url and not existing.linkedin_url:
        return True
    if record.connected_on and record.connected_on != existing.connected_on:
        return True
    if record.photo is not None and not existing.has_photo:
        return True
    emails = {address.casefold() for address in existing.emails}
    if any(address.casefold() not in emails for address, _ in record.emails):
        return True
    phones = {_digits(number) for number in existing.phones}
    if any(_digits(number) not in phones for number, _ in record.phones):
        return True
    tags = {fold(index.tag_names[tid]) for tid in existing.tag_ids if tid in index.tag_names}
    return any(fold(tag) and fold(tag) not in tags for tag in record.tags)


def _job_changes(index: _Indexes, existing: _Existing, record: ImportRecord) -> list[FieldChange]:
    changes: list[FieldChange] = []
    old_company = index.company_names.get(existing.company_id) if existing.company_id else None
    if record.company and fold(record.company) != fold(old_company):
        changes.append(FieldChange("company", old_company, record.company))
    if record.title and " ".join(record.title.split()) != " ".join((existing.title or "").split()):
        changes.append(FieldChange("title", existing.title, record.title))
    if record.location and fold(record.location) != fold(existing.location):
        changes.append(FieldChange("location", existing.location, record.location))
    return changes


# --- writing ---------------------------------------------------------------------------------


def _chunked(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class _Writer:
    """Accumulates the rows of one import, then writes each table with one bulk insert."""

    def __init__(self, session: Session, index: _Indexes, outcome: ImportOutcome) -> None:
        self.session = session
        self.index = index
        self.outcome = outcome
        self.now = utcnow()
        self.next_company = next_id(session, Company.id)
        self.next_tag = next_id(session, Tag.id)
        self.next_contact = next_id(session, Contact.id)
        self.next_email = next_id(session, ContactEmail.id)
        self.next_phone = next_id(session, ContactPhone.id)
        self.next_change = next_id(session, ContactChange.id)
        self.companies: list[dict[str, Any]] = []
        self.tags: list[dict[str, Any]] = []
        self.contacts: list[dict[str, Any]] = []
        self.emails: list[dict[str, Any]] = []
        self.phones: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.moves: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []

    def company(self, name: str | None) -> tuple[int | None, str | None]:
        if not name:
            return None, None
        key = fold(name)
        found = self.index.companies.get(key)
        if found is not None:
            return found
        cid = self.next_company
        self.next_company += 1
        self.index.companies[key] = (cid, name)
        self.index.company_names[cid] = name
        self.companies.append(
            {
                "id": cid,
                "name": name,
                "name_key": key,
                "is_target": False,
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        self.outcome.created_company_ids.append(cid)
        return cid, name

    def tag_ids(self, names: Iterable[str]) -> list[int]:
        ids: list[int] = []
        for name in names:
            key = fold(name)
            if not key:
                continue
            found = self.index.tags.get(key)
            if found is None:
                found = (self.next_tag, name)
                self.next_tag += 1
                self.index.tags[key] = found
                self.index.tag_names[found[0]] = name
                self.tags.append({"id": found[0], "name": name, "name_key": key})
                self.outcome.created_tag_ids.append(found[0])
            if found[0] not in ids:
                ids.append(found[0])
        return ids

    def add_email(self, contact_id: int, address: str, label: str | None, position: int) -> int:
        eid = self.next_email
        self.next_email += 1
        self.emails.append(
            {
                "id": eid,
                "contact_id": contact_id,
                "address": address,
                "address_key": address.casefold(),
                "label": label,
                "position": position,
            }
        )
        return eid

    def add_phone(self, contact_id: int, number: str, label: str | None, position: int) -> int:
        pid = self.next_phone
        self.next_phone += 1
        self.phones.append(
            {
                "id": pid,
                "contact_id": contact_id,
                "number": number,
                "label": label,
                "position": position,
            }
        )
        return pid

    def create(self, record: ImportRecord, ring: int | None, source: str) -> int:
        cid = self.next_contact
        self.next_contact += 1
        company_id, company_name = self.company(record.company)
        tag_ids = self.tag_ids(record.tags)
        angle = None
        if ring is not None:
            from networkdesk.services.contacts import default_angle

            angle = default_angle(cid)
            self.moves.append(
                {
                    "contact_id": cid,
                    "from_ring": None,
                    "to_ring": ring,
                    "angle": angle,
                    "moved_at": self.now,
                }
            )
        uid = record.uid if record.uid and record.uid not in self.index.uids else None
        uid = uid or new_contact_uid()
        self.index.uids.add(uid)
        self.contacts.append(
            {
                "id": cid,
                "uid": uid,
                "name": record.name,
                "name_key": fold(record.name),
                "company_id": company_id,
                "title": record.title,
                "linkedin_url": record.linkedin_url,
                "linkedin_key": linkedin_key(record.linkedin_url),
                "location": record.location,
                "how_met": None,
                "notes": record.notes,
                "ring": ring,
                "angle": angle,
                "stage": Stage.IDENTIFIED.value,
                "photo": record.photo,
                "photo_mime": record.photo_mime,
                "source": source,
                "connected_on": record.connected_on,
                "search_text": search_key(
                    [
                        record.name,
                        company_name,
                        record.title,
                        *(self.index.tag_names[t] for t in tag_ids),
                        *(address for address, _ in record.emails),
                        record.location,
                        record.notes,
                    ]
                ),
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        for position, (address, label) in enumerate(record.emails):
            self.add_email(cid, address, label, position)
        for position, (number, label) in enumerate(record.phones):
            self.add_phone(cid, number, label, position)
        self.links += [{"contact_id": cid, "tag_id": tid} for tid in tag_ids]
        self.index.by_name_company.setdefault((fold(record.name), company_id), cid)
        self.outcome.created_contact_ids.append(cid)
        return cid

    def update(self, row: PlannedRow, source: str) -> None:
        record = row.record
        assert record is not None
        assert row.contact_id is not None
        existing = self.index.contacts[row.contact_id]
        values: dict[str, Any] = {"id": existing.id}
        added_before = (
            len(self.outcome.added_email_ids)
            + len(self.outcome.added_phone_ids)
            + len(self.outcome.added_tag_links)
        )
        company_id = existing.company_id
        for change in row.changes:
            if change.field == "company":
                company_id, _name = self.company(change.new)
            cid = self.next_change
            self.next_change += 1
            self.changes.append(
                {
                    "id": cid,
                    "contact_id": existing.id,
                    "field": change.field,
                    "old_value": change.old,
                    "new_value": change.new,
                    "source": source,
                    "changed_at": self.now,
                    "reviewed": False,
                }
            )
            self.outcome.added_change_ids.append(cid)
        title = record.title or existing.title
        location = record.location or existing.location
        notes = existing.notes
        if record.notes and (not notes or record.notes not in notes):
            # Notes are the user's own writing: an import adds to them, never replaces them.
            notes = f"{notes}\n\n{record.notes}" if notes else record.notes
        url = existing.linkedin_url or record.linkedin_url
        have_emails = {e.casefold() for e in existing.emails}
        emails = list(existing.emails)
        for address, label in record.emails:
            if address.casefold() not in have_emails:
                have_emails.add(address.casefold())
                emails.append(address)
                eid = self.add_email(existing.id, address, label, len(emails) - 1)
                self.outcome.added_email_ids.append(eid)
        have_phones = {_digits(p) for p in existing.phones}
        position = len(existing.phones)
        for number, label in record.phones:
            if _digits(number) not in have_phones:
                have_phones.add(_digits(number))
                pid = self.add_phone(existing.id, number, label, position)
                position += 1
                self.outcome.added_phone_ids.append(pid)
        tag_ids = list(existing.tag_ids)
        for tid in self.tag_ids(record.tags):
            if tid not in tag_ids:
                tag_ids.append(tid)
                self.links.append({"contact_id": existing.id, "tag_id": tid})
                self.outcome.added_tag_links.append((existing.id, tid))
        photo_given = record.photo is not None and not existing.has_photo
        values.update(
            company_id=company_id,
            title=title,
            location=location,
            notes=notes,
            linkedin_url=url,
            linkedin_key=linkedin_key(url),
            connected_on=record.connected_on or existing.connected_on,
            search_text=search_key(
                [
                    existing.name,
                    self.index.company_names.get(company_id) if company_id else None,
                    title,
                    *(self.index.tag_names[t] for t in tag_ids),
                    *emails,
                    location,
                    notes,
                ]
            ),
        )
        snapshot = {
            "id": existing.id,
            "company_id": existing.company_id,
            "title": existing.title,
            "location": existing.location,
            "notes": existing.notes,
            "linkedin_url": existing.linkedin_url,
            "linkedin_key": existing.linkedin_key,
            "connected_on": existing.connected_on,
            "search_text": existing.search_text,
            "updated_at": existing.updated_at,
        }
        if photo_given:
            values.update(photo=record.photo, photo_mime=record.photo_mime)
            snapshot.update(photo=None, photo_mime=None)
        added = (
            len(self.outcome.added_email_ids)
            + len(self.outcome.added_phone_ids)
            + len(self.outcome.added_tag_links)
        ) > added_before
        changed = any(
            values[k] != snapshot[k]
            for k in snapshot
            if k not in ("id", "updated_at", "search_text")
        )
        values["updated_at"] = self.now if changed or added else existing.updated_at
        self.updates.append(values)
        self.outcome.previous_values.append(snapshot)

    def flush(self) -> None:
        session = self.session
        bulk_insert(session, Company.__table__, self.companies)
        bulk_insert(session, Tag.__table__, self.tags)
        bulk_insert(session, Contact.__table__, self.contacts)
        bulk_insert(session, ContactEmail.__table__, self.emails)
        bulk_insert(session, ContactPhone.__table__, self.phones)
        bulk_insert(session, contact_tags, self.links)
        bulk_insert(session, RingMove.__table__, self.moves)
        bulk_insert(session, ContactChange.__table__, self.changes)
        _bulk_update(session, self.updates)
        advance_id_sequences(
            session,
            [
                Company.__table__,
                Tag.__table__,
                Contact.__table__,
                ContactEmail.__table__,
                ContactPhone.__table__,
                ContactChange.__table__,
            ],
        )
        session.flush()


def _bulk_update(session: Session, rows: list[dict[str, Any]]) -> None:
    """Update contacts by id; rows are grouped by their set of columns (one executemany each)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    table: Table = Contact.__table__  # type: ignore[assignment]
    for columns, group in groups.items():
        values: dict[str, Any] = {name: bindparam(f"v_{name}") for name in columns if name != "id"}
        if not values:
            continue
        statement = update(table).where(table.c.id == bindparam("v_id")).values(values)
        params = [{f"v_{k}": v for k, v in row.items()} for row in group]
        for start in range(0, len(params), CHUNK):
            session.execute(statement, params[start : start + CHUNK])


def apply_import(
    session: Session,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    _index: _Indexes | None = None,
) -> ImportOutcome:
    """Write a plan: creates, updates and history rows, in the caller's transaction."""
    index = _index or _Indexes(session)
    outcome = ImportOutcome(plan=plan)
    writer = _Writer(session, index, outcome)
    total = len(plan.rows)
    for number, row in enumerate(plan.rows):
        if progress is not None and number % 2000 == 0:
            progress(number, total)
        if row.record is None:
            continue
        if row.action in (NEW, DUPLICATE):
            writer.create(row.record, plan.ring, plan.source)
        elif row.action == UPDATE:
            if row.contact_id not in index.contacts:
                raise ConflictError(
                    f"contact #{row.contact_id} ({row.name}) was deleted after the preview; "
                    "preview the import again"
                )
            writer.update(row, plan.source)
    writer.flush()
    if progress is not None:
        progress(total, total)
    return outcome


def import_records(
    session: Session,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Plan and apply in one go (the caller's transaction makes it all or nothing)."""
    with bulk_work():
        # One read of the database serves both steps: nothing changes between them.
        index = _Indexes(session)
        plan = plan_import(session, parsed, ring=ring, progress=progress, _index=index)
        return apply_import(session, plan, progress=progress, _index=index)


def undo_import(session: Session, outcome: ImportOutcome) -> None:
    """Reverse `apply_import`: delete what it created, restore what it updated."""
    for ids in _chunked(outcome.created_contact_ids):
        session.execute(delete(Contact).where(Contact.id.in_(ids)))
    for ids in _chunked(outcome.added_email_ids):
        session.execute(delete(ContactEmail).where(ContactEmail.id.in_(ids)))
    for ids in _chunked(outcome.added_phone_ids):
        session.execute(delete(ContactPhone).where(ContactPhone.id.in_(ids)))
    for ids in _chunked(outcome.added_change_ids):
        session.execute(delete(ContactChange).where(ContactChange.id.in_(ids)))
    for contact_id, tag_id in outcome.added_tag_links:
        session.execute(
            delete(contact_tags).where(
                contact_tags.c.contact_id == contact_id, contact_tags.c.tag_id == tag_id
            )
        )
    _bulk_update(session, [dict(row) for row in outcome.previous_values])
    # Companies and tags the import created go too, unless something else uses them by now.
    for ids in _chunked(outcome.created_company_ids):
        session.execute(
            delete(Company).where(
                Company.id.in_(ids),
                ~Company.id.in_(select(Contact.company_id).where(Contact.company_id.is_not(None))),
            )
        )
    for ids in _chunked(outcome.created_tag_ids):
        session.execute(
            delete(Tag).where(Tag.id.in_(ids), ~Tag.id.in_(select(contact_tags.c.tag_id)))
        )
    session.flush()


# --- reviewing job changes ---------------------------------------------------------------------


def pending_changes(session: Session) -> list[dict[str, Any]]:
    """Changes an import made that the user has not reviewed yet, newest first."""
    query = (
        select(ContactChange, Contact.name)
        .join(Contact, Contact.id == ContactChange.contact_id)
        .where(ContactChange.reviewed.is_(False))
        .order_by(ContactChange.changed_at.desc(), ContactChange.id.desc())
    )
    return [
        {
            "id": change.id,
            "contact_id": change.contact_id,
            "contact": name,
            "field": change.field,
            "old": change.old_value,
            "new": change.new_value,
            "source": change.source,
            "changed_at": change.changed_at.isoformat(),
        }
        for change, name in session.execute(query)
    ]


def mark_reviewed(session: Session, change_ids: Iterable[int] | None = None) -> int:
    """Mark changes reviewed (all pending ones when no ids are given); returns how many."""
    statement = update(ContactChange).where(ContactChange.reviewed.is_(False))
    if change_ids is not None:
        ids = list(change_ids)
        if not ids:
            return 0
        statement = statement.where(ContactChange.id.in_(ids))
    result = session.execute(statement.values(reviewed=True))
    return int(getattr(result, "rowcount", 0) or 0)
