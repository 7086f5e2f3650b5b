"""The shape of a change record: what one user action changed, and how to reverse it.

A record is a frozen dataclass returned by the service call that did the work. `undo(session)`
and `redo(session)` reverse and repeat it through the same services (never raw field writes of
their own) inside the caller's transaction, and each returns the record to keep for the next
step: a record that must remember something only undo can read (a snapshot of the rows it
deletes) returns a copy that carries it. `changes` says what doing (or redoing) it changed, with
ids; undoing it changes `changes.inverted()`.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from networkdesk.services.changes import Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ChangeRecord(ABC):
    """One undoable step (subclasses are frozen dataclasses)."""

    @property
    @abstractmethod
    def label(self) -> str:
        """What the Edit menu says: "Undo <label>"."""

    @property
    @abstractmethod
    def changes(self) -> Changes:
        """What doing (and redoing) this changed."""

    @property
    def undo_changes(self) -> Changes:
        """What undoing it changes."""
        return self.changes.inverted()

    @abstractmethod
    def undo(self, session: Session) -> ChangeRecord:
        """Reverse the change; returns the record to redo later."""

    @abstractmethod
    def redo(self, session: Session) -> ChangeRecord:
        """Do the change again, with the same ids; returns the record to undo later."""

    def overriding(self) -> ChangeRecord:
        """This record without its checks that a row is as this step left it (services/
        versions.py): the person chose to overwrite a change made elsewhere since."""
        return self


@dataclass(frozen=True)
class Composite(ChangeRecord):
    """Several records as one step (a bulk action, a gesture that moved many contacts).

    Undo reverses the parts last first, so each part finds the state it left."""

    parts: tuple[ChangeRecord, ...]
    text: str

    @property
    def label(self) -> str:
        return self.text

    @property
    def changes(self) -> Changes:
        total = Changes.none()
        for part in self.parts:
            total = total.merged(part.changes)
        return total

    def undo(self, session: Session) -> Self:
        undone = [part.undo(session) for part in reversed(self.parts)]
        return dataclasses.replace(self, parts=tuple(reversed(undone)))

    def redo(self, session: Session) -> Self:
        return dataclasses.replace(self, parts=tuple(part.redo(session) for part in self.parts))

    def overriding(self) -> Self:
        return dataclasses.replace(self, parts=tuple(part.overriding() for part in self.parts))


def combine(parts: list[ChangeRecord | None], text: str) -> ChangeRecord | None:
    """One record for the parts that did something: None, the only one, or a Composite."""
    done = [part for part in parts if part is not None]
    if not done:
        return None
    if len(done) == 1 and done[0].label == text:
        return done[0]
    return Composite(tuple(done), text)
