"""The messages and invitations of a LinkedIn archive as interactions: which contact each one is
with, which are already in the database, and writing the new ones in bulk.

A touch is matched to a contact by the other person's profile URL, else by their name when
exactly one contact has it. Its stable key is (contact, direction, moment to the second): the
export writes the same moment for the same message every time, so a re-import finds every touch
it wrote before and adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import Stage
from networkdesk.domain.models import Contact, Interaction, utcnow
from networkdesk.domain.stages import StageEvent, stage_after
from networkdesk.domain.touches import Direction, InteractionKind
from networkdesk.interchange.linkedin_archive import OUT, ArchiveTouch
from networkdesk.services.bulk import advance_id_sequences, bulk_insert, next_id
from networkdesk.services.importing.keys import fold, linkedin_key
from networkdesk.services.importing.writer import chunked

TouchKey = tuple[int, str, dt.datetime]
# People named in the summary when their messages match no contact (the rest are counted).
UNMATCHED_SHOWN = 10


@dataclass
class TouchPlan:
    """What importing the touches would do."""

    new: list[tuple[int, ArchiveTouch]] = field(default_factory=list)  # (contact id, touch)
    already_there: int = 0
    unmatched: int = 0
    unmatched_people: list[str] = field(default_factory=list)
    ambiguous: int = 0

    @property
    def sent(self) -> int:
        return sum(1 for _cid, touch in self.new if touch.direction == OUT)

    @property
    def received(self) -> int:
        return len(self.new) - self.sent


@dataclass
class TouchesWritten:
    interaction_ids: list[int] = field(default_factory=list)
    # Contacts an outgoing message moved forward (identified → contacted), with their old stage.
    stages_before: list[tuple[int, Stage]] = field(default_factory=list)


def moment_key(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(microsecond=0)


def plan_touches(session: Session, touches: Iterable[ArchiveTouch]) -> TouchPlan:
    """Match every touch to a contact and leave out those already recorded. Reads only."""
    by_profile: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for row_id, profile, name_key in session.execute(
        select(Contact.id, Contact.linkedin_key, Contact.name_key)
    ):
        if profile:
            by_profile.setdefault(profile, row_id)
        by_name[name_key].append(row_id)
    plan = TouchPlan()
    matched: list[tuple[int, ArchiveTouch]] = []
    unmatched_names: dict[str, str] = {}
    for touch in touches:
        profile = linkedin_key(touch.person.profile_url)
        contact_id = by_profile.get(profile) if profile else None
        if contact_id is None:
            named = by_name.get(fold(touch.person.name), [])
            if len(named) == 1:
                contact_id = named[0]
            elif len(named) > 1:
                plan.ambiguous += 1
                continue
        if contact_id is None:
            plan.unmatched += 1
            unmatched_names.setdefault(fold(touch.person.name), touch.person.name)
            continue
        matched.append((contact_id, touch))
    plan.unmatched_people = sorted(unmatched_names.values(), key=fold)
    known = _existing_keys(session, {cid for cid, _touch in matched})
    for contact_id, touch in matched:
        key = (contact_id, touch.direction, moment_key(touch.at))
        if key in known:
            plan.already_there += 1
            continue
        known.add(key)  # the same message twice in the file is one touch
        plan.new.append((contact_id, touch))
    return plan


def _existing_keys(session: Session, contact_ids: set[int]) -> set[TouchKey]:
    keys: set[TouchKey] = set()
    for ids in chunked(sorted(contact_ids)):
        for contact_id, direction, at in session.execute(
            select(Interaction.contact_id, Interaction.direction, Interaction.at).where(
                Interaction.contact_id.in_(ids)
            )
        ):
            keys.add((contact_id, Direction(direction).value, moment_key(at)))
    return keys


def write_touches(session: Session, plan: TouchPlan) -> TouchesWritten:
    """Insert the planned touches as interactions (one bulk insert) and move the contacts an
    outgoing one reached from *identified* to *contacted*, as recording it by hand would."""
    written = TouchesWritten()
    if not plan.new:
        return written
    now = utcnow()
    first = next_id(session, Interaction.id)
    rows = []
    for offset, (contact_id, touch) in enumerate(plan.new):
        rows.append(
            {
                "id": first + offset,
                "contact_id": contact_id,
                "kind": InteractionKind.MESSAGE,
                "direction": Direction(touch.direction),
                "at": moment_key(touch.at),
                "note": touch.note,
                "created_at": now,
                "updated_at": now,
            }
        )
        written.interaction_ids.append(first + offset)
    bulk_insert(session, Interaction.__table__, rows)
    advance_id_sequences(session, [Interaction.__table__])
    reached = sorted({cid for cid, touch in plan.new if touch.direction == OUT})
    for ids in chunked(reached):
        for contact in session.scalars(select(Contact).where(Contact.id.in_(ids))):
            after = stage_after(contact.stage, StageEvent.OUTREACH)
            if after is not contact.stage:
                written.stages_before.append((contact.id, contact.stage))
                contact.stage = after
                contact.updated_at = now
    session.flush()
    return written


def unwrite_touches(session: Session, written: TouchesWritten) -> None:
    """Reverse `write_touches`: the interactions deleted, the stages put back."""
    for ids in chunked(written.interaction_ids):
        session.execute(delete(Interaction).where(Interaction.id.in_(ids)))
    for contact_id, stage in written.stages_before:
        contact = session.get(Contact, contact_id)
        if contact is not None:
            contact.stage = stage
    session.flush()
