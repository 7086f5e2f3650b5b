"""What an empty database shows instead of a blank board: what the bull's-eye means and two ways
to start (demo data, or a LinkedIn connections export)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from networkdesk.ui import style

RING_MEANINGS = (
    "the decision-makers and stars at the companies you most want to join",
    "insiders who know the team and the work",
    "people who can refer you on to insiders",
    "low-risk contacts — alumni, friends, acquaintances — to practise on first",
)


class TargetDiagram(QWidget):
    """A small drawing of the four rings."""

    def __init__(self, ring_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ring_names = ring_names
        self.setAccessibleName("Diagram of the career bull's-eye")
        self.setMinimumSize(260, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(340, 340)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = style.is_dark(self.palette())
        fills = style.ring_fills(dark)
        side = min(self.width(), self.height()) - 12
        centre = QPointF(self.width() / 2, self.height() / 2)
        painter.setPen(QPen(style.ring_edge(dark), 1.5))
        for ring in (3, 2, 1, 0):
            radius = side / 2 * (ring + 1) / 4
            painter.setBrush(fills[ring])
            painter.drawEllipse(centre, radius, radius)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(style.label_colour(dark))
        for ring in range(4):
            inner = side / 2 * ring / 4
            outer = side / 2 * (ring + 1) / 4
            y = centre.y() - (inner + outer) / 2 if ring else centre.y()
            rect = QRectF(centre.x() - 80, y - 10, 160, 20)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.ring_names[ring])
        painter.end()


MIN_WIDTH = 400
DIAGRAM_BELOW = 720


class FirstRunPanel(QFrame):
    """Shown in place of the board while the database has no contacts."""

    loadDemoRequested = Signal()
    importRequested = Signal()

    def __init__(self, ring_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPanel")
        self.setAccessibleName("Getting started")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.setSpacing(36)
        self.diagram = TargetDiagram(ring_names, self)
        outer.addWidget(self.diagram, 1)

        text_column = QVBoxLayout()
        text_column.setSpacing(12)
        title = QLabel("Your career bull's-eye", self)
        title.setObjectName("firstRunTitle")
        title.setAccessibleName("Getting started title")
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.7)
        title_font.setBold(True)
        title.setFont(title_font)
        text_column.addWidget(title)
        intro = QLabel(
            "A job search is won by informational meetings, not by asking for jobs. Put the "
            "people you know on four rings and work from the outside in: practise on the outer "
            "ring, leave every meeting with a referral to the next person, follow up — and by "
            "the time you reach the centre, you are ready.",
            self,
        )
        intro.setAccessibleName("What the bull's-eye means")
        text_column.addWidget(intro)
        for ring in range(4):
            name = ring_names[ring] if ring < len(ring_names) else str(ring)
            line = QLabel(f"•  {name}: {RING_MEANINGS[ring]}", self)
            line.setAccessibleName(f"Ring {name}")
            text_column.addWidget(line)
        for label in self.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        buttons = QHBoxLayout()
        self.demo_button = QPushButton("Load demo data", self)
        self.demo_button.setObjectName("loadDemoButton")
        self.demo_button.setAccessibleName("Load demo data")
        self.demo_button.setDefault(True)
        self.import_button = QPushButton("Import LinkedIn connections…", self)
        self.import_button.setObjectName("importLinkedInButton")
        self.import_button.setAccessibleName("Import LinkedIn connections")
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        text_column.addSpacing(8)
        text_column.addLayout(buttons)
        self.hint = QLabel(
            "LinkedIn: Settings → Data privacy → Get a copy of your data → Connections. "
            "You can also drop the Connections.csv file onto this window.",
            self,
        )
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("How to get the LinkedIn export")
        self.hint.setForegroundRole(self.hint.foregroundRole())
        text_column.addWidget(self.hint)
        text_column.addStretch(1)
        container = QWidget(self)
        container.setLayout(text_column)
        container.setMaximumWidth(560)
        outer.addWidget(container, 1)
        self.demo_button.clicked.connect(self.loadDemoRequested)
        self.import_button.clicked.connect(self.importRequested)
        # A set minimum (not the two columns' sum) lets a small screen's window shrink; below
        # DIAGRAM_BELOW the diagram gives way and the text keeps the room.
        self.setMinimumWidth(MIN_WIDTH)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.diagram.setVisible(event.size().width() >= DIAGRAM_BELOW)
        super().resizeEvent(event)
