"""The companies a LinkedIn archive says the user follows, as candidate target companies.

They are offered, not imposed: the plan lists which are not targets yet, and only when the user
asks (`--targets-from-follows`, the preview's checkbox) are they marked as targets - the missing
ones created - and the record of which were marked lets undo put everything back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkdesk.domain.models import Company, Contact
from networkdesk.services import companies
from networkdesk.services.importing.keys import fold


@dataclass
class TargetPlan:
    """The followed companies that are not targets yet (existing or not), and those already."""

    candidates: list[str] = field(default_factory=list)
    already_targets: int = 0


@dataclass
class TargetsMarked:
    marked_company_ids: list[int] = field(default_factory=list)  # existed, now targets
    created_company_ids: list[int] = field(default_factory=list)


def plan_targets(session: Session, followed: list[str]) -> TargetPlan:
    plan = TargetPlan()
    for name in followed:
        company = companies.find_by_name(session, name)
        if company is not None and company.is_target:
            plan.already_targets += 1
        else:
            plan.candidates.append(name)
    return plan


def mark_targets(session: Session, names: list[str]) -> TargetsMarked:
    """Make every named company a target, creating those that do not exist."""
    marked = TargetsMarked()
    for name in names:
        company = companies.find_by_name(session, name)
        if company is None:
            company = Company(name=name, name_key=fold(name), is_target=True)
            session.add(company)
            session.flush()
            marked.created_company_ids.append(company.id)
        elif not company.is_target:
            company.is_target = True
            marked.marked_company_ids.append(company.id)
    session.flush()
    return marked


def unmark_targets(session: Session, marked: TargetsMarked) -> None:
    """Reverse `mark_targets` (a created company that contacts now use is kept, unmarked)."""
    for company_id in marked.marked_company_ids + marked.created_company_ids:
        company = session.get(Company, company_id)
        if company is not None:
            company.is_target = False
    if marked.created_company_ids:
        used = select(Contact.company_id).where(Contact.company_id.is_not(None))
        session.execute(
            delete(Company).where(Company.id.in_(marked.created_company_ids), ~Company.id.in_(used))
        )
    session.flush()
