"""The shape every editing dialog shares: its content above a Save / Cancel button row, sized
to fit the screen it opens on (a scroll area and columns that stack on a small one)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


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


# --- fitting every screen -------------------------------------------------------------------

#: Room left around a dialog on the screen: the title bar and frame the window manager adds,
#: and a little air so a dialog never touches the panel.
SCREEN_MARGIN = QSize(32, 72)
#: Below this width, side-by-side columns stack (one above the other, in a scroll area).
STACK_BELOW_WIDTH = 860


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The available area (without panels) of the screen `widget` is on, or the primary's.
    Tests replace this to stand for a small screen."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, 1280, 720)
    return screen.availableGeometry()


def fitted_size(preferred: QSize, area: QRect) -> QSize:
    """`preferred`, made no larger than `area` minus the margins."""
    return QSize(
        max(200, min(preferred.width(), area.width() - SCREEN_MARGIN.width())),
        max(150, min(preferred.height(), area.height() - SCREEN_MARGIN.height())),
    )


def fit_to_screen(dialog: QWidget, width: int, height: int) -> QSize:
    """Resize to (width, height), or smaller so the dialog and its buttons fit the screen."""
    parent = dialog.parentWidget()
    size = fitted_size(QSize(width, height), available_geometry(parent or dialog))
    dialog.resize(size)
    return size


def scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    """`content` in a frameless vertical scroll area: a form taller than the screen scrolls
    while the buttons below it stay visible."""
    area = QScrollArea(parent)
    area.setObjectName(f"{content.objectName() or 'content'}Scroll")
    area.setAccessibleName("Scrollable form")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


class StackingColumns(QWidget):
    """Columns side by side on a wide dialog, one above the other on a narrow one."""

    def __init__(self, parent: QWidget | None = None, stack_below: int = STACK_BELOW_WIDTH) -> None:
        super().__init__(parent)
        self.stack_below = stack_below
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def add(self, item: QWidget | QLayout, stretch: int = 1) -> None:
        if isinstance(item, QWidget):
            self.box.addWidget(item, stretch)
        else:
            self.box.addLayout(item, stretch)

    @property
    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (
            QBoxLayout.Direction.TopToBottom
            if event.size().width() < self.stack_below
            else QBoxLayout.Direction.LeftToRight
        )
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        # Side by side, the columns would ask for their summed width; stacked they need only
        # the widest one. Ask for that so a narrow screen can stack them.
        hint = super().minimumSizeHint()
        widest = 0
        for index in range(self.box.count()):
            item = self.box.itemAt(index)
            if item is not None:
                widest = max(widest, item.minimumSize().width())
        return QSize(min(hint.width(), widest) if widest else hint.width(), hint.height())
