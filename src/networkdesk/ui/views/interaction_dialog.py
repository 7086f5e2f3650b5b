"""Edit one interaction (an e-mail, call, message...): how, which way, when and the note.

Saving checks the row's version first (edit_conflict): when the interaction was changed
elsewhere since the dialog read it, both versions are shown and the person chooses. Only the
fields changed here are saved, as one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QPlainTextEdit, QWidget

from networkdesk.domain.models import Interaction
from networkdesk.domain.touches import Direction, InteractionKind
from networkdesk.services import interactions
from networkdesk.ui.controllers import edits
from networkdesk.ui.models.interactions_model import DIRECTION_LABELS
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.dialog_layout import lay_out_editor
from networkdesk.ui.views.feedback import attempt
from networkdesk.ui.views.meeting_editor import datetime_edit, from_qdatetime, to_qdatetime
from networkdesk.ui.views.unsaved_changes import guard_dialog

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace


def interaction_values(row: Interaction) -> dict[str, Any]:
    """An interaction's editable fields in the shapes the dialog's form gives them."""
    return {
        "kind": row.kind,
        "direction": row.direction,
        "at": from_qdatetime(to_qdatetime(row.at)),
        "note": row.note or None,
    }


class InteractionDialog(QDialog):
    def __init__(
        self, workspace: Workspace, interaction_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.interaction_id = interaction_id
        self.saved_id: int | None = None
        self.setObjectName("interactionDialog")

        def read(session: Any) -> dict[str, Any]:
            row = interactions.get(session, interaction_id)
            return {
                **interaction_values(row),
                "name": row.contact.name,
                "version": row.version,
            }

        data = workspace.read(read)
        self.setWindowTitle(f"Interaction with {data['name']}")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("How")
        for kind in InteractionKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(data["kind"].value))
        self.direction_combo = QComboBox(self)
        self.direction_combo.setAccessibleName("Direction")
        who = {Direction.OUT: "you reached out", Direction.IN: "they did"}
        for direction, label in DIRECTION_LABELS.items():
            self.direction_combo.addItem(f"{label} ({who[direction]})", direction.value)
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(data["direction"].value))
        self.at_edit = datetime_edit(self, "When")
        self.at_edit.setDateTime(to_qdatetime(data["at"]))
        self.note_edit = QPlainTextEdit(data["note"] or "", self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&How", self.kind_combo)
        form.addRow("&Direction", self.direction_combo)
        form.addRow("&When", self.at_edit)
        form.addRow("&Note", self.note_edit)
        lay_out_editor(self, form, self.save)
        self.resize(460, 300)
        # edit_conflict: the version and values read, in the form's shapes.
        self._read_version: int = data["version"]
        self._read_fields = self.fields()
        self.guard = guard_dialog(
            self,
            {
                "kind": self.kind_combo,
                "direction": self.direction_combo,
                "at": self.at_edit,
                "note": self.note_edit,
            },
            what="this interaction",
            save=self.save,
            workspace=workspace,
            draft_key=f"interaction-{interaction_id}",
        )

    def reject(self) -> None:
        """Escape, Cancel and the close button ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def fields(self) -> dict[str, Any]:
        return {
            "kind": InteractionKind(self.kind_combo.currentData()),
            "direction": Direction(self.direction_combo.currentData()),
            "at": from_qdatetime(self.at_edit.dateTime()),
            "note": self.note_edit.toPlainText() or None,
        }

    def save(self) -> None:
        interaction_id = self.interaction_id
        changed = edit_conflict.changed_fields(self._read_fields, self.fields())
        if not changed:
            self.saved_id = interaction_id
            self.accept()
            return

        def save_edit() -> int:
            edits.edit_interaction(self.workspace, interaction_id, changed)
            return interaction_id

        def save_checked() -> int | edit_conflict.Choice:
            return edit_conflict.save_unless_changed(
                self,
                self.workspace,
                Interaction,
                interaction_id,
                self._read_version,
                "This interaction",
                self._read_fields,
                changed,
                lambda s: interaction_values(interactions.get(s, interaction_id)),
                save_edit,
            )

        checked = attempt(self, "Cannot save the interaction", save_checked)
        if checked is edit_conflict.Choice.TAKE_THEIRS:
            edit_conflict.close_taking_theirs(self, self.guard)
            return
        if checked is not None and not isinstance(checked, edit_conflict.Choice):
            self.saved_id = checked
            self.accept()
