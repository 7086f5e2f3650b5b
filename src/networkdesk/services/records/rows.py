"""Creating, editing and deleting one row of an editable entity, as change records.

Created and deleted rows keep their id across undo and redo: undoing a creation captures a
snapshot of the row (and everything that hangs on it) and deletes it through its service; redo
writes the snapshot back (services/snapshots.py). Later records on the stack that name the id
still find it.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from networkdesk.domain.fields import (
    CompanyFields,
    ContactFields,
    EntityFields,
    FollowUpFields,
    MeetingFields,
    ReferralFields,
)
from networkdesk.domain.models import (
    Company,
    Contact,
    FollowUp,
    Meeting,
    Referral,
    VersionedMixin,
)
from networkdesk.services import (
    companies,
    contacts,
    followups,
    meetings,
    referrals,
    snapshots,
    versions,
)
from networkdesk.services.changes import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    MEETINGS,
    REFERRALS,
    Changes,
)
from networkdesk.services.records.base import ChangeRecord, Composite

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Snapshot = snapshots.ContactSnapshot | snapshots.RecordSnapshot


class Entity(enum.Enum):
    """The editable entities: their model, the area their ids belong to, and the other areas
    whose views show them (a contact's company, a meeting's referrals...)."""

    CONTACT = (Contact, CONTACTS, (COMPANIES, MEETINGS, REFERRALS, FOLLOWUPS))
    COMPANY = (Company, COMPANIES, (CONTACTS,))
    MEETING = (Meeting, MEETINGS, (CONTACTS, REFERRALS, FOLLOWUPS))
    REFERRAL = (Referral, REFERRALS, (CONTACTS,))
    FOLLOWUP = (FollowUp, FOLLOWUPS, (CONTACTS,))

    def __init__(self, model: Any, area: str, shown_with: tuple[str, ...]) -> None:
        self.model = model
        self.area = area
        self.shown_with = shown_with

    def announce(
        self,
        *,
        created: Iterable[int] = (),
        updated: Iterable[int] = (),
        deleted: Iterable[int] = (),
    ) -> Changes:
        return Changes.of(
            *self.shown_with,
            created={self.area: created},
            updated={self.area: updated},
            deleted={self.area: deleted},
        )


def contact_fields_changed(contact_ids: list[int], names: frozenset[str]) -> Changes:
    """Fields of contacts edited in place: the contacts, with the fields written.

    Views of other areas that show a contact's name or ring follow CONTACTS and its `fields`,
    so only a change of company names another area: the company may be new, and the counts
    of two companies move.
    """
    others = (COMPANIES,) if "company" in names else ()
    return Changes.of(*others, updated={CONTACTS: contact_ids}, fields={CONTACTS: names})


def delete_with_snapshot(session: Session, entity: Entity, row_id: int) -> Snapshot:
    """Capture the row, then delete it through its service (which leaves calendar tombstones)."""
    if entity is Entity.CONTACT:
        return snapshots.delete_contact_with_snapshot(session, row_id)
    return snapshots.delete_record_with_snapshot(session, entity.model, row_id)


def restore(session: Session, snapshot: Snapshot) -> None:
    if isinstance(snapshot, snapshots.ContactSnapshot):
        snapshots.restore_contact(session, snapshot)
    else:
        snapshots.restore_record(session, snapshot)


@dataclass(frozen=True)
class RowCreated(ChangeRecord):
    entity: Entity
    row_id: int
    text: str
    #: Filled by undo: what redo writes back.
    snapshot: Snapshot | None = None

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        return self.entity.announce(created=[self.row_id])

    def undo(self, session: Session) -> Self:
        return dataclasses.replace(
            self, snapshot=delete_with_snapshot(session, self.entity, self.row_id)
        )

    def redo(self, session: Session) -> Self:
        if self.snapshot is None:
            raise RuntimeError(f"{self.text}: redo before undo")
        restore(session, self.snapshot)
        return dataclasses.replace(self, snapshot=None)


@dataclass(frozen=True)
class RowDeleted(ChangeRecord):
    entity: Entity
    row_id: int
    text: str
    snapshot: Snapshot

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        return self.entity.announce(deleted=[self.row_id])

    def undo(self, session: Session) -> Self:
        restore(session, self.snapshot)
        return self

    def redo(self, session: Session) -> Self:
        return dataclasses.replace(
            self, snapshot=delete_with_snapshot(session, self.entity, self.row_id)
        )


def delete_row(session: Session, entity: Entity, row_id: int, text: str) -> RowDeleted:
    """Delete one row (a contact with everything that is only its own); the record."""
    return RowDeleted(entity, row_id, text, delete_with_snapshot(session, entity, row_id))


def delete_rows(session: Session, entity: Entity, row_ids: list[int], text: str) -> Composite:
    """A bulk delete: one record."""
    return Composite(tuple(delete_row(session, entity, rid, text) for rid in row_ids), text)


# --- edits -----------------------------------------------------------------------------------

_EDITORS: dict[Entity, Callable[..., Any]] = {
    Entity.CONTACT: contacts.edit,
    Entity.COMPANY: companies.edit,
    Entity.MEETING: meetings.edit,
    Entity.REFERRAL: referrals.edit,
    Entity.FOLLOWUP: followups.edit,
}

_READERS: dict[Entity, Callable[[Any], EntityFields]] = {
    Entity.CONTACT: ContactFields.of,
    Entity.COMPANY: CompanyFields.of,
    Entity.MEETING: MeetingFields.of,
    Entity.REFERRAL: ReferralFields.of,
    Entity.FOLLOWUP: FollowUpFields.of,
}


def _entity_of(fields: EntityFields) -> Entity:
    return {
        ContactFields: Entity.CONTACT,
        CompanyFields: Entity.COMPANY,
        MeetingFields: Entity.MEETING,
        ReferralFields: Entity.REFERRAL,
        FollowUpFields: Entity.FOLLOWUP,
    }[type(fields)]


def read_fields(session: Session, entity: Entity, row_id: int) -> EntityFields:
    """Every editable field of a row as it is now."""
    getters: dict[Entity, Callable[[Session, int], Any]] = {
        Entity.CONTACT: contacts.get,
        Entity.COMPANY: companies.get,
        Entity.MEETING: meetings.get,
        Entity.REFERRAL: referrals.get,
        Entity.FOLLOWUP: followups.get,
    }
    return _READERS[entity](getters[entity](session, row_id))


def apply_fields(session: Session, row_id: int, fields: EntityFields) -> None:
    """Write the given fields of `fields` through the entity's edit service."""
    _EDITORS[_entity_of(fields)](session, row_id, **fields.given())


