"""Tools → Review changes…: the job, title, company and location changes a re-import found (and
values a merge set aside), with a suggestion to review each person's ring: a new job can bring
someone closer to a target company, or take them away from it.

Right-click a row for the contact menu (open, move to a ring...); Mark reviewed takes rows off
the list, as one undo step (`records.reviewed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.plural import count_of
from networkdesk.services import contacts
from networkdesk.services.changes import RING
from networkdesk.services.importing.review import pending_changes
from networkdesk.services.records.reviewed import mark_reviewed
from networkdesk.ui import contact_menu
from networkdesk.ui.contact_actions import ContactActions
from networkdesk.ui.controllers.commands import apply
from networkdesk.ui.views.table_style import compact_rows
from networkdesk.ui.workspace import CONTACTS, SETTINGS, areas_touch, fields_touch

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace

_FIELD_LABELS = {
    "company": "Company",
    "title": "Title",
    "location": "Location",
    "name": "Name",
    "linkedin_url": "LinkedIn profile",
    "how_met": "How you met",
}
#: Changes that say the person's job changed: worth a look at their ring.
JOB_FIELDS = frozenset({"company", "title"})
_CONTACT_ID = Qt.ItemDataRole.UserRole + 1
_CHANGE_ID = Qt.ItemDataRole.UserRole + 2
HEADERS = ("Contact", "What", "Before", "Now", "Ring", "From")


def _rows(session: Session) -> list[dict[str, Any]]:
    rows = pending_changes(session)
    rings: dict[int, int | None] = {}
    for row in rows:
        cid = row["contact_id"]
        if cid not in rings:
            rings[cid] = contacts.get(session, cid).ring
        row["ring"] = rings[cid]
    return rows


class ReviewChangesDialog(QDialog):
    def __init__(
        self, workspace: Workspace, actions: ContactActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.contact_actions = actions
        self.setObjectName("reviewChangesDialog")
        self.setWindowTitle("Review changes")
        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("reviewChangesTable")
        self.table.setAccessibleName("Changes to review")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))

        self.open_button = QPushButton("Open contact", self)
        self.open_button.setObjectName("reviewOpenButton")
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentRow()))
        self.reviewed_button = QPushButton("Mark reviewed", self)
        self.reviewed_button.setObjectName("markReviewedButton")
        self.reviewed_button.clicked.connect(self.mark_selected_reviewed)
        self.all_button = QPushButton("Mark all reviewed", self)
        self.all_button.setObjectName("markAllReviewedButton")
        self.all_button.clicked.connect(self.mark_all_reviewed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.reviewed_button)
        row.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        width, height = 860, 520
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)
        # A bound slot: disconnected by Qt when the dialog is deleted (a lambda would not be).
        workspace.changed.connect(self._workspace_changed)
        self.reload()

    def _workspace_changed(self, changes: object) -> None:
        # The rows name a contact and its ring; imports, merges and "mark reviewed" name the
        # contacts without fields, so they reload it too. A title edit or a drag along a ring
        # does not.
        if areas_touch(changes, SETTINGS) or fields_touch(changes, CONTACTS, "name", RING):
            self.reload()

    def reload(self) -> None:
        rows = self.workspace.read(_rows) if self.workspace.is_open else []
        names = self.contact_actions.ring_names()
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            ring = row["ring"]
            values = (
                row["contact"],
                _FIELD_LABELS.get(row["field"], row["field"]),
                row["old"] or "—",
                row["new"] or "—",
                "Inbox" if ring is None else names[ring],
                "a merge" if row["source"] == "merge" else "an import",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setData(_CONTACT_ID, row["contact_id"])
                item.setData(_CHANGE_ID, row["id"])
                self.table.setItem(number, column, item)
        self.table.resizeColumnsToContents()
        for column in range(len(HEADERS)):
            width = min(self.table.columnWidth(column), 220)
            self.table.setColumnWidth(column, width)
        self._summarise(rows)

    def _summarise(self, rows: list[dict[str, Any]]) -> None:
        has = bool(rows)
        for button in (self.open_button, self.reviewed_button, self.all_button):
            button.setEnabled(has)
        if not has:
            self.summary.setText("Nothing to review: no import changed anyone's job or title.")
            return
        moved = {r["contact_id"] for r in rows if r["field"] in JOB_FIELDS}
        text = f"{count_of(len(rows), 'change')} to review."
        if moved:
            text += (
                f" {count_of(len(moved), 'contact')} changed job or title: a new job can bring "
                "someone closer to a target company, or take them away from it. Review their "
                "ring (right-click → Move to ring), then mark the change reviewed."
            )
        self.summary.setText(text)

    # --- rows ---------------------------------------------------------------------------

    def _contact_at(self, row: int) -> int | None:
        item = self.table.item(row, 0)
        return int(item.data(_CONTACT_ID)) if item is not None else None

    def selected_change_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        items = [self.table.item(row, 0) for row in rows]
        return [int(item.data(_CHANGE_ID)) for item in items if item is not None]

    def _open_row(self, row: int) -> None:
        contact_id = self._contact_at(row)
        if contact_id is not None:
            self.contact_actions.open(contact_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        contact_id = self._contact_at(index.row()) if index.isValid() else None
        if contact_id is None:
            return
        menu = contact_menu.contact_menu(self.contact_actions, [contact_id], self)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def mark_selected_reviewed(self) -> None:
        self._mark(self.selected_change_ids())

    def mark_all_reviewed(self) -> None:
        rows = range(self.table.rowCount())
        items = [self.table.item(row, 0) for row in rows]
        self._mark([int(item.data(_CHANGE_ID)) for item in items if item is not None])

    def _mark(self, change_ids: list[int]) -> None:
        if change_ids:
            apply(self.workspace, lambda s: mark_reviewed(s, change_ids))
            self.reload()
