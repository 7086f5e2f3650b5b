"""A contact's ring history as a small timeline: time runs left to right, the bull's-eye is at
the top, and each move is a step towards (or away from) it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from networkdesk.ui.formatting import format_day
from networkdesk.ui.models.ring_history_model import RingStepRow, ring_name
from networkdesk.ui.plain_text import plain_tooltip_or_none

RING_COLOURS = ("#c0392b", "#d68910", "#2e86c1", "#7f8c8d")
_LEFT = 78
_RIGHT = 14
_TOP = 10
_BOTTOM = 20


class RingTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Ring history timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._steps: list[RingStepRow] = []
        self._names: list[str] = ["Bull's-eye", "Inner", "Middle", "Outer"]

    def sizeHint(self) -> QSize:
        return QSize(360, 118)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 118)

    def set_steps(self, steps: Sequence[RingStepRow], ring_names: Sequence[str]) -> None:
        self._steps = list(steps)
        self._names = list(ring_names)
        summary = " → ".join(ring_name(s.to_ring, self._names) for s in self._steps)
        self.setAccessibleDescription(summary or "Never placed on a ring")
        self.setToolTip(
            plain_tooltip_or_none(
                "\n".join(
                    f"{format_day(s.moved_at)}: {ring_name(s.from_ring, self._names)} → "
                    f"{ring_name(s.to_ring, self._names)}"
                    for s in self._steps
                )
            )
            or ""
        )
        self.update()

    def _y(self, ring: int | None, plot: QRectF) -> float:
        level = 4 if ring is None else ring  # the inbox sits below the outer ring
        return plot.top() + plot.height() * level / 4

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        faint = QColor(text_colour)
        faint.setAlpha(45)
        plot = QRectF(
            _LEFT, _TOP, max(10, self.width() - _LEFT - _RIGHT), self.height() - _TOP - _BOTTOM
        )
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        for ring in range(4):
            y = self._y(ring, plot)
            painter.setPen(QPen(faint, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(RING_COLOURS[ring]))
            painter.drawText(
                QRectF(0, y - 8, _LEFT - 6, 16),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                ring_name(ring, self._names),
            )
        if not self._steps:
            painter.setPen(text_colour)
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "Not placed on a ring yet")
            return
        start = self._steps[0].moved_at
        end = max(dt.datetime.now(dt.UTC), self._steps[-1].moved_at + dt.timedelta(days=1))
        span = max((end - start).total_seconds(), 1.0)

        def x_of(when: dt.datetime) -> float:
            return plot.left() + plot.width() * (when - start).total_seconds() / span

        path = QPainterPath()
        previous_y: float | None = None
        for step in self._steps:
            x, y = x_of(step.moved_at), self._y(step.to_ring, plot)
            if previous_y is None:
                path.moveTo(x, y)
            else:
                path.lineTo(x, previous_y)
                path.lineTo(x, y)
            previous_y = y
        if previous_y is not None:
            path.lineTo(plot.right(), previous_y)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawPath(path)
        for step in self._steps:
            colour = RING_COLOURS[step.to_ring] if step.to_ring is not None else "#95a5a6"
            painter.setBrush(QColor(colour))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x_of(step.moved_at), self._y(step.to_ring, plot)), 4, 4)
        painter.setPen(text_colour)
        bottom = QRectF(plot.left(), plot.bottom() + 4, plot.width(), 14)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft), format_day(start))
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignRight), "now")
