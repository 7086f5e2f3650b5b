"""Actions on many contacts at once, each one change record (one undo step): move to a ring, add
or remove a tag, set the stage, delete.

The window's contact menu, its Delete key and the board's selection all call these with a list
of ids. Contacts the action would not change (already on that ring, already tagged) are left
out of the record, so undo touches only what the action touched; nothing changed returns None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from networkdesk.domain.enums import Ring, Stage
from networkdesk.domain.fields import ContactFields
from networkdesk.domain.models import Contact
from networkdesk.domain.plural import count_of
from networkdesk.domain.text import fold
from networkdesk.services import contacts
from networkdesk.services.changes import CONTACTS
from networkdesk.services.records.base import ChangeRecord, Composite
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


@dataclass(frozen=True)
class BulkEdited(Composite):
    """The edits of many contacts as one step; undo and redo load those contacts in a few
    queries first, as the action did."""

    contact_ids: tuple[int, ...] = ()

    def undo(self, session: Session) -> Self:
        _ids, _loaded = _preload(session, self.contact_ids)
        undone = [part.undo(session) for part in reversed(self.parts)]
        return dataclasses.replace(self, parts=tuple(reversed(undone)))

    def redo(self, session: Session) -> Self:
        _ids, _loaded = _preload(session, self.contact_ids)
        return dataclasses.replace(self, parts=tuple(part.redo(session) for part in self.parts))


def _combine(parts: list[ChangeRecord | None], text: str) -> ChangeRecord | None:
    """One record for the parts that did something: None, the only one, or a BulkEdited."""
    done = [part for part in parts if part is not None]
    if not done:
        return None
    if len(done) == 1 and done[0].label == text:
        return done[0]
    ids = tuple(sorted({cid for part in done for cid in part.changes.ids(CONTACTS)}))
    return BulkEdited(tuple(done), text, ids)


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
    record = move_contacts(session, moves, describe_moves(moves, list(ring_names or []) or None))
    if isinstance(record, Composite):
        return BulkEdited(record.parts, record.text, tuple(cid for cid, _r, _a in moves))
    return record


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
    return _combine(parts, text)


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
    return _combine(parts, text)


def set_stage(session: Session, contact_ids: Sequence[int], stage: Stage) -> ChangeRecord | None:
    """Set the stage of every contact that is at another one."""
    ids, _loaded = _preload(session, contact_ids)
    text = f"Set {who(session, ids)} to {stage.label}"
    parts: list[ChangeRecord | None] = [
        edit_row(session, cid, ContactFields(stage=stage), text)
        for cid in ids
        if contacts.get(session, cid).stage != stage
    ]
    return _combine(parts, text)


def delete(session: Session, contact_ids: Sequence[int]) -> ChangeRecord | None:
    """Delete the contacts with everything that is only theirs (meetings, follow-ups...)."""
    ids, _loaded = _preload(session, contact_ids)
    if not ids:
        return None
    text = f"Delete {who(session, ids)}"
    # Undo writes the deleted contacts back from their snapshots: nothing to load first.
    parts: list[ChangeRecord | None] = list(delete_rows(session, Entity.CONTACT, ids, text).parts)
    done = [part for part in parts if part is not None]
    return done[0] if len(done) == 1 else Composite(tuple(done), text)
