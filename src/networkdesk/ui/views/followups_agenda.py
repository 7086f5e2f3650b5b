"""The follow-up agenda: overdue, today, this week and later, with done and snooze, and the
meetings among them (in italics: still to come, or held and not logged yet); and the small
dialog that creates or edits one follow-up."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.fields import FollowUpFields
from networkdesk.domain.followup_rules import SNOOZE_CHOICES, new_followup_due
from networkdesk.domain.models import FollowUp
from networkdesk.services import contacts, followups, settings
from networkdesk.ui import contact_menu, item_actions
from networkdesk.ui.background_read import BackgroundRead
from networkdesk.ui.contact_actions import contact_actions_of
from networkdesk.ui.controllers import edits
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.followups_model import (
    CONTACT_ID_ROLE,
    OVERDUE,
    TODAY,
    AgendaModel,
    FollowupRow,
    load_agenda,
)
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.dialog_layout import lay_out_editor
from networkdesk.ui.views.feedback import attempt, open_dialog
from networkdesk.ui.views.meeting_editor import datetime_edit, from_qdatetime, to_qdatetime
from networkdesk.ui.views.unsaved_changes import guard_dialog
from networkdesk.ui.workspace import FOLLOWUPS, MEETINGS, areas_touch, shown_contacts_touch

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

SNOOZES = SNOOZE_CHOICES
# Buckets move with the clock (a follow-up becomes overdue): look again every minute.
TICK_MS = 60_000


def followup_values(followup: FollowUp) -> dict[str, Any]:
    """A follow-up's editable fields in the shapes the dialog's form gives them."""
    return {
        "title": followup.title,
        "due": from_qdatetime(to_qdatetime(followup.due)),
        "remind_minutes": followup.remind_minutes or 0,
        "notes": followup.notes or None,
    }


class FollowupDialog(QDialog):
    """Create a follow-up for a contact, or edit one."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        contact_id: int | None = None,
        followup_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.contact_id = contact_id
        self.followup_id = followup_id
        self.saved_id: int | None = None
        self.setObjectName("followupDialog")
        data = workspace.read(self._read)
        self.contact_id = data["contact_id"]
        self.setWindowTitle(
            f"Follow-up with {data['name']}" if followup_id else f"New follow-up: {data['name']}"
        )
        self.title_edit = QLineEdit(data["title"], self)
        self.title_edit.setAccessibleName("What to do")
        self.due_edit = datetime_edit(self, "Due")
        self.due_edit.setDateTime(to_qdatetime(data["due"]))
        self.remind_spin = QSpinBox(self)
        self.remind_spin.setAccessibleName("Reminder, minutes before")
        self.remind_spin.setRange(0, 10_080)
        self.remind_spin.setSuffix(" min before")
        self.remind_spin.setValue(data["remind"] or 0)
        self.notes_edit = QPlainTextEdit(data["notes"] or "", self)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&What", self.title_edit)
        form.addRow("&Due", self.due_edit)
        form.addRow("&Reminder", self.remind_spin)
        form.addRow("&Notes", self.notes_edit)
        lay_out_editor(self, form, self.save)
        self.resize(460, 300)
        # edit_conflict: the version and values read, in the form's shapes.
        self._read_version: int | None = data.get("version")
        self._read_fields = self.fields()
        key = f"followup-{followup_id}" if followup_id is not None else f"followup-new-{contact_id}"
        self.guard = guard_dialog(
            self,
            {
                "title": self.title_edit,
                "due": self.due_edit,
                "remind": self.remind_spin,
                "notes": self.notes_edit,
            },
            what="this follow-up",
            save=self.save,
            workspace=workspace,
            draft_key=key,
        )

    def reject(self) -> None:
        """Escape, Cancel and the close button ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def _read(self, session: Any) -> dict[str, Any]:
        if self.followup_id is not None:
            f = followups.get(session, self.followup_id)
            return {
                "contact_id": f.contact_id,
                "name": f.contact.name,
                "title": f.title,
                "due": f.due,
                "remind": f.remind_minutes,
                "notes": f.notes,
                "version": f.version,
            }
        assert self.contact_id is not None
        return {
            "contact_id": self.contact_id,
            "name": contacts.get(session, self.contact_id).name,
            "title": followups.DEFAULT_TITLE,
            "due": new_followup_due(dt.datetime.now(dt.UTC)),
            "remind": settings.DEFAULT_REMINDER_MINUTES.get(session),
            "notes": None,
        }

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "due": from_qdatetime(self.due_edit.dateTime()),
            "remind_minutes": self.remind_spin.value(),
            "notes": self.notes_edit.toPlainText() or None,
        }

    def save(self) -> None:
        fields = self.fields()
        if self.followup_id is not None:
            followup_id = self.followup_id
            changed = edit_conflict.changed_fields(self._read_fields, fields)
            if not changed:
                self.saved_id = followup_id
                self.accept()
                return

            def save_edit() -> int:
                edits.edit_followup(
                    self.workspace, followup_id, FollowUpFields.from_values(changed)
                )
                return followup_id

            def save_checked() -> int | edit_conflict.Choice:
                return edit_conflict.save_unless_changed(
                    self,
                    self.workspace,
                    FollowUp,
                    followup_id,
                    self._read_version,
                    "This follow-up",
                    self._read_fields,
                    changed,
                    lambda s: followup_values(followups.get(s, followup_id)),
                    save_edit,
                )

            checked = attempt(self, "Cannot save the follow-up", save_checked)
            if checked is edit_conflict.Choice.TAKE_THEIRS:
                edit_conflict.close_taking_theirs(self, self.guard)
                return
            saved = None if isinstance(checked, edit_conflict.Choice) else checked
        else:
            assert self.contact_id is not None
            contact_id = self.contact_id
            due = fields.pop("due")
            saved = attempt(
                self,
                "Cannot save the follow-up",
                lambda: edits.add_followup(self.workspace, contact_id, due, **fields),
            )
        if saved is not None:
            self.saved_id = saved
            self.accept()


class FollowupsAgenda(QWidget):
    """The agenda panel. `dueTodayChanged(today, overdue)` feeds the status bar."""

    dueTodayChanged = Signal(int, int)

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
        self.setObjectName("followupsAgenda")
        self.setAccessibleName("Follow-ups agenda")
        self.model = AgendaModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("agendaView")
        self.view.setAccessibleName("Follow-ups by due date")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.header().setStretchLastSection(True)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._open)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Follow-ups due")

        self.done_button = QPushButton("Done", self)
        self.done_button.setAccessibleName("Mark follow-up done")
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText("Snooze")
        self.snooze_button.setAccessibleName("Snooze follow-up")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze_menu = QMenu(self.snooze_button)
        for label, delta in SNOOZES:
            snooze_menu.addAction(label).triggered.connect(
                lambda _checked=False, d=delta: self.snooze(d)
            )
        self.snooze_button.setMenu(snooze_menu)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setAccessibleName("Edit follow-up")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete follow-up")
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for widget in (self.done_button, self.snooze_button, self.edit_button, self.delete_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.reload)
        self._tick.start()
        # A renamed contact: the agenda is read again on a worker thread.
        self.loader = BackgroundRead(workspace, load_agenda, self, name="networkdesk-agenda")
        self.loader.loaded.connect(self._show)
        workspace.changed.connect(self._on_changed)
        if workspace.is_open:
            self.reload()

    def _on_changed(self, areas: Any) -> None:
        if areas_touch(areas, FOLLOWUPS, MEETINGS):
            self.reload()
        elif shown_contacts_touch(areas, self._shown_contacts(), "name"):
            self.loader.request()

    def _shown_contacts(self) -> set[int]:
        return {row.contact_id for bucket in range(4) for row in self.model.bucket_rows(bucket)}

    def reload(self, now: dt.datetime | None = None) -> None:
        if not self.workspace.is_open:
            return
        self.loader.cancel()
        self._show(self.workspace.read(lambda s: load_agenda(s, now)), now)

    def _show(self, rows: list[FollowupRow], now: dt.datetime | None = None) -> None:
        current = self.model.followup_at(self.view.currentIndex())
        self.model.set_rows(rows, now)
        self.view.expandAll()
        if current is not None:
            index = self.model.index_of(current.id, meeting=current.is_meeting)
            if index.isValid():
                self.view.setCurrentIndex(index)
        today = sum(1 for r in self.model.bucket_rows(TODAY) if not r.is_meeting)
        overdue = sum(1 for r in self.model.bucket_rows(OVERDUE) if not r.is_meeting)
        parts = [f"{today} due today"]
        if overdue:
            parts.append(f"{overdue} overdue")
        self.summary.setText(" · ".join(parts))
        self._update_buttons()
        self.dueTodayChanged.emit(today, overdue)

    def current_followup(self) -> FollowupRow | None:
        """The selected follow-up (None for a meeting row: done and snooze are not for it)."""
        row = self.model.followup_at(self.view.currentIndex())
        return None if row is None or row.is_meeting else row

    def _update_buttons(self) -> None:
        has = self.current_followup() is not None
        for widget in (self.done_button, self.snooze_button, self.edit_button, self.delete_button):
            widget.setEnabled(has)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        contact_id = current.data(CONTACT_ID_ROLE) if current.isValid() else None
        if contact_id:
            self.workspace.select_contact(int(contact_id))

    def _open(self, index: QModelIndex) -> None:
        contact_id = index.data(CONTACT_ID_ROLE)
        if contact_id:
            self.workspace.request_open_contact(int(contact_id))

    def mark_done(self) -> None:
        row = self.current_followup()
        if row is not None:
            attempt(
                self,
                "Cannot change the follow-up",
                lambda: edits.set_followup_done(self.workspace, row.id),
            )

    def snooze(self, delta: dt.timedelta) -> None:
        row = self.current_followup()
        if row is not None:
            attempt(
                self,
                "Cannot snooze the follow-up",
                lambda: edits.snooze_followup(self.workspace, row.id, delta),
            )

    def edit_current(self) -> None:
        row = self.current_followup()
        if row is not None:
            open_dialog(FollowupDialog(self.workspace, followup_id=row.id, parent=self))

    def delete_current(self) -> None:
        row = self.current_followup()
        if row is not None:
            attempt(
                self,
                "Cannot delete the follow-up",
                lambda: edits.delete_followup(self.workspace, row.id),
            )

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        row = self.model.followup_at(index)
        if row is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        if row.is_meeting:
            menu.addAction("Open contact…").triggered.connect(
                lambda _c=False: self.workspace.request_open_contact(row.contact_id)
            )
            for action in self.item_actions.actions_for(item_actions.MEETING, row.id, menu):
                menu.addAction(action)
            menu.exec(self.view.viewport().mapToGlobal(pos))
            return
        menu.addAction("Done").triggered.connect(lambda _c=False: self.mark_done())
        snooze = menu.addMenu("Snooze")
        for label, delta in SNOOZES:
            snooze.addAction(label).triggered.connect(lambda _c=False, d=delta: self.snooze(d))
        menu.addAction("Edit…").triggered.connect(lambda _c=False: self.edit_current())
        menu.addAction("Open contact…").triggered.connect(
            lambda _c=False: self.workspace.request_open_contact(row.contact_id)
        )
        # The contact's own menu (the same everywhere), under the contact's name.
        actions = contact_actions_of(self.workspace, self.item_actions)
        contact_menu.add_contact_submenu(menu, actions, row.contact_id, row.contact_name)
        extra = self.item_actions.actions_for(item_actions.FOLLOWUP, row.id, menu)
        if extra:
            menu.addSeparator()
            for action in extra:
                menu.addAction(action)
        menu.addSeparator()
        menu.addAction("Delete").triggered.connect(lambda _c=False: self.delete_current())
        menu.exec(self.view.viewport().mapToGlobal(pos))
