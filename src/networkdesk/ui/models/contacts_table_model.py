"""Every contact, placed or not, as a sortable, searchable table.

Rows come from one service query as compact columns (services.contact_rows); sorting orders
positions into them (ui.models.contact_order) and search goes through an in-memory folded index
(ui.models.search_index) — no per-row proxy model and no object per row, which at 30,000
contacts would cost far too much time and memory.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from networkdesk.services.contact_columns import NO_RING, STAGES, ContactColumns, ContactRow
from networkdesk.services.settings import DEFAULTS
from networkdesk.ui import formatting
from networkdesk.ui.models.contact_order import (
    COMPANY,
    LAST_MEETING,
    NAME,
    NEXT_FOLLOWUP,
    RING,
    STAGE,
    TITLE,
    row_key,
    sorted_positions,
)
from networkdesk.ui.models.row_patch import plan_patch
from networkdesk.ui.models.search_index import SearchIndex

Index = QModelIndex | QPersistentModelIndex

__all__ = [
    "COMPANY",
    "CONTACT_ID_ROLE",
    "HEADERS",
    "LAST_MEETING",
    "NAME",
    "NEXT_FOLLOWUP",
    "RING",
    "STAGE",
    "TITLE",
    "ContactsTableModel",
]

HEADERS = ("Name", "Company", "Title", "Ring", "Stage", "Last meeting", "Next follow-up")
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ROLES = frozenset({_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FOREGROUND, int(CONTACT_ID_ROLE)})
_STAGE_LABELS = tuple(stage.label for stage in STAGES)
_OVERDUE = QColor("#c0392b")  # overdue: the one red thing in the table


# One date format for the whole window (the user's locale): ui/formatting.py.
format_day = formatting.format_day
format_moment = formatting.format_moment


class ContactsTableModel(QAbstractTableModel):
    """Contacts with name, company, title, ring, stage, last meeting and next follow-up."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = ContactColumns()
        self._order: list[int] = []  # positions in _rows, in the current sort order
        self._visible: list[int] = []  # positions in _rows shown, in order
        # Rows counted but not read yet, shown blank after the others (`set_rows` with a total;
        # no search narrows them).
        self._unread = 0
        self._index = SearchIndex()
        self._query = ""
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._ring_names: list[str] = list(DEFAULTS["ring_names"])

    # --- data in ------------------------------------------------------------------------

    def set_rows(
        self,
        rows: ContactColumns,
        ring_names: Sequence[str] | None = None,
        *,
        total: int | None = None,
    ) -> None:
        """Replace all rows (after a change), keeping the sort and the search. With `total`,
        `rows` are only the first of that many in the canonical order (the desktop start's
        first paint): the rows after them stay blank until every row is set."""
        self.beginResetModel()
        self._rows = rows
        self._unread = max(0, total - len(rows)) if total is not None else 0
        if ring_names is not None:
            self._ring_names = list(ring_names)
        self._apply_sort()
        self._apply_search()
        self.endResetModel()

    def update_rows(self, ids: Collection[int], rows: ContactColumns) -> None:
        """Apply a change that names `ids`: `rows` are those of them that exist now (the
        others were deleted). Inserts, removes and redraws only those rows (no reset), keeping
        the sort and the search; a row whose sort key changed moves to its new place."""
        fresh = {row.id: row for row in rows}
        wanted = set(ids) | fresh.keys()
        if self._update_in_place(fresh, wanted):
            return
        old_rows, old_visible = self._rows, self._visible
        old_position = old_rows.positions_of()
        old_ids = [old_rows.ids[p] for p in old_visible]
        column = self._sort_column
        moved = {
            cid
            for cid, row in fresh.items()
            if cid in old_position
            and row_key(old_rows.row(old_position[cid]), column) != row_key(row, column)
        }
        # The new state, as a full reload would build it (same canonical order as the query).
        self._rows = _merged(old_rows, wanted, rows)
        self._apply_sort()
        self._apply_search()
        new_rows, new_visible = self._rows, self._visible
        new_ids = [new_rows.ids[p] for p in new_visible]
        patch = plan_patch(old_ids, new_ids, changed=fresh.keys(), moved=moved)

        # Leave: the old rows, bottom-up, while the model still reads the old list.
        self._rows, self._visible = old_rows, list(old_visible)
        for first, last in patch.removals:
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._visible[first : last + 1]
            self.endRemoveRows()
        # The rows that stayed, now read from the new list; then arrive, top-down.
        position_of = new_rows.positions_of()
        self._rows = new_rows
        self._visible = [position_of[old_rows.ids[p]] for p in self._visible]
        for first, last in patch.insertions:
            self.beginInsertRows(QModelIndex(), first, last)
            self._visible[first:first] = new_visible[first : last + 1]
            self.endInsertRows()
        self._visible = new_visible
        last_column = len(HEADERS) - 1
        for row in patch.refreshed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _update_in_place(self, fresh: dict[int, ContactRow], wanted: set[int]) -> bool:
        """The usual change - an edit or a move that leaves every named row where it was in
        the sort: replace those rows and redraw them without sorting (re-sorting 30,000 rows
        for one edited contact stalled the window). A row whose search text changed is
        re-indexed alone, and under a search it appears or leaves when it starts or stops
        matching. False when a row was added or deleted or may move: the caller then takes
        the full path."""
        if wanted != fresh.keys():
            return False  # a deletion
        rows = self._rows
        position = self._positions_of(fresh.keys())
        if position is None:
            return False  # a new row
        column = self._sort_column
        for cid, row in fresh.items():
            old = rows.row(position[cid])
            if old.name_key != row.name_key or row_key(old, column) != row_key(row, column):
                return False
        for cid, row in fresh.items():
            p = position[cid]
            retext = rows.search_texts[p] != row.search_text
            rows.replace(p, row)
            if retext:
                self._index.replace(p, row.search_text)
        last_column = len(HEADERS) - 1
        rank: list[int] | None = None  # built once, and only if a row must be inserted
        for p in sorted(position.values()):
            shown = SearchIndex.matches(rows.search_texts[p], self._query)
            try:
                at: int | None = self._visible.index(p)
            except ValueError:
                at = None
            if at is not None and shown:
                self.dataChanged.emit(self.index(at, 0), self.index(at, last_column))
            elif at is not None:
                self.beginRemoveRows(QModelIndex(), at, at)
                del self._visible[at]
                self.endRemoveRows()
            elif shown:
                rank = rank or self._ranks()
                at = bisect.bisect_left(self._visible, rank[p], key=rank.__getitem__)
                self.beginInsertRows(QModelIndex(), at, at)
                self._visible.insert(at, p)
                self.endInsertRows()
        return True

    def _positions_of(self, ids: Collection[int]) -> dict[int, int] | None:
        """The position of each of `ids` in the rows, or None when one is not there."""
        row_ids = self._rows.ids
        if len(ids) > 8:
            everywhere = self._rows.positions_of()
            if any(cid not in everywhere for cid in ids):
                return None
            return {cid: everywhere[cid] for cid in ids}
        found: dict[int, int] = {}
        for cid in ids:
            try:
                found[cid] = row_ids.index(cid)  # a C scan of the array: no 30,000-key dict
            except ValueError:
                return None
        return found

    def _ranks(self) -> list[int]:
        """Each position's place in the current sort order."""
        rank = [0] * len(self._order)
        for place, p in enumerate(self._order):
            rank[p] = place
        return rank

    def set_search(self, query: str) -> None:
        """Show only contacts whose name, company, title, tags, e-mails or notes contain every
        word of `query` (case and accents ignored)."""
        if query == self._query:
            return
        if self._unread:  # the first paint's rows only: a plain reset (the rest comes soon)
            self.beginResetModel()
            self._query = query
            self._apply_search()
            self.endResetModel()
            return
        self._query = query
        previous = self._visible
        hits = self._index.search(query)  # positions in _rows, in sort order
        visible = list(self._order) if hits is None else hits
        if visible == previous:
            return  # one more letter that matches the same rows: nothing to redraw
        self._replace_visible(visible)

    def _replace_visible(self, visible: list[int]) -> None:
        """Show `visible` instead of the current rows without a model reset.

        A reset makes QTableView rebuild its header bookkeeping for every row (about as costly
        as the repaint itself at 20,000 rows); removing or inserting only the tail and marking the
        common rows changed costs a fraction of that, which keeps a keystroke within a frame.
        Persistent indexes (selection, current row) follow their contact when it stays among the
        common rows, and are cleared otherwise.
        """
        old_count, new_count = len(self._visible), len(visible)
        common = min(old_count, new_count)
        persistent = self.persistentIndexList()
        if persistent:
            ids = self._rows.ids
            new_rows = {ids[p]: r for r, p in enumerate(visible)}
            for index in persistent:
                contact_id = self.contact_id_at(index.row())
                row = new_rows.get(contact_id) if contact_id is not None else None
                target = (
                    self.index(row, index.column()) if row is not None and row < common else None
                )
                self.changePersistentIndex(index, target if target is not None else QModelIndex())
        # Each signal describes the model exactly as it is: the tail leaves (or arrives) in a
        # separate step from the change of the common rows.
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            self._visible = self._visible[:new_count]
            self.endRemoveRows()
        self._visible = visible[:common] + self._visible[common:]
        if common:
            self.dataChanged.emit(self.index(0, 0), self.index(common - 1, len(HEADERS) - 1))
        if new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._visible = visible
            self.endInsertRows()
        self._visible = visible

    @property
    def search_text(self) -> str:
        return self._query

    def _apply_sort(self) -> None:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        self._order = sorted_positions(self._rows, self._sort_column, descending)
        # The index answers with positions in _rows, in sort order: what _visible holds.
        texts = self._rows.search_texts
        if self._sort_column == NAME and not descending:
            # The canonical order: each position is its own key (no per-row Python loop; the
            # table fills at start-up this way, issue 13 P1). Handing _order over shares its
            # 30,000 ints with the index instead of making them twice (~1.3 MB).
            self._index.reset(texts, self._order, in_order=True)
        else:
            self._index.reset([texts[p] for p in self._order], self._order)

    def _apply_search(self) -> None:
        hits = self._index.search(self._query)
        self._visible = list(self._order) if hits is None else hits

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._visible) + (0 if self._query.strip() else self._unread)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per cell on every paint: answer the ones this model
        # does not use before any other work (it keeps a repaint at 30,000 rows cheap).
        if role not in _ROLES:
            return None
        row_number = index.row()
        if not 0 <= row_number < len(self._visible) or not index.isValid():
            return None
        p = self._visible[row_number]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(p, column)
        rows = self._rows
        if role == CONTACT_ID_ROLE:
            return rows.ids[p]
        if role == _TOOLTIP:
            if column == NEXT_FOLLOWUP and rows.next_followups[p] is not None:
                return format_moment(rows.next_followups[p])
            if column == LAST_MEETING and rows.last_meetings[p] is not None:
                return format_moment(rows.last_meetings[p])
            if column in (NAME, COMPANY, TITLE, STAGE):
                # Narrow columns elide: the whole text, shown literally (never as rich text).
                text = self._display(p, column)
                return "<p style='white-space:pre'>" + html.escape(text) + "</p>" if text else None
            return None
        due = rows.next_followups[p] if column == NEXT_FOLLOWUP else None
        if due is not None and due < dt.datetime.now(dt.UTC):
            return _OVERDUE
        return None

    def _display(self, p: int, column: int) -> str:
        rows = self._rows
        if column == NAME:
            return rows.names[p]
        if column == COMPANY:
            return rows.companies[p] or ""
        if column == TITLE:
            return rows.titles[p] or ""
        if column == RING:
            ring = rows.rings[p]
            if ring == NO_RING:
                return "Inbox"
            return self._ring_names[ring] if ring < len(self._ring_names) else str(ring)
        if column == STAGE:
            return _STAGE_LABELS[rows.stages[p]]
        if column == LAST_MEETING:
            return format_day(rows.last_meetings[p])
        return format_day(rows.next_followups[p])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        # Persistent indexes (the view's selection and current row) follow their contact.
        persistent = self.persistentIndexList()
        ids = [self.contact_id_at(index.row()) for index in persistent]
        self._sort_column, self._sort_order = column, order
        self._apply_sort()
        self._apply_search()
        if persistent:
            row_ids = self._rows.ids
            new_rows = {row_ids[p]: r for r, p in enumerate(self._visible)}
            for index, contact_id in zip(persistent, ids, strict=True):
                row = new_rows.get(contact_id) if contact_id is not None else None
                self.changePersistentIndex(
                    index,
                    QModelIndex() if row is None else self.index(row, index.column()),
                )
        self.layoutChanged.emit()

    # --- lookups for views ----------------------------------------------------------------

    def contact_id_at(self, row: int) -> int | None:
        if 0 <= row < len(self._visible):
            return self._rows.ids[self._visible[row]]
        return None

    def row_of(self, contact_id: int) -> int | None:
        ids = self._rows.ids
        for row, position in enumerate(self._visible):
            if ids[position] == contact_id:
                return row
        return None

    def search_texts(self) -> list[str]:
        """Every contact's folded search text (benchmarks compare their scans with it)."""
        return list(self._rows.search_texts)

    def total_count(self) -> int:
        return len(self._rows) + self._unread

    @property
    def complete(self) -> bool:
        """Every row is read (not only the first paint's)."""
        return not self._unread


def _merged(old: ContactColumns, wanted: set[int], fresh: ContactColumns) -> ContactColumns:
    """`old` without the rows of `wanted`, with the rows of `fresh` in their canonical places
    (by folded name, then id): the columns a full reload would read."""
    kept = [p for p, cid in enumerate(old.ids) if cid not in wanted]
    arriving = sorted(range(len(fresh)), key=fresh.name_key_at)
    sequence: list[int] = []
    start = 0
    for q in arriving:
        # Binary search among the kept rows: their names are folded only on the way.
        at = bisect.bisect_left(kept, fresh.name_key_at(q), lo=start, key=old.name_key_at)
        sequence.extend(kept[start:at])
        sequence.append(~q)
        start = at
    sequence.extend(kept[start:])
    return old.combined(sequence, fresh)
