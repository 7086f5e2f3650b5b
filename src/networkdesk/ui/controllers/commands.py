"""The window's one undo command: a QUndoCommand that wraps a change record.

Every edit a user makes is a service call that returns a change record
(`networkdesk.services.records`); `apply` runs it in one transaction and pushes a RecordCommand.
redo()/undo() hand the record to the workspace, which runs the record's own redo/undo (through
the same services, in one transaction) and announces the record's `Changes` once. What the
command does is exactly what the Qt-free `services.history.History` does with the same record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoCommand

from networkdesk.services.records import ChangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.versions import RowChanged
    from networkdesk.ui.workspace import Workspace

R = TypeVar("R", bound=ChangeRecord)


class RecordCommand(QUndoCommand):
    """One undo step: a change record already done when pushed (its first redo only announces
    the change)."""

    def __init__(self, workspace: Workspace, record: ChangeRecord) -> None:
        super().__init__(record.label)
        self.workspace = workspace
        self.record = record
        self._announce_only = True

    def redo(self) -> None:
        if self._announce_only:
            self._announce_only = False
            self.workspace.notify(self.record.changes)
            return
        # Imported here: it loads the ORM, which the window is first shown without.
        from networkdesk.services.versions import RowChanged

        try:
            self.record = self.workspace.redo_record(self.record)
        except RowChanged as exc:
            self._changed_elsewhere(exc, "Redo", self.workspace.redo_record)
        except Exception as exc:  # shown, and the database is as it was before the redo
            self.workspace.failed.emit(f"Could not redo “{self.text()}”: {exc}")

    def undo(self) -> None:
        from networkdesk.services.versions import RowChanged

        try:
            self.record = self.workspace.undo_record(self.record)
        except RowChanged as exc:
            self._changed_elsewhere(exc, "Undo", self.workspace.undo_record)
        except Exception as exc:
            self.workspace.failed.emit(f"Could not undo “{self.text()}”: {exc}")

    def _changed_elsewhere(
        self, exc: RowChanged, verb: str, step: Callable[[ChangeRecord], ChangeRecord]
    ) -> None:
        """A row this step would write was changed elsewhere since: ask. Keep mine reverts
        anyway; take theirs keeps their change and drops this step from the stack."""
        from networkdesk.ui.views import edit_conflict

        what = f"{verb} “{self.text()}”: {exc.what} {exc.row_id}"
        if edit_conflict.ask(None, what, exc.clashes) is edit_conflict.Choice.KEEP_MINE:
            try:
                self.record = step(self.record.overriding())
            except Exception as again:
                self.workspace.failed.emit(f"Could not {verb.lower()} “{self.text()}”: {again}")
            return
        self.setObsolete(True)  # the stack removes it: their change stays, nothing was written


def push_record(workspace: Workspace, record: R) -> R:
    """Put a record whose work is committed on the window's stack (and announce it)."""
    workspace.undo_stack.push(RecordCommand(workspace, record))
    return record


def apply(workspace: Workspace, work: Callable[[Session], R | None]) -> R | None:
    """Run `work` in one transaction and push the record it returns as one undo step.

    A domain error propagates with nothing written and nothing pushed; None (nothing changed)
    pushes nothing.
    """
    with workspace.require_db().transaction() as session:
        record = work(session)
    if record is None:
        return None
    return push_record(workspace, record)
