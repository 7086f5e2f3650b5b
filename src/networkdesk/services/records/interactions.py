"""Adding, editing and deleting an interaction (an e-mail, call, message...) as change records.

The rows keep their ids across undo and redo: undoing an addition captures the whole row
(created_at included) before deleting it, and redo writes that row back. An outgoing
interaction may have moved the contact from *identified* to *contacted*; the record keeps the
stage it had so that undo puts it back, and redo moves it again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from networkdesk.domain.enums import Stage
from networkdesk.domain.fields import ContactFields
from networkdesk.domain.models import Interaction
from networkdesk.domain.touches import Direction, InteractionKind
from networkdesk.services import interactions, snapshots, versions
from networkdesk.services.changes import CONTACTS, INTERACTIONS, Changes
from networkdesk.services.interactions import UNSET, InteractionFields
from networkdesk.services.records.base import ChangeRecord
from networkdesk.services.records.rows import apply_fields

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _announce(
    contact_id: int,
    stage_moved: bool,
    *,
    created: Iterable[int] = (),
    updated: Iterable[int] = (),
    deleted: Iterable[int] = (),
) -> Changes:
    """The interaction's ids; contact views too (their last touch and timeline show it)."""
    changes = Changes.of(
        INTERACTIONS,
        CONTACTS,
        created={INTERACTIONS: created},
        updated={INTERACTIONS: updated},
        deleted={INTERACTIONS: deleted},
    )
    if stage_moved:
        changes = changes.merged(Changes.of(CONTACTS, updated={CONTACTS: [contact_id]}))
    return changes


@dataclass(frozen=True)
class StageMove:
    """The stage an outreach moved a contact from and to."""

    contact_id: int
    before: Stage
    after: Stage

    def undo(self, session: Session) -> None:
        apply_fields(session, self.contact_id, ContactFields(stage=self.before))

    def redo(self, session: Session) -> None:
        apply_fields(session, self.contact_id, ContactFields(stage=self.after))


@dataclass(frozen=True)
class InteractionAdded(ChangeRecord):
    interaction_id: int
    contact_id: int
    stage_move: StageMove | None = None
    text: str = "Add interaction"
    #: Filled by undo: the row redo writes back.
    snapshot: snapshots.RecordSnapshot | None = None

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        return _announce(
            self.contact_id, self.stage_move is not None, created=[self.interaction_id]
        )

    def undo(self, session: Session) -> Self:
        snapshot = snapshots.capture_record(session, Interaction, self.interaction_id)
        interactions.delete(session, self.interaction_id)
        if self.stage_move is not None:
            self.stage_move.undo(session)
        return dataclasses.replace(self, snapshot=snapshot)

    def redo(self, session: Session) -> Self:
        if self.snapshot is None:
            raise RuntimeError(f"{self.text}: redo before undo")
        snapshots.restore_record(session, self.snapshot)
        if self.stage_move is not None:
            self.stage_move.redo(session)
        return dataclasses.replace(self, snapshot=None)


def add_interaction(
    session: Session,
    contact_id: int,
    *,
    kind: InteractionKind | str,
    direction: Direction | str,
    at: dt.datetime | None = None,
    note: str | None = None,
    text: str = "Add interaction",
) -> InteractionAdded:
    """Record an interaction (an outreach moves an identified contact on); the record."""
    write = interactions.add(session, contact_id, kind=kind, direction=direction, at=at, note=note)
    move = None
    if write.stage_before is not None:
        after = interactions.get(session, write.interaction_id).contact.stage
        move = StageMove(contact_id, write.stage_before, after)
    return InteractionAdded(write.interaction_id, contact_id, move, text)


#: The fields an interaction edit writes (its contact stays).
EDITABLE = ("kind", "direction", "at", "note")


