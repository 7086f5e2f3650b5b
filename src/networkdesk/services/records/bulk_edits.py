"""Actions on many contacts at once, each one change record (one undo step): move to a ring, add
or remove a tag, set the stage, delete.

The window's contact menu, its Delete key and the board's selection all call these with a list
of ids. Contacts the action would not change (already on that ring, already tagged) are left
out of the record, so undo touches only what the action touched; nothing changed returns None.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from networkdesk.domain.enums import Ring, Stage
from networkdesk.domain.fields import ContactFields
from networkdesk.domain.models import Contact
from networkdesk.domain.plural import count_of
from networkdesk.domain.text import fold
from networkdesk.services import contacts
from networkdesk.services.records.base import ChangeRecord, combine
from networkdesk.services.records.moves import Move, describe_moves, move_contacts
from networkdesk.services.records.rows import Entity, delete_rows, edit_row

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _unique(contact_ids: Sequence[int]) -> list[int]:
    """The ids once each, in the order given (a selection may name a contact twice)."""
    return list(dict.fromkeys(int(cid) for cid in contact_ids))


def _preload(session: Session, contact_ids: Sequence[int]) -> tuple[list[int], list[Contact]]:
    """Load the contacts with what an edit reads of them in a few queries (not one lazy load
    per contact and relationship, which costs more than the edits themselves at a thousand
    contacts): the ids once each, and the loaded contacts, which the caller keeps while it
    works (the session holds its objects weakly: unreferenced, they would be loaded again)."""
    ids = _unique(contact_ids)
    loaded: list[Contact] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        loaded.extend(
            session.scalars(
                select(Contact)
                .where(Contact.id.in_(chunk))
                .options(
                    joinedload(Contact.company),
                    selectinload(Contact.emails),
                    selectinload(Contact.phones),
                    selectinload(Contact.tags),
                    selectinload(Contact.meetings),
                    selectinload(Contact.followups),
                )
            )
        )
    return ids, loaded


def who(session: Session, contact_ids: Sequence[int]) -> str:
    """How a label names the contacts: the name of one, "5 contacts" for many."""
    if len(contact_ids) == 1:
        return contacts.get(session, contact_ids[0]).name
    return count_of(len(contact_ids), "contact")


def move_to_ring(
    session: Session,
    contact_ids: Sequence[int],
    ring: Ring | int | None,
    ring_names: Sequence[str] | None = None,
) -> ChangeRecord | None:
    """Put every contact on `ring` (None: back to the inbox), each keeping its angle."""
    target = None if ring is None else int(ring)
    ids, _loaded = _preload(session, contact_ids)
    moves: list[Move] = [(cid, target, None) for cid in ids]
    moves = [m for m in moves if contacts.get(session, m[0]).ring != target]
    if not moves:
        return None
    return move_contacts(session, moves, describe_moves(moves, list(ring_names or []) or None))


def add_tag(session: Session, contact_ids: Sequence[int], tag: str) -> ChangeRecord | None:
    """Add `tag` to every contact that does not carry it yet (matched like tags are:
    case- and accent-insensitively)."""
    name = " ".join(tag.split())
    if not name:
        return None
    ids, _loaded = _preload(session, contact_ids)
    text = f"Tag {who(session, ids)} “{name}”"
    parts: list[ChangeRecord | None] = []
    for cid in ids:
        current = tuple(t.name for t in contacts.get(session, cid).tags)
        if fold(name) in {fold(t) for t in current}:
            continue
        parts.append(edit_row(session, cid, ContactFields(tag_names=(*current, name)), text))
    return combine(parts, text)


def remove_tag(session: Session, contact_ids: Sequence[int], tag: str) -> ChangeRecord | None:
    """Take `tag` off every contact that carries it."""
    key = fold(tag)
    ids, _loaded = _preload(session, contact_ids)
    text = f"Remove “{' '.join(tag.split())}” from {who(session, ids)}"
    parts: list[ChangeRecord | None] = []
    for cid in ids:
        current = tuple(t.name for t in contacts.get(session, cid).tags)
        kept = tuple(t for t in current if fold(t) != key)
        if kept != current:
            parts.append(edit_row(session, cid, ContactFields(tag_names=kept), text))
    return combine(parts, text)


def set_stage(session: Session, contact_ids: Sequence[int], stage: Stage) -> ChangeRecord | None:
    """Set the stage of every contact that is at another one."""
    ids, _loaded = _preload(session, contact_ids)
    text = f"Set {who(session, ids)} to {stage.label}"
    parts: list[ChangeRecord | None] = [
        edit_row(session, cid, ContactFields(stage=stage), text)
        for cid in ids
        if contacts.get(session, cid).stage != stage
    ]
    return combine(parts, text)


def delete(session: Session, contact_ids: Sequence[int]) -> ChangeRecord | None:
    """Delete the contacts with everything that is only theirs (meetings, follow-ups...)."""
    ids, _loaded = _preload(session, contact_ids)
    if not ids:
        return None
    text = f"Delete {who(session, ids)}"
    return combine(list(delete_rows(session, Entity.CONTACT, ids, text).parts), text)
