"""A clickable e-mail address, phone number or profile URL that stays plain text.

A QLabel with rich text would render whatever HTML a contact's data holds; this one shows the
value as plain text, styled as a link, and opens `mailto:`, `tel:` or the URL when clicked or
activated from the keyboard (Enter or Space).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from networkdesk.ui.plain_text import plain_tooltip


def _open_with_desktop(url: QUrl) -> bool:
    return bool(QDesktopServices.openUrl(url))


# Tests replace this to see which URL would open without starting a mail client.
open_url: Callable[[QUrl], bool] = _open_with_desktop


def url_for(kind: str, value: str) -> QUrl:
    """mailto:/tel:/https: URL for an e-mail, a phone number or a profile."""
    value = value.strip()
    if kind == "email":
        return QUrl(f"mailto:{value}")
    if kind == "phone":
        return QUrl("tel:" + "".join(ch for ch in value if ch.isdigit() or ch == "+"))
    return QUrl(value if "://" in value else f"https://{value}")


class LinkLabel(QLabel):
    """Plain text that behaves like a link."""

    activated = Signal(QUrl)

    def __init__(self, kind: str, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._url = QUrl()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.font()
        font.setUnderline(True)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.Link)
        self.set_value(value)

    def set_value(self, value: str, display: str | None = None) -> None:
        """Link to `value`; show `display` instead of it when given (e.g. "Open profile")."""
        value = value.strip()
        self.setText(display if display is not None and value else value)
        self._url = url_for(self.kind, value) if value else QUrl()
        what = {"email": "Send e-mail to", "phone": "Call", "linkedin": "Open profile"}
        self.setAccessibleName(f"{what.get(self.kind, 'Open')} {value}".strip())
        self.setToolTip(plain_tooltip(self._url.toString()) if value else "")

    def url(self) -> QUrl:
        return self._url

    def activate(self) -> None:
        if self._url.isValid() and not self._url.isEmpty():
            self.activated.emit(self._url)
            open_url(self._url)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activate()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate()
            return
        super().keyPressEvent(event)
