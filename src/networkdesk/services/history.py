"""The undo history, without Qt: a stack of change records undone and redone through services.

`History.apply(work)` runs `work(session)` in one transaction; the change record it returns goes
on the stack. `undo()` and `redo()` each run one transaction through the record (which calls the
same services) and return the `Changes` to announce. The window's QUndoStack drives the same
records through `undo_record`/`redo_record`, so what the window does is what these tests check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol, TypeVar

from networkdesk.services.changes import Changes
from networkdesk.services.records.base import ChangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

R = TypeVar("R", bound=ChangeRecord)


class Transactions(Protocol):
    """Anything that opens one all-or-nothing transaction (storage.database.Database does)."""

    def transaction(self) -> AbstractContextManager[Session]: ...


def undo_record(db: Transactions, record: ChangeRecord) -> tuple[ChangeRecord, Changes]:
    """Undo `record` in one transaction: the record to redo later and what changed."""
    with db.transaction() as session:
        undone = record.undo(session)
    return undone, record.undo_changes


def redo_record(db: Transactions, record: ChangeRecord) -> tuple[ChangeRecord, Changes]:
    with db.transaction() as session:
        redone = record.redo(session)
    return redone, redone.changes


class History:
    """Records done (oldest first) and records undone (next to redo last)."""

    def __init__(self, db: Transactions, limit: int = 200) -> None:
        self.db = db
        self.limit = limit
        self._done: list[ChangeRecord] = []
        self._undone: list[ChangeRecord] = []
        # How many records were done when the state was last called clean (None: never again).
        self._clean_at: int | None = 0

    def apply(self, work: Callable[[Session], R | None]) -> R | None:
        """Run `work` in one transaction and keep its record (None: nothing was written)."""
        with self.db.transaction() as session:
            record = work(session)
        if record is not None:
            self.push(record)
        return record

    def push(self, record: ChangeRecord) -> None:
        """Keep a record whose work is already committed (an import run on a worker)."""
        if self._clean_at is not None and self._clean_at > len(self._done):
            self._clean_at = None  # the clean state was undone and can no longer be reached
        self._done.append(record)
        self._undone.clear()
        if len(self._done) > self.limit:
            del self._done[0]
            if self._clean_at is not None:
                self._clean_at = self._clean_at - 1 if self._clean_at > 0 else None

    def undo(self, *, overwrite: bool = False) -> Changes:
        """Undo the last step. When a row it would revert was changed elsewhere since, raises
        services.versions.RowChanged and changes nothing: the caller asks, then calls again
        with `overwrite=True` (revert anyway) or `drop_last()` (keep their change)."""
        if not self._done:
            return Changes.none()
        record = self._done[-1]
        undone, changes = undo_record(self.db, record.overriding() if overwrite else record)
        self._done.pop()
        self._undone.append(undone)
        return changes

    def drop_last(self) -> None:
        """Forget the last step without undoing it (its rows were changed elsewhere since and
        the person kept that change); earlier steps stay undoable."""
        if self._done:
            self._done.pop()
            if self._clean_at is not None and self._clean_at > len(self._done):
                self._clean_at = None

    def redo(self, *, overwrite: bool = False) -> Changes:
        if not self._undone:
            return Changes.none()
        record = self._undone[-1]
        redone, changes = redo_record(self.db, record.overriding() if overwrite else record)
        self._undone.pop()
        self._done.append(redone)
        return changes

    # --- what the Edit menu shows -----------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def set_clean(self) -> None:
        self._clean_at = len(self._done)

    @property
    def is_clean(self) -> bool:
        return self._clean_at == len(self._done)

    def __iter__(self) -> Iterator[ChangeRecord]:
        return iter(self._done)
