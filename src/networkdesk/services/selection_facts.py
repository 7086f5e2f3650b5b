"""What a contact menu needs to know about the contacts it acts on: their names, the tags they
carry, the ring and stage they share, and the next thing of one contact worth putting in a
calendar (its next meeting, else its next open follow-up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from networkdesk.domain.enums import Stage
from networkdesk.domain.models import Contact, FollowUp, Meeting, utcnow
from networkdesk.domain.text import fold

#: What "Add to calendar" would add: ("meeting" | "followup", id).
CalendarItem = tuple[str, int]


@dataclass(frozen=True)
class SelectionFacts:
    contact_ids: tuple[int, ...]
    names: tuple[str, ...]
    #: Every tag any of them carries, each once, sorted case-insensitively.
    tags: tuple[str, ...]
    #: The ring (or None: inbox) they all share; `mixed_ring` when they differ.
    ring: int | None
    mixed_ring: bool
    stage: Stage | None
    next_calendar_item: CalendarItem | None


def facts(
    session: Session, contact_ids: Sequence[int], now: dt.datetime | None = None
) -> SelectionFacts:
    """The facts for the contacts that still exist among `contact_ids` (in the given order)."""
    ids = list(dict.fromkeys(int(i) for i in contact_ids))
    rows = {
        c.id: c
        for c in session.scalars(
            select(Contact).where(Contact.id.in_(ids)).options(selectinload(Contact.tags))
        )
    }
    found = [rows[i] for i in ids if i in rows]
    tags: dict[str, str] = {}
    for contact in found:
        for tag in contact.tags:
            tags.setdefault(fold(tag.name), tag.name)
    rings = {c.ring for c in found}
    stages = {c.stage for c in found}
    item = next_calendar_item(session, found[0].id, now) if len(found) == 1 else None
    return SelectionFacts(
        contact_ids=tuple(c.id for c in found),
        names=tuple(c.name for c in found),
        tags=tuple(sorted(tags.values(), key=fold)),
        ring=next(iter(rings)) if len(rings) == 1 else None,
        mixed_ring=len(rings) > 1,
        stage=next(iter(stages)) if len(stages) == 1 else None,
        next_calendar_item=item,
    )


def next_calendar_item(
    session: Session, contact_id: int, now: dt.datetime | None = None
) -> CalendarItem | None:
    """The contact's next meeting from `now` on, else its earliest open follow-up."""
    now = now or utcnow()
    meeting = session.scalar(
        select(Meeting.id)
        .where(Meeting.contact_id == contact_id, Meeting.start >= now)
        .order_by(Meeting.start)
        .limit(1)
    )
    if meeting is not None:
        return ("meeting", int(meeting))
    followup = session.scalar(
        select(FollowUp.id)
        .where(FollowUp.contact_id == contact_id, FollowUp.done_at.is_(None))
        .order_by(FollowUp.due)
        .limit(1)
    )
    return ("followup", int(followup)) if followup is not None else None
