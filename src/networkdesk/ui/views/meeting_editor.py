"""Schedule or edit a meeting: kind, time, length, place, the preparation checklist, questions
from the bank (risky ones warned about), notes, outcome and the referrals it brought.

Save is one undo step (edits.add_meeting / edits.edit_meeting); Cancel changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import MeetingKind
from networkdesk.domain.fields import MeetingFields
from networkdesk.domain.homework import HOMEWORK
from networkdesk.domain.models import Meeting
from networkdesk.domain.questions import QuestionBank
from networkdesk.domain.timeutil import local_zone
from networkdesk.services import contacts, meetings
from networkdesk.services.contact_rows import contact_choices
from networkdesk.services.question_bank import load_bank
from networkdesk.ui.controllers import edits
from networkdesk.ui.formatting import moment_pattern
from networkdesk.ui.plain_text import plain_tooltip
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.contact_picker import ContactPicker, ReferralsGainedEditor
from networkdesk.ui.views.dialog_layout import (
    StackingColumns,
    fit_to_screen,
    save_cancel_buttons,
    scrolling,
)
from networkdesk.ui.views.feedback import attempt
from networkdesk.ui.views.unsaved_changes import UnsavedChangesGuard, drafts_for

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

CHECKLIST = tuple((item.key, item.label) for item in HOMEWORK)
OWN_QUESTIONS = "Your own questions"
RISK_ROLE = Qt.ItemDataRole.UserRole + 1


def to_qdatetime(value: dt.datetime) -> QDateTime:
    local = value.astimezone(local_zone())
    return QDateTime.fromSecsSinceEpoch(int(local.timestamp()))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), dt.UTC)


def next_half_hour(now: dt.datetime | None = None) -> dt.datetime:
    now = (now or dt.datetime.now(dt.UTC)).astimezone(local_zone())
    base = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1, hours=1)
    return base.replace(hour=max(9, min(base.hour, 17)))


def datetime_edit(parent: QWidget, name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    # The weekday helps when arranging a meeting; the rest is the one date format.
    edit.setDisplayFormat(f"ddd {moment_pattern()}")
    return edit


class QuestionPicker(QWidget):
    """The question bank as checkable lists by category, with a warning for risky picks."""

    def __init__(self, bank: QuestionBank, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.setAccessibleName("Questions to ask")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("questionTree")
        self.tree.setAccessibleName("Question bank")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        warn_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._own: QTreeWidgetItem | None = None
        for category in bank.categories:
            parent_item = QTreeWidgetItem(self.tree, [category.name])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for question in category.questions:
                item = QTreeWidgetItem(parent_item, [question.text])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setToolTip(0, plain_tooltip(question.text))
                if question.risky:
                    item.setIcon(0, warn_icon)
                    item.setToolTip(0, plain_tooltip(f"{question.text}\n\nRisky: {question.why}"))
                    item.setData(0, RISK_ROLE, question.why)
            parent_item.setExpanded(not any(q.risky for q in category.questions))
        self.own_edit = QLineEdit(self)
        self.own_edit.setAccessibleName("Your own question")
        self.own_edit.setPlaceholderText("Add your own question…")
        self.own_edit.returnPressed.connect(self._add_own)
        add = QPushButton("Add", self)
        add.setAccessibleName("Add your own question")
        add.clicked.connect(self._add_own)
        self.warning = QLabel(self)
        self.warning.setObjectName("riskyQuestionWarning")
        self.warning.setAccessibleName("Warning about risky questions")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: #fdecea; color: #7b241c; border: 1px solid #e6b0aa;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.warning.hide()
        self.tree.itemChanged.connect(lambda *_args: self._update_warning())
        row = QHBoxLayout()
        row.addWidget(self.own_edit, 1)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.warning)

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            found.extend(c for j in range(top.childCount()) if (c := top.child(j)) is not None)
        return found

    def _add_own(self) -> None:
        text = " ".join(self.own_edit.text().split())
        if text:
            self.add_question(text, checked=True)
            self.own_edit.clear()

    def add_question(self, text: str, checked: bool) -> None:
        for item in self._items():
            if item.text(0) == text:
                item.setCheckState(0, Qt.CheckState.Checked if checked else item.checkState(0))
                return
        if self._own is None:
            self._own = QTreeWidgetItem(self.tree, [OWN_QUESTIONS])
            self._own.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._own.setExpanded(True)
        item = QTreeWidgetItem(self._own, [text])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        why = self.bank.risk_of(text)
        if why:
            item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setToolTip(0, plain_tooltip(f"Risky: {why}"))
            item.setData(0, RISK_ROLE, why)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._update_warning()

    def set_chosen(self, texts: list[str]) -> None:
        for text in texts:
            self.add_question(text, checked=True)

    def chosen(self) -> list[str]:
        return [i.text(0) for i in self._items() if i.checkState(0) == Qt.CheckState.Checked]

    def risky_chosen(self) -> list[tuple[str, str]]:
        return [
            (i.text(0), str(i.data(0, RISK_ROLE)))
            for i in self._items()
            if i.checkState(0) == Qt.CheckState.Checked and i.data(0, RISK_ROLE)
        ]

    def _update_warning(self) -> None:
        risky = self.risky_chosen()
        if not risky:
            self.warning.hide()
            return
        lines = ["Careful: these questions can put your contact on the spot."]
        lines += [f"• {text} — {why}" for text, why in risky]
        self.warning.setText("\n".join(lines))
        self.warning.show()


class MeetingEditor(QDialog):
    """Schedule a meeting with a contact, or edit one (`meeting_id`)."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        contact_id: int | None = None,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.contact_id = contact_id
        self.saved_id: int | None = None
        self.setObjectName("meetingEditor")
        data = workspace.read(self._read)
        self.contact_id = data["contact_id"]
        choices = data["choices"]

        self.with_label = QLabel(self)
        self.with_label.setTextFormat(Qt.TextFormat.PlainText)
        self.with_label.setAccessibleName("Meeting with")
        self.picker: ContactPicker | None = None
        if self.contact_id is None:
            self.picker = ContactPicker(choices, self)
        else:
            self.with_label.setText(data["contact_name"])
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind of meeting")
        for kind in MeetingKind:
            self.kind_combo.addItem(kind.label, kind)
        self.start_edit = datetime_edit(self, "Time")
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setAccessibleName("Length in minutes")
        self.minutes_spin.setRange(5, 600)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setSuffix(" min")
        self.place_edit = QLineEdit(self)
        self.place_edit.setAccessibleName("Place or video link")
        self.place_edit.setPlaceholderText("Café, office, phone or video link")
        basics = QGroupBox("Meeting", self)
        basics.setAccessibleName("Meeting")
        form = QFormLayout(basics)
        form.addRow("With", self.picker if self.picker is not None else self.with_label)
        form.addRow("&Kind", self.kind_combo)
        form.addRow("&Time", self.start_edit)
        form.addRow("&Length", self.minutes_spin)
        form.addRow("&Place", self.place_edit)

        prep = QGroupBox("Preparation", self)
        prep.setAccessibleName("Preparation checklist")
        prep_layout = QVBoxLayout(prep)
        self.checks: dict[str, QCheckBox] = {}
        for key, label in CHECKLIST:
            box = QCheckBox(label, self)
            box.setAccessibleName(label)
            self.checks[key] = box
            prep_layout.addWidget(box)
        self.preparation_edit = self._text(
            "Preparation notes", "Mission, recent news, your summary…"
        )
        prep_layout.addWidget(self.preparation_edit)

        self.notes_edit = self._text("Notes", "What you learned")
        self.outcome_edit = self._text("Outcome", "What came of it")
        after = QGroupBox("Notes and outcome", self)
        after.setAccessibleName("Notes and outcome")
        after_layout = QVBoxLayout(after)
        after_layout.addWidget(self.notes_edit)
        after_layout.addWidget(self.outcome_edit)

        self.questions = QuestionPicker(load_bank(), self)
        questions_box = QGroupBox("Questions", self)
        questions_box.setAccessibleName("Questions")
        QVBoxLayout(questions_box).addWidget(self.questions)
        self.referrals = ReferralsGainedEditor(choices, self)
        referrals_box = QGroupBox("Referrals from this meeting", self)
        referrals_box.setAccessibleName("Referrals from this meeting")
        QVBoxLayout(referrals_box).addWidget(self.referrals)

        left = QVBoxLayout()
        left.addWidget(basics)
        left.addWidget(prep)
        left.addWidget(after, 1)
        right = QVBoxLayout()
        right.addWidget(questions_box, 3)
        right.addWidget(referrals_box, 1)
        columns = StackingColumns(self)
        columns.add(left, 1)
        columns.add(right, 1)
        self.columns = columns
        buttons = save_cancel_buttons(self, self.save)
        self.buttons = buttons
        self.layout_box = QVBoxLayout(self)
        self.layout_box.addWidget(scrolling(columns, self), 1)
        self.layout_box.addWidget(buttons)
        fit_to_screen(self, 1060, 760)
        self._fill(data)
        widgets: dict[str, QWidget] = {
            "kind": self.kind_combo,
            "start": self.start_edit,
            "minutes": self.minutes_spin,
            "place": self.place_edit,
            "preparation": self.preparation_edit,
            "notes": self.notes_edit,
            "outcome": self.outcome_edit,
        }
        widgets.update({f"check_{key}": box for key, box in self.checks.items()})
        if self.picker is not None:
            widgets["with"] = self.picker
        if self.meeting_id is not None:
            key = f"meeting-{self.meeting_id}"
        else:
            key = f"meeting-new-for-{self.contact_id if self.contact_id is not None else 'anyone'}"
        self.guard = UnsavedChangesGuard(
            self,
            widgets,
            what="this meeting" if self.meeting_id is not None else "the new meeting",
            save=self.save,
            drafts=drafts_for(workspace),
            draft_key=key,
            extra_values=lambda: {
                "questions": self.questions.chosen(),
                "referrals": len(self.referrals.items()),
            },
            restore_extra=self._restore_questions,
        )
        self.guard.watch(self.questions.tree.itemChanged, self.referrals.changed)
        self.guard.mark_clean()
        offer = self.guard.draft_offer()
        if offer is not None:
            self.layout_box.insertWidget(0, offer)

    def _restore_questions(self, values: dict[str, Any]) -> None:
        chosen = values.get("questions")
        if isinstance(chosen, list):
            self.questions.set_chosen([str(text) for text in chosen])

    def reject(self) -> None:
        """Escape, Cancel and the close button: ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(60)
        return edit

    def _read(self, session: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"choices": contact_choices(session), "meeting": None}
        contact_id = self.contact_id
        if self.meeting_id is not None:
            meeting = meetings.get(session, self.meeting_id)
            contact_id = meeting.contact_id
            data["version"] = meeting.version  # edit_conflict: changed elsewhere since?
            data["meeting"] = {
                "start": meeting.start,
                "minutes": meeting.minutes,
                "kind": meeting.kind,
                "location": meeting.location,
                "preparation": meeting.preparation,
                "checklist": dict(meeting.checklist or {}),
                "questions": list(meeting.questions or []),
                "notes": meeting.notes,
                "outcome": meeting.outcome,
            }
        data["contact_id"] = contact_id
        if contact_id is not None:
            data["contact_name"] = contacts.get(session, contact_id).name
        return data

    def _fill(self, data: dict[str, Any]) -> None:
        meeting = data["meeting"]
        self._read_version: int | None = data.get("version")
        if meeting is None:
            self.setWindowTitle(
                f"Schedule a meeting with {data['contact_name']}"
                if self.contact_id is not None
                else "Schedule a meeting"
            )
            self.start_edit.setDateTime(to_qdatetime(next_half_hour()))
            self.minutes_spin.setValue(meetings.DEFAULT_MINUTES)
            return
        self.setWindowTitle(f"Meeting with {data['contact_name']}")
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(meeting["kind"]))
        self.start_edit.setDateTime(to_qdatetime(meeting["start"]))
        self.minutes_spin.setValue(meeting["minutes"])
        self.place_edit.setText(meeting["location"] or "")
        for key, box in self.checks.items():
            box.setChecked(bool(meeting["checklist"].get(key)))
        self.preparation_edit.setPlainText(meeting["preparation"] or "")
        self.questions.set_chosen(meeting["questions"])
        self.notes_edit.setPlainText(meeting["notes"] or "")
        self.outcome_edit.setPlainText(meeting["outcome"] or "")
        self._read_fields = self.fields()  # edit_conflict: what was read, in the form's shapes

    def fields(self) -> dict[str, Any]:
        return {
            "start": from_qdatetime(self.start_edit.dateTime()),
            "minutes": self.minutes_spin.value(),
            "kind": MeetingKind(self.kind_combo.currentData()),
            "location": self.place_edit.text() or None,
            "preparation": self.preparation_edit.toPlainText() or None,
            "checklist": {key: box.isChecked() for key, box in self.checks.items()},
            "questions": self.questions.chosen(),
            "notes": self.notes_edit.toPlainText() or None,
            "outcome": self.outcome_edit.toPlainText() or None,
        }

    def save(self) -> None:
        fields = self.fields()
        gained = self.referrals.items()
        if self.meeting_id is not None:
            meeting_id = self.meeting_id
            # Only what the person changed is saved (as the contact editor does): a field
            # changed elsewhere and left alone here keeps its new value, and is no conflict.
            changed = edit_conflict.changed_fields(self._read_fields, fields)
            if not changed and not gained:
                self.saved_id = meeting_id
                self.accept()
                return

            def save_edit() -> int:
                edits.edit_meeting(
                    self.workspace, meeting_id, MeetingFields.from_values(changed), gained
                )
                return meeting_id

            def save_checked() -> int | edit_conflict.Choice:
                return edit_conflict.save_unless_changed(
                    self,
                    self.workspace,
                    Meeting,
                    meeting_id,
                    self._read_version,
                    "This meeting",
                    self._read_fields,
                    changed,
                    lambda s: edit_conflict.meeting_values(meetings.get(s, meeting_id), fields),
                    save_edit,
                )

            checked = attempt(self, "Cannot save the meeting", save_checked)
            if checked is edit_conflict.Choice.TAKE_THEIRS:
                edit_conflict.close_taking_theirs(self, self.guard)
                return
            saved = None if isinstance(checked, edit_conflict.Choice) else checked
        else:
            contact_id = self.contact_id
            if contact_id is None and self.picker is not None:
                contact_id = self.picker.contact_id()
            if contact_id is None:
                from networkdesk.ui.views.feedback import show_error

                show_error(self, "Cannot save the meeting", "Pick who the meeting is with.")
                return
            self.contact_id = contact_id
            saved = attempt(
                self,
                "Cannot save the meeting",
                lambda: edits.add_meeting(
                    self.workspace, contact_id, MeetingFields.from_values(fields), gained
                ),
            )
        if saved is not None:
            self.saved_id = saved
            self.accept()
