"""The warm path to a contact, in words: who to ask, in order, to be introduced to them.

Three queries (contacts with their companies, referrals, meetings held) feed the pure search of
`domain.warm_path`; the steps come back as sentences ("Ask Ana Costa — met 3 Nov — to introduce
you to Ben Ito at Globex"). With no path, the answer says so and suggests the people at the
contact's company to approach first, outer rings first (the method: practise outside, move in).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, select, type_coerce
from sqlalchemy.orm import Session

from networkdesk.domain.errors import NotFoundError
from networkdesk.domain.models import Company, Contact, Referral
from networkdesk.domain.timeutil import local_zone
from networkdesk.domain.timeutil import now as utc_now
from networkdesk.domain.warm_path import LinkKind, PathPerson, warm_path
from networkdesk.services.progress import last_met

#: How many people at the company a "no path" answer suggests at most.
SUGGESTIONS = 5


@dataclass(frozen=True)
class Person:
    contact_id: int
    name: str
    ring: int | None
    company_id: int | None
    company: str | None


@dataclass(frozen=True)
class PathStep:
    """Ask `asker_id` to introduce the user to `introduced_id`; `text` says it in words."""

    asker_id: int
    introduced_id: int
    link: LinkKind
    text: str


@dataclass(frozen=True)
class WarmPathAnswer:
    contact_id: int
    #: From the first, already-met person to the contact; empty when there is no path.
    contact_ids: tuple[int, ...]
    links: tuple[LinkKind, ...]
    steps: tuple[PathStep, ...]
    #: One line that sums the answer up (the whole answer when there are no steps).
    summary: str
    #: With no path: people at the contact's company to approach first.
    suggestions: tuple[Person, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.contact_ids)


def met_label(when: dt.datetime, now: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """ "met 3 Nov" (the year too when it is not this year's), in the user's zone."""
    zone = zone or local_zone()
    day = when.astimezone(zone)
    text = f"met {day.day} {day:%b}"
    return text if day.year == now.astimezone(zone).year else f"{text} {day.year}"


def _people(session: Session, *where: ColumnElement[bool]) -> dict[int, Person]:
    """Names and companies of the contacts `where` says (the few an answer names)."""
    return {
        cid: Person(cid, name, None if ring is None else int(ring), company_id, company)
        for cid, name, ring, company_id, company in session.execute(
            select(Contact.id, Contact.name, Contact.ring, Contact.company_id, Company.name)
            .outerjoin(Company, Company.id == Contact.company_id)
            .where(*where)
            .order_by(Contact.id)
        )
    }


def path_people(session: Session, met: dict[int, dt.datetime]) -> list[PathPerson]:
    """Every contact as the search sees it: plain columns (no names, no ring objects), which
    at tens of thousands of contacts is most of the answer's time."""
    return [
        PathPerson(cid, None if ring is None else int(ring), company_id, cid in met)
        for cid, ring, company_id in session.execute(
            select(Contact.id, type_coerce(Contact.ring, Integer), Contact.company_id)
        )
    ]


def select_referrals() -> Select[int, int]:
    """(from, to) of every referral: who knows whom."""
    return select(Referral.from_contact_id, Referral.to_contact_id)


def _at(person: Person) -> str:
    return f" at {person.company}" if person.company else ""


def find(
    session: Session, contact_id: int, now: dt.datetime | None = None, zone: dt.tzinfo | None = None
) -> WarmPathAnswer:
    """The warm path to `contact_id` (NotFoundError for an id that names nobody)."""
    now = now or utc_now()
    found = _people(session, Contact.id == contact_id)
    if contact_id not in found:
        raise NotFoundError(f"no contact with id {contact_id}")
    target = found[contact_id]
    met = last_met(session, now)
    referrals = [(int(a), int(b)) for a, b in session.execute(select_referrals())]
    path = warm_path(path_people(session, met), referrals, contact_id)
    if path is None:
        colleagues = (
            _people(session, Contact.company_id == target.company_id)
            if target.company_id is not None
            else {}
        )
        return _no_path(target, colleagues, met)
    people = _people(session, Contact.id.in_(path.contact_ids))
    if len(path.contact_ids) == 1:
        return WarmPathAnswer(
            contact_id,
            path.contact_ids,
            (),
            (),
            f"You have already met {target.name} ({met_label(met[contact_id], now, zone)}): "
            "no introduction needed.",
        )
    given = set(referrals)
    steps: list[PathStep] = []
    for index, link in enumerate(path.links):
        asker = people[path.contact_ids[index]]
        introduced = people[path.contact_ids[index + 1]]
        if index == 0:
            ask = f"Ask {asker.name} — {met_label(met[asker.contact_id], now, zone)} —"
        else:
            ask = f"Then ask {asker.name}"
        if link is LinkKind.COLLEAGUE:
            why = f"colleagues at {asker.company}"
        elif (asker.contact_id, introduced.contact_id) in given:
            why = f"{asker.name} referred you to {introduced.name}"
        else:
            why = f"{introduced.name} referred you to {asker.name}"
        steps.append(
            PathStep(
                asker.contact_id,
                introduced.contact_id,
                link,
                f"{ask} to introduce you to {introduced.name}{_at(introduced)} ({why})",
            )
        )
    count = len(steps)
    summary = (
        f"{target.name}{_at(target)} is {count} introduction{'s' if count > 1 else ''} away "
        f"from {people[path.contact_ids[0]].name}, whom you have met."
    )
    return WarmPathAnswer(contact_id, path.contact_ids, path.links, tuple(steps), summary)


def _no_path(
    target: Person, people: dict[int, Person], met: dict[int, dt.datetime]
) -> WarmPathAnswer:
    """No chain: suggest the people at the target's company, outer rings first."""
    nobody = f"No warm path to {target.name}: nobody you have met is linked to them"
    if target.company_id is None:
        return WarmPathAnswer(
            target.contact_id,
            (),
            (),
            (),
            f"{nobody} by a referral, and they have no company whose people you could approach.",
        )
    colleagues = sorted(
        (
            p
            for p in people.values()
            if p.company_id == target.company_id and p.contact_id != target.contact_id
        ),
        # Outer rings first, the inbox after the rings (not yet placed: less known), then names.
        key=lambda p: (-(p.ring if p.ring is not None else -1), p.name.casefold(), p.contact_id),
    )[:SUGGESTIONS]
    if not colleagues:
        return WarmPathAnswer(
            target.contact_id,
            (),
            (),
            (),
            f"{nobody} by a referral or a colleague, and you know nobody else at "
            f"{target.company} yet: find an outer-ring contact there to approach first.",
        )
    names = ", ".join(p.name for p in colleagues)
    return WarmPathAnswer(
        target.contact_id,
        (),
        (),
        (),
        f"{nobody} by a referral or a colleague. Approach these people at {target.company} "
        f"first: {names}.",
        tuple(colleagues),
    )


def path_json(answer: WarmPathAnswer) -> dict[str, Any]:
    """The shape `networkdesk path --json` prints."""
    return {
        "contact_id": answer.contact_id,
        "path": list(answer.contact_ids),
        "links": [str(link) for link in answer.links],
    }