@dataclass(frozen=True)
class InteractionEdited(ChangeRecord):
    """Fields of one interaction changed. Undo and redo write only the fields this step changed,
    and first check that the row is as this step left it (services/versions.py): at the version
    it had then, or at least with the same values in those fields. Otherwise someone else
    changed them since, and RowChanged says so rather than reverting their change
    (`overriding()` skips the check when the person chose to)."""

    interaction_id: int
    before: InteractionFields
    after: InteractionFields
    text: str = "Edit interaction"
    #: The row's version, and its fields, after the last step (None: no check).
    version: int | None = None
    seen: InteractionFields | None = None
    checked: bool = True

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        return _announce(self.before.contact_id, False, updated=[self.interaction_id])

    @property
    def undo_changes(self) -> Changes:
        return self.changes

    @property
    def edited(self) -> tuple[str, ...]:
        return tuple(n for n in EDITABLE if getattr(self.before, n) != getattr(self.after, n))

    def _write(self, session: Session, fields: InteractionFields) -> None:
        values = {name: getattr(fields, name) for name in self.edited}
        interactions.edit(session, self.interaction_id, **values)

    def undo(self, session: Session) -> Self:
        self._require_unchanged(session, writing=self.before)
        self._write(session, self.before)
        return self._after_step(session)

    def redo(self, session: Session) -> Self:
        self._require_unchanged(session, writing=self.after)
        self._write(session, self.after)
        return self._after_step(session)

    def overriding(self) -> Self:
        return dataclasses.replace(self, checked=False)

    def _after_step(self, session: Session) -> Self:
        version, seen = _state_of(session, self.interaction_id)
        return dataclasses.replace(self, version=version, seen=seen, checked=True)

    def _require_unchanged(self, session: Session, writing: InteractionFields) -> None:
        if not self.checked or self.seen is None:
            return
        current = versions.version_of(session, Interaction, self.interaction_id)
        if current == self.version:
            return  # nobody wrote the row since this step
        now = interactions.fields_of(interactions.get(session, self.interaction_id))
        changed = [n for n in self.edited if getattr(now, n) != getattr(self.seen, n)]
        if not changed:
            return  # others changed other fields: this step's fields are still its own
        clashes = tuple(
            versions.FieldClash(name, getattr(writing, name), getattr(now, name))
            for name in changed
        )
        raise versions.RowChanged.of(
            "interaction", self.interaction_id, self.version, current, clashes
        )


def _state_of(session: Session, interaction_id: int) -> tuple[int, InteractionFields]:
    """The row's version and fields as it holds them now (after a flush)."""
    session.flush()
    version = versions.version_of(session, Interaction, interaction_id)
    return version, interactions.fields_of(interactions.get(session, interaction_id))


def edit_interaction(
    session: Session,
    interaction_id: int,
    *,
    kind: InteractionKind | str = UNSET,
    direction: Direction | str = UNSET,
    at: dt.datetime = UNSET,
    note: str | None = UNSET,
) -> InteractionEdited | None:
    """Change the given fields; None when nothing changed (nothing to undo). The record keeps
    the row's version after the edit, so undo can tell whether someone else wrote it since."""
    write = interactions.edit(
        session, interaction_id, kind=kind, direction=direction, at=at, note=note
    )
    if write.before is None or write.after is None or write.before == write.after:
        return None
    version, seen = _state_of(session, interaction_id)
    return InteractionEdited(interaction_id, write.before, write.after, version=version, seen=seen)


@dataclass(frozen=True)
class InteractionDeleted(ChangeRecord):
    interaction_id: int
    contact_id: int
    snapshot: snapshots.RecordSnapshot
    text: str = "Delete interaction"

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        return _announce(self.contact_id, False, deleted=[self.interaction_id])

    def undo(self, session: Session) -> Self:
        snapshots.restore_record(session, self.snapshot)
        return self

    def redo(self, session: Session) -> Self:
        snapshot = snapshots.capture_record(session, Interaction, self.interaction_id)
        interactions.delete(session, self.interaction_id)
        return dataclasses.replace(self, snapshot=snapshot)


def delete_interaction(session: Session, interaction_id: int) -> InteractionDeleted:
    snapshot = snapshots.capture_record(session, Interaction, interaction_id)
    write = interactions.delete(session, interaction_id)
    assert write.before is not None  # a deletion knows what it removed
    return InteractionDeleted(interaction_id, write.before.contact_id, snapshot)
