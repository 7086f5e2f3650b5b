"""Nothing typed is ever lost: one guard for every dialog that edits something.

Closing a guarded dialog with changes (Escape, Cancel, the title bar's close button) asks
Save / Discard / Keep editing; quitting the window with several such dialogs open asks once for
all of them (`ask_before_quit`). While the user types, what the form says is written as a draft
(debounced, `services.drafts`), so it survives a crash or a kill; the next time that editor opens
for that record, a bar at its top offers the draft back.

A dialog takes part by building an `UnsavedChangesGuard` with the widgets of its form (read and
restored generically by `form_values` / `restore_form_values`) and calling `guard.may_close()`
from its `reject()`.
"""

from __future__ import annotations

import contextlib
import enum
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from networkdesk.services.drafts import Draft, DraftStore, DraftValues
from networkdesk.ui.formatting import format_moment

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

#: Typing pauses this long before the draft is written (a write per key press would be wasteful).
DRAFT_DELAY_MS = 800


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep"


def ask_user(parent: QWidget | None, title: str, text: str, *, many: bool = False) -> Choice:
    """Save / Discard / Keep editing, as a modal question. Tests replace this function (an
    autouse fixture in tests/ui/conftest.py) so a question never waits for a person."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedChangesQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAccessibleName(title)
    save = box.addButton("Save all" if many else "Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(
        "Discard all" if many else "Discard", QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    for button, name in ((save, "Save"), (discard, "Discard"), (keep, "Keep editing")):
        button.setAccessibleName(name)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Choice.SAVE
    if clicked is discard:
        return Choice.DISCARD
    return Choice.KEEP_EDITING


# --- reading and restoring a form generically ---------------------------------------------


def form_values(widgets: Mapping[str, QWidget]) -> DraftValues:
    """What each widget says, as JSON values (text, index, flag, number, epoch seconds)."""
    values: DraftValues = {}
    for name, widget in widgets.items():
        if isinstance(widget, QLineEdit):
            values[name] = widget.text()
        elif isinstance(widget, QPlainTextEdit):
            values[name] = widget.toPlainText()
        elif isinstance(widget, QComboBox):
            values[name] = widget.currentText() if widget.isEditable() else widget.currentIndex()
        elif isinstance(widget, QAbstractButton):
            values[name] = widget.isChecked()
        elif isinstance(widget, QSpinBox):
            values[name] = widget.value()
        elif isinstance(widget, QDateTimeEdit):
            values[name] = widget.dateTime().toSecsSinceEpoch()
    return values


def restore_form_values(widgets: Mapping[str, QWidget], values: DraftValues) -> None:
    """Put `values` (from `form_values`) back; values of another type are left out."""
    for name, widget in widgets.items():
        value = values.get(name)
        if value is None:
            continue
        if isinstance(widget, QLineEdit) and isinstance(value, str):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            if widget.isEditable() and isinstance(value, str):
                widget.setCurrentText(value)
            elif isinstance(value, int) and 0 <= value < widget.count():
                widget.setCurrentIndex(value)
        elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
            widget.setChecked(value)
        elif isinstance(widget, QSpinBox) and isinstance(value, int):
            widget.setValue(value)
        elif isinstance(widget, QDateTimeEdit) and isinstance(value, int):
            widget.setDateTime(QDateTime.fromSecsSinceEpoch(value))


def _connect_changes(widget: QWidget, slot: Callable[..., None]) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        widget.currentTextChanged.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(slot)


# --- the guard ------------------------------------------------------------------------------

_guards: weakref.WeakSet[UnsavedChangesGuard] = weakref.WeakSet()


class DraftOffer(QFrame):
    """ "Unsaved changes from … were kept": Restore / Discard, at the top of an editor."""

    def __init__(self, draft: Draft, guard: UnsavedChangesGuard, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("draftOffer")
        self.setAccessibleName("Unsaved draft")
        self.setStyleSheet(
            "#draftOffer { background: rgba(217, 130, 43, 0.16);"
            " border-left: 4px solid #d9822b; border-radius: 4px; }"
        )
        self.label = QLabel(
            f"Changes you had not saved ({format_moment(draft.saved_at)}) were kept when this "
            "editor closed unexpectedly.",
            self,
        )
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("About the unsaved draft")
        self.restore_button = QPushButton("Restore them", self)
        self.restore_button.setObjectName("restoreDraft")
        self.restore_button.setAccessibleName("Restore the unsaved changes")
        self.discard_button = QPushButton("Discard", self)
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.setAccessibleName("Discard the unsaved changes")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.restore_button.clicked.connect(lambda: guard.restore_draft(draft))
        self.discard_button.clicked.connect(guard.discard_draft)


class UnsavedChangesGuard(QObject):
    """Watches one dialog's form: asks before its changes are thrown away and keeps a draft.

    `what` names the thing edited in the question ("the contact", "the meeting"); `save` runs
    the dialog's own Save (which accepts the dialog when the data is saved, and leaves it open
    with an error otherwise); `extra_values` / `restore_extra` carry what the generic widgets do
    not (a list of chosen questions, referrals).
    """

    def __init__(
        self,
        dialog: QDialog,
        widgets: Mapping[str, QWidget],
        *,
        what: str,
        save: Callable[[], object],
        drafts: DraftStore | None = None,
        draft_key: str | None = None,
        extra_values: Callable[[], DraftValues] | None = None,
        restore_extra: Callable[[DraftValues], None] | None = None,
    ) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.widgets = dict(widgets)
        self.what = what
        self._save = save
        self.drafts = drafts if draft_key is not None else None
        self.draft_key = draft_key
        self._extra_values = extra_values
        self._restore_extra = restore_extra
        self._clean: DraftValues = {}
        self._closing = False
        self.offer: DraftOffer | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.write_draft)
        for widget in self.widgets.values():
            _connect_changes(widget, self._changed)
        dialog.finished.connect(self._finished)
        _guards.add(self)

    # --- state -----------------------------------------------------------------------------

    def values(self) -> DraftValues:
        values = form_values(self.widgets)
        if self._extra_values is not None:
            values.update(self._extra_values())
        return values

    def mark_clean(self) -> None:
        """What the form says now is what is saved (call once the dialog is filled)."""
        self._clean = self.values()

    def has_changes(self) -> bool:
        return not self._closing and self.values() != self._clean

    def watch(self, *signals: Any) -> None:
        """Also write the draft when one of these signals fires (custom widgets)."""
        for signal in signals:
            signal.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        if self.drafts is not None and not self._closing:
            self._timer.start()

    # --- drafts ----------------------------------------------------------------------------

    def write_draft(self) -> None:
        """Write (or remove, when nothing changed) the draft now."""
        self._timer.stop()
        if self.drafts is None or self.draft_key is None or self._closing:
            return
        with contextlib.suppress(OSError):  # a full disk must not break typing
            if self.has_changes():
                self.drafts.save(self.draft_key, self.values())
            else:
                self.drafts.discard(self.draft_key)

    def pending_draft(self) -> Draft | None:
        if self.drafts is None or self.draft_key is None:
            return None
        draft = self.drafts.load(self.draft_key)
        if draft is None or draft.values == self._clean:
            return None
        return draft

    def draft_offer(self) -> DraftOffer | None:
        """A bar offering the draft left by an editor that did not close properly, or None.
        Call after `mark_clean`; the dialog puts the bar at its top."""
        draft = self.pending_draft()
        if draft is None:
            return None
        self.offer = DraftOffer(draft, self, self.dialog)
        return self.offer

    def restore_draft(self, draft: Draft) -> None:
        restore_form_values(self.widgets, draft.values)
        if self._restore_extra is not None:
            self._restore_extra(draft.values)
        self._hide_offer()

    def discard_draft(self) -> None:
        if self.drafts is not None and self.draft_key is not None:
            self.drafts.discard(self.draft_key)
        self._hide_offer()

    def _hide_offer(self) -> None:
        if self.offer is not None:
            self.offer.hide()

    # --- closing ---------------------------------------------------------------------------

    def may_close(self) -> bool:
        """From the dialog's `reject()`: True when it may close (nothing changed, or the user
        chose Discard). Save runs the dialog's Save, which closes it when the data is saved."""
        if not self.has_changes():
            return True
        choice = ask_user(
            self.dialog,
            "Unsaved changes",
            f"You have changed {self.what} without saving. Save the changes?",
        )
        if choice is Choice.DISCARD:
            self.close_without_asking()
            return True
        if choice is Choice.SAVE:
            self._save()
        return False

    def close_without_asking(self) -> None:
        """The changes are to go (Discard, or Discard all when quitting): no question, no draft."""
        self._closing = True
        self._timer.stop()
        if self.drafts is not None and self.draft_key is not None:
            self.drafts.discard(self.draft_key)

    def save(self) -> None:
        self._save()

    def _finished(self, _result: int) -> None:
        # Saved or discarded: the draft has done its work. (A crash never gets here.)
        self._closing = True
        self._timer.stop()
        if self.drafts is not None and self.draft_key is not None:
            with contextlib.suppress(OSError):
                self.drafts.discard(self.draft_key)
        _guards.discard(self)


