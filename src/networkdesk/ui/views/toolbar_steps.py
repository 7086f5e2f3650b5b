"""Undo and Redo on the toolbar with steady labels.

The Edit menu's undo action names the step ("Undo Move Ada to Inner circle"); on a toolbar that
text made the button wider and narrower with every edit, moving every button after it. The
toolbar gets its own two actions instead: a fixed "Undo" / "Redo" label and icon, the step's name
in the tooltip, enabled exactly when the stack can undo or redo.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QToolBar, QWidget


def _steady(
    toolbar: QToolBar, original: QAction, label: str, name: str, parent: QWidget
) -> QAction:
    steady = QAction(original.icon(), label, parent)
    steady.setObjectName(name)
    steady.setEnabled(original.isEnabled())
    toolbar.insertAction(original, steady)
    toolbar.removeAction(original)
    return steady


class _Tooltips(QObject):
    """Keeps the two tooltips up to date from the stack's own signals (never asking the stack,
    which may be half destroyed while the window closes)."""

    def __init__(self, undo: QAction, redo: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self.undo = undo
        self.redo = redo

    @Slot(str)
    def undo_text(self, text: str) -> None:
        self.undo.setToolTip(f"Undo {text} (Ctrl+Z)" if text else "Nothing to undo")

    @Slot(str)
    def redo_text(self, text: str) -> None:
        self.redo.setToolTip(f"Redo {text} (Ctrl+Shift+Z)" if text else "Nothing to redo")


def steady_undo_buttons(
    toolbar: QToolBar, stack: QUndoStack, undo: QAction, redo: QAction, parent: QWidget
) -> tuple[QAction, QAction]:
    """Replace `undo` / `redo` on `toolbar` (the menu keeps them) by fixed-label twins."""
    steady_undo = _steady(toolbar, undo, "Undo", "toolbarUndo", parent)
    steady_redo = _steady(toolbar, redo, "Redo", "toolbarRedo", parent)
    steady_undo.triggered.connect(stack.undo)
    steady_redo.triggered.connect(stack.redo)
    stack.canUndoChanged.connect(steady_undo.setEnabled)
    stack.canRedoChanged.connect(steady_redo.setEnabled)
    tooltips = _Tooltips(steady_undo, steady_redo, steady_undo)
    stack.undoTextChanged.connect(tooltips.undo_text)
    stack.redoTextChanged.connect(tooltips.redo_text)
    steady_undo.setEnabled(stack.canUndo())
    steady_redo.setEnabled(stack.canRedo())
    tooltips.undo_text(stack.undoText())
    tooltips.redo_text(stack.redoText())
    return steady_undo, steady_redo
