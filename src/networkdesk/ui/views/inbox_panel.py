"""The inbox beside the canvas: contacts not placed on a ring yet (e.g. just imported).

Drag one onto a ring to place it; drop a contact dragged from elsewhere here to unplace it.
Ctrl/Shift-click selects several: the contact menu and Delete act on all of them (one undo
step). From the search field, Down moves into the list and Enter opens the match.
The list model is a thin cache of `services.board.inbox_entries` (compact columns), patched
with the entries of the contacts each change names.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.plural import count_of
from networkdesk.domain.text import fold
from networkdesk.services.changes import RING
from networkdesk.services.inbox_columns import InboxColumns, InboxEntry
from networkdesk.ui import contact_menu
from networkdesk.ui.background_read import PatchReads
from networkdesk.ui.board.items import plain_tooltip
from networkdesk.ui.contact_actions import contact_actions_of
from networkdesk.ui.controllers.moves import (
    CONTACT_IDS_MIME,
    MoveController,
    contact_ids_from_mime,
    contact_ids_mime,
)
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.row_patch import change_ids, plan_patch
from networkdesk.ui.workspace import COMPANIES, CONTACTS, Workspace, areas_touch, fields_touch

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ContactIdRole = Qt.ItemDataRole.UserRole + 1
DetailRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


#: What an inbox entry shows of a contact (and its ring: whether it is in the inbox at all).
_SHOWN_FIELDS = (RING, "name", "company", "title")


def _read_entries(session: Session, ids: frozenset[int]) -> tuple[InboxColumns, int]:
    """The inbox entries of `ids` (those unplaced now) and how many contacts there are."""
    from networkdesk.services import board, contacts

    return board.inbox_entries(session, ids=ids), contacts.count(session)


class InboxModel(QAbstractListModel):
    """Unplaced contacts, optionally narrowed by a case- and accent-insensitive search.

    Every entry is held as compact columns (services.inbox_columns); only the matches of a
    search are a list of entries (`_rows`, None when no search narrows the list)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all = InboxColumns()
        self._keys: list[str] | None = None
        self._rows: list[InboxEntry] | None = None
        self._search = ""
        self._unread = 0  # entries counted but not read yet (`set_entries` with a total)

    # --- content -----------------------------------------------------------------------------

    def set_entries(
        self, entries: InboxColumns | Iterable[InboxEntry], *, total: int | None = None
    ) -> None:
        """Show `entries`, newest first; with `total`, they are only the newest of that many
        (the desktop start's first paint): the rows after them stay blank until every entry
        is set."""
        self.beginResetModel()
        self._all = (
            entries if isinstance(entries, InboxColumns) else InboxColumns.from_entries(entries)
        )
        self._unread = max(0, total - len(self._all)) if total is not None else 0
        self._keys = None
        self._rows = self._filtered()
        self.endResetModel()

    def update_entries(self, ids: Collection[int], entries: InboxColumns) -> None:
        """Apply a change that names `ids`: `entries` are those of them in the inbox now (the
        others were placed on a ring or deleted). Only those rows arrive, leave or redraw."""
        fresh = {entry.id: entry for entry in entries.entries()}
        if self._rows is None:
            self._update_unfiltered(set(ids) | fresh.keys(), fresh)
        else:
            self._update_filtered(ids, fresh)

    def _update_unfiltered(self, wanted: set[int], fresh: dict[int, InboxEntry]) -> None:
        """No search: the rows are every entry, newest first. Each named contact is found by
        bisection, so a change costs O(changed × log n), not passes over 30,000 entries."""
        self._keys = None
        everyone = self._all
        for contact_id in wanted:
            at, present = everyone.place_of(contact_id)
            entry = fresh.get(contact_id)
            if present and entry is not None:
                everyone.replace(at, entry)
                self.dataChanged.emit(self.index(at, 0), self.index(at, 0))
            elif present:
                self.beginRemoveRows(QModelIndex(), at, at)
                everyone.delete(at)
                self.endRemoveRows()
            elif entry is not None:
                self.beginInsertRows(QModelIndex(), at, at)
                everyone.insert(at, entry)
                self.endInsertRows()

    def _update_filtered(self, ids: Collection[int], fresh: dict[int, InboxEntry]) -> None:
        """While a search narrows the list: the new list, filtered again, and a patch to it."""
        new_all = self._all.copy()
        for contact_id in set(ids) | fresh.keys():
            at, present = new_all.place_of(contact_id)
            entry = fresh.get(contact_id)
            if present and entry is not None:
                new_all.replace(at, entry)
            elif present:
                new_all.delete(at)
            elif entry is not None:
                new_all.insert(at, entry)
        old_rows = self._rows or []
        self._all, self._keys = new_all, None
        new_rows = self._filtered() or []
        patch = plan_patch([e.id for e in old_rows], [e.id for e in new_rows], fresh.keys())
        self._rows = list(old_rows)
        for first, last in patch.removals:
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        for first, last in patch.insertions:
            self.beginInsertRows(QModelIndex(), first, last)
            self._rows[first:first] = new_rows[first : last + 1]
            self.endInsertRows()
        self._rows = new_rows
        for row in patch.refreshed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def set_search(self, text: str) -> None:
        self.beginResetModel()
        self._search = text
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[InboxEntry] | None:
        """The entries matching the search, or None when there is no search (every entry)."""
        words = fold(self._search).split()
        if not words:
            return None
        everyone = self._all
        if self._keys is None:
            self._keys = [
                fold(" ".join(filter(None, parts)))
                for parts in zip(everyone.names, everyone.companies, everyone.titles, strict=True)
            ]
        return [
            everyone.entry(p)
            for p, key in enumerate(self._keys)
            if all(word in key for word in words)
        ]

    @property
    def total(self) -> int:
        return len(self._all) + self._unread

    @property
    def complete(self) -> bool:
        """Every entry is read (not only the newest of them)."""
        return not self._unread

    def entry(self, row: int) -> InboxEntry:
        return self._all.entry(row) if self._rows is None else self._rows[row]

    def id_at(self, row: int) -> int | None:
        """The contact of a row; None for a row not read yet."""
        if self._rows is None:
            return self._all.ids[row] if 0 <= row < len(self._all) else None
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: int) -> int | None:
        if self._rows is None:
            return self._all.position_of(contact_id)
        for row, entry in enumerate(self._rows):
            if entry.id == contact_id:
                return row
        return None

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._all) + self._unread if self._rows is None else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if self._rows is None and index.row() >= len(self._all):
            return None  # counted, not read yet: blank for the moment it takes
        entry = self.entry(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry.name
        if role == DetailRole:
            return " · ".join(part for part in (entry.title, entry.company) if part)
        if role == ContactIdRole:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole:
            detail = " at ".join(part for part in (entry.title, entry.company) if part)
            return plain_tooltip(
                "\n".join(filter(None, (entry.name, detail, "Drag onto a ring to place.")))
            )
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [CONTACT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({int(self.data(i, ContactIdRole)) for i in indexes if i.isValid()})
        return contact_ids_mime(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class InboxDelegate(QStyledItemDelegate):
    """Two lines per contact: the name, then title and company in a quieter colour."""

    ROW_HEIGHT = 42

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(200, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(10, 4, -8, -4)
        painter.save()
        name_font = QFont(option.font)
        name_font.setBold(True)
        painter.setFont(name_font)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        top = QRect(rect.left(), rect.top(), rect.width(), rect.height() // 2)
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(
            top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
        )
        detail = str(index.data(DetailRole) or "")
        if detail:
            painter.setFont(option.font)
            if not selected:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            bottom = QRect(rect.left(), top.bottom(), rect.width(), rect.height() - top.height())
            elided = painter.fontMetrics().elidedText(
                detail, Qt.TextElideMode.ElideRight, bottom.width()
            )
            painter.drawText(
                bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
            )
        painter.restore()


class InboxList(QTableView):
    """The list: drags contacts out, and takes contacts dropped on it back off their rings.

    A one-column table without headers or grid rather than a QListView: a list view lays out
    every row after each reset, one `rowCount()` call into Python per row (50-60 ms for the
    29,000 unplaced contacts of 30,000 at the first paint, 120-240 ms at 100,000), where a
    table's fixed-height rows cost nothing until they are painted (issue 13, P1)."""

    #: A context menu wanted at a point of the viewport.
    menuRequested = Signal(QPoint)

    def __init__(self, controller: MoveController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("inboxList")
        self.setAccessibleName("Inbox: contacts not placed on a ring")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text elides
        self.setItemDelegate(InboxDelegate(self))
        self.setAlternatingRowColors(False)
        # Read and moved through like a list: no headers, no grid, Tab leaves the list.
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(InboxDelegate.ROW_HEIGHT)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # A right-click at the pointer; the Menu key (or Shift+F10) at the current row.
        index = self.currentIndex()
        if event.reason() == QContextMenuEvent.Reason.Keyboard and index.isValid():
            self.menuRequested.emit(self.visualRect(index).center())
        else:
            self.menuRequested.emit(event.pos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter opens the current contact, like a double-click.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.doubleClicked.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.source() is not self and event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.source() is not self and event.mimeData().hasFormat(CONTACT_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = contact_ids_from_mime(event.mimeData())
        if event.source() is self or not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.controller.unplace(ids)


class InboxPanel(QWidget):
    """Heading, search field and the list of unplaced contacts."""

    def __init__(
        self,
        workspace: Workspace,
        controller: MoveController,
        parent: QWidget | None = None,
        *,
        item_actions: ItemActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.controller = controller
        self.item_actions = item_actions if item_actions is not None else ItemActions()
        self.contact_actions = contact_actions_of(workspace, self.item_actions, controller)
        self.contact_actions.add_selection_source(self, self.selected_ids)
        self.setObjectName("inboxPanel")
        self.setAccessibleName("Inbox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.heading = QLabel(self)
        self.heading.setObjectName("inboxHeading")
        self.heading.setAccessibleName("Inbox size")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.search = QLineEdit(self)
        self.search.setObjectName("inboxSearch")
        self.search.setAccessibleName("Search the inbox")
        self.search.setPlaceholderText("Search the inbox…")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = InboxModel(self)
        self.view = InboxList(controller, self)
        self.view.setModel(self.model)
        layout.addWidget(self.view, 1)
        self._syncing = False
        self.setMinimumWidth(180)
        self._update_heading()

        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(self._open)
        self.view.menuRequested.connect(self._context_menu)
        # The entries of changed contacts are read on a worker thread (two queries, ~20 ms at
        # 30,000 contacts) and patched in when they arrive.
        self.patches = PatchReads(workspace, _read_entries, self, name="networkdesk-inbox")
        self.patches.loaded.connect(self._patch)
        workspace.startRead.connect(self._show_start)
        workspace.startCompleted.connect(self._show_start_entries)
        workspace.changed.connect(self._workspace_changed)
        workspace.contactSelected.connect(self.select_contact)

    def sizeHint(self) -> QSize:
        return QSize(250, 600)

    def _show_start(self) -> None:
        """The window opens: the contacts on no ring, from the rows read with the database."""
        start = self.workspace.start
        if start is not None:
            self.model.set_entries(start.inbox(), total=start.inbox_count)
            self._update_heading(start.contact_count)

    def _show_start_entries(self) -> None:
        """The start snapshot now holds every contact: every entry (the newest are shown)."""
        start = self.workspace.start
        if start is not None and not self.model.complete:
            self.model.set_entries(start.inbox())

    def _workspace_changed(self, areas: object) -> None:
        if self.workspace.shows_start(areas):
            return  # the inbox shows what the opening read
        if not areas_touch(areas, CONTACTS, COMPANIES):
            return
        ids = change_ids(areas, CONTACTS, also_shown=(COMPANIES,))
        if ids is None or not self.workspace.is_open:
            self.refresh()
            return
        if not fields_touch(areas, CONTACTS, *_SHOWN_FIELDS):
            return  # e.g. notes or e-mails: nothing the inbox shows
        self.patches.request(ids)

    def _patch(self, ids: frozenset[int], read: tuple[InboxColumns, int]) -> None:
        entries, everyone = read
        self.model.update_entries(ids, entries)
        self._update_heading(everyone)

    def refresh(self) -> None:
        if not self.workspace.is_open:
            return
        self.patches.cancel()  # what they would bring is in this read
        from networkdesk.services import board, contacts

        entries, everyone = self.workspace.read(
            lambda s: (board.inbox_entries(s), contacts.count(s))
        )
        current = self.workspace.selected_contact_id
        self.model.set_entries(entries)
        self._update_heading(everyone)
        if current:
            self.select_contact(current)

    def _update_heading(self, everyone: int | None = None) -> None:
        total = self.model.total
        if total == 0 and everyone is None:
            self.heading.setText("")  # the database is not open yet
        elif total == 0 and everyone == 0:
            self.heading.setText("No contacts yet. New contacts and imports wait here.")
        elif total == 0:
            self.heading.setText("Nobody waiting: every contact is on a ring.")
        else:
            self.heading.setText(f"{count_of(total, 'contact')} not placed yet — drag onto a ring.")

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)

    def selected_ids(self) -> list[int]:
        """The selected contacts in list order (the current one when none is selected)."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        ids = [cid for cid in map(self.model.id_at, rows) if cid is not None]
        if not ids and self.view.currentIndex().isValid():
            ids = [int(self.view.currentIndex().data(ContactIdRole))]
        return ids

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._search_key(event):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        """Down goes into the list; Enter opens the match (the current one, else the first);
        Delete with an empty field deletes the selected contacts."""
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
            if not self.view.currentIndex().isValid():
                self._select_row(0)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
            if not self.view.currentIndex().isValid():
                self._select_row(0)
            self._open(self.view.currentIndex())
            return True
        if key == Qt.Key.Key_Delete and not self.search.text() and self.selected_ids():
            self.contact_actions.delete(self.selected_ids())
            return True
        return False

    def _select_row(self, row: int) -> None:
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.workspace.select_contact(int(current.data(ContactIdRole)))

    def select_contact(self, contact_id: int) -> None:
        current = self.view.currentIndex()
        if contact_id and current.isValid() and current.data(ContactIdRole) == contact_id:
            return  # our own click (Ctrl+click adds to the selection: keep it)
        row = self.model.row_of(contact_id) if contact_id else None
        self._syncing = True
        try:
            if row is None:
                self.view.clearSelection()
                return
            index = self.model.index(row, 0)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.view.scrollTo(index)
        finally:
            self._syncing = False

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.workspace.request_open_contact(int(index.data(ContactIdRole)))

    def _context_menu(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        clicked = int(index.data(ContactIdRole))
        selected = self.selected_ids()
        ids = selected if clicked in selected else [clicked]
        menu = contact_menu.contact_menu(self.contact_actions, ids, self)
        menu.exec(self.view.viewport().mapToGlobal(pos))
