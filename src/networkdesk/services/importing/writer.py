"""Writing a plan: every row of every table collected first, then one bulk insert per table and
one executemany per group of updated columns - never one ORM object or one query per row."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, update
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
    utcnow,
)
from networkdesk.interchange.limits import ImportRecord, ParsedFile, bulk_work
from networkdesk.services.bulk import (
    CHUNK,
    advance_id_sequences,
    bulk_insert,
    bulk_insert_rows,
    next_id,
)
from networkdesk.services.importing.index import ImportIndex
from networkdesk.services.importing.keys import digits, fold, linkedin_key, search_key
from networkdesk.services.importing.plan import (
    DUPLICATE,
    NEW,
    UPDATE,
    ImportOutcome,
    ImportPlan,
    PlannedRow,
    Progress,
    plan_import,
)
from networkdesk.services.importing.referred_by import add_referrals


def fresh_contact_uids(block: int = 1024) -> Iterator[str]:
    """What domain.models.new_contact_uid returns ("urn:uuid:" and a random version-4 UUID),
    from one os.urandom call per `block` UUIDs: uuid.uuid4() builds and checks a UUID object
    each time, a tenth of a 30,000-row import.

    Each UUID is 32 random hex digits with the version digit set to 4 and the top two bits of
    the variant digit to 10 (RFC 4122), as uuid.UUID(version=4) sets them: 122 random bits."""
    while True:
        digits = os.urandom(16 * block).hex()
        for start in range(0, 32 * block, 32):
            h = digits[start : start + 32]
            variant = _VARIANT[h[16]]
            yield f"urn:uuid:{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}"


# A random hex digit's low two bits under the variant bits 10: 8, 9, a or b.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


# The columns of the rows the writer builds as tuples (a dict per row costs more than SQLite's
# own work at 30,000 rows): `create` and `add_email` fill them in this order.
CONTACT_COLUMNS = (
    "id",
    "uid",
    "name",
    "name_key",
    "company_id",
    "title",
    "linkedin_url",
    "linkedin_key",
    "location",
    "how_met",
    "notes",
    "ring",
    "angle",
    "stage",
    "photo",
    "photo_mime",
    "source",
    "connected_on",
    "search_text",
    "created_at",
    "updated_at",
)
EMAIL_COLUMNS = ("id", "contact_id", "address", "address_key", "label", "position")
IDENTIFIED = Stage.IDENTIFIED.value


def chunked(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class ImportWriter:
    """Accumulates the rows of one import, then writes each table with one bulk insert."""

    def __init__(self, session: Session, index: ImportIndex, outcome: ImportOutcome) -> None:
        self.session = session
        self.index = index
        self.outcome = outcome
        self.now = utcnow()
        self.new_uids = fresh_contact_uids()
        self.next_company = next_id(session, Company.id)
        self.next_tag = next_id(session, Tag.id)
        self.next_contact = next_id(session, Contact.id)
        self.next_email = next_id(session, ContactEmail.id)
        self.next_phone = next_id(session, ContactPhone.id)
        self.next_change = next_id(session, ContactChange.id)
        self.companies: list[dict[str, Any]] = []
        self.tags: list[dict[str, Any]] = []
        self.contacts: list[tuple[Any, ...]] = []  # CONTACT_COLUMNS
        self.emails: list[tuple[Any, ...]] = []  # EMAIL_COLUMNS
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
        self.emails.append((eid, contact_id, address, address.casefold(), label, position))
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
        # Called once per new contact (30,000 for a large network): one tuple per table row,
        # the keys computed once, nothing looked up twice, no call for what a dict answers.
        cid = self.next_contact
        self.next_contact += 1
        company = record.company
        if company:
            found = self.index.companies.get(fold(company))
            company_id, company_name = found if found is not None else self.company(company)
        else:
            company_id = company_name = None
        tag_ids = self.tag_ids(record.tags) if record.tags else []
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
        index = self.index
        uids = index.uids
        uid = record.uid
        if not uid or uid in uids:
            uid = next(self.new_uids)
        uids.add(uid)
        name = record.name
        name_key = fold(name)
        emails = record.emails
        title = record.title
        location = record.location
        notes = record.notes
        # search_key([name, company, title, *tags, *emails, location, notes]), each part folded
        # as it is added (the name's key is the name folded): no list of parts per row.
        searched = [name_key] if name else []
        if company_name:
            searched.append(fold(company_name))
        if title:
            searched.append(fold(title))
        if tag_ids:
            searched += [fold(tag) for tag in map(index.tag_names.__getitem__, tag_ids) if tag]
        if emails:
            searched += [fold(address) for address, _ in emails if address]
        if location:
            searched.append(fold(location))
        if notes:
            searched.append(fold(notes))
        url = record.linkedin_url
        now = self.now
        self.contacts.append(
            (
                cid,
                uid,
                name,
                name_key,
                company_id,
                title,
                url,
                linkedin_key(url) if url else None,
                location,
                None,
                notes,
                ring,
                angle,
                IDENTIFIED,
                record.photo,
                record.photo_mime,
                source,
                record.connected_on,
                "\x1f".join(searched),
                now,
                now,
            )
        )
        if emails:
            for position, (address, label) in enumerate(emails):
                self.add_email(cid, address, label, position)
        if record.phones:
            for position, (number, label) in enumerate(record.phones):
                self.add_phone(cid, number, label, position)
        if tag_ids:
            self.links += [{"contact_id": cid, "tag_id": tid} for tid in tag_ids]
        index.by_name_company.setdefault((name_key, company_id), cid)
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
        have_phones = {digits(p) for p in existing.phones}
        position = len(existing.phones)
        for number, label in record.phones:
            if digits(number) not in have_phones:
                have_phones.add(digits(number))
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
        bulk_insert_rows(session, Contact.__table__, CONTACT_COLUMNS, self.contacts)
        bulk_insert_rows(session, ContactEmail.__table__, EMAIL_COLUMNS, self.emails)
        bulk_insert(session, ContactPhone.__table__, self.phones)
        bulk_insert(session, contact_tags, self.links)
        bulk_insert(session, RingMove.__table__, self.moves)
        bulk_insert(session, ContactChange.__table__, self.changes)
        bulk_update_contacts(session, self.updates)
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


def bulk_update_contacts(session: Session, rows: list[dict[str, Any]]) -> None:
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
    _index: ImportIndex | None = None,
) -> ImportOutcome:
    """Write a plan: creates, updates and history rows, in the caller's transaction."""
    index = _index or ImportIndex(session)
    outcome = ImportOutcome(plan=plan)
    writer = ImportWriter(session, index, outcome)
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
    add_referrals(session, plan, outcome)
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
        index = ImportIndex(session)
        plan = plan_import(session, parsed, ring=ring, progress=progress, _index=index)
        return apply_import(session, plan, progress=progress, _index=index)
