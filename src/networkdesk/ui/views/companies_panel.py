"""Target companies: list, add, edit and delete, with priority, mission notes ("homework") and
the number of contacts on each ring."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.fields import CompanyFields
from networkdesk.domain.models import Company
from networkdesk.services import companies, settings
from networkdesk.services.changes import RING
from networkdesk.ui.background_read import BackgroundRead
from networkdesk.ui.controllers import edits
from networkdesk.ui.models.companies_model import CompaniesModel, load_companies
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.dialog_layout import lay_out_editor
from networkdesk.ui.views.feedback import attempt, open_dialog
from networkdesk.ui.views.header_fit import fit_widths, label_width
from networkdesk.ui.views.table_style import compact_rows
from networkdesk.ui.views.unsaved_changes import guard_dialog
from networkdesk.ui.workspace import COMPANIES, CONTACTS, SETTINGS, areas_touch, fields_touch

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.models.companies_model import CompanyRow
    from networkdesk.ui.workspace import Workspace

NO_PRIORITY = 0  # the spin box's "none" value


def company_values(company: Company) -> dict[str, Any]:
    """A company's editable fields as stored."""
    return {
        "name": company.name,
        "target": company.is_target,
        "priority": company.priority,
        "website": company.website,
        "mission": company.mission,
        "notes": company.notes,
    }


def form_values(values: dict[str, Any]) -> dict[str, Any]:
    """Stored values in the shapes the dialog's form gives them (an empty text is None)."""
    return {
        **values,
        "website": values["website"] or None,
        "mission": values["mission"] or None,
        "notes": values["notes"] or None,
    }


#: The company column's least width in pixels when ring headers compete for room.
NAME_MIN_WIDTH = 120


