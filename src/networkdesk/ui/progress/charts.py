"""Charts drawn with QPainter (QtCharts is not part of PySide6-Essentials): the funnel as bars,
one nested funnel bar per group (ring or source), and touches per week.

Every chart takes its colours from the widget's palette (light or dark), names its values in
its accessible description, and explains a bar in a plain-text tooltip on hover.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from networkdesk.domain.funnel import STEP_LABELS, STEPS, FunnelCounts, WeekCount
from networkdesk.ui import style

#: Step colours: the board's stage colours for the same steps, so the two read alike.
_STEP_COLOURS = {
    "identified": "#7b8794",
    "contacted": "#3b82c4",
    "met": "#2f9e6a",
    "referred_on": "#7e5bc2",
}
TOUCH_COLOUR = "#3b82c4"


def step_colour(step: str, dark: bool) -> QColor:
    colour = QColor(_STEP_COLOURS[step])
    return colour.lighter(125) if dark else colour


def _percent(part: int, whole: int) -> str:
    return "" if whole == 0 else f"{round(100 * part / whole)}%"


class _Chart(QWidget):
    """Shared palette helpers and hover tooltips over rectangles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._tips: list[tuple[QRectF, str]] = []

    @property
    def dark(self) -> bool:
        # The window's palette: with the application style sheet active, a palette set on a
        # parent does not always reach custom-painted children.
        return style.is_dark(self.window().palette())

    def text_colour(self) -> QColor:
        return style.label_colour(self.dark)

    def muted(self) -> QColor:
        return style.muted_colour(self.dark)

    def track_colour(self) -> QColor:
        return QColor("#2c323b") if self.dark else QColor("#eef1f5")

    def tip_at(self, point: QPoint) -> str | None:
        for rect, text in self._tips:
            if rect.contains(point.toPointF()):
                return text
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tip_at(event.pos())
            if text:
                # Tooltips would read rich text: escaped, a name stays a name.
                QToolTip.showText(event.globalPos(), html.escape(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.update()

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font


class FunnelBars(_Chart):
    """The four steps as horizontal bars on one scale, each with its count and its share of
    the step before ("48% of contacted")."""

    ROW = 26
    BAR = 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = FunnelCounts()
        self.setAccessibleName("Funnel overall")

    def set_counts(self, counts: FunnelCounts) -> None:
        self.counts = counts
        parts = [f"{STEP_LABELS[s]} {n}" for s, n in zip(STEPS, counts.values(), strict=True)]
        self.setAccessibleDescription(", ".join(parts))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.ROW * len(STEPS) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_width = max(metrics.horizontalAdvance(STEP_LABELS[s]) for s in STEPS) + 12
        share_width = metrics.horizontalAdvance("100%") + 10
        left = label_width
        right = self.width() - share_width
        scale = max(self.counts.identified, 1)
        values = self.counts.values()
        self._tips = []
        for row, (step, value) in enumerate(zip(STEPS, values, strict=True)):
            top = row * self.ROW + (self.ROW - self.BAR) / 2
            painter.setPen(self.text_colour())
            painter.setFont(self.font())
            painter.drawText(
                QRectF(0, row * self.ROW, label_width - 8, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                STEP_LABELS[step],
            )
            track = QRectF(left, top, max(right - left, 1), self.BAR)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.track_colour())
            painter.drawRoundedRect(track, 4, 4)
            width = track.width() * value / scale
            bar = QRectF(left, top, width, self.BAR)
            if value:
                painter.setBrush(step_colour(step, self.dark))
                painter.drawRoundedRect(bar, 4, 4)
            count = str(value)
            count_width = metrics.horizontalAdvance(count) + 12
            painter.setFont(self._bold())
            if width >= count_width:  # the count inside the bar, in white
                painter.setPen(QColor("#ffffff"))
                painter.drawText(
                    bar.adjusted(0, 0, -6, 0),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    count,
                )
            else:
                painter.setPen(self.text_colour())
                painter.drawText(
                    QRectF(left + width + 6, top, count_width, self.BAR),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    count,
                )
            before = values[row - 1] if row else 0
            share = _percent(value, before) if row else ""
            painter.setFont(self.font())
            painter.setPen(self.muted())
            painter.drawText(
                QRectF(right, row * self.ROW, share_width, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                share,
            )
            tip = f"{STEP_LABELS[step]}: {value}"
            if row and before:
                tip += f" ({share} of {STEP_LABELS[STEPS[row - 1]].lower()})"
            self._tips.append((QRectF(0, row * self.ROW, self.width(), self.ROW), tip))
        painter.end()


@dataclass(frozen=True)
class FunnelGroup:
    """One row of a `FunnelRows` chart: a ring or a source and its funnel."""

    name: str
    counts: FunnelCounts


class FunnelRows(_Chart):
    """One bar per group on a shared scale: the identified bar, with contacted, met and referred
    on drawn over it from the left (so its colours are the group's contacts by the furthest step
    reached), and the rows compare by length. The numbers follow ("42 › 20 › 9 › 3")."""

    ROW = 24
    BAR = 16

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[FunnelGroup] = []
        self.setAccessibleName(name)

    def set_groups(self, groups: Sequence[FunnelGroup]) -> None:
        self.groups = list(groups)
        self.setAccessibleDescription(
            "; ".join(
                f"{g.name}: "
                + ", ".join(
                    f"{STEP_LABELS[s]} {n}" for s, n in zip(STEPS, g.counts.values(), strict=True)
                )
                for g in self.groups
            )
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, max(len(self.groups), 1) * self.ROW + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        self._tips = []
        if not self.groups:
            painter.setPen(self.muted())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No contacts yet")
            painter.end()
            return
        names = [metrics.elidedText(g.name, Qt.TextElideMode.ElideRight, 110) for g in self.groups]
        label_width = max(metrics.horizontalAdvance(n) for n in names) + 12
        numbers = [" › ".join(str(n) for n in g.counts.values()) for g in self.groups]
        numbers_width = max(metrics.horizontalAdvance(n) for n in numbers) + 12
        left, right = label_width, max(self.width() - numbers_width, label_width + 40)
        scale = max((g.counts.identified for g in self.groups), default=0) or 1
        for row, (group, name, number) in enumerate(zip(self.groups, names, numbers, strict=True)):
            y = row * self.ROW
            top = y + (self.ROW - self.BAR) / 2
            painter.setPen(self.text_colour())
            painter.drawText(
                QRectF(0, y, label_width - 8, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.track_colour())
            span = right - left
            painter.drawRoundedRect(QRectF(left, top, span, self.BAR), 3, 3)
            # Each step drawn over the one before from the left: the bar reads as the group's
            # contacts by the furthest step they reached, and its length compares groups.
            for step, value in zip(STEPS, group.counts.values(), strict=True):
                if value:
                    painter.setBrush(step_colour(step, self.dark))
                    painter.drawRoundedRect(QRectF(left, top, span * value / scale, self.BAR), 3, 3)
            painter.setPen(self.muted())
            painter.drawText(
                QRectF(right + 8, y, numbers_width, self.ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                number,
            )
            counts = group.counts
            tip = f"{group.name}: " + ", ".join(
                f"{STEP_LABELS[s].lower()} {n}" for s, n in zip(STEPS, counts.values(), strict=True)
            )
            if counts.contacted:
                tip += f"; {_percent(counts.met, counts.contacted)} of those contacted were met"
            self._tips.append((QRectF(0, y, self.width(), self.ROW), tip))
        painter.end()


class WeeklyTouches(_Chart):
    """Touches per week as columns, oldest on the left; the current week (so far) is paler, the
    average over the full weeks a dashed line."""

    HEIGHT = 130

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: list[WeekCount] = []
        self.setAccessibleName("Touches per week")

    def set_weeks(self, weeks: Sequence[WeekCount]) -> None:
        self.weeks = list(weeks)
        self.setAccessibleDescription(
            ", ".join(f"week of {_day(w.start)}: {w.touches}" for w in self.weeks)
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.HEIGHT)

    def average(self) -> float:
        full = self.weeks[:-1]
        return sum(w.touches for w in full) / len(full) if full else 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        self._tips = []
        if not self.weeks:
            painter.end()
            return
        line = metrics.height()
        top, bottom = line + 4, self.height() - line - 6
        left, right = 4.0, float(self.width() - 4)
        slot = (right - left) / len(self.weeks)
        bar = max(min(slot * 0.7, 36.0), 2.0)
        scale = max(max(w.touches for w in self.weeks), 1)
        painter.setPen(QPen(self.track_colour(), 1))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        colour = QColor(TOUCH_COLOUR).lighter(125) if self.dark else QColor(TOUCH_COLOUR)
        # Date labels every week when there is room, else every other week, newest kept.
        every = 1 if slot >= metrics.horizontalAdvance("30 Nov") + 6 else 2
        last = len(self.weeks) - 1
        for index, week in enumerate(self.weeks):
            x = left + index * slot + (slot - bar) / 2
            height = (bottom - top) * week.touches / scale
            current = index == last
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(colour)
            if current:
                fill.setAlpha(110)
            painter.setBrush(fill)
            if week.touches:
                painter.drawRoundedRect(QRectF(x, bottom - height, bar, height), 2, 2)
            painter.setPen(self.text_colour())
            painter.drawText(
                QRectF(x - 10, bottom - height - line - 2, bar + 20, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                str(week.touches),
            )
            if (last - index) % every == 0:
                painter.setPen(self.muted())
                text = "this week" if current and every == 1 and slot > 64 else _day(week.start)
                # Centred under its column, but kept inside the chart at both ends.
                width = metrics.horizontalAdvance(text) + 4
                centre = left + index * slot + slot / 2
                x_text = min(max(centre - width / 2, 0.0), self.width() - width)
                painter.drawText(
                    QRectF(x_text, bottom + 3, width, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    text,
                )
            tip = f"Week of {_day(week.start)}: {week.touches} touch" + (
                "" if week.touches == 1 else "es"
            )
            if current:
                tip += " (this week so far)"
            self._tips.append((QRectF(left + index * slot, 0, slot, self.height()), tip))
        average = self.average()
        if average > 0:
            y = bottom - (bottom - top) * average / scale
            pen = QPen(self.muted(), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            # The view's caption says the average in words; the chart draws where it is.
            painter.drawLine(int(left), int(y), int(right), int(y))
        painter.end()


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"
