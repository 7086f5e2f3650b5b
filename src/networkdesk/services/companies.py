"""Companies: the targets of the search, with their homework notes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.fields import UNSET, Unset
from networkdesk.domain.models import Company, Contact, utcnow
from networkdesk.domain.text import fold
from networkdesk.services.bulk import insert_if_missing
from networkdesk.services.contact_search import refresh_search_text
from networkdesk.services.validation import clean_optional, clean_url, require_name
from networkdesk.storage.database import created_here


def get(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id)
    if company is None:
        raise NotFoundError(f"no company with id {company_id}")
    return company


def find_by_name(session: Session, name: str) -> Company | None:
    return session.scalar(select(Company).where(Company.name_key == fold(name)))


def get_or_create(session: Session, name: str) -> Company:
    cleaned = require_name(name, "company name")
    company = find_by_name(session, cleaned)
    if company is None:
        # Another writer may create the same company at this moment: ON CONFLICT, not a
        # duplicate key error for one of them.
        inserted = insert_if_missing(
            session, Company.__table__, {"name": cleaned, "name_key": fold(cleaned)}, "name_key"
        )
        company = find_by_name(session, cleaned)
        if company is None:  # pragma: no cover - the row exists now, ours or theirs
            raise RuntimeError(f"company {cleaned!r} vanished while it was created")
        if inserted:
            created_here(session, company)
    return company


def _check_priority(priority: int | None) -> int | None:
    if priority is not None and not 0 <= priority <= 100:
        raise ValidationError(f"priority must be between 0 and 100, not {priority}")
    return priority


def upsert(
    session: Session,
    name: str,
    *,
    target: bool | None = None,
    priority: int | None = None,
    mission: str | None = None,
    website: str | None = None,
    notes: str | None = None,
) -> tuple[Company, bool]:
    """Create the company of that name, or update the one that exists (case-insensitive).
    Returns (company, created)."""
    company = find_by_name(session, require_name(name, "company name"))
    created = company is None
    if company is None:
        company = get_or_create(session, name)
    if target is not None:
        company.is_target = target
    if priority is not None:
        company.priority = _check_priority(priority)
    if mission is not None:
        company.mission = clean_optional(mission, strip=False)
    if website is not None:
        company.website = clean_url(website, "website")
    if notes is not None:
        company.notes = clean_optional(notes, strip=False)
    company.updated_at = utcnow()
    session.flush()
    return company, created


def edit(
    session: Session,
    company_id: int,
    *,
    name: str | None = None,
    target: bool | None = None,
    priority: int | Unset | None = UNSET,
    mission: str | Unset | None = UNSET,
    website: str | Unset | None = UNSET,
    notes: str | Unset | None = UNSET,
) -> Company:
    company = get(session, company_id)
    if name is not None:
        cleaned = require_name(name, "company name")
        other = find_by_name(session, cleaned)
        if other is not None and other.id != company.id:
            raise ValidationError(f"a company named {other.name!r} exists already (id {other.id})")
        company.name = cleaned
        company.name_key = fold(cleaned)
        for contact in company.contacts:
            refresh_search_text(contact)
    if target is not None:
        company.is_target = target
    if priority is not UNSET:
        company.priority = _check_priority(priority)
    if mission is not UNSET:
        company.mission = clean_optional(mission, strip=False)
    if website is not UNSET:
        company.website = clean_url(website, "website")
    if notes is not UNSET:
        company.notes = clean_optional(notes, strip=False)
    company.updated_at = utcnow()
    session.flush()
    return company


def delete(session: Session, company_id: int) -> None:
    """Delete a company; its contacts stay, without a company."""
    company = get(session, company_id)
    members = list(company.contacts)
    for contact in members:
        contact.company = None
        refresh_search_text(contact)
    session.delete(company)
    session.flush()


@dataclass
class CompanyRow:
    company: Company
    ring_counts: dict[int | None, int]

    @property
    def total(self) -> int:
        return sum(self.ring_counts.values())


def list_companies(session: Session, *, targets_only: bool = False) -> list[CompanyRow]:
    """Companies ordered by target first, then priority, then name, with contacts per ring."""
    query = select(Company)
    if targets_only:
        query = query.where(Company.is_target.is_(True))
    query = query.order_by(
        Company.is_target.desc(), Company.priority.is_(None), Company.priority, Company.name_key
    )
    companies = list(session.scalars(query))
    counts: dict[int, dict[int | None, int]] = {}
    for company_id, ring, n in session.execute(
        select(Contact.company_id, Contact.ring, func.count())
        .where(Contact.company_id.is_not(None))
        .group_by(Contact.company_id, Contact.ring)
    ):
        if company_id is not None:
            counts.setdefault(company_id, {})[ring] = int(n)
    return [CompanyRow(c, counts.get(c.id, {})) for c in companies]
