"""Interactions (e-mails, calls, messages, chats, sent or received) and the touches they make
with meetings and done follow-ups: the contact's timeline, last touch and responsiveness.

Writes are small and reversible: each returns an `InteractionWrite` with the id, the fields
before and after, the stage the contact had before an outreach moved it, and the `Changes`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import Stage
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.models import FollowUp, Interaction, Meeting, utcnow
from networkdesk.domain.responsiveness import Responsiveness, responsiveness
from networkdesk.domain.stages import StageEvent
from networkdesk.domain.timeutil import iso_local, local_zone
from networkdesk.domain.touches import (
    Direction,
    InteractionKind,
    Touch,
    TouchKind,
    newest_first,
    until,
)
from networkdesk.services import contacts
from networkdesk.services.changes import CONTACTS, INTERACTIONS, Changes
from networkdesk.services.stage_progress import advance_stage
from networkdesk.services.validation import check_enum, clean_optional

UNSET: Any = object()


@dataclass(frozen=True)
class InteractionFields:
    """The editable fields of an interaction: what an undo puts back."""

    contact_id: int
    kind: InteractionKind
    direction: Direction
    at: dt.datetime
    note: str | None


@dataclass(frozen=True)
class InteractionWrite:
    interaction_id: int
    before: InteractionFields | None  # None: it was created
    after: InteractionFields | None  # None: it was deleted
    changes: Changes
    # The contact's stage before an outreach moved it forward (None: the stage did not move).
    stage_before: Stage | None = None


def get(session: Session, interaction_id: int) -> Interaction:
    row = session.get(Interaction, interaction_id)
    if row is None:
        raise NotFoundError(f"no interaction with id {interaction_id}")
    return row


def fields_of(row: Interaction) -> InteractionFields:
    return InteractionFields(row.contact_id, row.kind, row.direction, row.at, row.note)


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("interaction time has no time zone")
    return value.astimezone(dt.UTC)


def add(
    session: Session,
    contact_id: int,
    *,
    kind: InteractionKind | str,
    direction: Direction | str,
    at: dt.datetime | None = None,
    note: str | None = None,
) -> InteractionWrite:
    """Record an interaction; an outreach (outgoing) moves an *identified* contact to
    *contacted*."""
    contact = contacts.get(session, contact_id)
    row = Interaction(
        contact_id=contact.id,
        kind=check_enum(InteractionKind, kind, "interaction kind"),
        direction=check_enum(Direction, direction, "direction"),
        at=_aware(at) if at is not None else utcnow(),
        note=clean_optional(note, strip=False),
    )
    session.add(row)
    stage_before = None
    if row.direction is Direction.OUT:
        stage_before = advance_stage(contact, StageEvent.OUTREACH)
    session.flush()
    changes = Changes.of(INTERACTIONS, created={INTERACTIONS: [row.id]})
    if stage_before is not None:
        changes = changes.merged(Changes.of(CONTACTS, updated={CONTACTS: [contact.id]}))
    return InteractionWrite(row.id, None, fields_of(row), changes, stage_before)


def edit(
    session: Session,
    interaction_id: int,
    *,
    kind: InteractionKind | str = UNSET,
    direction: Direction | str = UNSET,
    at: dt.datetime = UNSET,
    note: str | None = UNSET,
) -> InteractionWrite:
    """Change the given fields (the contact's stage is left alone: it was set when the
    interaction was first recorded, and the user may have changed it since)."""
    row = get(session, interaction_id)
    before = fields_of(row)
    if kind is not UNSET:
        row.kind = check_enum(InteractionKind, kind, "interaction kind")
    if direction is not UNSET:
        row.direction = check_enum(Direction, direction, "direction")
    if at is not UNSET:
        row.at = _aware(at)
    if note is not UNSET:
        row.note = clean_optional(note, strip=False)
    after = fields_of(row)
    if after != before:
        row.updated_at = utcnow()
    session.flush()
    changes = (
        Changes.of(INTERACTIONS, updated={INTERACTIONS: [row.id]})
        if after != before
        else Changes.none()
    )
    return InteractionWrite(row.id, before, after, changes)


def delete(session: Session, interaction_id: int) -> InteractionWrite:
    row = get(session, interaction_id)
    before = fields_of(row)
    session.delete(row)
    session.flush()
    return InteractionWrite(
        interaction_id, before, None, Changes.of(INTERACTIONS, deleted={INTERACTIONS: [row.id]})
    )


def restore(session: Session, interaction_id: int, fields: InteractionFields) -> InteractionWrite:
    """Put a deleted interaction back with its id (the undo of `delete`)."""
    if session.get(Interaction, interaction_id) is not None:
        raise ValidationError(f"interaction {interaction_id} exists already")
    contacts.get(session, fields.contact_id)
    row = Interaction(
        id=interaction_id,
        contact_id=fields.contact_id,
        kind=fields.kind,
        direction=fields.direction,
        at=fields.at,
        note=fields.note,
    )
    session.add(row)
    session.flush()
    return InteractionWrite(
        row.id, None, fields, Changes.of(INTERACTIONS, created={INTERACTIONS: [row.id]})
    )


def list_interactions(session: Session, *, contact_id: int | None = None) -> list[Interaction]:
    """Interactions by time, oldest first."""
    query = select(Interaction)
    if contact_id is not None:
        contacts.get(session, contact_id)
        query = query.where(Interaction.contact_id == contact_id)
    return list(session.scalars(query.order_by(Interaction.at, Interaction.id)))


def as_dict(row: Interaction) -> dict[str, Any]:
    """The JSON shape of an interaction (`interaction list --json`, `contact show --json`)."""
    return {
        "id": row.id,
        "contact_id": row.contact_id,
        "kind": row.kind.value,
        "direction": row.direction.value,
        "at": iso_local(row.at),
        "note": row.note,
        "version": row.version,  # for `interaction edit --if-version`
    }


# --- touches ---------------------------------------------------------------------------------


def interaction_touch(row: Interaction) -> Touch:
    return Touch(
        row.contact_id,
        row.at,
        TouchKind.INTERACTION,
        row.id,
        direction=row.direction,
        interaction_kind=row.kind,
        summary=row.note,
    )


def interaction_touches(
    session: Session, moment: dt.datetime, contact_ids: list[int] | None = None
) -> list[Touch]:
    """Interactions up to `moment` as touches; plain columns, not ORM objects (the day reads
    every interaction, and building tens of thousands of objects costs most of the time)."""
    query = select(
        Interaction.id,
        Interaction.contact_id,
        Interaction.at,
        Interaction.kind,
        Interaction.direction,
        Interaction.note,
    ).where(Interaction.at <= moment)
    if contact_ids is not None:
        query = query.where(Interaction.contact_id.in_(contact_ids))
    return [
        Touch(
            cid,
            at,
            TouchKind.INTERACTION,
            iid,
            direction=direction,
            interaction_kind=kind,
            summary=note,
        )
        for iid, cid, at, kind, direction, note in session.execute(query)
    ]


@dataclass(frozen=True)
class TouchFacts:
    """Every contact's touches known at a moment, and when meetings with them were agreed."""

    touches: dict[int, list[Touch]]
    booked: dict[int, list[dt.datetime]]


