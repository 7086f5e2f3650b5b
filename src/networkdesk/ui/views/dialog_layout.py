"""The shape every editing dialog shares: its content above a Save / Cancel button row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout


def save_cancel_buttons(dialog: QDialog, on_save: Callable[[], object]) -> QDialogButtonBox:
    """Save runs `on_save` (which accepts the dialog when the data is saved); Cancel rejects."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.setAccessibleName("Save or cancel")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def lay_out_editor(
    dialog: QDialog, content: QLayout, on_save: Callable[[], object]
) -> QDialogButtonBox:
    """Put `content` above a Save / Cancel row as the dialog's whole layout."""
    buttons = save_cancel_buttons(dialog, on_save)
    layout = QVBoxLayout(dialog)
    layout.addLayout(content)
    layout.addWidget(buttons)
    return buttons
