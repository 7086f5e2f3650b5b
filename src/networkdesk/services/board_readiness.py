"""Readiness before the star, for the board's badge: practice meetings held versus needed, and
the homework for each company of a bull's-eye contact (mission written, questions chosen for a
meeting not yet held), read with the practice count's queries plus one.

The rule itself is `domain.readiness.readiness`; this module only gathers its inputs per
bull's-eye company.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.models import Company, Contact, Meeting, utcnow
from networkdesk.domain.readiness import Readiness, readiness
from networkdesk.services import settings
from networkdesk.services.practice import practice_meetings_held

#: The bull's-eye ring.
BULLSEYE = 0


@dataclass(frozen=True)
class TargetHomework:
    """One company with a contact in the bull's-eye, and its homework."""

    company_id: int
    company: str
    contacts: tuple[str, ...]
    readiness: Readiness

    @property
    def done(self) -> bool:
        return self.readiness.mission_written and self.readiness.questions_chosen

    def missing(self) -> list[str]:
        out: list[str] = []
        if not self.readiness.mission_written:
            out.append("mission not written")
        if not self.readiness.questions_chosen:
            out.append("questions not chosen")
        return out


@dataclass(frozen=True)
class BoardReadiness:
    practice_held: int
    practice_needed: int
    #: The bull's-eye companies, by name.
    targets: tuple[TargetHomework, ...]
    #: Bull's-eye contacts without a company (no homework to check for them).
    without_company: int = 0

    @property
    def practised(self) -> bool:
        return self.practice_held >= self.practice_needed

    @property
    def homework_done(self) -> int:
        return sum(1 for t in self.targets if t.done)

    @property
    def ready(self) -> bool:
        return self.practised and self.homework_done == len(self.targets)


def board_readiness(session: Session, at: dt.datetime | None = None) -> BoardReadiness:
    """Readiness for every company in the bull's-eye at `at` (default now)."""
    moment = at or utcnow()
    held = practice_meetings_held(session, moment)
    needed = int(settings.get(session, "practice_threshold"))
    targets, loose = bullseye_homework(session, held, needed)
    return BoardReadiness(held, max(needed, 0), targets, loose)


def bullseye_homework(
    session: Session, held: int, needed: int
) -> tuple[tuple[TargetHomework, ...], int]:
    """The homework of each bull's-eye company (by name), given the practice count already
    read, and how many bull's-eye contacts have no company."""
    # One query: each bull's-eye contact with its company and the questions of its meetings not
    # yet logged (a meeting already held needs no more homework).
    rows = session.execute(
        select(
            Contact.id,
            Contact.name,
            Company.id,
            Company.name,
            Company.mission,
            Meeting.questions,
            Meeting.notes,
            Meeting.outcome,
        )
        .outerjoin(Company, Company.id == Contact.company_id)
        .outerjoin(Meeting, Meeting.contact_id == Contact.id)
        .where(Contact.ring == BULLSEYE)
        .order_by(Company.name, Contact.name, Contact.id)
    )
    names: dict[int, str] = {}
    missions: dict[int, str | None] = {}
    people: dict[int, list[str]] = {}
    questions: dict[int, list[str]] = {}
    loose: set[int] = set()
    for cid, contact, company_id, company, mission, asked, notes, outcome in rows:
        if company_id is None:
            loose.add(cid)
            continue
        names[company_id] = company
        missions[company_id] = mission
        if contact not in people.setdefault(company_id, []):
            people[company_id].append(contact)
        chosen = questions.setdefault(company_id, [])
        logged = bool((notes or "").strip() or (outcome or "").strip())
        if asked and not logged:
            chosen.extend(str(q) for q in asked)
    targets = tuple(
        TargetHomework(
            company_id,
            names[company_id],
            tuple(people[company_id]),
            readiness(held, needed, missions[company_id], questions[company_id]),
        )
        for company_id in names
    )
    return targets, len(loose)
