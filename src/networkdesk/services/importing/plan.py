"""Planning an import: for every record of a file, what importing it would do (new, update,
possible duplicate, skipped - with the reason), against the database read once into indexes.
Also the plan's and the outcome's shapes, which the writer, undo and the front ends share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sqlalchemy.orm import Session

from networkdesk.domain.enums import Ring
from networkdesk.domain.plural import count_of
from networkdesk.interchange.limits import ImportRecord, ParsedFile
from networkdesk.services.importing.index import ExistingContact, ImportIndex
from networkdesk.services.importing.keys import digits, fold, linkedin_key

NEW = "new"
UPDATE = "update"
DUPLICATE = "duplicate"
SKIPPED = "skipped"
Progress = Callable[[int, int], None]
_ACTION = attrgetter("action")


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
        return sum(map(actions.__contains__, map(_ACTION, self.rows)))

    @property
    def created(self) -> int:
        return self.count(NEW, DUPLICATE)

    @property
    def updated(self) -> int:
        """Matching contacts the import changes (not those that already have it all)."""
        return self.count(UPDATE) - self.unchanged

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
        # One pass for every action's count (a plan has a row per record: 30,000 at times).
        counts = Counter(map(_ACTION, self.rows))
        unchanged = self.unchanged
        text = f"created {counts[NEW] + counts[DUPLICATE]}, updated {counts[UPDATE] - unchanged}"
        if unchanged:
            text += f", unchanged {unchanged}"
        text += f", skipped {counts[SKIPPED]}"
        if counts[DUPLICATE]:
            text += f"; {count_of(counts[DUPLICATE], 'possible duplicate')} to review"
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
    added_referral_ids: list[int] = field(default_factory=list)  # from "Referred By"
    previous_values: list[dict[str, Any]] = field(default_factory=list)


def plan_import(
    session: Session,
    parsed: ParsedFile,
    *,
    ring: Ring | int | None = None,
    progress: Progress | None = None,
    _index: ImportIndex | None = None,
) -> ImportPlan:
    """Decide, for every record, what an import would do. Reads; never writes."""
    index = _index or ImportIndex(session)
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


def _plan_one(
    index: ImportIndex, record: ImportRecord, seen_keys: dict[Any, str], matched: dict[int, str]
) -> PlannedRow:
    # Called once per record (30,000 for a large network): each key is computed once, and
    # each question about it is one dict look-up (seen_keys holds `where` strings, never None).
    where = record.where
    url = record.linkedin_url
    profile = linkedin_key(url) if url else None
    person = fold(record.name)
    company_key = fold(record.company)
    name_key: tuple[str, ...] = ("name", person, company_key)
    emails = record.emails
    email_keys: list[tuple[str, ...]] = [("email", a.casefold()) for a, _ in emails]
    # What makes a later row "the same person" as an earlier one of this file: the same profile
    # URL (two Jane Smiths at Acme with two profiles are two people); without one, a shared
    # e-mail, or the same name and company on a row with nothing else to tell them apart.
    earlier = None
    if profile:
        url_key: tuple[str, ...] = ("url", profile)
        earlier = seen_keys.get(url_key)
    else:
        for key in email_keys if email_keys or record.phones else (name_key,):
            earlier = seen_keys.get(key)
            if earlier is not None:
                break
    if earlier is not None:
        return PlannedRow(SKIPPED, where, record.name, f"same person as {earlier}", record)
    same_name_row = seen_keys.get(name_key)
    if profile:
        seen_keys[url_key] = where  # not there: checked above
    if same_name_row is None:
        seen_keys[name_key] = where
    for key in email_keys:
        seen_keys.setdefault(key, where)
    contact_id = index.by_linkedin.get(profile) if profile else None
    if contact_id is None:
        company = index.companies.get(company_key) if company_key else None
        company_id = company[0] if company else None
        if record.company and company_id is None:
            candidate = None  # a company we do not know yet: nobody there can match by name
        else:
            candidate = index.by_name_company.get((person, company_id))
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
    similar_id = index.similar.find(company_key, record.name)
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


def _adds_anything(index: ImportIndex, existing: ExistingContact, record: ImportRecord) -> bool:
    """Whether `ImportWriter.update` would write anything besides job changes (the same rules)."""
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
    phones = {digits(number) for number in existing.phones}
    if any(digits(number) not in phones for number, _ in record.phones):
        return True
    tags = {fold(index.tag_names[tid]) for tid in existing.tag_ids if tid in index.tag_names}
    return any(fold(tag) and fold(tag) not in tags for tag in record.tags)


def _job_changes(
    index: ImportIndex, existing: ExistingContact, record: ImportRecord
) -> list[FieldChange]:
    changes: list[FieldChange] = []
    old_company = index.company_names.get(existing.company_id) if existing.company_id else None
    if record.company and fold(record.company) != fold(old_company):
        changes.append(FieldChange("company", old_company, record.company))
    if record.title and " ".join(record.title.split()) != " ".join((existing.title or "").split()):
        changes.append(FieldChange("title", existing.title, record.title))
    if record.location and fold(record.location) != fold(existing.location):
        changes.append(FieldChange("location", existing.location, record.location))
    return changes
