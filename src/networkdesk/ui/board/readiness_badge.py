"""Readiness before the star, on the board: a small badge at (or, when bull's-eye contacts sit
there, just beside) the centre of the bull's-eye — practice meetings held versus needed and the
homework of the bull's-eye companies — so a person sees it before reaching out, not only as a
warning after.

The badge is drawn at the same size on screen at every zoom; the canvas places it with
`labels.place_box` where it covers no node, and name labels treat it as an obstacle. Hover lists
what is missing per company; a click opens the Today panel (`Workspace.todayRequested`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from networkdesk.ui import style
from networkdesk.ui.plain_text import plain_tooltip

if TYPE_CHECKING:  # the service loads the ORM, which the window is first shown without
    from networkdesk.services.board_readiness import BoardReadiness

#: Padding inside the badge, in pixels.
PAD_X = 8.0
PAD_Y = 4.0
#: Diameter of the state mark (a tick or an exclamation mark in a circle).
MARK = 14.0
#: The badge's forms, largest first: headline and summary; one line with counts; the state word
#: alone (where nothing larger fits; the tooltip says the rest).
FULL, ONE_LINE, WORD = 0, 1, 2
FORMS = (FULL, ONE_LINE, WORD)
#: Above nodes and their labels: it never covers a node, and a dragged node may pass under it.
BADGE_Z = 50.0

#: State colours that read on the light and the dark canvas alike (text on the badge's own
#: background, which follows the palette).
READY = {False: QColor("#2e7d32"), True: QColor("#81c784")}
NOT_READY = {False: QColor("#a15c00"), True: QColor("#ffb74d")}


def headline(state: BoardReadiness) -> str:
    return "Ready for the bull's-eye" if state.ready else "Not ready for the bull's-eye"


def summary(state: BoardReadiness) -> str:
    """'Practice 2 of 3 · Homework 1 of 2 targets ready'."""
    practice = f"Practice {state.practice_held} of {state.practice_needed}"
    if not state.targets:
        return practice
    return (
        f"{practice} · Homework {state.homework_done} of {len(state.targets)} "
        f"target{'' if len(state.targets) == 1 else 's'} ready"
    )


def compact_parts(state: BoardReadiness, counts: bool = True) -> tuple[str, str]:
    """The one-line form for a crowded centre, as its state word and the rest:
    ('Not ready', ' · Practice 2/3 · Homework 1/2'); without `counts`, the word alone."""
    if not counts:
        return ("Ready" if state.ready else "Not ready"), ""
    rest = f" · Practice {state.practice_held}/{state.practice_needed}"
    if state.targets:
        rest += f" · Homework {state.homework_done}/{len(state.targets)}"
    return ("Ready" if state.ready else "Not ready"), rest


def compact(state: BoardReadiness) -> str:
    return "".join(compact_parts(state))


def details(state: BoardReadiness) -> str:
    """The hover text: practice, then what is missing per bull's-eye company (plain text)."""
    lines = [headline(state), ""]
    if state.practised:
        lines.append(
            f"Practice: {state.practice_held} of {state.practice_needed} practice meetings held."
        )
    else:
        lines.append(
            f"Practice: {state.practice_held} of {state.practice_needed} practice meetings "
            f"held; hold {state.practice_needed - state.practice_held} more with middle- or "
            "outer-ring contacts first."
        )
    if not state.targets:
        lines.append("No company in the bull's-eye yet: drag a star there to see its homework.")
    else:
        lines += ["", "Homework per bull's-eye company:"]
    for target in state.targets:
        missing = target.missing()
        status = "homework done" if not missing else ", ".join(missing)
        lines.append(f"{target.company} ({', '.join(target.contacts)}): {status}")
    if state.without_company:
        n = state.without_company
        lines.append(f"{n} bull's-eye contact{'' if n == 1 else 's'} without a company.")
    lines += ["", "Click to open Today."]
    return "\n".join(lines)


def badge_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8.5)
    return font


