"""What a coach sees: the pipelines of the people who shared theirs (`networkdesk coach
pipelines`), read-only.

Per person, their contacts with ring, stage and company, each contact's meetings with their
outcomes, open follow-ups and referrals. Only the columns the coach group may read are named
(storage/team_schema.COACH_COLUMNS): the ORM entities select every column, notes included, which
PostgreSQL refuses to a coach. Which rows: the server's policies alone (only shared pipelines).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Table, literal_column, select

from networkdesk.domain.enums import MeetingKind, ReferralStatus, Ring, Stage
from networkdesk.domain.errors import ValidationError
from networkdesk.storage.database import Database
from networkdesk.storage.team_schema import SHARES_TABLE, server_metadata


@dataclass(frozen=True, slots=True)
class SharedMeeting:
    start: dt.datetime
    minutes: int
    kind: MeetingKind
    outcome: str | None


@dataclass(slots=True)
class SharedContact:
    id: int
    name: str
    company: str | None
    title: str | None
    ring: Ring | None
    stage: Stage
    meetings: list[SharedMeeting] = field(default_factory=list)
    open_followups: list[tuple[str, dt.datetime]] = field(default_factory=list)
    referred_to: list[tuple[str, ReferralStatus]] = field(default_factory=list)


@dataclass(slots=True)
class SharedPipeline:
    person: str
    shared_at: dt.datetime
    contacts: list[SharedContact] = field(default_factory=list)


def _tables() -> dict[str, Table]:
    return dict(server_metadata().tables)


def shared_pipelines(db: Database) -> list[SharedPipeline]:
    """Every pipeline shared with the connected login, by person, contacts by ring then name."""
    if db.engine.dialect.name != "postgresql":
        raise ValidationError("the coach view reads a team database on PostgreSQL (--db-url)")
    t = _tables()
    shares, contacts, companies = t[SHARES_TABLE], t["contacts"], t["companies"]
    meetings, followups, referrals = t["meetings"], t["followups"], t["referrals"]
    with db.reading() as session:
        pipelines = {
            owner: SharedPipeline(owner, shared_at)
            for owner, shared_at in session.execute(
                select(shares.c.owner, shares.c.shared_at)
                .where(shares.c.coach == literal_column("current_user"))
                .order_by(shares.c.owner)
            )
        }
        by_id: dict[int, SharedContact] = {}
        rows = session.execute(
            select(
                contacts.c.id,
                contacts.c.owner,
                contacts.c.name,
                companies.c.name,
                contacts.c.title,
                contacts.c.ring,
                contacts.c.stage,
            )
            .select_from(contacts.outerjoin(companies, companies.c.id == contacts.c.company_id))
            .where(contacts.c.owner.in_(list(pipelines)))
            .order_by(contacts.c.owner, contacts.c.ring.is_(None), contacts.c.ring, contacts.c.name)
        )
        for cid, owner, name, company, title, ring, stage in rows:
            contact = SharedContact(cid, name, company, title, ring, stage)
            by_id[cid] = contact
            pipelines[owner].contacts.append(contact)
        for cid, start, minutes, kind, outcome in session.execute(
            select(
                meetings.c.contact_id,
                meetings.c.start,
                meetings.c.minutes,
                meetings.c.kind,
                meetings.c.outcome,
            ).order_by(meetings.c.start)
        ):
            if cid in by_id:
                by_id[cid].meetings.append(SharedMeeting(start, minutes, kind, outcome))
        for cid, title, due in session.execute(
            select(followups.c.contact_id, followups.c.title, followups.c.due)
            .where(followups.c.done_at.is_(None))
            .order_by(followups.c.due)
        ):
            if cid in by_id:
                by_id[cid].open_followups.append((title, due))
        referred: dict[int, list[tuple[int, ReferralStatus]]] = defaultdict(list)
        for source, target, status in session.execute(
            select(referrals.c.from_contact_id, referrals.c.to_contact_id, referrals.c.status)
        ):
            referred[source].append((target, status))
        for source, targets in referred.items():
            if source in by_id:
                by_id[source].referred_to = [
                    (by_id[target].name, status) for target, status in targets if target in by_id
                ]
    return list(pipelines.values())
