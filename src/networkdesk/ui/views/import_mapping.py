"""The import preview's mapping step: a CSV whose columns are no known dialect's gets one
column → field choice per column (guessed from the names, corrected by the user), then is read
with that mapping - the same mapping as `networkdesk import csv FILE --map COLUMN=FIELD`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

FIELD_LABELS = {"ignore": "(ignore this column)"}


class ColumnMappingPanel(QWidget):
    """One combo per column; `mappingChosen` carries {column: field}."""

    mappingChosen = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importMapping")
        self.setAccessibleName("Map the file's columns to contact fields")
        self.combos: dict[str, QComboBox] = {}
        self.intro = QLabel("", self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        self.read_button = QPushButton("Read with this mapping", self)
        self.read_button.setObjectName("importReadMapped")
        self.read_button.clicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignRight)

    def set_columns(
        self, columns: list[str], guesses: dict[str, str], fields: tuple[str, ...]
    ) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        self.intro.setText(
            "This CSV is not a Google, Outlook or LinkedIn export. Choose what each column "
            "holds; columns left on “ignore” are not read."
        )
        for column in columns:
            if column in self.combos:
                continue  # a repeated header: its first column is the one read
            combo = QComboBox(self.form_host)
            combo.setAccessibleName(f"Field for the column {column}")
            for field in fields:
                combo.addItem(FIELD_LABELS.get(field, field), field)
            combo.setCurrentIndex(max(0, combo.findData(guesses.get(column, "ignore"))))
            label = QLabel(column or "(no name)", self.form_host)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.form.addRow(label, combo)
            self.combos[column] = combo

    def mapping(self) -> dict[str, str]:
        return {
            column: str(combo.currentData())
            for column, combo in self.combos.items()
            if combo.currentData() != "ignore"
        }

    def _chosen(self) -> None:
        self.mappingChosen.emit(self.mapping())
