"""Expected errors from an edit, shown to people in plain words (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.ui.features import Notices

T = TypeVar("T")


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Through the main window's `show_error` when there is one, else a plain message box."""
    window = parent.window() if parent is not None else None
    if isinstance(window, Notices):
        window.show_error(title, text)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def open_error_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A window-modal warning in plain text that does not block (never nested in a drag: the
    box opens and the event loop goes on); it deletes itself when closed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAccessibleName(title)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def attempt(parent: QWidget | None, title: str, work: Callable[[], T]) -> T | None:
    """Run an edit; on an expected error, say what went wrong and return None (nothing was
    saved: services roll back the whole transaction)."""
    try:
        return work()
    except NetworkdeskError as exc:
        show_error(parent, title, str(exc))
        return None


def open_dialog(dialog: QDialog) -> QDialog:
    """Show an editor window-modally without a nested event loop; it deletes itself on close."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
