"""The Progress view: the networking funnel overall, per ring and per source, and the touches
per week over the last 12 weeks — charts read at a glance, with the numbers beside them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from networkdesk.domain.funnel import STEP_LABELS, STEPS, Funnel, WeekCount
from networkdesk.domain.timeutil import now as utc_now
from networkdesk.services import progress, settings
from networkdesk.ui import style
from networkdesk.ui.progress.charts import (
    FunnelBars,
    FunnelGroup,
    FunnelRows,
    WeeklyTouches,
    step_colour,
)
from networkdesk.ui.progress.refresh import LazyRefresh
from networkdesk.ui.workspace import Workspace

#: How the funnel names the sources it groups by (others are shown as stored).
SOURCE_LABELS = {
    "linkedin": "LinkedIn",
    "vcard": "vCard",
    "referral": "Referral",
    "manual": "Manual",
    "demo": "Demo data",
}


@dataclass(frozen=True)
class ProgressData:
    funnel: Funnel
    weeks: list[WeekCount]
    ring_names: list[str]


def load_progress(session: Session) -> ProgressData:
    now = utc_now()
    return ProgressData(
        progress.funnel_at(session, now),
        progress.weekly_touches(session, now),
        list(settings.RING_NAMES.get(session)),
    )


def _label(text: str, name: str, parent: QWidget, *, heading: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if heading:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
    return label


def _chip(colour: QColor) -> QPixmap:
    pixmap = QPixmap(24, 24)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, 10, 10, 2, 2)
    painter.end()
    return pixmap


class ProgressView(QWidget):
    """The funnel and the weekly touches in one scrolling column (it fits a docked panel)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("progressView")
        self.setAccessibleName("Progress")
        self.data: ProgressData | None = None

        body = QWidget(self)
        body.setObjectName("progressBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 10, 12, 12)
        column.setSpacing(6)

        self.summary = _label("", "progressSummary", body)
        self.summary.setAccessibleName("Progress in words")
        column.addWidget(self.summary)
        self.key = QWidget(body)
        self.key.setAccessibleName("Colours of the funnel's steps")
        key_row = QHBoxLayout(self.key)
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.setSpacing(10)
        self._key_chips: list[tuple[str, QLabel]] = []
        for step in STEPS:
            chip = QLabel(self.key)
            chip.setAccessibleName(f"{STEP_LABELS[step]} colour")
            key_row.addWidget(chip)
            key_row.addWidget(_label(STEP_LABELS[step], f"key_{step}", self.key))
            self._key_chips.append((step, chip))
        key_row.addStretch(1)
        column.addWidget(self.key)

        column.addSpacing(4)
        column.addWidget(_label("The funnel", "funnelHeading", body, heading=True))
        self.overall = FunnelBars(body)
        self.overall.setObjectName("funnelOverall")
        column.addWidget(self.overall)

        column.addSpacing(8)
        rows_note = (
            "Each bar: the contacts by the furthest step they reached, in the colours above; "
            "the numbers: identified › contacted › met › referred on."
        )
        by_ring_heading = _label("By ring", "byRingHeading", body, heading=True)
        by_ring_heading.setToolTip(rows_note)
        column.addWidget(by_ring_heading)
        self.by_ring = FunnelRows("Funnel by ring", body)
        self.by_ring.setObjectName("funnelByRing")
        column.addWidget(self.by_ring)

        column.addSpacing(8)
        by_source_heading = _label("By source", "bySourceHeading", body, heading=True)
        by_source_heading.setToolTip(rows_note)
        column.addWidget(by_source_heading)
        self.by_source = FunnelRows("Funnel by source", body)
        self.by_source.setObjectName("funnelBySource")
        column.addWidget(self.by_source)
        column.addSpacing(8)
        column.addWidget(_label("Touches per week", "touchesHeading", body, heading=True))
        self.touches_caption = _label("", "touchesCaption", body)
        column.addWidget(self.touches_caption)
        self.weekly = WeeklyTouches(body)
        self.weekly.setObjectName("touchesPerWeek")
        column.addWidget(self.weekly)
        column.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("progressScroll")
        self.scroll_area.setAccessibleName("Progress charts")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._paint_key()
        self.refresh = LazyRefresh(self, workspace, load_progress, self.show_data)

    def _paint_key(self) -> None:
        dark = style.is_dark(self.palette())
        for step, chip in self._key_chips:
            chip.setPixmap(_chip(step_colour(step, dark)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_key()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh.shown()

    def reload(self) -> None:
        self.show_data(self.workspace.read(load_progress))

    def show_data(self, data: ProgressData) -> None:
        self.data = data
        result = data.funnel
        self.overall.set_counts(result.overall)
        names = data.ring_names
        self.by_ring.set_groups(
            [
                FunnelGroup(names[ring] if ring < len(names) else str(ring), counts)
                for ring, counts in result.by_ring.items()
            ]
        )
        self.by_source.set_groups(
            [
                FunnelGroup(SOURCE_LABELS.get(source, source), counts)
                for source, counts in result.by_source.items()
            ]
        )
        self.weekly.set_weeks(data.weeks)
        overall = result.overall
        if overall.identified == 0:
            self.summary.setText("No contacts yet: import your LinkedIn connections or add one.")
        else:
            self.summary.setText(
                f"Of {overall.identified} contacts you have contacted {overall.contacted}, met "
                f"{overall.met}, and {overall.referred_on} referred you on."
            )
        this_week = data.weeks[-1].touches if data.weeks else 0
        self.touches_caption.setText(
            f"Last {len(data.weeks)} weeks: {this_week} this week so far, "
            f"{self.weekly.average():.1f} a week on average before (dashed line)."
        )
