"""Calendar features of the window: "Add to calendar" on a follow-up or meeting, File → Export
calendar…, Tools → Publish to CalDAV… (caldav_dialog), Tools → Clear cancelled events, and
reminders that fire while the app runs (reminders)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.domain.plural import count_of
from networkdesk.domain.timeutil import local_zone
from networkdesk.services import export_files
from networkdesk.services.records import calendar as calendar_records
from networkdesk.ui import item_actions
from networkdesk.ui.calendar import reminders
from networkdesk.ui.calendar.jobs import CalendarJob, JobProgress
from networkdesk.ui.controllers.commands import apply
from networkdesk.ui.features import FeatureContext, insert_before_quit
from networkdesk.ui.workspace import Workspace

if TYPE_CHECKING:
    from networkdesk.ui.calendar.caldav_dialog import PublishController
    from networkdesk.ui.calendar.carddav_dialog import ContactsPublishController

EXPORT_DEFAULT_DAYS = 90
ADD_FOLDER = "add-to-calendar"
# The export dialog's names for the period's fields, used in the error about a reversed period.
PERIOD_LABELS = {"first": "From", "last": "To"}


def add_to_calendar_folder() -> Path:
    """Where one-event files for "Add to calendar" go (private: they hold contact details)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    folder = (
        Path(base or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation))
        / ADD_FOLDER
    )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class ExportDialog(QDialog):
    """The range of an export: local dates, both inclusive, or all dates."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportCalendarDialog")
        self.setWindowTitle("Export calendar")
        self.setAccessibleName("Export calendar")
        today = today or dt.datetime.now(local_zone()).date()
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Meetings and open follow-ups as an .ics file for any calendar app. Importing a "
            "newer export updates the same events; deleted items are exported as cancelled.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.all_dates = QCheckBox("All dates", self)
        self.all_dates.setAccessibleName("Export all dates")
        self.first = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.first.setCalendarPopup(True)
        self.first.setAccessibleName("First day")
        last = today + dt.timedelta(days=EXPORT_DEFAULT_DAYS)
        self.last = QDateEdit(QDate(last.year, last.month, last.day), self)
        self.last.setCalendarPopup(True)
        self.last.setAccessibleName("Last day")
        self.include_done = QCheckBox("Include follow-ups marked done", self)
        self.include_done.setAccessibleName("Include done follow-ups")
        form.addRow(self.all_dates)
        form.addRow("From:", self.first)
        form.addRow("To (inclusive):", self.last)
        form.addRow(self.include_done)
        layout.addLayout(form)
        self.problem = QLabel("", self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Problem")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.all_dates.toggled.connect(self._dates_toggled)

    def _dates_toggled(self, everything: bool) -> None:
        self.first.setEnabled(not everything)
        self.last.setEnabled(not everything)

    def period(self) -> export_files.ExportRange:
        if self.all_dates.isChecked():
            return export_files.ExportRange()
        first, last = self.first.date(), self.last.date()
        return export_files.ExportRange(
            dt.date(first.year(), first.month(), first.day()),
            dt.date(last.year(), last.month(), last.day()),
        )

    def _accept_if_valid(self) -> None:
        try:
            self.period()
        except NetworkdeskError as exc:
            self.problem.setText(exc.phrase(PERIOD_LABELS))
            return
        self.accept()


class CalendarActions(QObject):
    """The calendar menu entries and item actions of one window."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.notices = context.notices
        #: The parent of this feature's dialogs.
        self.window = context.parent
        self.workspace: Workspace = context.workspace
        self.job: CalendarJob | None = None
        self.progress_widget: JobProgress | None = None
        self.last_export: export_files.ExportResult | None = None
        self.open_url = QDesktopServices.openUrl  # replaced in tests

        self.export_action = QAction("Export calendar…", self.window)
        self.export_action.setObjectName("exportCalendarAction")
        self.export_action.setStatusTip("Write meetings and follow-ups to an .ics file")
        self.export_action.triggered.connect(self.ask_export)
        self.clear_action = QAction("Clear cancelled events", self.window)
        self.clear_action.setObjectName("clearCancelledAction")
        self.clear_action.setStatusTip(
            "Stop exporting cancellations of deleted meetings and follow-ups"
        )
        self.clear_action.triggered.connect(self.clear_cancelled)

    # --- add to calendar ----------------------------------------------------------------

    def followup_actions(self, followup_id: int, parent: QWidget) -> list[QAction]:
        return [self.make_add_action(item_actions.FOLLOWUP, followup_id, parent)]

    def meeting_actions(self, meeting_id: int, parent: QWidget) -> list[QAction]:
        return [self.make_add_action(item_actions.MEETING, meeting_id, parent)]

    def make_add_action(self, kind: str, item_id: int, parent: QWidget) -> QAction:
        action = QAction("Add to calendar", parent)
        action.setObjectName("addToCalendarAction")
        action.setStatusTip("Open this in your calendar app as an event with a reminder")
        action.triggered.connect(lambda: self.add_to_calendar(kind, item_id))
        return action

    def add_to_calendar(self, kind: str, item_id: int) -> Path | None:
        """Write a one-event .ics and open it with the system's calendar app."""
        try:
            path = export_files.write_single_event(
                self.workspace.require_db(), kind, item_id, add_to_calendar_folder()
            )
        except (NetworkdeskError, OSError) as exc:
            self.notices.show_notice(f"Could not add it to your calendar: {exc}", "error")
            return None
        if not self.open_url(QUrl.fromLocalFile(str(path))):
            self.notices.show_notice(
                f"No calendar app opened the event. The file is {path}: open it from your "
                "calendar app's import.",
                "warning",
            )
        return path

    # --- export -------------------------------------------------------------------------

    def ask_export(self) -> None:
        if not self.ready():
            return
        dialog = ExportDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._export_after_dialog(dialog.period(), dialog.include_done.isChecked())
        )
        dialog.open()
        self.export_dialog = dialog

    def _export_after_dialog(self, period: export_files.ExportRange, include_done: bool) -> None:
        path = self.ask_save_path()
        if path is not None:
            self.start_export(path, period, include_done)

    def ask_save_path(self) -> Path | None:
        start = Path.home() / "networkdesk.ics"
        name, _filter = QFileDialog.getSaveFileName(
            self.window, "Export calendar", str(start), "iCalendar files (*.ics)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")

    def start_export(
        self, path: Path, period: export_files.ExportRange, include_done: bool
    ) -> CalendarJob | None:
        db = self.workspace.require_db()

        def work(job: CalendarJob) -> export_files.ExportResult:
            return export_files.export_calendar_file(db, path, period, include_done=include_done)

        self.export_path = path
        return self.run_job("Exporting calendar", work, self._export_done)

    def _export_done(self, result: export_files.ExportResult) -> None:
        self.last_export = result
        self.notices.show_notice(
            f"Exported {count_of(result.events, 'event')} to {self.export_path} "
            f"({count_of(result.meetings, 'meeting')}, {count_of(result.followups, 'follow-up')}, "
            f"{result.cancelled} cancelled).",
            "info",
        )

    # --- clear cancelled ------------------------------------------------------------------

    def clear_cancelled(self) -> int:
        if not self.ready():
            return 0
        try:
            record = apply(self.workspace, calendar_records.clear_cancelled)
            count = record.count if record is not None else 0
        except NetworkdeskError as exc:
            self.notices.show_notice(f"Could not clear cancelled events: {exc}", "error")
            return 0
        self.notices.show_notice(
            f"Cleared {count} cancelled event{'s' if count != 1 else ''}: exports no longer "
            "cancel them (a publish still removes what it had published).",
            "info",
        )
        return count

    # --- shared -------------------------------------------------------------------------

    def ready(self) -> bool:
        if not self.workspace.is_open:
            self.notices.show_notice("The database is still opening; try again in a moment.")
            return False
        if self.job is not None and self.job.running:
            self.notices.show_notice("Calendar work is still running; wait for it to finish.")
            return False
        return True

    def run_job(self, text: str, work: Any, on_success: Any) -> CalendarJob:
        job = CalendarJob(work, self)
        self.job = job
        self._on_success = on_success
        job.succeeded.connect(self._job_succeeded)
        job.failed.connect(self._job_failed)
        job.finished.connect(self._job_finished)
        self.progress_widget = JobProgress(text, job, self.window)
        self.context.status_bar.addWidget(self.progress_widget)
        self._job_text = text
        job.start()
        return job

    def _job_succeeded(self, result: Any) -> None:
        self._on_success(result)

    def _job_failed(self, message: str) -> None:
        self.notices.show_notice(f"{self._job_text} failed: {message}", "error")

    def _job_finished(self) -> None:
        if self.progress_widget is not None:
            self.context.status_bar.removeWidget(self.progress_widget)
            self.progress_widget.deleteLater()
            self.progress_widget = None


@dataclass(frozen=True)
class CalendarFeature:
    """The calendar feature of one window: its actions, the CalDAV publisher, the reminders."""

    actions: CalendarActions
    publisher: PublishController
    reminders: reminders.ReminderScheduler
    contacts_publisher: ContactsPublishController | None = None


def install(context: FeatureContext) -> CalendarFeature:
    from networkdesk.ui.calendar.caldav_dialog import PublishController
    from networkdesk.ui.calendar.carddav_dialog import ContactsPublishController

    actions = CalendarActions(context)
    # Bound to this window's actions: the views of this window offer "Add to calendar".
    context.item_actions.register(item_actions.FOLLOWUP, actions.followup_actions)
    context.item_actions.register(item_actions.MEETING, actions.meeting_actions)
    insert_before_quit(context.menus.menu("file"), [actions.export_action])
    publisher = PublishController(context, actions)
    tools = context.menus.menu("tools")
    tools.addAction(publisher.publish_action)
    contacts_publisher = ContactsPublishController(context, actions)
    tools.addAction(contacts_publisher.publish_action)
    tools.addAction(actions.clear_action)
    return CalendarFeature(
        actions, publisher, reminders.ReminderScheduler(context), contacts_publisher
    )