class CompanyDialog(QDialog):
    def __init__(
        self, workspace: Workspace, company_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.company_id = company_id
        self.saved_id: int | None = None
        self.setObjectName("companyDialog")
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Company name")
        self.target_check = QCheckBox("A target company (one you want to join)", self)
        self.target_check.setAccessibleName("Target company")
        self.priority_spin = QSpinBox(self)
        self.priority_spin.setAccessibleName("Priority")
        self.priority_spin.setRange(NO_PRIORITY, 100)
        self.priority_spin.setSpecialValueText("none")
        self.priority_spin.setToolTip("1 is the most wanted")
        self.website_edit = QLineEdit(self)
        self.website_edit.setAccessibleName("Website")
        self.website_edit.setPlaceholderText("https://…")
        self.mission_edit = QPlainTextEdit(self)
        self.mission_edit.setAccessibleName("Mission and homework")
        self.mission_edit.setPlaceholderText(
            "Homework: their mission, recent news, products, questions to ask"
        )
        self.mission_edit.setTabChangesFocus(True)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("", self.target_check)
        form.addRow("&Priority", self.priority_spin)
        form.addRow("&Website", self.website_edit)
        form.addRow("&Mission", self.mission_edit)
        form.addRow("N&otes", self.notes_edit)
        lay_out_editor(self, form, self.save)
        self.resize(560, 460)
        if company_id is None:
            self.setWindowTitle("New company")
            self.target_check.setChecked(True)
        else:
            self._fill()
        self.guard = guard_dialog(
            self,
            {
                "name": self.name_edit,
                "target": self.target_check,
                "priority": self.priority_spin,
                "website": self.website_edit,
                "mission": self.mission_edit,
                "notes": self.notes_edit,
            },
            what="this company",
            save=self.save,
            workspace=workspace,
            draft_key=f"company-{company_id if company_id is not None else 'new'}",
        )

    def reject(self) -> None:
        """Escape, Cancel and the close button ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def _fill(self) -> None:
        assert self.company_id is not None
        company_id = self.company_id

        def read(session: Any) -> dict[str, Any]:
            c = companies.get(session, company_id)
            return {**company_values(c), "version": c.version}

        data = self.workspace.read(read)
        # edit_conflict: the version read, to tell a change made elsewhere since.
        self._read_version: int | None = data["version"]
        self.setWindowTitle(f"{data['name']} — company")
        self.name_edit.setText(data["name"])
        self.target_check.setChecked(data["target"])
        self.priority_spin.setValue(data["priority"] or NO_PRIORITY)
        self.website_edit.setText(data["website"] or "")
        self.mission_edit.setPlainText(data["mission"] or "")
        self.notes_edit.setPlainText(data["notes"] or "")
        self._read_fields = self.fields()  # edit_conflict: what was read, in the form's shapes

    def fields(self) -> dict[str, Any]:
        priority = self.priority_spin.value()
        return {
            "name": self.name_edit.text(),
            "target": self.target_check.isChecked(),
            "priority": None if priority == NO_PRIORITY else priority,
            "website": self.website_edit.text() or None,
            "mission": self.mission_edit.toPlainText() or None,
            "notes": self.notes_edit.toPlainText() or None,
        }

    def save(self) -> None:
        if self.company_id is None:
            fields = CompanyFields.from_values(self.fields())
            saved = attempt(
                self, "Cannot save the company", lambda: edits.add_company(self.workspace, fields)
            )
        else:
            company_id = self.company_id
            changed = edit_conflict.changed_fields(self._read_fields, self.fields())
            if not changed:
                self.saved_id = company_id
                self.accept()
                return

            def save_edit() -> int:
                edits.edit_company(self.workspace, company_id, CompanyFields.from_values(changed))
                return company_id

            def save_checked() -> int | edit_conflict.Choice:
                return edit_conflict.save_unless_changed(
                    self,
                    self.workspace,
                    Company,
                    company_id,
                    self._read_version,
                    "This company",
                    self._read_fields,
                    changed,
                    lambda s: form_values(company_values(companies.get(s, company_id))),
                    save_edit,
                )

            checked = attempt(self, "Cannot save the company", save_checked)
            if checked is edit_conflict.Choice.TAKE_THEIRS:
                edit_conflict.close_taking_theirs(self, self.guard)
                return
            saved = None if isinstance(checked, edit_conflict.Choice) else checked
        if saved is not None:
            self.saved_id = saved
            self.accept()


class CompaniesPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("companiesPanel")
        self.setAccessibleName("Target companies")
        self.model = CompaniesModel(list(settings.RING_NAMES.default), self)
        self.targets_only = QCheckBox("Targets only", self)
        self.targets_only.setAccessibleName("Show target companies only")
        self.targets_only.setChecked(True)
        self.targets_only.toggled.connect(lambda _on: self.reload())
        self.view = QTableView(self)
        self.view.setObjectName("companiesTable")
        self.view.setAccessibleName("Companies table")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        compact_rows(self.view)
        header = self.view.horizontalHeader()
        # Every count fits a panel's width (no scrolling sideways to see the rings): each
        # column is as wide as its header reads whole (at 1280x720 they all do), the name
        # takes what is left. Only a panel too narrow for that shrinks them, down to a
        # three-digit number; a header then elides and its tooltip names it in full.
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._size_columns()
        self.view.viewport().installEventFilter(self)  # resized: fit the columns again
        header.sortIndicatorChanged.connect(lambda *_args: self._size_columns())
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order
        self.view.doubleClicked.connect(lambda _index: self.edit_current())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.mission_label = QLabel(self)
        self.mission_label.setObjectName("companyMission")
        self.mission_label.setAccessibleName("Mission of the selected company")
        self.mission_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mission_label.setWordWrap(True)
        self.mission_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton("New company…", self)
        self.add_button.setAccessibleName("New company")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setAccessibleName("Edit company")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete company")
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(self.targets_only)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.mission_label)
        layout.addLayout(buttons)
        # Counting every contact per company and ring takes ~0.1 s at 30,000 contacts: after a
        # contact moved, the counts are read on a worker thread and shown when they arrive.
        self.counts_loader = BackgroundRead(
            workspace, _read_companies, self, name="networkdesk-companies"
        )
        self.counts_loader.loaded.connect(self._show)
        workspace.changed.connect(self._on_changed)
        self._update_buttons()
        if workspace.is_open:
            self.reload()

    def _on_changed(self, areas: Any) -> None:
        if areas_touch(areas, COMPANIES, SETTINGS):
            self.reload()
        elif fields_touch(areas, CONTACTS, RING, "company"):
            # A contact changed ring or company (or was added or removed): the counts moved.
            self.counts_loader.request()

    def reload(self) -> None:
        if not self.workspace.is_open:
            return
        self.counts_loader.cancel()
        self._show(self.workspace.read(_read_companies))

    def _show(self, loaded: tuple[list[CompanyRow], list[str]]) -> None:
        rows, names = loaded
        current = self.current_id()
        if self.targets_only.isChecked():
            rows = [row for row in rows if row.is_target]
        if [c.header for c in self.model.columns[3:7]] != list(names):
            self.model.set_ring_names(names)
            self._size_columns()  # a model reset forgets the section sizes
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if current is not None and (row := self.model.row_of(current)) is not None:
            self.view.selectRow(row)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._size_columns()
        return super().eventFilter(watched, event)

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        count_width = self.view.fontMetrics().horizontalAdvance("888") + 12
        header.setMinimumSectionSize(min(header.minimumSectionSize(), count_width))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        columns = range(1, self.model.columnCount())
        # A few pixels more than the label needs, so that neighbouring labels do not touch.
        wants = [max(count_width, label_width(header, column) + 6) for column in columns]
        # The company's name keeps room for about 20 characters before any header shrinks.
        # (never under NAME_MIN_WIDTH: fonts with narrow averages would squeeze it to a stub).
        name_room = max(NAME_MIN_WIDTH, self.view.fontMetrics().averageCharWidth() * 20)
        # A few pixels of slack: the stretched last pixel rounds down when the header lays out.
        room = self.view.viewport().width() - name_room - 4
        for column, width in zip(columns, fit_widths(wants, count_width, room), strict=True):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        row = self.model.row_at(self.view.currentIndex().row()) if has else None
        self.mission_label.setText(
            f"Homework: {row.mission}" if row is not None and row.mission else ""
        )
        self.mission_label.setVisible(bool(self.mission_label.text()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def add(self) -> None:
        open_dialog(CompanyDialog(self.workspace, None, self))

    def edit_current(self) -> None:
        company_id = self.current_id()
        if company_id is not None:
            open_dialog(CompanyDialog(self.workspace, company_id, self))

    def delete_current(self) -> None:
        company_id = self.current_id()
        if company_id is not None:
            attempt(
                self,
                "Cannot delete the company",
                lambda: edits.delete_company(self.workspace, company_id),
            )

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Edit…").triggered.connect(lambda _c=False: self.edit_current())
        menu.addSeparator()
        menu.addAction("Delete").triggered.connect(lambda _c=False: self.delete_current())
        menu.exec(self.view.viewport().mapToGlobal(pos))


def _read_companies(session: Session) -> tuple[list[CompanyRow], list[str]]:
    return load_companies(session), list(settings.RING_NAMES.get(session))
