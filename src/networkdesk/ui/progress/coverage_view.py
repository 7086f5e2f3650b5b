"""The Coverage view: target companies × rings, how many contacts and how many met in each cell,
the gaps in words, and the people of the cell the user picks (a click selects one everywhere, a
double-click opens them)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from networkdesk.domain.coverage import CompanyCoverage, all_gaps
from networkdesk.services import progress, settings
from networkdesk.services.today import contact_names
from networkdesk.ui.progress.coverage_model import COMPANY_COLUMN, CoverageModel
from networkdesk.ui.progress.refresh import LazyRefresh
from networkdesk.ui.views.table_style import compact_rows
from networkdesk.ui.workspace import Workspace

#: How many gap sentences the view lists before "… and N more".
GAPS_SHOWN = 8
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COMPANY_MAX_WIDTH = 200


@dataclass(frozen=True)
class CoverageData:
    rows: list[CompanyCoverage]
    names: dict[int, str]
    ring_names: list[str]


def load_coverage(session: Session) -> CoverageData:
    rows = progress.coverage_at(session)
    ids = {
        cid
        for row in rows
        for cell in (*row.cells.values(), row.unplaced)
        for cid in cell.contact_ids
    }
    return CoverageData(rows, contact_names(session, ids), list(settings.RING_NAMES.get(session)))


def _plain_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CoverageView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("coverageView")
        self.setAccessibleName("Coverage of target companies")
        self.names: dict[int, str] = {}

        self.model = CoverageModel(list(settings.RING_NAMES.default), self)
        self.table = QTableView(self)
        self.table.setObjectName("coverageTable")
        self.table.setAccessibleName("Target companies by ring")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # The company's name first: its column fits the names (up to a limit), the count
        # columns share the rest ("3 · 2" reads in little room).
        header.setMaximumSectionSize(COMPANY_MAX_WIDTH)
        header.setSectionResizeMode(COMPANY_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        compact_rows(self.table)
        self.table.clicked.connect(self.open_cell)
        self.table.activated.connect(self.open_cell)
        # Keyboard too: moving to a cell with the arrow keys lists its people.
        self.table.selectionModel().currentChanged.connect(
            lambda current, _previous: self.open_cell(current)
        )

        self.intro = _plain_label("coverageIntro", self)
        self.gaps = _plain_label("coverageGaps", self)
        self.gaps.setAccessibleName("Gaps at target companies")
        self.people_title = _plain_label("coveragePeopleTitle", self)
        self.people = QListWidget(self)
        self.people.setObjectName("coveragePeople")
        self.people.setAccessibleName("People in the chosen cell")
        self.people.itemClicked.connect(self._select_person)
        self.people.itemActivated.connect(self._open_person)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 4)
        top_layout.addWidget(self.intro)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.gaps)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(8, 4, 8, 8)
        bottom_layout.addWidget(self.people_title)
        bottom_layout.addWidget(self.people, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("coverageSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.people_title.setText("Click a cell to list its people.")
        self.people_title.setAccessibleName("Whose people are listed")
        self.refresh = LazyRefresh(self, workspace, load_coverage, self.show_data)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh.shown()

    def reload(self) -> None:
        self.show_data(self.workspace.read(load_coverage))

    def show_data(self, data: CoverageData) -> None:
        current = self.table.currentIndex()
        self.names = data.names
        self.model.set_ring_names(data.ring_names)
        self.model.set_rows(data.rows)
        if not data.rows:
            self.intro.setText(
                "No target companies yet: mark the companies you want to join as targets "
                "(Companies panel) to see who you know at each."
            )
        else:
            self.intro.setText(
                "Each cell: contacts · met at a target company on that ring. Red cells are "
                "gaps; green cells have someone you met. Click a cell for its people."
            )
        gaps = all_gaps(data.rows)
        shown = [f"• {gap[0].upper()}{gap[1:]}" for gap in gaps[:GAPS_SHOWN]]
        if len(gaps) > GAPS_SHOWN:
            shown.append(f"… and {len(gaps) - GAPS_SHOWN} more")
        self.gaps.setText("\n".join(shown))
        self.gaps.setVisible(bool(shown))
        if current.isValid() and current.row() < self.model.rowCount():
            index = self.model.index(current.row(), current.column())
            self.table.setCurrentIndex(index)
            self.open_cell(index)
        else:
            self.people.clear()

    def open_cell(self, index: QModelIndex) -> None:
        """List the people of a cell (the company column: everyone at the company)."""
        if not index.isValid():
            return
        row = self.model.rows()[index.row()]
        ids = self.model.contact_ids(index)
        where = (
            f"everyone at {row.name}"
            if index.column() == COMPANY_COLUMN
            else f"{row.name}, {self.model.column_name(index.column())}"
        )
        self.people_title.setText(f"{where}: {len(ids)} contact{'' if len(ids) == 1 else 's'}")
        self.people.clear()
        met = {cid for cell in (*row.cells.values(), row.unplaced) for cid in cell.met_ids}
        where_is: dict[int, str] = dict.fromkeys(row.unplaced.contact_ids, "inbox")
        for ring, cell in row.cells.items():
            where_is.update((cid, self.model.column_name(ring + 1)) for cid in cell.contact_ids)
        whole_company = index.column() == COMPANY_COLUMN
        for cid in sorted(ids, key=lambda i: self.names.get(i, "").casefold()):
            notes = [where_is.get(cid, "")] if whole_company else []
            if cid in met:
                notes.append("met")
            text = self.names.get(cid, f"#{cid}") + (f"  ({', '.join(notes)})" if notes else "")
            item = QListWidgetItem(text)
            item.setData(CONTACT_ID_ROLE, cid)
            self.people.addItem(item)

    def _select_person(self, item: QListWidgetItem) -> None:
        self.workspace.select_contact(int(item.data(CONTACT_ID_ROLE)))

    def _open_person(self, item: QListWidgetItem) -> None:
        cid = int(item.data(CONTACT_ID_ROLE))
        self.workspace.select_contact(cid)
        self.workspace.request_open_contact(cid)
