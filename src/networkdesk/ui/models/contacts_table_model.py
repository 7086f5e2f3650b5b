"""Every contact, placed or not, as a sortable, searchable table.

Rows come from one service query (services.contact_rows); sorting happens in Python over that
list and search goes through an in-memory folded index (ui.models.search_index) — no per-row
proxy model, which would be far too slow at 30,000 contacts.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from networkdesk.services.contact_rows import ContactRow
from networkdesk.services.settings import DEFAULTS
from networkdesk.ui import formatting
from networkdesk.ui.models.row_patch import plan_patch
from networkdesk.ui.models.search_index import SearchIndex

Index = QModelIndex | QPersistentModelIndex

NAME, COMPANY, TITLE, RING, STAGE, LAST_MEETING, NEXT_FOLLOWUP = range(7)
HEADERS = ("Name", "Company", "Title", "Ring", "Stage", "Last meeting", "Next follow-up")
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ROLES = frozenset({_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FOREGROUND, int(CONTACT_ID_ROLE)})


# One date format for the whole window (the user's locale): ui/formatting.py.
format_day = formatting.format_day
format_moment = formatting.format_moment


def _text_key(value: str | None) -> tuple[bool, str]:
    # Empty values sort last in ascending order, whatever the column.
    return (not value, (value or "").casefold())


def _sort_key(column: int) -> Callable[[ContactRow], Any]:
    if column == NAME:
        return lambda r: (r.name_key, r.id)
    if column == COMPANY:
        return lambda r: (_text_key(r.company), r.name_key)
    if column == TITLE:
        return lambda r: (_text_key(r.title), r.name_key)
    if column == RING:
        return lambda r: (r.ring is None, r.ring if r.ring is not None else 9, r.name_key)
    if column == STAGE:
        return lambda r: (r.stage.label, r.name_key)
    if column == LAST_MEETING:
        return lambda r: (r.last_meeting is None, r.last_meeting or _FAR_FUTURE, r.name_key)
    return lambda r: (r.next_followup is None, r.next_followup or _FAR_FUTURE, r.name_key)


class ContactsTableModel(QAbstractTableModel):
    """Contacts with name, company, title, ring, stage, last meeting and next follow-up."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ContactRow] = []
        self._order: list[int] = []  # positions in _rows, in the current sort order
        self._visible: list[int] = []  # positions in _rows shown, in order
        self._index = SearchIndex()
        self._query = ""
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._ring_names: list[str] = list(DEFAULTS["ring_names"])

    # --- data in ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ContactRow], ring_names: Sequence[str] | None = None) -> None:
        """Replace all rows (after a change), keeping the sort and the search."""
        self.beginResetModel()
        self._rows = list(rows)
        if ring_names is not None:
            self._ring_names = list(ring_names)
        self._apply_sort()
        self._apply_search()
        self.endResetModel()

    def update_rows(self, ids: Collection[int], rows: Sequence[ContactRow]) -> None:
        """Apply a change that names `ids`: `rows` are those of them that exist now (the
        others were deleted). Inserts, removes and redraws only those rows (no reset), keeping
        the sort and the search; a row whose sort key changed moves to its new place."""
        fresh = {row.id: row for row in rows}
        wanted = set(ids) | fresh.keys()
        if self._update_in_place(fresh, wanted):
            return
        old_rows, old_visible = self._rows, self._visible
        old_by_id = {row.id: row for row in old_rows}
        old_ids = [old_rows[p].id for p in old_visible]
        key = _sort_key(self._sort_column)
        moved = {
            cid
            for cid, row in fresh.items()
            if cid in old_by_id and key(old_by_id[cid]) != key(row)
        }
        # The new state, as a full reload would build it (same canonical order as the query).
        kept = [row for row in old_rows if row.id not in wanted]
        self._rows = sorted([*kept, *fresh.values()], key=lambda r: (r.name_key, r.id))
        self._apply_sort()
        self._apply_search()
        new_rows, new_visible = self._rows, self._visible
        new_ids = [new_rows[p].id for p in new_visible]
        patch = plan_patch(old_ids, new_ids, changed=fresh.keys(), moved=moved)

        # Leave: the old rows, bottom-up, while the model still reads the old list.
        self._rows, self._visible = old_rows, list(old_visible)
        for first, last in patch.removals:
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._visible[first : last + 1]
            self.endRemoveRows()
        # The rows that stayed, now read from the new list; then arrive, top-down.
        position_of = {row.id: p for p, row in enumerate(new_rows)}
        self._rows = new_rows
        self._visible = [position_of[old_rows[p].id] for p in self._visible]
        for first, last in patch.insertions:
            self.beginInsertRows(QModelIndex(), first, last)
            self._visible[first:first] = new_visible[first : last + 1]
            self.endInsertRows()
        self._visible = new_visible
        last_column = len(HEADERS) - 1
        for row in patch.refreshed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _update_in_place(self, fresh: dict[int, ContactRow], wanted: set[int]) -> bool:
        """The usual change - an edit or a move that leaves every named row where it was, with
        the same search text: replace those rows and redraw them, in O(rows) without sorting
        (re-sorting 30,000 rows for one moved contact stalled the window). False when a row
        was added or deleted or may move: the caller then takes the full path."""
        if wanted != fresh.keys():
            return False  # a deletion
        rows = self._rows
        position = {row.id: p for p, row in enumerate(rows)}
        key = _sort_key(self._sort_column)
        for cid, row in fresh.items():
            p = position.get(cid)
            if p is None:
                return False  # a new row
            old = rows[p]
            if (
                old.name_key != row.name_key
                or key(old) != key(row)
                or old.search_text != row.search_text
            ):
                return False
        for cid, row in fresh.items():
            rows[position[cid]] = row
        changed_positions = {position[cid] for cid in fresh}
        last_column = len(HEADERS) - 1
        for shown, p in enumerate(self._visible):
            if p in changed_positions:
                self.dataChanged.emit(self.index(shown, 0), self.index(shown, last_column))
        return True

    def set_search(self, query: str) -> None:
        """Show only contacts whose name, company, title, tags, e-mails or notes contain every
        word of `query` (case and accents ignored)."""
        if query == self._query:
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
            new_rows = {self._rows[p].id: r for r, p in enumerate(visible)}
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
        key = _sort_key(self._sort_column)
        rows = self._rows
        self._order = sorted(
            range(len(rows)),
            key=lambda i: key(rows[i]),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        # The index answers with positions in _rows, in sort order: what _visible holds.
        self._index.reset([rows[i].search_text for i in self._order], self._order)

    def _apply_search(self) -> None:
        hits = self._index.search(self._query)
        self._visible = list(self._order) if hits is None else hits

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

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
        row = self._rows[self._visible[row_number]]
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(row, column)
        if role == CONTACT_ID_ROLE:
            return row.id
        if role == _TOOLTIP:
            if column == NEXT_FOLLOWUP and row.next_followup is not None:
                return format_moment(row.next_followup)
            if column == LAST_MEETING and row.last_meeting is not None:
                return format_moment(row.last_meeting)
            if column in (NAME, COMPANY, TITLE, STAGE):
                # Narrow columns elide: the whole text, shown literally (never as rich text).
                text = self._display(row, column)
                return "<p style='white-space:pre'>" + html.escape(text) + "</p>" if text else None
            return None
        if (
            column == NEXT_FOLLOWUP
            and row.next_followup is not None
            and row.next_followup < dt.datetime.now(dt.UTC)
        ):
            return QColor("#c0392b")  # overdue: the one red thing in the table
        return None

    def _display(self, row: ContactRow, column: int) -> str:
        if column == NAME:
            return row.name
        if column == COMPANY:
            return row.company or ""
        if column == TITLE:
            return row.title or ""
        if column == RING:
            if row.ring is None:
                return "Inbox"
            return self._ring_names[row.ring] if row.ring < len(self._ring_names) else str(row.ring)
        if column == STAGE:
            return row.stage.label
        if column == LAST_MEETING:
            return format_day(row.last_meeting)
        return format_day(row.next_followup)

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
            new_rows = {self._rows[p].id: r for r, p in enumerate(self._visible)}
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
            return self._rows[self._visible[row]].id
        return None

    def row_of(self, contact_id: int) -> int | None:
        for row, position in enumerate(self._visible):
            if self._rows[position].id == contact_id:
                return row
        return None

    def total_count(self) -> int:
        return len(self._rows)
