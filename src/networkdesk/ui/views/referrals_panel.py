"""Referrals: who referred the user on to whom, with status; list, add, edit and delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import ReferralStatus
from networkdesk.domain.fields import ReferralFields
from networkdesk.domain.models import Referral
from networkdesk.services import contacts, referrals
from networkdesk.services.contact_rows import contact_choices
from networkdesk.ui import contact_menu
from networkdesk.ui.background_read import BackgroundRead
from networkdesk.ui.contact_actions import contact_actions_of
from networkdesk.ui.controllers import edits
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.referrals_model import ReferralRow, ReferralsModel, load_referrals
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.contact_picker import ContactPicker
from networkdesk.ui.views.dialog_layout import lay_out_editor
from networkdesk.ui.views.feedback import attempt, open_dialog, show_error
from networkdesk.ui.views.table_style import compact_rows
from networkdesk.ui.views.unsaved_changes import guard_dialog
from networkdesk.ui.workspace import (
    MEETINGS,
    REFERRALS,
    areas_touch,
    shown_contacts_touch,
)

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

#: Rows measured when the columns are fitted to their contents (Qt measures 1,000 by default).
RESIZE_PRECISION_ROWS = 100


def referral_values(referral: Referral) -> dict[str, Any]:
    """A referral's editable fields in the shapes the dialog's form gives them."""
    return {"status": referral.status, "note": referral.note}


class ReferralDialog(QDialog):
    """Edit a referral's status and note, or add one from a contact to another."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        referral_id: int | None = None,
        from_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.referral_id = referral_id
        self.from_id = from_id
        self.saved_id: int | None = None
        self.setObjectName("referralDialog")
        data = workspace.read(self._read)
        # edit_conflict: the version and values read, to tell a change made elsewhere since.
        self._read_version: int | None = data.get("version")
        self._read_values: dict[str, Any] = {
            "status": ReferralStatus(data["status"]),
            "note": data["note"],
        }
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status")
        for status in ReferralStatus:
            self.status_combo.addItem(status.label, status.value)
        self.status_combo.setCurrentIndex(self.status_combo.findData(data["status"]))
        self.note_edit = QPlainTextEdit(data["note"] or "", self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        form = QFormLayout()
        from_label = QLabel(data["from_name"], self)
        from_label.setTextFormat(Qt.TextFormat.PlainText)
        from_label.setAccessibleName("Referred by")
        form.addRow("Referred by", from_label)
        self.picker: ContactPicker | None = None
        if referral_id is None:
            self.setWindowTitle(f"New referral from {data['from_name']}")
            self.picker = ContactPicker(data["choices"], self)
            self.picker.setAccessibleName("Referred to")
            form.addRow("Referred &to", self.picker)
        else:
            self.setWindowTitle("Referral")
            to_label = QLabel(data["to_name"], self)
            to_label.setTextFormat(Qt.TextFormat.PlainText)
            to_label.setAccessibleName("Referred to")
            form.addRow("Referred to", to_label)
        form.addRow("&Status", self.status_combo)
        form.addRow("&Note", self.note_edit)
        lay_out_editor(self, form, self.save)
        self.resize(480, 300)
        widgets: dict[str, QWidget] = {"status": self.status_combo, "note": self.note_edit}
        if self.picker is not None:
            widgets["to"] = self.picker
        key = f"referral-{referral_id}" if referral_id is not None else f"referral-new-{from_id}"
        self.guard = guard_dialog(
            self,
            widgets,
            what="this referral",
            save=self.save,
            workspace=workspace,
            draft_key=key,
        )

    def reject(self) -> None:
        """Escape, Cancel and the close button ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def _read(self, session: Any) -> dict[str, Any]:
        if self.referral_id is not None:
            r = referrals.get(session, self.referral_id)
            return {
                "from_name": r.from_contact.name,
                "to_name": r.to_contact.name,
                "status": r.status.value,
                "note": r.note,
                "version": r.version,
            }
        assert self.from_id is not None
        return {
            "from_name": contacts.get(session, self.from_id).name,
            "status": ReferralStatus.SUGGESTED.value,
            "note": None,
            "choices": [c for c in contact_choices(session) if c[0] != self.from_id],
        }

    def save(self) -> None:
        status = ReferralStatus(self.status_combo.currentData())
        note = self.note_edit.toPlainText() or None
        if self.referral_id is not None:
            referral_id = self.referral_id
            # Only what the person changed is saved: a field changed elsewhere and left alone
            # here keeps its new value.
            changed = edit_conflict.changed_fields(
                self._read_values, {"status": status, "note": note}
            )
            if not changed:
                self.saved_id = referral_id
                self.accept()
                return

            def save_edit() -> int:
                edits.edit_referral(
                    self.workspace, referral_id, ReferralFields.from_values(changed)
                )
                return referral_id

            def save_checked() -> int | edit_conflict.Choice:
                return edit_conflict.save_unless_changed(
                    self,
                    self.workspace,
                    Referral,
                    referral_id,
                    self._read_version,
                    "This referral",
                    self._read_values,
                    changed,
                    lambda s: referral_values(referrals.get(s, referral_id)),
                    save_edit,
                )

            checked = attempt(self, "Cannot save the referral", save_checked)
            if checked is edit_conflict.Choice.TAKE_THEIRS:
                edit_conflict.close_taking_theirs(self, self.guard)
                return
            saved = None if isinstance(checked, edit_conflict.Choice) else checked
        else:
            assert self.picker is not None
            assert self.from_id is not None
            to_id = self.picker.contact_id()
            if to_id is None:
                show_error(self, "Cannot save the referral", "Pick the contact referred to.")
                return
            from_id = self.from_id
            saved = attempt(
                self,
                "Cannot save the referral",
                lambda: edits.add_referral(self.workspace, from_id, to_id, status, note),
            )
        if saved is not None:
            self.saved_id = saved
            self.accept()


class ReferralsPanel(QWidget):
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
        self.setObjectName("referralsPanel")
        self.setAccessibleName("Referrals")
        self.model = ReferralsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("referralsTable")
        self.view.setAccessibleName("Referrals table")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        compact_rows(self.view)
        self.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # newest first
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Fitting the columns measures this many rows, not all of them (0.2 s at thousands).
        self.view.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setAccessibleName("Edit referral")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete referral")
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        # A renamed contact: its referrals are read again on a worker thread.
        self.loader = BackgroundRead(workspace, load_referrals, self, name="networkdesk-referrals")
        self.loader.loaded.connect(self._show)
        workspace.changed.connect(self._on_changed)
        if workspace.is_open:
            self.reload()

    def _on_changed(self, areas: Any) -> None:
        if areas_touch(areas, REFERRALS, MEETINGS):
            self.reload()
        elif shown_contacts_touch(areas, self._shown_contacts(), "name"):
            self.loader.request()

    def _shown_contacts(self) -> set[int]:
        return {i for row in self.model.rows() for i in (row.from_id, row.to_id)}

    def reload(self) -> None:
        if not self.workspace.is_open:
            return
        self.loader.cancel()
        self._show(self.workspace.read(lambda s: load_referrals(s)))

    def _show(self, rows: list[ReferralRow]) -> None:
        current = self.current_id()
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.view.resizeColumnsToContents()
        if current is not None and (row := self.model.row_of(current)) is not None:
            self.view.selectRow(row)
        self._update_buttons()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def edit_current(self) -> None:
        referral_id = self.current_id()
        if referral_id is not None:
            open_dialog(ReferralDialog(self.workspace, referral_id=referral_id, parent=self))

    def delete_current(self) -> None:
        referral_id = self.current_id()
        if referral_id is not None:
            attempt(
                self,
                "Cannot delete the referral",
                lambda: edits.delete_referral(self.workspace, referral_id),
            )

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Edit…").triggered.connect(lambda _c=False: self.edit_current())
        menu.addAction(f"Open {row.from_name}…").triggered.connect(
            lambda _c=False: self.workspace.request_open_contact(row.from_id)
        )
        menu.addAction(f"Open {row.to_name}…").triggered.connect(
            lambda _c=False: self.workspace.request_open_contact(row.to_id)
        )
        # Each contact's own menu (the same everywhere), under their names.
        menu.addSeparator()
        actions = contact_actions_of(self.workspace, self.item_actions)
        contact_menu.add_contact_submenu(menu, actions, row.from_id, row.from_name)
        contact_menu.add_contact_submenu(menu, actions, row.to_id, row.to_name)
        menu.addSeparator()
        menu.addAction("Delete").triggered.connect(lambda _c=False: self.delete_current())
        menu.exec(self.view.viewport().mapToGlobal(pos))