def touch_facts(
    session: Session, moment: dt.datetime, contact_ids: Iterable[int] | None = None
) -> TouchFacts:
    """Three queries: interactions, meetings, done follow-ups (of `contact_ids`, or all)."""
    wanted = None if contact_ids is None else list(contact_ids)
    touches: dict[int, list[Touch]] = defaultdict(list)
    booked: dict[int, list[dt.datetime]] = defaultdict(list)

    def limit(query: Any, column: Any) -> Any:
        return query if wanted is None else query.where(column.in_(wanted))

    for touch in interaction_touches(session, moment, wanted):
        touches[touch.contact_id].append(touch)
    for mid, cid, start, created, notes in session.execute(
        limit(
            select(
                Meeting.id, Meeting.contact_id, Meeting.start, Meeting.created_at, Meeting.notes
            ),
            Meeting.contact_id,
        )
    ):
        agreed = min(start, created)
        if agreed <= moment:
            booked[cid].append(agreed)
        if start <= moment:
            touches[cid].append(Touch(cid, start, TouchKind.MEETING, mid, summary=notes))
    for fid, cid, done_at, title in session.execute(
        limit(
            select(FollowUp.id, FollowUp.contact_id, FollowUp.done_at, FollowUp.title).where(
                FollowUp.done_at.is_not(None), FollowUp.done_at <= moment
            ),
            FollowUp.contact_id,
        )
    ):
        touches[cid].append(
            Touch(cid, done_at, TouchKind.FOLLOWUP, fid, direction=Direction.OUT, summary=title)
        )
    return TouchFacts({cid: until(found, moment) for cid, found in touches.items()}, dict(booked))


def timeline(session: Session, contact_id: int, now: dt.datetime | None = None) -> list[Touch]:
    """The contact page's timeline: every touch so far, newest first."""
    contacts.get(session, contact_id)
    facts = touch_facts(session, now or utcnow(), [contact_id])
    return newest_first(facts.touches.get(contact_id, []))


def last_touch(
    session: Session, contact_id: int, now: dt.datetime | None = None
) -> dt.datetime | None:
    found = timeline(session, contact_id, now)
    return found[0].at if found else None


def responsiveness_of(
    session: Session,
    contact_id: int,
    now: dt.datetime | None = None,
    zone: dt.tzinfo | None = None,
) -> Responsiveness | None:
    contacts.get(session, contact_id)
    moment = now or utcnow()
    facts = touch_facts(session, moment, [contact_id])
    return responsiveness(
        facts.touches.get(contact_id, []),
        moment,
        zone or local_zone(),
        meetings_booked=facts.booked.get(contact_id, ()),
    )


def responsiveness_by_contact(
    session: Session, now: dt.datetime | None = None, zone: dt.tzinfo | None = None
) -> dict[int, Responsiveness]:
    """Every contact whose responsiveness is known (a few queries, whatever the number)."""
    moment = now or utcnow()
    facts = touch_facts(session, moment)
    out: dict[int, Responsiveness] = {}
    for cid, touches in facts.touches.items():
        found = responsiveness(
            touches, moment, zone or local_zone(), meetings_booked=facts.booked.get(cid, ())
        )
        if found is not None:
            out[cid] = found
    return out


def contact_extras(
    session: Session, contact_id: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    """What `contact show --json` adds: responsiveness, last touch and the interactions."""
    moment = now or utcnow()
    found = responsiveness_of(session, contact_id, moment)
    return {
        "responsiveness": found.value if found is not None else None,
        "last_touch": iso_local(last_touch(session, contact_id, moment)),
        "interactions": [as_dict(row) for row in list_interactions(session, contact_id=contact_id)],
    }