class ReadinessBadge(QGraphicsItem):
    """The badge item; `show_state` sets what it says, `set_form` picks one of FORMS,
    `place` puts its top-left at a scene point."""

    def __init__(self, clicked: Callable[[], None]) -> None:
        super().__init__()
        self._clicked = clicked
        self.state: BoardReadiness | None = None
        self.form = FULL
        self.dark = False
        self._font = badge_font()
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(BADGE_Z)
        self.setVisible(False)

    # --- what it says ------------------------------------------------------------------------

    def lines(self) -> list[str]:
        if self.state is None:
            return []
        if self.form != FULL:
            return ["".join(compact_parts(self.state, self.form == ONE_LINE))]
        return [headline(self.state), summary(self.state)]

    def show_state(self, state: BoardReadiness | None) -> None:
        self.state = state
        self.setToolTip(plain_tooltip(details(state)) if state is not None else "")
        self._resize()

    def set_form(self, form: int) -> None:
        if form != self.form:
            self.form = form
            self._resize()

    def size_for(self, form: int) -> tuple[float, float]:
        """(width, height) in pixels of one of FORMS."""
        if self.state is None:
            return 0.0, 0.0
        bold, plain = QFontMetricsF(self._bold), QFontMetricsF(self._font)
        if form != FULL:
            word, rest = compact_parts(self.state, form == ONE_LINE)
            widths = [bold.horizontalAdvance(word) + plain.horizontalAdvance(rest)]
            height = max(plain.height(), MARK)
        else:
            widths = [
                bold.horizontalAdvance(headline(self.state)),
                plain.horizontalAdvance(summary(self.state)),
            ]
            height = bold.height() + plain.height()
        width = MARK + 6 + max(widths) + 2 * PAD_X
        return width, height + 2 * PAD_Y

    def _resize(self) -> None:
        width, height = self.size_for(self.form)
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, width, height)
        self.update()

    def place(self, top_left: QPointF) -> None:
        if self.pos() != top_left:
            self.setPos(top_left)

    @property
    def text(self) -> str:
        """What it reads, on one line (tests, accessibility)."""
        return " · ".join(self.lines())

    # --- painting ----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if self.state is None:
            return
        ready = self.state.ready
        accent = (READY if ready else NOT_READY)[self.dark]
        background = style.canvas_background(self.dark)
        background.setAlpha(240)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(background)
        painter.drawRoundedRect(self._rect.adjusted(0.75, 0.75, -0.75, -0.75), 7, 7)
        # The state mark: a filled circle with a tick (ready) or an exclamation mark.
        centre = QPointF(PAD_X + MARK / 2, self._rect.height() / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(centre, MARK / 2, MARK / 2)
        mark_pen = QPen(background, 2.0)
        mark_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(mark_pen)
        if ready:
            tick = [QPointF(-3.5, 0.2), QPointF(-1, 2.8), QPointF(3.8, -2.6)]
            painter.drawPolyline([centre + p for p in tick])
        else:
            painter.drawLine(centre + QPointF(0, -3.8), centre + QPointF(0, 1.2))
            painter.drawPoint(centre + QPointF(0, 3.8))
        # drawText with plain strings: company names never turn into markup.
        left = PAD_X + MARK + 6
        text_rect = self._rect.adjusted(left, PAD_Y, -PAD_X, -PAD_Y)
        painter.setPen(QPen(style.label_colour(self.dark)))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if self.form != FULL:
            word, rest = compact_parts(self.state, self.form == ONE_LINE)
            painter.setFont(self._bold)
            painter.setPen(QPen(accent))
            painter.drawText(text_rect, align, word)
            painter.setFont(self._font)
            painter.setPen(QPen(style.label_colour(self.dark)))
            shift = QFontMetricsF(self._bold).horizontalAdvance(word)
            painter.drawText(text_rect.adjusted(shift, 0, 0, 0), align, rest)
            return
        top = QFontMetricsF(self._bold).height()
        painter.setFont(self._bold)
        painter.setPen(QPen(accent))
        painter.drawText(
            QRectF(text_rect.left(), text_rect.top(), text_rect.width(), top),
            align,
            headline(self.state),
        )
        painter.setFont(self._font)
        painter.setPen(QPen(style.label_colour(self.dark)))
        painter.drawText(
            text_rect.adjusted(0, top, 0, 0),
            align,
            summary(self.state),
        )

    # --- clicks ----------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # not a pan of the board

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._rect.contains(event.pos()):
            self._clicked()
        event.accept()
