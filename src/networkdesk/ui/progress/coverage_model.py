"""Target companies × rings as a table: per cell, how many contacts and how many met.

A thin adapter over `domain.coverage` rows (read by `services.progress.coverage_at`); each cell
carries the ids of its people (CONTACT_IDS_ROLE) so the view can open them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from networkdesk.domain.coverage import RINGS, CompanyCoverage, CoverageCell
from networkdesk.ui import style

Index = QModelIndex | QPersistentModelIndex
CONTACT_IDS_ROLE = Qt.ItemDataRole.UserRole + 1
COMPANY_ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: Columns: the company, one per ring, then the inbox (at the company, not on the board).
COMPANY_COLUMN = 0
INBOX_COLUMN = len(RINGS) + 1


def cell_text(cell: CoverageCell) -> str:
    if cell.contacts == 0:
        return "–"
    # "contacts · met": short enough for five columns in a docked panel; the tooltip says it
    # in words.
    return f"{cell.contacts} · {cell.met}"


class CoverageModel(QAbstractTableModel):
    def __init__(self, ring_names: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ring_names = list(ring_names)
        self._rows: list[CompanyCoverage] = []

    # --- data in -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CompanyCoverage]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_ring_names(self, names: Sequence[str]) -> None:
        if list(names) != self.ring_names:
            self.ring_names = list(names)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, len(RINGS))

    def rows(self) -> list[CompanyCoverage]:
        return list(self._rows)

    # --- the model contract ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else INBOX_COLUMN + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COMPANY_COLUMN:
            return "Company"
        if section == INBOX_COLUMN:
            return "Inbox"
        if 1 <= section <= len(RINGS):
            ring = section - 1
            return self.ring_names[ring] if ring < len(self.ring_names) else str(ring)
        return None

    def cell(self, row: CompanyCoverage, column: int) -> CoverageCell | None:
        if column == INBOX_COLUMN:
            return row.unplaced
        if 1 <= column <= len(RINGS):
            return row.cells[column - 1]
        return None

    def contact_ids(self, index: Index) -> tuple[int, ...]:
        """The people a cell stands for (the company column: everyone at the company)."""
        value = self.data(index, CONTACT_IDS_ROLE)
        return tuple(value) if value else ()

    def column_name(self, column: int) -> str:
        value = self.headerData(column, Qt.Orientation.Horizontal)
        return str(value) if value is not None else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        cell = self.cell(row, column)
        if role == COMPANY_ID_ROLE:
            return row.company_id
        if role == CONTACT_IDS_ROLE:
            if cell is None:
                return [
                    *(i for r in RINGS for i in row.cells[r].contact_ids),
                    *row.unplaced.contact_ids,
                ]
            return list(cell.contact_ids)
        if column == COMPANY_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.name
            if role == Qt.ItemDataRole.ToolTipRole:
                gaps = row.gaps()
                text = f"{row.name}: {row.contacts} contacts, {row.met} met"
                return html.escape(text + ("\n" + "\n".join(gaps) if gaps else ""))
            return None
        assert cell is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (
                "not on the board" if column == INBOX_COLUMN else f"{self.column_name(column)} ring"
            )
            return html.escape(
                f"{row.name}, {where}: {cell.contacts} contact"
                f"{'' if cell.contacts == 1 else 's'}, {cell.met} met"
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tint(cell, column)
        return None

    def _tint(self, cell: CoverageCell, column: int) -> QColor | None:
        # Gaps warm, cells with someone met green, the rest plain: the table reads at a glance.
        dark = style.is_dark()
        if column == INBOX_COLUMN:
            return None
        if cell.contacts == 0:
            return QColor("#4a2b2b") if dark else QColor("#fbe4e0")
        if cell.met:
            return QColor("#23402f") if dark else QColor("#dcf1e4")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
