"""The key to the board's colours and marks: a small chip in a corner of the canvas that
expands on click. Expanded, the canvas gives it a strip of its own (`expandedChanged`), so it
never covers a contact."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from networkdesk.domain.enums import Stage
from networkdesk.ui import style

SWATCH = 14


def _swatch(fill: QColor, edge: QColor | None = None, badge: bool = False) -> QPixmap:
    ratio = 2
    pixmap = QPixmap(QSize(SWATCH * ratio, SWATCH * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(edge, 2.2) if edge is not None else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    r = SWATCH / 2 - 1.5
    painter.drawEllipse(QPointF(SWATCH / 2, SWATCH / 2), r, r)
    if badge:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.OVERDUE_RED)
        painter.drawEllipse(QPointF(SWATCH - 4, 4), 3.5, 3.5)
    painter.end()
    return pixmap


class BoardLegend(QFrame):
    """Stage colours, the gold ring of target companies and the overdue badge; collapsed to a
    chip until clicked."""

    expandedChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardLegend")
        self.setAccessibleName("Legend of the board")
        self.setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 8)
        outer.setSpacing(2)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("boardLegendToggle")
        self.toggle.setText("Legend")
        self.toggle.setToolTip("Show what the colours and marks mean")
        self.toggle.setAccessibleName("Show or hide the legend")
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        outer.addWidget(self.toggle)
        self.body = QWidget(self)
        grid = QGridLayout(self.body)
        grid.setContentsMargins(2, 0, 2, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        entries: list[tuple[QPixmap, str]] = [
            (_swatch(style.stage_colour(stage)), stage.label) for stage in Stage
        ]
        neutral = QColor("#c9d0d8")
        entries.append((_swatch(neutral, style.TARGET_GOLD), "Target company"))
        entries.append((_swatch(neutral, badge=True), "Follow-up overdue"))
        for row, (pixmap, text) in enumerate(entries):
            swatch = QLabel(self.body)
            swatch.setPixmap(pixmap)
            swatch.setAccessibleName(f"{text} colour")
            label = QLabel(text, self.body)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAccessibleName(text)
            grid.addWidget(swatch, row, 0)
            grid.addWidget(label, row, 1)
        outer.addWidget(self.body)
        self.expanded: bool = True
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        self.set_expanded(False)

    def set_expanded(self, expanded: bool) -> None:
        self.expanded = expanded
        self.body.setVisible(expanded)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.adjustSize()
        self.expandedChanged.emit(expanded)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = style.is_dark(self.palette())
        background = style.canvas_background(dark)
        background.setAlpha(230)
        painter.setPen(QPen(style.ring_edge(dark), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 8, 8)
        painter.end()
