"""A small read-only table model over a list of plain row objects, with columns given as
(header, text function) pairs. The pipeline's lists (meetings, referrals, follow-ups, companies,
ring history) are short, so sorting happens here in Python, column by column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from networkdesk.ui.plain_text import plain_tooltip_or_none

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(Generic[R]):
    def __init__(
        self,
        header: str,
        text: Callable[[R], str],
        sort_key: Callable[[R], Any] | None = None,
        align_right: bool = False,
    ) -> None:
        self.header = header
        self.text = text
        self.sort_key = sort_key or (lambda row: text(row).casefold())
        self.align_right = align_right


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of one kind; `row_id` gives the id a view acts on (ROW_ID_ROLE)."""

    columns: Sequence[Column[R]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def row_id(self, row: R) -> int:
        return int(getattr(row, "id", 0))

    def tooltip(self, row: R, column: int) -> str | None:
        return None

    def foreground(self, row: R, column: int) -> Any:
        return None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def id_at(self, row: int) -> int | None:
        item = self.row_at(row)
        return None if item is None else self.row_id(item)

    def row_of(self, row_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if self.row_id(item) == row_id:
                return number
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and 0 <= section < len(self.columns)
        ):
            # The tooltip repeats the header: narrow columns elide it ("Bull'…").
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.row_at(index.row())
        if item is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(item)
        if role == ROW_ID_ROLE:
            return self.row_id(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips quote user text (notes, missions): escaped, never rendered as HTML.
            return plain_tooltip_or_none(self.tooltip(item, index.column()))
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(item, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.id_at(index.row()) for index in persistent]
        key = self.columns[column].sort_key
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        for index, row_id in zip(persistent, ids, strict=True):
            new_row = self.row_of(row_id) if row_id is not None else None
            self.changePersistentIndex(
                index, QModelIndex() if new_row is None else self.index(new_row, index.column())
            )
        self.layoutChanged.emit()
