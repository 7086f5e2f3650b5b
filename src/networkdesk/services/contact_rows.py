"""The rows of the contacts table, read in one Core query (fast at tens of thousands).

Each row carries the contact's folded `search_text` (name, company, title, tags, e-mails,
location and notes, kept by services.contacts) so a search index can be built without another
query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import Stage
from networkdesk.domain.models import Company, Contact, FollowUp, Meeting


class ContactRow(NamedTuple):
    # A NamedTuple rather than a dataclass: 30,000 of them are built on every reload.
    id: int
    name: str
    name_key: str
    company: str | None
    title: str | None
    ring: int | None
    stage: Stage
    last_meeting: dt.datetime | None
    next_followup: dt.datetime | None
    search_text: str


def _aware(value: object) -> dt.datetime | None:
    # Aggregates bypass the column type on SQLite: they come back as naive UTC text or values.
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def table_rows(session: Session, *, ids: Collection[int] | None = None) -> list[ContactRow]:
    """Every contact, placed or not, ordered by name; only those of `ids` when given (a view
    updating the rows a change names; an id that no longer exists is simply absent)."""
    last_query = select(Meeting.contact_id, func.max(Meeting.start).label("last_meeting"))
    upcoming_query = select(
        FollowUp.contact_id, func.min(FollowUp.due).label("next_followup")
    ).where(FollowUp.done_at.is_(None))
    if ids is not None:
        wanted = sorted(ids)
        last_query = last_query.where(Meeting.contact_id.in_(wanted))
        upcoming_query = upcoming_query.where(FollowUp.contact_id.in_(wanted))
    last = last_query.group_by(Meeting.contact_id).subquery()
    upcoming = upcoming_query.group_by(FollowUp.contact_id).subquery()
    query = (
        select(
            Contact.id,
            Contact.name,
            Contact.name_key,
            Company.name,
            Contact.title,
            Contact.ring,
            Contact.stage,
            last.c.last_meeting,
            upcoming.c.next_followup,
            Contact.search_text,
        )
        .outerjoin(Company, Company.id == Contact.company_id)
        .outerjoin(last, last.c.contact_id == Contact.id)
        .outerjoin(upcoming, upcoming.c.contact_id == Contact.id)
        .order_by(Contact.name_key, Contact.id)
    )
    if ids is not None:
        query = query.where(Contact.id.in_(wanted))
    stages: dict[object, Stage] = {stage.value: stage for stage in Stage}
    stages.update({stage: stage for stage in Stage})
    rows = session.connection().execute(query).all()
    return [
        ContactRow(
            cid,
            name,
            name_key or "",
            company,
            title,
            ring,
            stages[stage],
            None if last_meeting is None else _aware(last_meeting),
            None if next_followup is None else _aware(next_followup),
            search_text or "",
        )
        for (
            cid,
            name,
            name_key,
            company,
            title,
            ring,
            stage,
            last_meeting,
            next_followup,
            search_text,
        ) in rows
    ]


def contact_choices(session: Session) -> list[tuple[int, str, str | None]]:
    """(id, name, company) of every contact, by name: what contact pickers offer."""
    query = (
        select(Contact.id, Contact.name, Company.name)
        .outerjoin(Company, Company.id == Contact.company_id)
        .order_by(Contact.name_key, Contact.id)
    )
    return [(cid, name, company) for cid, name, company in session.execute(query)]
