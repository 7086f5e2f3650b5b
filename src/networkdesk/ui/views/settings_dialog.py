"""Settings kept in the database (shared with the CLI): the practice-first threshold, the
default reminder, and the names of the four rings. Saving is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from networkdesk.services import settings
from networkdesk.ui.controllers import edits
from networkdesk.ui.views.feedback import attempt
from networkdesk.ui.views.unsaved_changes import guard_dialog

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        values = workspace.read(settings.all_settings)
        self._before = values

        self.threshold_spin = QSpinBox(self)
        self.threshold_spin.setObjectName("practiceThreshold")
        self.threshold_spin.setAccessibleName("Practice meetings before the bull's-eye")
        self.threshold_spin.setRange(0, 100)
        self.threshold_spin.setSpecialValueText("no reminder")
        self.threshold_spin.setValue(int(values["practice_threshold"]))
        self.reminder_spin = QSpinBox(self)
        self.reminder_spin.setObjectName("defaultReminder")
        self.reminder_spin.setAccessibleName("Default reminder, minutes before")
        self.reminder_spin.setRange(0, 10_000)
        self.reminder_spin.setSuffix(" min before")
        self.reminder_spin.setValue(int(values["default_reminder_minutes"]))
        method = QGroupBox("Method", self)
        method.setAccessibleName("Method")
        method_form = QFormLayout(method)
        method_form.addRow("&Practice meetings first", self.threshold_spin)
        hint = QLabel(
            "How many informational meetings with outer-ring contacts to hold before approaching "
            "someone in the bull's-eye at a target company. networkdesk reminds you, it never "
            "stops you.",
            self,
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setAccessibleName("About the practice threshold")
        method_form.addRow("&Default reminder", self.reminder_spin)

        rings = QGroupBox("Ring names", self)
        rings.setAccessibleName("Ring names")
        rings_form = QFormLayout(rings)
        self.ring_edits: list[QLineEdit] = []
        for ring, (name, default) in enumerate(
            zip(values["ring_names"], settings.RING_NAMES.default, strict=True)
        ):
            edit = QLineEdit(name, self)
            edit.setObjectName(f"ringName{ring}")
            edit.setAccessibleName(f"Name of ring {ring}")
            edit.setPlaceholderText(default)
            edit.setMaxLength(40)
            self.ring_edits.append(edit)
            label = "Centre (0)" if ring == 0 else f"Ring {ring}"
            rings_form.addRow(label, edit)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        if defaults is not None:
            defaults.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(method)
        layout.addWidget(hint)
        layout.addWidget(rings)
        layout.addWidget(buttons)
        # Wide enough that the hint wraps into three short lines, tall enough to show them.
        self.setMinimumWidth(540)
        hint.setMinimumHeight(hint.heightForWidth(500))
        fields: dict[str, QWidget] = {
            "threshold": self.threshold_spin,
            "reminder": self.reminder_spin,
        }
        fields.update({f"ring{ring}": edit for ring, edit in enumerate(self.ring_edits)})
        # Settings are a few numbers and names: asked about, but no draft on disk.
        self.guard = guard_dialog(self, fields, what="the settings", save=self.save)

    def reject(self) -> None:
        """Escape, Cancel and the close button ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def restore_defaults(self) -> None:
        self.threshold_spin.setValue(settings.PRACTICE_THRESHOLD.default)
        self.reminder_spin.setValue(settings.DEFAULT_REMINDER_MINUTES.default)
        for edit, name in zip(self.ring_edits, settings.RING_NAMES.default, strict=True):
            edit.setText(name)

    def values(self) -> dict[str, Any]:
        return {
            "practice_threshold": self.threshold_spin.value(),
            "default_reminder_minutes": self.reminder_spin.value(),
            "ring_names": [
                edit.text().strip() or edit.placeholderText() for edit in self.ring_edits
            ],
        }

    def save(self) -> None:
        changed = {k: v for k, v in self.values().items() if self._before.get(k) != v}
        if not changed:
            self.accept()
            return

        def save_changes() -> bool:
            edits.change_settings(self.workspace, changed)
            return True

        if attempt(self, "Cannot save the settings", save_changes):
            self.accept()