def guards_with_changes() -> list[UnsavedChangesGuard]:
    """Guards of open dialogs whose forms hold changes not saved."""
    found = []
    for guard in list(_guards):
        with contextlib.suppress(RuntimeError):  # a dialog already deleted by Qt
            if guard.dialog.isVisible() and guard.has_changes():
                found.append(guard)
    return found


def ask_before_quit(parent: QWidget | None) -> bool:
    """Quitting: ask once for every editor with changes. True when the window may close
    (nothing to ask, everything saved, or everything discarded)."""
    pending = guards_with_changes()
    if not pending:
        return True
    if len(pending) == 1:
        text = f"You have changed {pending[0].what} without saving. Save before quitting?"
    else:
        text = (
            f"{len(pending)} open editors hold changes you have not saved. "
            "Save them all before quitting?"
        )
    choice = ask_user(parent, "Unsaved changes", text, many=len(pending) > 1)
    if choice is Choice.KEEP_EDITING:
        return False
    if choice is Choice.DISCARD:
        for guard in pending:
            guard.close_without_asking()
        return True
    for guard in pending:
        guard.save()
    # An editor whose Save failed (a validation error) stays open, with its error shown.
    still_open = [guard for guard in pending if guard.dialog.isVisible()]
    return not still_open


def drafts_for(workspace: Workspace) -> DraftStore | None:
    """The drafts of the workspace's database (None while none is open)."""
    if not workspace.is_open:
        return None
    return DraftStore.for_database(workspace.require_db().location.describe())


def guard_dialog(
    dialog: QDialog,
    widgets: Mapping[str, QWidget],
    *,
    what: str,
    save: Callable[[], object],
    workspace: Workspace | None = None,
    draft_key: str | None = None,
) -> UnsavedChangesGuard:
    """A guard for a filled dialog, clean as it stands, with its draft offer (when `workspace`
    and `draft_key` are given and a draft was left) put at the top of its layout. The dialog's
    `reject()` calls `guard.may_close()`."""
    drafts = drafts_for(workspace) if workspace is not None and draft_key else None
    guard = UnsavedChangesGuard(
        dialog, widgets, what=what, save=save, drafts=drafts, draft_key=draft_key
    )
    guard.mark_clean()
    offer = guard.draft_offer()
    layout = dialog.layout()
    if offer is not None and isinstance(layout, QBoxLayout):
        layout.insertWidget(0, offer)
    elif offer is not None and isinstance(layout, QFormLayout):
        layout.insertRow(0, offer)
    return guard
