"""The bar above the canvas: highlight contacts by name, company, target companies, tag or stage.

Nodes that do not match are dimmed, not hidden: the shape of the whole search stays visible.
From the highlight field, Down goes to the first match on the board and Enter opens it
(`first_match` chooses it: the one closest to the centre, then by name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from networkdesk.domain.enums import Stage
from networkdesk.domain.text import fold
from networkdesk.ui.views.dialog_layout import StackingColumns

if TYPE_CHECKING:
    from networkdesk.services.board_node import BoardNode


@dataclass(frozen=True)
class NodeFilter:
    text: str = ""
    company_id: int | None = None
    target_only: bool = False
    tag: str | None = None
    stage: Stage | None = None

    @property
    def active(self) -> bool:
        return bool(
            self.text.strip()
            or self.company_id is not None
            or self.target_only
            or self.tag
            or self.stage is not None
        )

    def matches(self, node: BoardNode) -> bool:
        if self.company_id is not None and node.company_id != self.company_id:
            return False
        if self.target_only and not node.is_target:
            return False
        if self.stage is not None and node.stage != self.stage:
            return False
        if self.tag and fold(self.tag) not in {fold(t) for t in node.tags}:
            return False
        words = fold(self.text).split()
        if words:
            haystack = fold(" ".join(filter(None, (node.name, node.company, node.title))))
            if not all(word in haystack for word in words):
                return False
        return True


def first_match(flt: NodeFilter, nodes: Iterable[BoardNode]) -> int | None:
    """The contact Down and Enter in the highlight field go to: among the nodes the filter
    matches, the one closest to the bull's-eye, then by name (None when nothing matches)."""
    matching = [node for node in nodes if flt.matches(node)]
    if not matching:
        return None
    return min(matching, key=lambda n: (n.ring, fold(n.name), n.id)).id


#: Below this width the filter bar takes two rows.
STACK_BELOW = 780


class FilterBar(QWidget):
    """Emits `filterChanged(NodeFilter)` whenever a control changes; `matchRequested(bool)` on
    Down (False: go to the first match) or Enter (True: open it) in the highlight field."""

    filterChanged = Signal(object)
    matchRequested = Signal(bool)
    #: Delete pressed in the empty highlight field: delete what is selected on the board.
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setAccessibleName("Canvas filters")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        # Two groups side by side, one above the other on a narrow board (a 1280 px screen
        # with both side panels): the bar never forces the window wider than the screen.
        self.rows = StackingColumns(self, stack_below=STACK_BELOW)
        self.rows.box.setSpacing(8)
        outer.addWidget(self.rows)
        layout = QHBoxLayout()
        layout.setSpacing(8)
        second = QHBoxLayout()
        second.setSpacing(8)
        self.rows.add(layout, 3)
        self.rows.add(second, 2)

        self.text = QLineEdit(self)
        self.text.setObjectName("canvasHighlight")
        self.text.setPlaceholderText("Highlight on the board…")
        self.text.setAccessibleName("Highlight contacts by name, company or title")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(120)
        self.text.installEventFilter(self)
        layout.addWidget(self.text, 2)

        self.company = QComboBox(self)
        self.company.setObjectName("companyFilter")
        self.company.setAccessibleName("Filter by company")
        self.company.setMinimumContentsLength(9)
        self.company.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        layout.addWidget(self.company, 1)

        self.targets = QCheckBox("Target companies", self)
        self.targets.setObjectName("targetFilter")
        self.targets.setAccessibleName("Only target companies")
        layout.addWidget(self.targets)

        self.tag = QComboBox(self)
        self.tag.setObjectName("tagFilter")
        self.tag.setAccessibleName("Filter by tag")
        self.tag.setMinimumContentsLength(7)
        self.tag.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        second.addWidget(self.tag, 1)

        self.stage = QComboBox(self)
        self.stage.setObjectName("stageFilter")
        self.stage.setAccessibleName("Filter by stage")
        self.stage.addItem("Any stage", None)
        for stage in Stage:
            self.stage.addItem(stage.label, stage.value)
        # Combos size to a short minimum, not their longest entry: the bar must shrink so the
        # side panels keep room on a laptop screen.
        self.stage.setMinimumContentsLength(8)
        self.stage.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        second.addWidget(self.stage, 1)

        self.clear = QToolButton(self)
        self.clear.setText("Clear")
        self.clear.setObjectName("clearFilters")
        self.clear.setAccessibleName("Clear the filters")
        self.clear.setEnabled(False)
        second.addWidget(self.clear)

        self.summary = QLabel(self)
        self.summary.setObjectName("filterSummary")
        self.summary.setAccessibleName("Matching contacts")
        second.addWidget(self.summary)

        self.set_choices([], [])
        self.text.textChanged.connect(self._emit)
        self.company.currentIndexChanged.connect(self._emit)
        self.targets.toggled.connect(self._emit)
        self.tag.currentIndexChanged.connect(self._emit)
        self.stage.currentIndexChanged.connect(self._emit)
        self.clear.clicked.connect(self.reset)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self.matchRequested.emit(False)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.matchRequested.emit(True)
                return True
            if event.key() == Qt.Key.Key_Delete and not self.text.text():
                self.deleteRequested.emit()
                return True
        return super().eventFilter(watched, event)

    def set_choices(self, companies: list[tuple[int, str, bool]], tags: list[str]) -> None:
        """Refill the company and tag lists, keeping the current choice when it still exists."""
        current_company = self.company.currentData()
        current_tag = self.tag.currentData()
        with QSignalBlocker(self.company), QSignalBlocker(self.tag):
            self.company.clear()
            self.company.addItem("All companies", None)
            for cid, name, target in companies:
                self.company.addItem(f"★ {name}" if target else name, cid)
            index = self.company.findData(current_company)
            self.company.setCurrentIndex(max(0, index))
            self.tag.clear()
            self.tag.addItem("Any tag", None)
            for name in tags:
                self.tag.addItem(name, name)
            index = self.tag.findData(current_tag)
            self.tag.setCurrentIndex(max(0, index))

    def current(self) -> NodeFilter:
        stage_value = self.stage.currentData()
        return NodeFilter(
            text=self.text.text(),
            company_id=self.company.currentData(),
            target_only=self.targets.isChecked(),
            tag=self.tag.currentData(),
            stage=Stage(stage_value) if stage_value else None,
        )

    def set_summary(self, matching: int, total: int, active: bool) -> None:
        self.summary.setText(f"{matching:,} of {total:,}" if active else f"{total:,} placed")

    def reset(self) -> None:
        with (
            QSignalBlocker(self.text),
            QSignalBlocker(self.company),
            QSignalBlocker(self.targets),
            QSignalBlocker(self.tag),
            QSignalBlocker(self.stage),
        ):
            self.text.clear()
            self.company.setCurrentIndex(0)
            self.targets.setChecked(False)
            self.tag.setCurrentIndex(0)
            self.stage.setCurrentIndex(0)
        self._emit()

    def _emit(self) -> None:
        flt = self.current()
        self.clear.setEnabled(flt.active)
        self.filterChanged.emit(flt)
