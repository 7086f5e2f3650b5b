"""The import preview: what an import would create, update, flag as duplicate or skip, and why,
shown before anything is written; then the progress of the import itself.

The dialog only displays and asks. Reading the file, planning and writing happen on a worker
thread in `ui.import_ui`, which feeds this dialog through `show_plan`, `show_progress`,
`show_failure` and `show_done` on the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.plural import count_of
from networkdesk.services.importing import DUPLICATE, NEW, SKIPPED, UPDATE, ImportPlan, PlannedRow
from networkdesk.ui.views.dialog_layout import fit_to_screen
from networkdesk.ui.views.import_mapping import ColumnMappingPanel

if TYPE_CHECKING:
    from networkdesk.services.importing.archive_import import ArchiveOutcome
from networkdesk.ui.plain_text import plain_tooltip_or_none

ACTION_LABELS = {
    NEW: "New",
    UPDATE: "Update",
    DUPLICATE: "Duplicate?",
    SKIPPED: "Skipped",
}
FILTERS = [("All rows", None), ("New", NEW), ("Updates", UPDATE), ("Duplicates", DUPLICATE)]
FILTERS += [("Skipped", SKIPPED), ("Changed since last import", "changed")]
HEADERS = ("Action", "Where", "Name", "Details")
AnyIndex = QModelIndex | QPersistentModelIndex


class PlanModel(QAbstractTableModel):
    """The plan's rows (tens of thousands are fine: only visible rows are asked for)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[PlannedRow] = []
        self._rows: list[PlannedRow] = []
        self._filter: str | None = None

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._all = list(plan.rows) if plan is not None else []
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, action: str | None) -> None:
        self.beginResetModel()
        self._filter = action
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        if self._filter is None:
            self._rows = self._all
        elif self._filter == "changed":
            self._rows = [row for row in self._all if row.changes]
        else:
            self._rows = [row for row in self._all if row.action == self._filter]

    def row_at(self, row: int) -> PlannedRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            # Names and reasons come from the imported file: escaped, never rendered as HTML.
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return plain_tooltip_or_none(text if isinstance(text, str) else None)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return ACTION_LABELS.get(row.action, row.action)
            if column == 1:
                return row.where
            if column == 2:
                return row.name
            if column == 3:
                return row.reason
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None


