"""Tools → Find duplicates…: the likely duplicate pairs with the reason (same LinkedIn profile,
same e-mail, similar names at one company), the two contacts side by side, and Merge with a
choice per field. Each merge is one undo step (`records.merge_choices`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.errors import NetworkdeskError
from networkdesk.domain.plural import count_of
from networkdesk.services.records.merge_choices import (
    CHOOSABLE,
    Pair,
    Side,
    duplicate_pairs,
    merge_with_choices,
)
from networkdesk.ui.controllers.commands import apply

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace


def _plain(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _ring(side: Side) -> str:
    return "Inbox (not placed)" if side.ring is None else RING_LABELS[Ring(side.ring)]


class DuplicatesDialog(QDialog):
    """The pairs on the left; the chosen pair side by side on the right."""

    merged = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Possible duplicates")
        self.pairs: list[Pair] = []
        self._groups: dict[str, QButtonGroup] = {}

        self.summary = _plain("", self, "duplicatesSummary")
        self.list = QListWidget(self)
        self.list.setObjectName("duplicatePairs")
        self.list.setAccessibleName("Possible duplicate pairs")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show_pair)

        self.detail = QWidget(self)
        self.grid = QGridLayout(self.detail)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("duplicateDetail")
        scroll.setAccessibleName("The two contacts side by side")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)

        self.merge_button = QPushButton("Merge", self)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setToolTip(
            "Make one contact of the two, with the values chosen above; Ctrl+Z undoes it"
        )
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button = QPushButton("Not now", self)
        self.skip_button.setObjectName("skipPairButton")
        self.skip_button.clicked.connect(self._next)
        self.status = _plain("", self, "duplicatesStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.skip_button)
        row.addWidget(self.merge_button)
        right_layout.addLayout(row)
        splitter = QSplitter(self)
        splitter.setObjectName("duplicatesSplitter")
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._fit_screen()
        # The pairs need a name or two; the side-by-side view needs the room.
        splitter.setSizes([self.width() * 3 // 10, self.width() * 7 // 10])
        self.reload()

    def _fit_screen(self) -> None:
        width, height = 900, 560
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)

    # --- content ------------------------------------------------------------------------

    def reload(self) -> None:
        row = max(0, self.list.currentRow())
        self.pairs = self.workspace.read(duplicate_pairs) if self.workspace.is_open else []
        self.list.blockSignals(True)
        self.list.clear()
        for pair in self.pairs:
            first, second = pair.first.values["name"], pair.second.values["name"]
            self.list.addItem(QListWidgetItem(f"{first} and {second}\n{pair.reason}"))
        self.list.blockSignals(False)
        if self.pairs:
            self.summary.setText(
                f"{count_of(len(self.pairs), 'possible duplicate')}: choose what to keep of each "
                "field, then Merge. Everything else (meetings, follow-ups, referrals, e-mails) "
                "is kept from both."
            )
            self.list.setCurrentRow(min(row, len(self.pairs) - 1))
        else:
            self.summary.setText(
                "No possible duplicates: no two contacts share a LinkedIn "
                "profile or an e-mail, or have similar names at one company."
            )
            self._show_pair(-1)

    def _clear_detail(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._groups.clear()

    def _show_pair(self, row: int) -> None:
        self._clear_detail()
        has = 0 <= row < len(self.pairs)
        self.merge_button.setEnabled(has)
        self.skip_button.setEnabled(has and len(self.pairs) > 1)
        if not has:
            return
        pair = self.pairs[row]
        grid, parent = self.grid, self.detail
        grid.addWidget(_plain("Why", parent), 0, 0)
        grid.addWidget(_plain(pair.reason, parent, "pairReason"), 0, 1, 1, 2)
        for column in (1, 2):
            heading = _plain(f"Contact {column}", parent)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            grid.addWidget(heading, 1, column)
        for line, (name, label) in enumerate(CHOOSABLE, start=2):
            first, second = pair.first.values[name], pair.second.values[name]
            caption = _plain(label, parent)
            grid.addWidget(caption, line, 0)
            if first == second or not second:
                grid.addWidget(_plain(first or "—", parent), line, 1)
                grid.addWidget(_plain(second or "—", parent), line, 2)
                continue
            group = QButtonGroup(self)
            for column, (value, which) in enumerate(((first, "first"), (second, "second")), 1):
                button = QRadioButton(value or "— (empty)", parent)
                button.setObjectName(f"{name}_{which}")
                button.setAccessibleName(f"{label}: {value or 'empty'}")
                group.addButton(button, column)
                grid.addWidget(button, line, column)
            group.button(1 if first else 2).setChecked(True)
            caption.setBuddy(group.button(1))
            self._groups[name] = group
        line = len(CHOOSABLE) + 2
        for label, a, b in (
            ("E-mails", ", ".join(pair.first.emails), ", ".join(pair.second.emails)),
            ("Ring", _ring(pair.first), _ring(pair.second)),
            ("Meetings", str(pair.first.meetings), str(pair.second.meetings)),
        ):
            grid.addWidget(_plain(label, parent), line, 0)
            grid.addWidget(_plain(a or "—", parent), line, 1)
            grid.addWidget(_plain(b or "—", parent), line, 2)
            line += 1
        note = _plain(
            "Both keep their e-mails, phones, tags, meetings, follow-ups and referrals; the "
            "closer ring wins; a value not chosen stays in the contact's change history.",
            parent,
        )
        grid.addWidget(note, line, 0, 1, 3)
        grid.setRowStretch(line + 1, 1)

    def chosen_from_second(self) -> tuple[str, ...]:
        return tuple(name for name, group in self._groups.items() if group.checkedId() == 2)

    def choose(self, field: str, second: bool) -> None:
        """Pick the first or the second contact's value of `field` (tests, keyboard users)."""
        self._groups[field].button(2 if second else 1).setChecked(True)

    # --- acting -------------------------------------------------------------------------

    def merge_current(self) -> bool:
        row = self.list.currentRow()
        if not 0 <= row < len(self.pairs):
            return False
        pair = self.pairs[row]
        keep, other = pair.first.contact_id, pair.second.contact_id
        chosen = self.chosen_from_second()
        try:
            record = apply(self.workspace, lambda s: merge_with_choices(s, keep, other, chosen))
        except NetworkdeskError as exc:
            self.status.setText(f"Could not merge: {exc}")
            return False
        label = record.label if record is not None else "Merged"
        self.status.setText(f"{label}: done. Edit → Undo takes it back.")
        self.merged.emit(label)
        self.reload()
        return True

    def _next(self) -> None:
        if self.pairs:
            self.list.setCurrentRow((self.list.currentRow() + 1) % len(self.pairs))