@dataclass(frozen=True)
class FieldsEdited(ChangeRecord):
    """Fields of one row changed. Undo and redo first check that the row is as this step left
    it: at the version it had then, or at least with the same values in the fields this step
    wrote. Otherwise someone else changed them since, and RowChanged says so rather than
    reverting their change (`overriding()` skips the check when the person chose to)."""

    row_id: int
    before: EntityFields
    after: EntityFields
    text: str
    #: The row's version, and the edited fields as the row held them, after the last step.
    version: int | None = None
    seen: EntityFields | None = None
    checked: bool = True

    @property
    def entity(self) -> Entity:
        return _entity_of(self.after)

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        if self.entity is Entity.CONTACT:
            return contact_fields_changed([self.row_id], self.after.given_names())
        return self.entity.announce(updated=[self.row_id])

    @property
    def undo_changes(self) -> Changes:
        return self.changes

    def undo(self, session: Session) -> Self:
        self._require_unchanged(session, writing=self.before)
        apply_fields(session, self.row_id, self.before)
        return self._after_step(session)

    def redo(self, session: Session) -> Self:
        self._require_unchanged(session, writing=self.after)
        apply_fields(session, self.row_id, self.after)
        return self._after_step(session)

    def overriding(self) -> Self:
        return dataclasses.replace(self, checked=False)

    def _after_step(self, session: Session) -> Self:
        version, seen = _state_of(session, self.entity, self.row_id, self.after.given_names())
        return dataclasses.replace(self, version=version, seen=seen, checked=True)

    def _require_unchanged(self, session: Session, writing: EntityFields) -> None:
        if not self.checked or self.seen is None:
            return
        versioned = issubclass(self.entity.model, VersionedMixin)
        current = versions.version_of(session, self.entity.model, self.row_id) if versioned else 0
        if self.version is not None and current == self.version:
            return  # nobody wrote the row since this step
        names = self.after.given_names()
        now = read_fields(session, self.entity, self.row_id).only(names).given()
        seen = self.seen.given()
        changed = {name for name in names if now.get(name) != seen.get(name)}
        if not changed:
            return  # others changed other fields: this step's fields are still its own
        mine = {name: value for name, value in writing.given().items() if name in changed}
        clashes = tuple(versions.FieldClash(n, mine[n], now.get(n)) for n in sorted(mine))
        raise versions.RowChanged.of(
            self.entity.name.lower(), self.row_id, self.version, current, clashes
        )


def _state_of(
    session: Session, entity: Entity, row_id: int, names: frozenset[str]
) -> tuple[int | None, EntityFields]:
    """The row's version (None for a row without one) and the given fields as it
    holds them now (after a flush)."""
    session.flush()
    versioned = issubclass(entity.model, VersionedMixin)
    version = versions.version_of(session, entity.model, row_id) if versioned else None
    return version, read_fields(session, entity, row_id).only(names)


def edit_row(session: Session, row_id: int, fields: EntityFields, text: str) -> FieldsEdited:
    """Change the given fields of one row; the record keeps what they were (and the row's
    version after the edit, so undo can tell whether someone else wrote it since)."""
    entity = _entity_of(fields)
    before = read_fields(session, entity, row_id).only(fields.given_names())
    apply_fields(session, row_id, fields)
    version, seen = _state_of(session, entity, row_id, fields.given_names())
    return FieldsEdited(row_id, before, fields, text, version=version, seen=seen)


def edit_rows(session: Session, row_ids: list[int], fields: EntityFields, text: str) -> Composite:
    """A bulk edit (the same fields on many rows, e.g. a stage or a tag list): one record that
    keeps each row's own values before."""
    return Composite(tuple(edit_row(session, rid, fields, text) for rid in row_ids), text)
