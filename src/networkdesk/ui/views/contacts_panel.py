"""The contacts table: every contact, sortable by any column, searched as you type."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
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

from networkdesk.services import settings
from networkdesk.services.contact_rows import table_rows
from networkdesk.ui import item_actions
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.contacts_table_model import (
    COMPANY,
    NAME,
    TITLE,
    ContactsTableModel,
)
from networkdesk.ui.models.row_patch import change_ids
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
    from networkdesk.ui.workspace import Workspace

#: Besides contacts, what the rows show: a change to these reloads the whole table.
_ROW_AREAS = (COMPANIES, MEETINGS, FOLLOWUPS, SETTINGS)


class ContactsTableView(QTableView):
    """Enter opens the current contact, like a double-click."""

    openRequested = Signal(QModelIndex)

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

        self.model = ContactsTableModel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("contactsSearch")
        self.search.setPlaceholderText("Search name, company, title, tags, notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search contacts")
        self.search.textChanged.connect(self.model.set_search)
        self.search.textChanged.connect(self._update_count)

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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((NAME, 170), (COMPANY, 150), (TITLE, 170)):
            header.resizeSection(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(self._open_index)
        self.table.openRequested.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        workspace.changed.connect(self._on_changed)
        workspace.contactSelected.connect(self.show_contact)
        if workspace.is_open:
            self.reload()

    def sizeHint(self) -> QSize:
        # Wide enough for name and company side by side, and for the dock's four tab titles.
        return QSize(460, 600)

    # --- data ---------------------------------------------------------------------------

    def _on_changed(self, areas: Any) -> None:
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
        rows = self.workspace.read(lambda s: table_rows(s, ids=ids))
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
            lambda s: (table_rows(s), settings.RING_NAMES.get(s))
        )
        selected = self.selected_contact_id()
        self._syncing = True
        try:
            self.model.set_rows(rows, ring_names)
            if selected is not None:
                self._select_row_of(selected)
        finally:
            self._syncing = False
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            self.count_label.setText(f"{total:,} contacts")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} contacts")

    # --- selection ----------------------------------------------------------------------

    def selected_contact_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.contact_id_at(index.row())

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

    # --- actions ------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        contact_id = self.model.contact_id_at(index.row())
        if contact_id is not None:
            self.workspace.openContactRequested.emit(contact_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        contact_id = self.model.contact_id_at(index.row()) if index.isValid() else None
        if contact_id is None:
            return
        menu = self.build_menu(contact_id)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def build_menu(self, contact_id: int) -> QMenu:
        menu = QMenu(self)
        menu.setAccessibleName("Contact actions")

        def add(text: str, slot: Any) -> QAction:
            action = menu.addAction(text)
            action.triggered.connect(slot)
            return action

        add("Open…", lambda: self.workspace.openContactRequested.emit(contact_id))
        add("Schedule meeting…", lambda: self.scheduleMeetingRequested.emit(contact_id))
        add("Log meeting…", lambda: self.logMeetingRequested.emit(contact_id))
        add("New follow-up…", lambda: self.newFollowupRequested.emit(contact_id))
        extra = self.item_actions.actions_for(item_actions.CONTACT, contact_id, menu)
        if extra:
            menu.addSeparator()
            for action in extra:
                menu.addAction(action)
        menu.addSeparator()
        add("Delete", lambda: self.deleteRequested.emit(contact_id))
        return menu
