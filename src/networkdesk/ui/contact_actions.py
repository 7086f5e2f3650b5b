"""The actions on one or many contacts, in one place for every view that shows contacts (the
contacts table, the inbox, the board, the agenda...): open, move to a ring, add or remove a tag,
set the stage, delete. Each action on a selection is one service call returning one change
record (`services.records.bulk_edits`), so it is one undo step however many contacts it touches.

One `ContactActions` belongs to one window (it hangs on the window's `ItemActions.contacts`).
Views register themselves as *selection sources*: the Delete key and the Contact menu act on the
selection of the view that has the keyboard focus (or holds it), else on the selected contact.
Dialogs (schedule, log, follow-up, referral) belong to the pipeline feature: they are asked for
through signals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from networkdesk.domain.enums import RING_LABELS, Ring, Stage
from networkdesk.domain.errors import NetworkdeskError
from networkdesk.domain.plural import count_of
from networkdesk.ui.controllers.commands import apply
from networkdesk.ui.item_actions import ItemActions

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.records.base import ChangeRecord
    from networkdesk.ui.controllers.moves import MoveController
    from networkdesk.ui.workspace import Workspace


class NoticeShower(Protocol):
    def show_notice(
        self,
        text: str,
        kind: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> object: ...


class ContactActions(QObject):
    """What can be done to contacts, given their ids."""

    scheduleMeetingRequested = Signal(int)
    logMeetingRequested = Signal(int)
    newFollowupRequested = Signal(int)
    addReferralRequested = Signal(int)
    #: After an action, with the labels of what was done (tests and status bars listen).
    done = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        item_actions: ItemActions,
        moves: MoveController | None = None,
        notices: NoticeShower | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else workspace)
        self.workspace = workspace
        self.item_actions = item_actions
        self.moves = moves
        self.notices = notices
        self._sources: list[tuple[QWidget, Callable[[], list[int]]]] = []
        self._last_source: QWidget | None = None

    # --- which contacts -----------------------------------------------------------------

    def ring_names(self) -> list[str]:
        if self.moves is not None and self.moves.ring_names is not None:
            names = list(self.moves.ring_names())
            if len(names) == len(Ring):
                return names
        return [RING_LABELS[r] for r in Ring]

    def add_selection_source(self, widget: QWidget, ids: Callable[[], list[int]]) -> None:
        """`widget` (a panel, the board) shows a selection of contacts that `ids()` returns."""
        self._sources.append((widget, ids))
        widget.destroyed.connect(lambda _obj=None, w=widget: self._forget(w))

    def _forget(self, widget: QWidget) -> None:
        self._sources = [(w, f) for w, f in self._sources if w is not widget]
        if self._last_source is widget:
            self._last_source = None

    def source_with_focus(self) -> tuple[QWidget, Callable[[], list[int]]] | None:
        focus = QApplication.focusWidget()
        for widget, ids in self._sources:
            if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
                return widget, ids
        return None

    def selected_ids(self) -> list[int]:
        """The selection of the view with the focus; else the window's selected contact."""
        found = self.source_with_focus()
        if found is not None:
            ids = found[1]()
            if ids:
                return ids
        selected = self.workspace.selected_contact_id
        return [selected] if selected else []

    # --- acting -------------------------------------------------------------------------

    def _run(self, work: Callable[[Session], ChangeRecord | None], what: str) -> bool:
        if not self.workspace.is_open:
            return False
        try:
            record = apply(self.workspace, work)
        except NetworkdeskError as exc:
            self._notice(f"Could not {what}: {exc}", "error")
            return False
        if record is not None:
            self.done.emit(record.label)
        return record is not None

    def _notice(
        self,
        text: str,
        kind: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> None:
        if self.notices is not None:
            self.notices.show_notice(text, kind, action_text, action)
        elif kind == "error":
            self.workspace.failed.emit(text)

    def open(self, contact_id: int) -> None:
        self.workspace.select_contact(contact_id)
        self.workspace.request_open_contact(contact_id)

    def move(self, contact_ids: Sequence[int], ring: int | None) -> bool:
        """Move to `ring` (None: back to the inbox); through the move controller when there is
        one, so the practice-first notice shows as for a drag."""
        from networkdesk.services.records import bulk_edits  # the ORM: loaded on first use

        ids = list(contact_ids)
        if not ids:
            return False
        if self.moves is not None:
            return self.moves.move([(cid, ring, None) for cid in ids])
        names = self.ring_names()
        return self._run(lambda s: bulk_edits.move_to_ring(s, ids, ring, names), "move")

    def add_tag(self, contact_ids: Sequence[int], tag: str) -> bool:
        from networkdesk.services.records import bulk_edits  # the ORM: loaded on first use

        ids = list(contact_ids)
        return bool(ids) and self._run(lambda s: bulk_edits.add_tag(s, ids, tag), "add the tag")

    def ask_tag(self, contact_ids: Sequence[int], parent: QWidget | None = None) -> QInputDialog:
        """Ask for a tag name (window-modal, no nested event loop), then add it."""
        ids = list(contact_ids)
        host = parent if parent is not None else QApplication.activeWindow()
        dialog = QInputDialog(host)
        dialog.setObjectName("addTagDialog")
        dialog.setWindowTitle("Add a tag")
        dialog.setLabelText(f"Tag to add to {count_of(len(ids), 'contact')}:")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(lambda text: self.add_tag(ids, text))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def remove_tag(self, contact_ids: Sequence[int], tag: str) -> bool:
        from networkdesk.services.records import bulk_edits  # the ORM: loaded on first use

        ids = list(contact_ids)
        return bool(ids) and self._run(
            lambda s: bulk_edits.remove_tag(s, ids, tag), "remove the tag"
        )

    def set_stage(self, contact_ids: Sequence[int], stage: Stage) -> bool:
        from networkdesk.services.records import bulk_edits  # the ORM: loaded on first use

        ids = list(contact_ids)
        return bool(ids) and self._run(
            lambda s: bulk_edits.set_stage(s, ids, stage), "set the stage"
        )

    def delete(self, contact_ids: Sequence[int]) -> bool:
        """Delete the contacts (one undo step) and say so, with Undo in the notice."""
        from networkdesk.services.records import bulk_edits  # the ORM: loaded on first use

        ids = list(dict.fromkeys(contact_ids))
        if not ids or not self.workspace.is_open:
            return False
        try:
            names = self.workspace.read(lambda s: bulk_edits.who(s, ids))
        except NetworkdeskError as exc:
            self._notice(f"Could not delete: {exc}", "error")
            return False
        if not self._run(lambda s: bulk_edits.delete(s, ids), "delete"):
            return False
        if self.workspace.selected_contact_id in ids:
            self.workspace.select_contact(None)
        self._notice(
            f"Deleted {names} with their meetings and follow-ups.",
            "info",
            "Undo",
            self.workspace.undo_stack.undo,
        )
        return True

    def delete_selected(self) -> bool:
        return self.delete(self.selected_ids())


def contact_actions_of(
    workspace: Workspace, item_actions: ItemActions, moves: MoveController | None = None
) -> ContactActions:
    """The window's ContactActions (made and kept on `item_actions` when there is none yet: a
    panel built on its own in a test still has every action)."""
    existing = item_actions.contacts
    if isinstance(existing, ContactActions):
        return existing
    made = ContactActions(workspace, item_actions, moves)
    item_actions.contacts = made
    return made
