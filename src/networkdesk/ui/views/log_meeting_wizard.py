"""Logging a meeting, as one dialog read top to bottom: which meeting → notes and outcome →
referrals gained → a thank-you follow-up due within 24 hours → the contact's stage and, if
wanted, its ring. Save runs it all in one transaction, and one undo step takes it all back."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import MeetingKind, Stage
from networkdesk.services import contacts, meetings, settings
from networkdesk.services.contact_rows import contact_choices
from networkdesk.services.meeting_log import MeetingLog, default_thank_you_due
from networkdesk.ui.controllers import edits
from networkdesk.ui.formatting import format_moment
from networkdesk.ui.views.contact_picker import ReferralsGainedEditor
from networkdesk.ui.views.dialog_layout import (
    StackingColumns,
    fit_to_screen,
    save_cancel_buttons,
    scrolling,
)
from networkdesk.ui.views.feedback import attempt
from networkdesk.ui.views.meeting_editor import datetime_edit, from_qdatetime, to_qdatetime
from networkdesk.ui.views.unsaved_changes import UnsavedChangesGuard, drafts_for

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

UNSCHEDULED = -1


class LogMeetingDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        contact_id: int,
        *,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.contact_id = contact_id
        self.result_log: Any = None
        self.future_question: QMessageBox | None = None
        self.setObjectName("logMeetingDialog")
        data = workspace.read(self._read)
        self.setWindowTitle(f"Log a meeting with {data['name']}")
        self._meetings: dict[int, tuple[dt.datetime, int, MeetingKind, str | None]] = data[
            "meetings"
        ]

        intro = QLabel(
            "Record what happened while it is fresh. Saving adds the referrals, the thank-you "
            "follow-up and the stage change in one step (Undo takes it all back).",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setAccessibleName("About logging a meeting")

        # 1. Which meeting
        self.meeting_combo = QComboBox(self)
        self.meeting_combo.setObjectName("logMeetingChoice")
        self.meeting_combo.setAccessibleName("Which meeting")
        for mid, (start, _minutes, kind, _notes) in sorted(
            self._meetings.items(), key=lambda item: item[1][0], reverse=True
        ):
            self.meeting_combo.addItem(f"{format_moment(start)} — {kind.label}", mid)
        self.meeting_combo.addItem("A meeting that was not scheduled", UNSCHEDULED)
        self.start_edit = datetime_edit(self, "When it took place")
        self.start_edit.setDateTime(to_qdatetime(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)))
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setAccessibleName("Length in minutes")
        self.minutes_spin.setRange(5, 600)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setValue(meetings.DEFAULT_MINUTES)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind of meeting")
        for kind in MeetingKind:
            self.kind_combo.addItem(kind.label, kind)
        which = QGroupBox("1. The meeting", self)
        which.setAccessibleName("The meeting")
        which_form = QFormLayout(which)
        which_form.addRow("&Meeting", self.meeting_combo)
        which_form.addRow("&When", self.start_edit)
        which_form.addRow("&Length", self.minutes_spin)
        which_form.addRow("&Kind", self.kind_combo)

        # 2. Notes and outcome
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("What you learned, what they care about…")
        self.notes_edit.setTabChangesFocus(True)
        self.outcome_edit = QPlainTextEdit(self)
        self.outcome_edit.setAccessibleName("Outcome")
        self.outcome_edit.setPlaceholderText("What came of it: advice, introductions, next steps")
        self.outcome_edit.setTabChangesFocus(True)
        notes = QGroupBox("2. Notes and outcome", self)
        notes.setAccessibleName("Notes and outcome")
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.notes_edit)
        notes_layout.addWidget(self.outcome_edit)

        # 3. Referrals gained
        self.referrals = ReferralsGainedEditor(data["choices"], self)
        gained = QGroupBox("3. Referrals gained", self)
        gained.setAccessibleName("Referrals gained")
        QVBoxLayout(gained).addWidget(self.referrals)

        # 4. Thank-you follow-up
        self.thank_you_check = QCheckBox("Add a thank-you follow-up, due within 24 hours", self)
        self.thank_you_check.setAccessibleName("Add a thank-you follow-up")
        self.thank_you_check.setChecked(True)
        self.thank_you_due = datetime_edit(self, "Thank-you due")
        self.thank_you_check.toggled.connect(self.thank_you_due.setEnabled)
        thanks = QGroupBox("4. Thank you", self)
        thanks.setAccessibleName("Thank you")
        thanks_layout = QFormLayout(thanks)
        thanks_layout.addRow(self.thank_you_check)
        thanks_layout.addRow("&Due", self.thank_you_due)

        # 5. Stage and ring
        self.stage_combo = QComboBox(self)
        self.stage_combo.setAccessibleName("New stage")
        self.stage_combo.addItem("Leave as it is", None)
        for each in Stage:
            self.stage_combo.addItem(each.label, each)
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(Stage.MET))
        self.stage_combo.currentIndexChanged.connect(lambda _i: self._update_hint())
        self.ring_check = QCheckBox("Move closer to the bull's-eye", self)
        self.ring_check.setAccessibleName("Also move to another ring")
        self.ring_combo = QComboBox(self)
        self.ring_combo.setAccessibleName("Ring to move to")
        for ring, name in enumerate(data["ring_names"]):
            self.ring_combo.addItem(name, ring)
        current = data["ring"]
        inward = 3 if current is None else max(0, current - 1)
        self.ring_combo.setCurrentIndex(inward)
        self.ring_combo.setEnabled(False)
        self.ring_check.toggled.connect(self.ring_combo.setEnabled)
        self.stage_hint = QLabel(self)
        self.stage_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.stage_hint.setWordWrap(True)
        self.stage_hint.setAccessibleName("Stage hint")
        stage_box = QGroupBox("5. Where they stand", self)
        stage_box.setAccessibleName("Stage and ring")
        stage_form = QFormLayout(stage_box)
        stage_form.addRow("&Stage", self.stage_combo)
        ring_row = QHBoxLayout()
        ring_row.addWidget(self.ring_check)
        ring_row.addWidget(self.ring_combo, 1)
        stage_form.addRow(ring_row)
        stage_form.addRow(self.stage_hint)
        self.referrals.changed.connect(self._update_hint)

        buttons = save_cancel_buttons(self, self.save)
        left = QVBoxLayout()
        left.addWidget(which)
        left.addWidget(notes, 1)
        right = QVBoxLayout()
        right.addWidget(gained, 1)
        right.addWidget(thanks)
        right.addWidget(stage_box)
        columns = StackingColumns(self)
        columns.add(left, 1)
        columns.add(right, 1)
        self.columns = columns
        self.buttons = buttons
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(intro)
        content_layout.addWidget(columns, 1)
        self.layout_box = QVBoxLayout(self)
        self.layout_box.addWidget(scrolling(content, self), 1)
        self.layout_box.addWidget(buttons)
        fit_to_screen(self, 980, 640)

        self.meeting_combo.currentIndexChanged.connect(self._meeting_changed)
        self.start_edit.dateTimeChanged.connect(self._update_due)
        self.minutes_spin.valueChanged.connect(self._update_due)
        if meeting_id is not None and meeting_id in self._meetings:
            self.meeting_combo.setCurrentIndex(self.meeting_combo.findData(meeting_id))
        self._meeting_changed()
        self._update_hint()
        self.guard = UnsavedChangesGuard(
            self,
            {
                "meeting": self.meeting_combo,
                "start": self.start_edit,
                "minutes": self.minutes_spin,
                "kind": self.kind_combo,
                "notes": self.notes_edit,
                "outcome": self.outcome_edit,
                "thank_you": self.thank_you_check,
                "thank_you_due": self.thank_you_due,
                "stage": self.stage_combo,
                "move_ring": self.ring_check,
                "ring": self.ring_combo,
            },
            what="the meeting's log",
            save=self.save,
            drafts=drafts_for(workspace),
            draft_key=f"log-meeting-{contact_id}",
            extra_values=lambda: {"referrals": len(self.referrals.items())},
        )
        self.guard.watch(self.referrals.changed)
        self.guard.mark_clean()
        offer = self.guard.draft_offer()
        if offer is not None:
            self.layout_box.insertWidget(0, offer)

    def reject(self) -> None:
        """Escape, Cancel and the close button: ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def _read(self, session: Any) -> dict[str, Any]:
        contact = contacts.get(session, self.contact_id)
        return {
            "name": contact.name,
            "ring": contact.ring,
            "ring_names": settings.RING_NAMES.get(session),
            "choices": [c for c in contact_choices(session) if c[0] != self.contact_id],
            # Meetings not logged yet (no notes and no outcome), newest first.
            "meetings": {
                m.id: (m.start, m.minutes, m.kind, m.notes)
                for m in meetings.list_meetings(session, contact_id=self.contact_id)
                if not (m.notes or m.outcome)
            },
        }

    def _chosen_meeting(self) -> int | None:
        value = self.meeting_combo.currentData()
        return None if value in (None, UNSCHEDULED) else int(value)

    def _meeting_changed(self) -> None:
        meeting_id = self._chosen_meeting()
        if meeting_id is not None:
            start, minutes, kind, _notes = self._meetings[meeting_id]
            self.start_edit.setDateTime(to_qdatetime(start))
            self.minutes_spin.setValue(minutes)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self._update_due()

    def _update_due(self) -> None:
        end = from_qdatetime(self.start_edit.dateTime()) + dt.timedelta(
            minutes=self.minutes_spin.value()
        )
        self.thank_you_due.setDateTime(to_qdatetime(default_thank_you_due(end)))

    def _update_hint(self) -> None:
        if self.referrals.items() and self._stage() is Stage.MET:
            self.stage_hint.setText("With referrals gained, the stage becomes “Referred on”.")
        else:
            self.stage_hint.setText("")

    def _stage(self) -> Stage | None:
        # Qt hands a StrEnum back as a plain str: turn it into the enum again.
        value = self.stage_combo.currentData()
        return None if value is None else Stage(value)

    def build_log(self) -> MeetingLog:
        meeting_id = self._chosen_meeting()
        return MeetingLog(
            contact_id=self.contact_id,
            meeting_id=meeting_id,
            start=from_qdatetime(self.start_edit.dateTime()),
            minutes=self.minutes_spin.value(),
            kind=MeetingKind(self.kind_combo.currentData()),
            notes=self.notes_edit.toPlainText() or None,
            outcome=self.outcome_edit.toPlainText() or None,
            referrals=self.referrals.items(),
            thank_you=self.thank_you_check.isChecked(),
            thank_you_due=from_qdatetime(self.thank_you_due.dateTime())
            if self.thank_you_check.isChecked()
            else None,
            new_stage=self._stage(),
            new_ring=self.ring_combo.currentData() if self.ring_check.isChecked() else None,
        )

    def save(self) -> None:
        log = self.build_log()
        start = log.start or (self._meetings[log.meeting_id][0] if log.meeting_id else None)
        if start is not None and start > dt.datetime.now(dt.UTC):
            self._ask_future(start)  # it has not happened yet: ask first
            return
        self._save(log, allow_future=False)

    def _ask_future(self, start: dt.datetime) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Log a meeting still to come?",
            f"This meeting starts {format_moment(start)}: it has not happened yet. A meeting "
            "is logged after it took place. Log it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("logFutureQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._save(self.build_log(), allow_future=True))
        self.future_question = box
        box.open()

    def _save(self, log: MeetingLog, *, allow_future: bool) -> None:
        result = attempt(
            self,
            "Cannot log the meeting",
            lambda: edits.log_meeting(self.workspace, log, allow_future=allow_future),
        )
        if result is not None:
            self.result_log = result
            self.accept()
