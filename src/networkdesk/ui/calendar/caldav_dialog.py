"""Tools → Publish to CalDAV…: the settings dialog and the publish that runs off the GUI thread.

Server URL, user and calendar are kept in QSettings; the password only in a secure keyring
(through services.publish_calendar), or - without one - in memory for this session, and the dialog
says why it will ask again next time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.errors import ValidationError
from networkdesk.services import publish_calendar
from networkdesk.ui import window_settings
from networkdesk.ui.calendar.account_fields import AccountFields

if TYPE_CHECKING:
    from networkdesk.ui.calendar.jobs import CalendarJob, JobHost
    from networkdesk.ui.features import FeatureContext


class PublishDialog(QDialog):
    """Where to publish, and the password when one is needed."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        keyring_problem: str | None,
        has_session_password: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishCalDavDialog")
        self.setWindowTitle("Publish to CalDAV")
        self.setAccessibleName("Publish to CalDAV")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Meetings and open follow-ups go to a calendar on your CalDAV server (Nextcloud, "
            "Fastmail, iCloud, Radicale…). Only what changed is sent; events networkdesk did "
            "not create are never touched.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.account_fields = AccountFields(
            self,
            url=window_settings.CALDAV_URL.get(),
            user=window_settings.CALDAV_USER.get(),
            keyring_problem=keyring_problem,
            has_session_password=has_session_password,
        )
        self.url, self.user = self.account_fields.url, self.account_fields.user
        self.password, self.remember = self.account_fields.password, self.account_fields.remember
        self.keyring_note = self.account_fields.keyring_note
        self.calendar = QLineEdit(window_settings.CALDAV_CALENDAR.get(), self)
        self.calendar.setPlaceholderText("the calendar's name, e.g. Networking")
        self.calendar.setAccessibleName("Calendar")
        self.account_fields.add_server_rows(form)
        form.addRow("Calendar:", self.calendar)
        self.account_fields.add_password_row(form)
        layout.addLayout(form)
        self.account_fields.add_remember(layout)
        self.overwrite = QCheckBox("Replace events changed in another app since last time", self)
        self.overwrite.setObjectName("publishCalDavOverwrite")
        self.overwrite.setAccessibleName("Overwrite events changed elsewhere")
        layout.addWidget(self.overwrite)
        self.account_fields.add_keyring_note(layout)
        self.problem = QLabel("", self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Problem")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(self)
        self.publish_button = self.buttons.addButton(
            "Publish", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def values(self) -> tuple[str, str, str, str]:
        return (
            self.url.text().strip(),
            self.user.text().strip(),
            self.calendar.text().strip(),
            self.password.text(),
        )

    def _accept_if_complete(self) -> None:
        self.account_fields.take_credentials_out_of_url()
        url, user, calendar, _password = self.values()
        missing = [
            n for n, v in (("server URL", url), ("user", user), ("calendar", calendar)) if not v
        ]
        if missing:
            self.problem.setText("Please fill in the " + ", ".join(missing) + ".")
            return
        window_settings.CALDAV_URL.set(url)
        window_settings.CALDAV_USER.set(user)
        window_settings.CALDAV_CALENDAR.set(calendar)
        self.accept()


class PublishController(QObject):
    """Tools → Publish to CalDAV…"""

    def __init__(self, context: FeatureContext, actions: JobHost) -> None:
        super().__init__(context.parent)
        #: The parent of the publish dialog.
        self.window = context.parent
        self.notices = context.notices
        self.actions = actions
        # Passwords typed this session when they cannot (or should not) go to the keyring.
        self._session_passwords: dict[str, str] = {}
        self.last_report: publish_calendar.PublishReport | None = None
        self.publish_action = QAction("Publish to CalDAV…", self.window)
        self.publish_action.setObjectName("publishCalDavAction")
        self.publish_action.setStatusTip("Sync meetings and follow-ups to a CalDAV calendar")
        self.publish_action.triggered.connect(self.ask_publish)
        self.dialog: PublishDialog | None = None

    def ask_publish(self) -> PublishDialog | None:
        if not self.actions.ready():
            return None
        url = window_settings.CALDAV_URL.get()
        user = window_settings.CALDAV_USER.get()
        dialog = PublishDialog(
            self.window,
            keyring_problem=publish_calendar.keyring_problem(),
            has_session_password=publish_calendar.login_name(url, user) in self._session_passwords,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._dialog_accepted)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _dialog_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        url, user, calendar, password = dialog.values()
        self.start_publish(
            url,
            user,
            calendar,
            password,
            remember=dialog.remember.isChecked(),
            overwrite=dialog.overwrite.isChecked(),
        )

    def start_publish(
        self,
        url: str,
        user: str,
        calendar: str,
        password: str,
        *,
        remember: bool,
        overwrite: bool = False,
    ) -> CalendarJob:
        db = self.actions.workspace.require_db()
        account = publish_calendar.CalendarAccount(url, user, calendar)
        login = publish_calendar.login_name(url, user)
        typed = password or ""
        session_password = self._session_passwords.get(login, "")
        keep_in_session = self._session_passwords

        def work(job: CalendarJob) -> publish_calendar.PublishReport:
            # The keyring may be slow (or ask to be unlocked): never on the GUI thread.
            password = typed or session_password or publish_calendar.saved_password(url, user) or ""
            if not password:
                raise ValidationError(
                    f"no password for {user} at {url}: type it in Publish to CalDAV…"
                )

            def connected(saved: bool) -> None:
                # The server took the password: keep it (keyring, or this session only).
                if typed and not saved:
                    keep_in_session[login] = typed

            return publish_calendar.publish_calendar(
                db,
                account,
                password,
                save_password=bool(typed) and remember,
                on_connected=connected,
                progress=job.report,
                cancelled=job.cancelled,
                overwrite=overwrite,
            )

        self.calendar_name = calendar
        return self.actions.run_job("Publishing", work, self._published)

    def _published(self, report: publish_calendar.PublishReport) -> None:
        self.last_report = report
        # Only the ledger changed; take our own commits as the baseline so views do not reload.
        self.actions.workspace.notify(())
        kind = "warning" if report.rejected or report.conflicts else "info"
        summary = report.summary().replace(
            "publish with overwrite", "tick “Replace events changed in another app”"
        )
        text = f"Published to “{self.calendar_name}”: {summary}."
        if report.rejected:
            text += " " + report.rejected[0]
        self.notices.show_notice(text, kind)
