"""Non-modal notices inside the window (practice first, errors in the drag path, missed
reminders): plain text, dismissable, stacked newest on top. Nothing here ever blocks.

The bar floats over the top of the board (`float_over`) instead of taking a row of the layout:
a notice appearing or fading by itself never shifts the board under the pointer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

KINDS = ("info", "warning", "error")
#: More than this many notices and the oldest goes: the bar must never crowd the board out.
MAX_NOTICES = 4
#: Information fades by itself; warnings and errors stay until dismissed.
INFO_TIMEOUT_MS = 15_000

_COLOURS = {
    # (accent, share of it in the background) — readable on light and dark palettes alike.
    "info": ("#3b82c4", 0.13),
    "warning": ("#d9822b", 0.16),
    "error": ("#d64545", 0.15),
}


def _solid_tint(accent: str, share: float, base: QColor) -> str:
    """`accent` mixed into the palette's window colour, opaque: a notice floats over the board,
    so a see-through background would put the board's lines behind its text."""
    tint = QColor(accent)
    mixed = QColor(
        round(base.red() + (tint.red() - base.red()) * share),
        round(base.green() + (tint.green() - base.green()) * share),
        round(base.blue() + (tint.blue() - base.blue()) * share),
    )
    return str(mixed.name())


class Notice(QFrame):
    """One notice: its text, an optional action button and a close button."""

    def __init__(
        self,
        text: str,
        kind: str,
        action_text: str | None,
        action: Callable[[], object] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            kind = "info"
        self.kind = kind
        self.setObjectName(f"notice_{kind}")
        self.setAccessibleName(f"{kind.capitalize()} notice")
        accent, share = _COLOURS[kind]
        background = _solid_tint(accent, share, self.palette().window().color())
        self.setAutoFillBackground(True)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(12)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 70))
        self.setGraphicsEffect(shadow)
        self.setStyleSheet(
            f"#notice_{kind} {{ background: {background}; border-left: 4px solid {accent};"
            " border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(f"{kind.capitalize()} message")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.action_button: QPushButton | None = None
        if action_text and action is not None:
            button = QPushButton(action_text, self)
            button.setAccessibleName(action_text)
            button.clicked.connect(action)
            button.clicked.connect(self.dismiss)
            layout.addWidget(button)
            self.action_button = button
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss notice")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.deleteLater()
        parent = self.parentWidget()
        if isinstance(parent, NoticeBar):
            parent.forget(self)


class NoticeBar(QWidget):
    """A stack of notices floating over the top of the board."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notices")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self._layout.setSpacing(4)
        self.notices: list[Notice] = []
        self._host: QWidget | None = None
        self._below: QWidget | None = None
        self.setVisible(False)

    def float_over(self, host: QWidget, below: QWidget | None = None) -> None:
        """Lie over the top of `host` (not in its layout), following its size; under `below`
        (the filter bar) while that is shown, so the notices never hide its controls."""
        self._host = host
        self._below = below
        self.setParent(host)
        for watched in (host, below):
            if watched is not None:
                watched.installEventFilter(self)
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self._host, self._below) and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.Move,
        ):
            self.place()
        return False

    def top(self) -> int:
        host, below = self._host, self._below
        if host is None or below is None or not below.isVisibleTo(host):
            return 0
        return below.mapTo(host, below.rect().bottomLeft()).y() + 1

    def place(self) -> None:
        """Span the host's width near its top, exactly as tall as the notices need."""
        host = self._host
        if host is None:
            return
        width = host.width()
        layout_height = self._layout.totalHeightForWidth(width)
        height = layout_height if layout_height > 0 else self.sizeHint().height()
        self.setGeometry(0, self.top(), width, height if self.notices else 0)
        self.raise_()

    def show_notice(
        self,
        text: str,
        kind: str = "info",
        action_text: str | None = None,
        action: Callable[[], object] | None = None,
    ) -> Notice:
        # The same words twice in a row (e.g. two drags into the bull's-eye) stay one notice.
        for existing in self.notices:
            if existing.text == text and existing.kind == kind:
                self._layout.removeWidget(existing)
                self._layout.insertWidget(0, existing)
                self.place()
                return existing
        notice = Notice(text, kind, action_text, action, self)
        self._layout.insertWidget(0, notice)
        self.notices.insert(0, notice)
        while len(self.notices) > MAX_NOTICES:
            self.notices[-1].dismiss()
        if kind == "info":
            QTimer.singleShot(INFO_TIMEOUT_MS, notice, notice.dismiss)
        self.setVisible(True)
        self.place()
        return notice

    def forget(self, notice: Notice) -> None:
        if notice in self.notices:
            self.notices.remove(notice)
            self._layout.removeWidget(notice)
        self.setVisible(bool(self.notices))
        self.place()

    def texts(self) -> list[str]:
        return [notice.text for notice in self.notices]
