"""Saving an editor (or undoing) whose row was changed elsewhere since it was read: show both
versions, let the person choose, never overwrite silently.

The editors call `save_unless_changed` with the version they read; when the row is still at it
the save runs at once. Otherwise a dialog lists each field that differs - what this editor would
save and what was saved elsewhere - and offers: keep mine (save over it), take theirs (close the
editor without saving), or go back to the editor. `ask` is the one place that opens the dialog,
so tests replace it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networkdesk.services import versions

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.domain.models import Meeting, VersionedMixin
    from networkdesk.ui.views.unsaved_changes import UnsavedChangesGuard
    from networkdesk.ui.workspace import Workspace

T = TypeVar("T")


class Choice(enum.Enum):
    KEEP_MINE = "keep mine"
    TAKE_THEIRS = "take theirs"
    BACK = "back"


def _shown(value: Any) -> str:
    if value is None or value == "" or value == [] or value == ():
        return "(empty)"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in value.items())
    if isinstance(value, bytes):
        return f"({len(value):,} bytes)"
    return str(getattr(value, "label", value))


#: Field names as the editors label them.
FIELD_LABELS = {
    "tag_names": "tags",
    "how_met": "how met",
    "linkedin": "LinkedIn",
    "emails": "e-mails",
    "start": "when",
    "location": "place",
}


class EditConflictDialog(QDialog):
    """Both versions of the fields that differ, side by side, as plain text."""

    def __init__(
        self, parent: QWidget | None, what: str, clashes: tuple[versions.FieldClash, ...]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editConflictDialog")
        self.setWindowTitle("Changed elsewhere")
        self.setAccessibleName("Changed elsewhere")
        self.choice = Choice.BACK
        layout = QVBoxLayout(self)
        message = QLabel(
            f"{what} was changed elsewhere (another window or the command line) since you "
            "last saw it. Choose which version to keep.",
            self,
        )
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setWordWrap(True)
        message.setObjectName("editConflictMessage")
        layout.addWidget(message)
        self.table = QTableWidget(len(clashes), 3, self)
        self.table.setObjectName("editConflictTable")
        self.table.setAccessibleName("Both versions")
        self.table.setHorizontalHeaderLabels(["Field", "Yours", "Saved elsewhere"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        for row, clash in enumerate(clashes):
            for column, text in enumerate(
                (FIELD_LABELS.get(clash.name, clash.name.replace("_", " ")), _shown(clash.mine),
                 _shown(clash.theirs))
            ):  # fmt: skip
                self.table.setItem(row, column, QTableWidgetItem(text))  # items are plain text
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Row heights follow the wrapped text once the columns have their widths.
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.resize(640, 320)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.keep_mine = QPushButton("Keep mine", self)
        self.keep_mine.setObjectName("keepMineButton")
        self.keep_mine.setToolTip("Save your version over the one saved elsewhere")
        self.take_theirs = QPushButton("Take theirs", self)
        self.take_theirs.setObjectName("takeTheirsButton")
        self.take_theirs.setToolTip("Keep the version saved elsewhere and drop your changes")
        self.back = QPushButton("Back to editing", self)
        self.back.setObjectName("backToEditingButton")
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.take_theirs, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.back, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_mine.clicked.connect(lambda: self._choose(Choice.KEEP_MINE))
        self.take_theirs.clicked.connect(lambda: self._choose(Choice.TAKE_THEIRS))
        self.back.clicked.connect(lambda: self._choose(Choice.BACK))
        layout.addWidget(buttons)
        self.back.setDefault(True)  # Enter never overwrites someone's work by accident

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.BACK:
            self.reject()
        else:
            self.accept()


def _ask_with_dialog(
    parent: QWidget | None, what: str, clashes: tuple[versions.FieldClash, ...]
) -> Choice:
    dialog = EditConflictDialog(parent, what, clashes)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice


#: Opens the dialog and returns the person's choice (tests replace it).
ask: Callable[[QWidget | None, str, tuple[versions.FieldClash, ...]], Choice] = _ask_with_dialog


def meeting_values(meeting: Meeting, like: Mapping[str, Any]) -> dict[str, Any]:
    """A meeting's fields in the shapes the meeting editor's form gives them (`like`)."""
    stored = dict(meeting.checklist or {})
    return {
        "start": meeting.start,
        "minutes": meeting.minutes,
        "kind": meeting.kind,
        "location": meeting.location,
        "preparation": meeting.preparation,
        "checklist": {key: bool(stored.get(key)) for key in like.get("checklist", stored)},
        "questions": list(meeting.questions or []),
        "notes": meeting.notes,
        "outcome": meeting.outcome,
    }


def changed_fields(read: Mapping[str, Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """The form's fields the person changed since the editor read `read` (in the form's shapes):
    what an editor saves, so that a field changed elsewhere and left alone here keeps its new
    value."""
    return {name: value for name, value in form.items() if value != read.get(name)}


def close_taking_theirs(dialog: QDialog, guard: UnsavedChangesGuard) -> None:
    """The person chose their version: close `dialog` without saving and without asking about
    its unsaved changes again (that question's Save would save over theirs)."""
    guard.close_without_asking()
    QDialog.reject(dialog)  # not the dialog's own reject(), which asks


def save_unless_changed(
    parent: QWidget,
    workspace: Workspace,
    model: type[VersionedMixin],
    row_id: int,
    read_version: int | None,
    what: str,
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    read_theirs: Callable[[Session], Mapping[str, Any]],
    save: Callable[[], T],
) -> T | Choice:
    """`save()` when the row is still at `read_version`, or when nothing this editor saves
    (`mine`) would overwrite a field changed elsewhere since it read `base`, or when the person
    chose to keep theirs over it: its result. Otherwise the choice: TAKE_THEIRS (the editor
    closes without saving) or BACK (the editor stays open)."""
    if read_version is None:
        return save()

    def state(session: Session) -> tuple[int, Mapping[str, Any]]:
        return versions.version_of(session, model, row_id), read_theirs(session)

    current, theirs = workspace.read(state)
    if current == read_version:
        return save()
    # Three-way: a field clashes when it was changed elsewhere (theirs is not what this editor
    # read) and this editor would write something else over it.
    changed_there = {name: mine[name] for name in mine if theirs.get(name) != base.get(name)}
    clashes = versions.clashes_between(changed_there, theirs)
    if not clashes:
        return save()  # changed elsewhere, but to the very values this editor saves
    choice = ask(parent, what, clashes)
    return save() if choice is Choice.KEEP_MINE else choice
