"""The contacts table: every contact, sortable by any column, searched as you type.

Ctrl/Shift-click selects several contacts; the context menu and Delete act on the selection
(`ui.contact_actions`, one undo step). From the search field, Down moves into the table and Enter
opens the match; Delete there deletes the selection while the field is empty. Name, company,
ring and stage come first and share the width the panel has; the header's context menu chooses
the columns, remembered in the window settings.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.plural import count_of
from networkdesk.services import settings
from networkdesk.services.contact_columns import ContactColumns
from networkdesk.ui import contact_menu, window_settings
from networkdesk.ui.contact_actions import contact_actions_of
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.contacts_table_model import (
    COMPANY,
    HEADERS,
    LAST_MEETING,
    NAME,
    NEXT_FOLLOWUP,
    RING,
    STAGE,
    TITLE,
    ContactsTableModel,
)
from networkdesk.ui.models.row_patch import change_ids
from networkdesk.ui.views.steady_scrollbar import SteadyScrollBar
from networkdesk.ui.views.table_style import compact_rows
from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    MEETINGS,
    SETTINGS,
    areas_touch,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace


def _table_rows(session: Session, ids: Collection[int] | None = None) -> ContactColumns:
    # Imported when first read: the panel is built for the first paint, which the desktop
    # start shows before SQLAlchemy is loaded (issue 13, P1; ui/application.py).
    from networkdesk.services.contact_rows import table_rows

    return table_rows(session, ids=ids)


#: Besides contacts, what the rows show: a change to these reloads the whole table.
_ROW_AREAS = (COMPANIES, MEETINGS, FOLLOWUPS, SETTINGS)

#: The order the columns are shown in: what tells contacts apart and where they are first.
_SHOWN_ORDER = (NAME, COMPANY, RING, STAGE, TITLE, LAST_MEETING, NEXT_FOLLOWUP)
#: Widths (in average characters) of the columns after the first four.
_OTHER_WIDTHS = {TITLE: 18, LAST_MEETING: 12, NEXT_FOLLOWUP: 13}


class ContactsTableView(QTableView):
    """Enter opens the current contact, like a double-click."""

    openRequested = Signal(QModelIndex)
    resized = Signal()
    #: A context menu wanted at a point of the viewport.
    menuRequested = Signal(QPoint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # A right-click at the pointer; the Menu key (or Shift+F10) at the current row.
        index = self.currentIndex()
        if event.reason() == QContextMenuEvent.Reason.Keyboard and index.isValid():
            self.menuRequested.emit(self.visualRect(index).center())
        else:
            self.menuRequested.emit(event.pos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openRequested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class ContactsPanel(QWidget):
    """Search field, count and the `contactsTable` view."""

    newContactRequested = Signal()
    scheduleMeetingRequested = Signal(int)
    logMeetingRequested = Signal(int)
    newFollowupRequested = Signal(int)
    deleteRequested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        item_actions: ItemActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.item_actions = item_actions if item_actions is not None else ItemActions()
        self.setObjectName("contactsPanel")
        self.setAccessibleName("Contacts")
        self._syncing = False
        self._stale = True  # nothing loaded yet
        self._ring_names: list[str] = list(settings.DEFAULTS["ring_names"])

        self.model = ContactsTableModel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("contactsSearch")
        self.search.setPlaceholderText("Search name, company, title, tags, notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search contacts")
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)

        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Number of contacts shown")
        self.new_button = QPushButton("New contact", self)
        self.new_button.setAccessibleName("New contact")
        self.new_button.clicked.connect(self.newContactRequested)

        self.table = ContactsTableView(self)
        self.table.setObjectName("contactsTable")
        self.table.setAccessibleName("Contacts table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Tab leaves the table for the next control instead of walking its cells.
        self.table.setTabKeyNavigation(False)
        compact_rows(self.table)
        # Each keystroke of a search changes the range: repaint the bar only when it shows. The
        # scroll area repaints both bars after each such change (its re-layout of them): both
        # draw an unchanged look from a cached pixmap (~1.1 ms a bar in Fusion otherwise).
        scroll_bar = SteadyScrollBar(Qt.Orientation.Vertical, self.table)
        scroll_bar.setObjectName("contactsTableScrollBar")
        scroll_bar.setAccessibleName("Scroll the contacts")
        self.table.setVerticalScrollBar(scroll_bar)
        sideways = SteadyScrollBar(Qt.Orientation.Horizontal, self.table)
        sideways.setObjectName("contactsTableSidewaysScrollBar")
        sideways.setAccessibleName("Scroll the contacts' columns")
        self.table.setHorizontalScrollBar(sideways)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        for visual, column in enumerate(_SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        #: False until the user resized, moved or hid a column (or a saved layout exists):
        #: until then the first four columns share the panel's width.
        self._columns_customised = False
        self._restoring_columns = False
        self._restore_columns()
        header.sectionResized.connect(self._column_resized)
        self.table.resized.connect(self.fit_columns)
        header.sectionMoved.connect(lambda *_: self._columns_changed())
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.menuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(self._open_index)
        self.table.openRequested.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_count())

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        workspace.startRead.connect(self._show_start)
        workspace.startCompleted.connect(self._show_start_rows)
        workspace.changed.connect(self._on_changed)
        workspace.contactSelected.connect(self.show_contact)
        self.contact_actions = contact_actions_of(workspace, self.item_actions)
        self.contact_actions.add_selection_source(self, self.selected_ids)
        if workspace.is_open:
            self.reload()

    def sizeHint(self) -> QSize:
        # Wide enough for name and company side by side, and for the dock's four tab titles.
        return QSize(460, 600)

    # --- data ---------------------------------------------------------------------------

    def _show_start(self) -> None:
        """The window opens: show the rows read with the database (no query of our own)."""
        start = self.workspace.start
        if start is None:
            return
        if not self.isVisible():
            self._stale = True  # read when the panel is shown
            return
        self._stale = False
        self._fill(start.rows, start.ring_names, total=start.contact_count)

    def _show_start_rows(self) -> None:
        """The start snapshot now holds every row: show them (the first ones are shown)."""
        start = self.workspace.start
        if start is not None and not self._stale and not self.model.complete:
            self._fill(start.rows, start.ring_names)

    def _on_changed(self, areas: Any) -> None:
        if self.workspace.shows_start(areas) and not self._stale:
            return  # the rows shown are those the opening read
        if areas_touch(areas, CONTACTS, COMPANIES, MEETINGS, FOLLOWUPS, SETTINGS):
            # Reading 30,000 rows costs a few hundred ms: while the panel is hidden (a tab
            # behind another dock), only remember to do it when it is shown again.
            if not self.isVisible():
                self._stale = True
                return
            ids = change_ids(areas, CONTACTS, also_shown=_ROW_AREAS)
            if ids is not None and not self._stale:
                self.update_contacts(ids)
            else:
                self.reload()

    def update_contacts(self, ids: Collection[int]) -> None:
        """Read and update only the rows of `ids` (created, edited or deleted contacts)."""
        if not self.workspace.is_open:
            return
        rows = self.workspace.read(lambda s: _table_rows(s, ids=ids))
        self._syncing = True
        try:
            self.model.update_rows(ids, rows)
        finally:
            self._syncing = False
        self._update_count()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        if not self.workspace.is_open:
            return
        self._stale = False
        rows, ring_names = self.workspace.read(
            lambda s: (_table_rows(s), settings.RING_NAMES.get(s))
        )
        self._fill(rows, ring_names)

    def _fill(
        self, rows: ContactColumns, ring_names: Sequence[str], *, total: int | None = None
    ) -> None:
        """Show `rows` (the first of `total`, when given), keeping the current contact and a
        selection of several."""
        selected = self.selected_contact_id()
        several = self.selected_ids() if len(self.table.selectionModel().selectedRows()) > 1 else []
        self._syncing = True
        try:
            self.model.set_rows(rows, ring_names, total=total)
            self._ring_names = list(ring_names)
            if selected is not None:
                self._select_row_of(selected)
            if several:
                self._reselect(several)
        finally:
            self._syncing = False
        self._update_count()

    def _search_changed(self, text: str) -> None:
        # A search that widens the rows (Backspace, a cleared field) may reset the model and
        # drop the current row: the contact the user was on stays current while it is shown.
        current = self.selected_contact_id()
        self.model.set_search(text)
        if current is not None and self.selected_contact_id() != current:
            self._select_row_of(current)
        self._update_count()
        self._follow_filter()

    def _follow_filter(self) -> None:
        """After a search changed the rows: the current contact stays in sight while it is
        shown, else the matches start at the top (not wherever the old scroll position lands)."""
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index)
        else:
            self.table.scrollToTop()

    def _reselect(self, contact_ids: list[int]) -> None:
        """Select these contacts again after a reload (a bulk action keeps its selection for
        the next one)."""
        wanted = set(contact_ids)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        rows = [r for r in range(self.model.rowCount()) if self.model.contact_id_at(r) in wanted]
        # One range per run of neighbouring rows (after Ctrl+A: one range, not 30,000).
        runs: list[list[int]] = []
        for row in rows:
            if runs and row == runs[-1][1] + 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        for first, end in runs:
            selection.select(self.model.index(first, 0), self.model.index(end, last))
        self.table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            text = count_of(total, "contact")
        else:
            text = f"{shown:,} of {count_of(total, 'contact')}"
        selected = len(self.table.selectionModel().selectedRows())
        if selected > 1:
            text += f" · {selected:,} selected"
        self.count_label.setText(text)

    # --- selection ----------------------------------------------------------------------

    def selected_contact_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.contact_id_at(index.row())

    def selected_ids(self) -> list[int]:
        """The selected contacts, in table order (the current one when none is selected)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [cid for cid in map(self.model.contact_id_at, rows) if cid is not None]
        if not ids:
            current = self.selected_contact_id()
            return [current] if current is not None else []
        return ids

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        contact_id = self.model.contact_id_at(current.row()) if current.isValid() else None
        self.workspace.select_contact(contact_id)

    def show_contact(self, contact_id: int) -> None:
        """Follow a selection made elsewhere (canvas, agenda...)."""
        if self._syncing or contact_id == self.selected_contact_id():
            return
        self._syncing = True
        try:
            if contact_id:
                self._select_row_of(contact_id)
            else:
                self.table.clearSelection()
        finally:
            self._syncing = False

    def _select_row_of(self, contact_id: int) -> None:
        row = self.model.row_of(contact_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._search_key(event):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        """Down and Page Down go into the table; Enter opens the match (the current row, else
        the first); Escape clears the search (the current contact stays in sight); Delete with
        an empty field deletes the selected contacts."""
        key = event.key()
        if key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()  # the current contact stays current (_search_changed)
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self._select_row(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
            index = self.table.currentIndex()
            if not index.isValid():
                self._select_row(0)
                index = self.table.currentIndex()
            self._open_index(index)
            return True
        if key == Qt.Key.Key_Delete and not self.search.text() and self.selected_ids():
            self.contact_actions.delete(self.selected_ids())
            return True
        return False

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    # --- actions ------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        contact_id = self.model.contact_id_at(index.row())
        if contact_id is not None:
            self.workspace.request_open_contact(contact_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        contact_id = self.model.contact_id_at(index.row()) if index.isValid() else None
        if contact_id is None:
            return
        menu = self.build_menu(contact_id)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def build_menu(self, contact_id: int) -> QMenu:
        """The window's contact menu, for the selection when `contact_id` is part of it."""
        selected = self.selected_ids()
        ids = selected if contact_id in selected else [contact_id]
        return contact_menu.contact_menu(self.contact_actions, ids, self)

    # --- columns ------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Until the user arranges the columns: name, company, ring and stage share the
        table's width (ring and stage as wide as their longest word, name and company the
        rest), so all four show without scrolling; the other columns follow."""
        if self._columns_customised:
            return
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        pad = char + 10
        header = self.table.horizontalHeader()
        # Ring names are short; the longest stages elide ("Meeting sch…", full in the tooltip).
        ring = max(metrics.horizontalAdvance(n) for n in (*self._ring_names, "Inbox")) + pad
        ring = min(max(ring, metrics.horizontalAdvance(HEADERS[RING]) + pad), 14 * char)
        stage = metrics.horizontalAdvance("Following up") + pad
        room = self.table.viewport().width() - ring - stage
        name = max(6 * char, room * 11 // 20)
        company = max(5 * char, room - name)
        self._restoring_columns = True
        try:
            for column, width in ((NAME, name), (COMPANY, company), (RING, ring), (STAGE, stage)):
                header.resizeSection(column, width)
            for column, chars in _OTHER_WIDTHS.items():
                header.resizeSection(column, metrics.averageCharWidth() * chars + pad)
        finally:
            self._restoring_columns = False

    def _column_resized(self, *_args: object) -> None:
        if not self._restoring_columns and self.table.isVisible():
            self._columns_changed()

    def _columns_changed(self) -> None:
        if self._restoring_columns:
            return
        self._columns_customised = True
        window_settings.CONTACTS_TABLE_HEADER.set(self.table.horizontalHeader().saveState())

    def _restore_columns(self) -> None:
        state = window_settings.CONTACTS_TABLE_HEADER.get()
        if state.isEmpty():
            return
        self._restoring_columns = True
        try:
            self._columns_customised = self.table.horizontalHeader().restoreState(state)
        finally:
            self._restoring_columns = False

    def reset_columns(self) -> None:
        """Back to the default columns, order and widths."""
        header = self.table.horizontalHeader()
        self._restoring_columns = True
        try:
            for visual, column in enumerate(_SHOWN_ORDER):
                header.setSectionHidden(column, False)
                header.moveSection(header.visualIndex(column), visual)
        finally:
            self._restoring_columns = False
        self._columns_customised = False
        window_settings.CONTACTS_TABLE_HEADER.clear()
        self.fit_columns()

    def column_menu(self) -> QMenu:
        """Which columns show (Name always does), and a way back to the default layout."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("contactsColumnMenu")
        menu.setAccessibleName("Columns")
        for column in _SHOWN_ORDER:
            action = QAction(HEADERS[column], menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != NAME)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction("Default columns")
        reset.triggered.connect(self.reset_columns)
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self._columns_changed()

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        self.column_menu().exec(header.mapToGlobal(pos))