class ImportPreviewDialog(QDialog):
    """Preview → Import → done. Non-destructive until the Import button is pressed."""

    #: The user confirmed the import.
    importRequested = Signal()
    #: The user closed the preview before or instead of importing.
    cancelled = Signal()
    #: The user mapped the columns of a CSV no dialect knows: {column: field}.
    mappingChosen = Signal(dict)

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(f"Import {file_name}")
        self.setAccessibleName("Import preview")
        fit_to_screen(self, 900, 560)
        self.plan: ImportPlan | None = None
        self.busy = True

        self.summary = QLabel(f"Reading {file_name}…", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.notes = QLabel("", self)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setObjectName("importNotes")

        self.filter = QComboBox(self)
        self.filter.setAccessibleName("Show rows")
        for label, _value in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        filter_row = QHBoxLayout()
        show_label = QLabel("Show:", self)
        show_label.setTextFormat(Qt.TextFormat.PlainText)
        filter_row.addWidget(show_label)
        filter_row.addWidget(self.filter)
        filter_row.addStretch(1)
        # Where new contacts go: the inbox unless the user already knows how close they are.
        self.ring_choice = QComboBox(self)
        self.ring_choice.setObjectName("importRing")
        self.ring_choice.setAccessibleName("Put new contacts on")
        self.ring_choice.addItem("the inbox", None)
        for ring in reversed(Ring):
            self.ring_choice.addItem(f"the {RING_LABELS[ring]} ring", int(ring))
        ring_label = QLabel("New contacts go to:", self)
        ring_label.setTextFormat(Qt.TextFormat.PlainText)
        filter_row.addWidget(ring_label)
        filter_row.addWidget(self.ring_choice)

        # A LinkedIn archive's followed companies: offered as targets, marked only when ticked.
        self.targets_box = QCheckBox("", self)
        self.targets_box.setObjectName("importTargetsFromFollows")
        self.targets_box.setAccessibleName("Mark the companies you follow as targets")
        self.targets_box.setVisible(False)

        self.mapping_panel = ColumnMappingPanel(self)
        self.mapping_panel.setVisible(False)
        self.mapping_panel.mappingChosen.connect(self._mapping_chosen)

        self.model = PlanModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importPreviewTable")
        self.table.setAccessibleName("Rows of the file and what the import does with them")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(2, 220)

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Import progress")
        self.progress.setRange(0, 0)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.targets_box)
        layout.addWidget(self.mapping_panel, 1)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    # --- fed by the import controller (GUI thread) -----------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def show_mapping(
        self, columns: list[str], guesses: dict[str, str], fields: tuple[str, ...]
    ) -> None:
        """The mapping step: a CSV of unknown columns, read once the user mapped them."""
        self.busy = False
        self.progress.setVisible(False)
        self.summary.setText("Which column is what? Nothing has been written yet.")
        self.notes.setText("")
        self.mapping_panel.set_columns(columns, guesses, fields)
        self.mapping_panel.setVisible(True)
        self.table.setVisible(False)
        self.import_button.setEnabled(False)

    def _mapping_chosen(self, mapping: dict[str, str]) -> None:
        self.busy = True
        self.mapping_panel.setVisible(False)
        self.table.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.summary.setText("Reading with your mapping…")
        self.mappingChosen.emit(mapping)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.busy = False
        self.model.set_plan(plan)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        will_write = plan.created + plan.updated > 0
        self.summary.setText(
            f"{plan.path}\nThis import would: {plan.summary()}. Nothing has been written yet."
        )
        notes = []
        if plan.job_changes:
            notes.append(
                f"{count_of(plan.job_changes, 'contact')} changed since the last import (new "
                "company, title or location): the old values are kept for you to review in "
                "Tools → Review changes…, which suggests a ring review for new jobs."
            )
        if plan.count(DUPLICATE):
            notes.append(
                f"{count_of(plan.count(DUPLICATE), 'new contact')} "
                f"{'looks' if plan.count(DUPLICATE) == 1 else 'look'} like people you already "
                "have (shown as Duplicate? below); they are created, and can be compared and "
                "merged afterwards in Tools → Find duplicates…."
            )
        if plan.warnings:
            # Values the file gave that could not be used as such (kept in the notes).
            notes.append(
                f"{count_of(len(plan.warnings), 'value')} "
                f"{'needs' if len(plan.warnings) == 1 else 'need'} a look: "
                + "; ".join(plan.warnings[:5])
            )
        if plan.ring is not None:
            self.ring_choice.setCurrentIndex(max(0, self.ring_choice.findData(plan.ring)))
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))  # no empty gap above the table
        self.import_button.setEnabled(will_write)
        self.import_button.setDefault(will_write)

    def show_archive(self, outcome: ArchiveOutcome) -> None:
        """A whole LinkedIn archive: its connections as the plan's rows, the messages,
        invitations and followed companies as lines above them."""
        plan = (
            outcome.contacts.plan
            if outcome.contacts is not None
            else ImportPlan("linkedin", outcome.archive.path, None, [])
        )
        self.show_plan(plan)
        lines = [line for line in outcome.summary_lines() if "--targets" not in line]
        self.summary.setText(
            f"{outcome.archive.path}\nThis import would:\n"
            + "\n".join(lines)
            + "\nNothing has been written yet."
        )
        warnings = outcome.warnings
        if warnings:
            extra = f"{len(warnings)} notes on the archive: " + "; ".join(warnings[:5])
            self.notes.setText("\n".join(filter(None, [self.notes.text(), extra])))
            self.notes.setVisible(True)
        candidates = outcome.targets.candidates
        if candidates:
            shown = ", ".join(candidates[:6]) + ("…" if len(candidates) > 6 else "")
            self.targets_box.setText(
                f"Mark the {len(candidates)} companies you follow as targets ({shown})"
            )
        self.targets_box.setVisible(bool(candidates))
        will_write = not outcome.nothing_changed or bool(candidates)
        self.import_button.setEnabled(will_write)
        self.import_button.setDefault(will_write)

    def targets_wanted(self) -> bool:
        return not self.targets_box.isHidden() and self.targets_box.isChecked()

    def show_failure(self, text: str) -> None:
        self.busy = False
        self.mapping_panel.setVisible(False)
        self.progress.setVisible(False)
        self.summary.setText(f"Nothing was imported.\n{text}")
        self.notes.setText("")
        self.import_button.setEnabled(False)
        self.cancel_button.setText("Close")

    def selected_ring(self) -> int | None:
        value = self.ring_choice.currentData()
        return None if value is None else int(value)

    def show_writing(self) -> None:
        self.busy = True
        self.ring_choice.setEnabled(False)
        self.targets_box.setEnabled(False)
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.filter.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.summary.setText("Importing… (one step: it can be undone with Edit → Undo)")

    # --- user actions --------------------------------------------------------------------

    def _filter_changed(self, position: int) -> None:
        self.model.set_filter(FILTERS[position][1])

    def _confirm(self) -> None:
        if self.plan is None or self.busy:
            return
        self.show_writing()
        self.importRequested.emit()

    def reject(self) -> None:
        if self.busy and self.plan is not None:
            return  # writing: the transaction finishes (or rolls back) before the dialog goes
        self.cancelled.emit()
        super().reject()
