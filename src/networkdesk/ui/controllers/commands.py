"""Undo commands that change data through services (never graphics items or model rows).

Every edit a user makes is one of these on the workspace's QUndoStack: redo() and undo() each run
one service transaction through `Workspace.write`, and the views follow the change signal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from networkdesk.ui.workspace import ALL_AREAS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace

Work = Callable[["Session"], Any]


class ServiceCommand(QUndoCommand):
    """A reversible edit given as two service calls.

    `do` runs on redo (also when first pushed), `undo` reverses it. Both receive a Session inside
    one transaction. `do`'s return value is kept in `self.result` (e.g. a new row's id, which an
    `undo` closure can read through the command). If `do` raises on the first push, the error
    propagates from `push_command` and nothing is put on the stack.
    """

    def __init__(
        self,
        workspace: Workspace,
        text: str,
        do: Work,
        undo: Work,
        areas: Iterable[str] = ALL_AREAS,
    ) -> None:
        super().__init__(text)
        self.workspace = workspace
        self._do = do
        self._undo = undo
        self._areas = frozenset(areas)
        self.result: Any = None
        self.error: Exception | None = None

    def redo(self) -> None:
        try:
            self.result = self.workspace.write(self._do, self._areas)
        except Exception as exc:  # reported by push_command or by the stack's owner
            self.error = exc
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self.workspace.write(self._undo, self._areas)
        except Exception as exc:
            self.error = exc
            self.workspace.failed.emit(f"Could not undo “{self.text()}”: {exc}")


def push_command(workspace: Workspace, command: ServiceCommand) -> Any:
    """Push `command`; if its first redo failed, drop it and raise the error."""
    workspace.undo_stack.push(command)
    if command.error is not None:
        error = command.error
        # An obsolete command is removed by the stack right after redo(); make sure.
        if (
            workspace.undo_stack.count()
            and workspace.undo_stack.command(workspace.undo_stack.count() - 1) is command
        ):
            workspace.undo_stack.undo()
        raise error
    return command.result
