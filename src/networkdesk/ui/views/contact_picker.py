"""Picking a contact by typing (a completer over every contact), and the "referrals from this
meeting" list where each person is an existing contact or a new one created on save."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from networkdesk.services.meeting_log import ReferralGained
from networkdesk.ui.plain_text import plain_tooltip

Choice = tuple[int, str, str | None]  # (id, name, company)


def choice_label(name: str, company: str | None) -> str:
    return f"{name} — {company}" if company else name


class ContactPicker(QLineEdit):
    """Type a name: the completer offers existing contacts ("Name — Company"); text that names
    no contact is a new person."""

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Contact")
        self.setPlaceholderText("Type a name: pick a contact or add a new person")
        self._by_label: dict[str, int] = {}
        labels: list[str] = []
        for cid, name, company in choices:
            label = choice_label(name, company)
            if label in self._by_label:
                label = f"{label} (#{cid})"
            self._by_label[label] = cid
            labels.append(label)
        completer = QCompleter(QStringListModel(labels, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)

    def contact_id(self) -> int | None:
        """The chosen contact, or None when the text names no existing contact."""
        text = self.text().strip()
        if text in self._by_label:
            return self._by_label[text]
        return None

    def set_contact(self, contact_id: int) -> None:
        for label, cid in self._by_label.items():
            if cid == contact_id:
                self.setText(label)
                return


class ReferralsGainedEditor(QWidget):
    """People the contact referred the user to, collected before saving."""

    changed = Signal()

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Referrals from this meeting")
        self._items: list[ReferralGained] = []
        self._names = {cid: choice_label(name, company) for cid, name, company in choices}
        self.picker = ContactPicker(choices, self)
        self.picker.setAccessibleName("Referred person")
        self.company_edit = QLineEdit(self)
        self.company_edit.setAccessibleName("New person's company")
        self.company_edit.setPlaceholderText("Company (for a new person)")
        self.add_button = QPushButton("Add", self)
        self.add_button.setAccessibleName("Add referral")
        self.add_button.clicked.connect(self.add_from_fields)
        self.picker.returnPressed.connect(self.add_from_fields)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Referrals to record")
        self.list.setMinimumHeight(56)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove referral")
        self.remove_button.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.picker, 3)
        row.addWidget(self.company_edit, 2)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.remove_button)
        layout.addLayout(bottom)

    def add_from_fields(self) -> None:
        text = self.picker.text().strip()
        if not text:
            return
        cid = self.picker.contact_id()
        if cid is not None:
            self.add(ReferralGained(contact_id=cid))
        else:
            self.add(ReferralGained(new_name=text, new_company=self.company_edit.text() or None))
        self.picker.clear()
        self.company_edit.clear()

    def add(self, item: ReferralGained) -> None:
        self._items.append(item)
        if item.contact_id is not None:
            label = self._names.get(item.contact_id, f"contact {item.contact_id}")
        else:
            company = f" — {item.new_company}" if item.new_company else ""
            label = f"{item.new_name}{company} (new contact)"
        entry = QListWidgetItem(label)  # QListWidget shows item text as plain text
        entry.setToolTip(plain_tooltip(label))
        self.list.addItem(entry)
        self.changed.emit()

    def _remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            self.list.takeItem(row)
            del self._items[row]
            self.changed.emit()

    def items(self) -> list[ReferralGained]:
        return list(self._items)
