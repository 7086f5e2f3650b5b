"""Tools → Publish contacts…: the contacts (all, a tag or a ring) to a CardDAV address book,
off the GUI thread, with the same password handling as Publish to CalDAV… (keyring, or this
session only when no secure keyring exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.errors import ValidationError
from networkdesk.services import publish_calendar, publish_contacts
from networkdesk.ui import window_settings
from networkdesk.ui.calendar.account_fields import AccountFields

if TYPE_CHECKING:
    from networkdesk.ui.calendar.jobs import CalendarJob, JobHost
    from networkdesk.ui.features import FeatureContext


class ContactsPublishDialog(QDialog):
    """Where to publish contacts, which ones, and the password when one is needed."""

    def __init__(
        self, parent: QWidget | None, *, keyring_problem: str | None, has_session_password: bool
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishContactsDialog")
        self.setWindowTitle("Publish contacts")
        self.setAccessibleName("Publish contacts to CardDAV")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Your contacts go to an address book on your CardDAV server (Nextcloud, Fastmail, "
            "iCloud, Radicale…), and from there to your phone. Only what changed is sent; "
            "cards networkdesk did not create are never touched.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.account_fields = AccountFields(
            self,
            url=window_settings.CARDDAV_URL.get(),
            user=window_settings.CARDDAV_USER.get(),
            keyring_problem=keyring_problem,
            has_session_password=has_session_password,
        )
        self.url, self.user = self.account_fields.url, self.account_fields.user
        self.password, self.remember = self.account_fields.password, self.account_fields.remember
        self.keyring_note = self.account_fields.keyring_note
        self.book = QLineEdit(window_settings.CARDDAV_BOOK.get(), self)
        self.book.setPlaceholderText("the address book's name, e.g. Contacts")
        self.book.setAccessibleName("Address book")
        self.tag = QLineEdit(self)
        self.tag.setPlaceholderText("all contacts")
        self.tag.setAccessibleName("Only contacts with this tag")
        self.ring = QComboBox(self)
        self.ring.setAccessibleName("Only contacts on this ring")
        self.ring.addItem("every ring (and the inbox)", None)
        for ring in reversed(Ring):
            self.ring.addItem(f"the {RING_LABELS[ring]} ring", int(ring))
        self.account_fields.add_server_rows(form)
        form.addRow("Address book:", self.book)
        form.addRow("Only the tag:", self.tag)
        form.addRow("Only on:", self.ring)
        self.account_fields.add_password_row(form)
        layout.addLayout(form)
        self.account_fields.add_remember(layout)
        self.overwrite = QCheckBox("Replace cards changed in another app since last time", self)
        self.overwrite.setObjectName("publishContactsOverwrite")
        self.overwrite.setAccessibleName("Overwrite cards changed elsewhere")
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

    def account(self) -> publish_contacts.AddressBookAccount:
        url, user = self.account_fields.server()
        return publish_contacts.AddressBookAccount(url, user, self.book.text().strip())

    def selection(self) -> publish_contacts.Selection:
        ring = self.ring.currentData()
        return publish_contacts.Selection(
            tag=self.tag.text().strip() or None, ring=None if ring is None else Ring(int(ring))
        )

    def _accept_if_complete(self) -> None:
        self.account_fields.take_credentials_out_of_url()
        account = self.account()
        fields = (("server URL", account.url), ("user", account.user))
        missing = [n for n, v in (*fields, ("address book", account.addressbook)) if not v]
        if missing:
            self.problem.setText("Please fill in the " + ", ".join(missing) + ".")
            return
        window_settings.CARDDAV_URL.set(account.url)
        window_settings.CARDDAV_USER.set(account.user)
        window_settings.CARDDAV_BOOK.set(account.addressbook)
        self.accept()


class ContactsPublishController(QObject):
    """Tools → Publish contacts…"""

    def __init__(self, context: FeatureContext, actions: JobHost) -> None:
        super().__init__(context.parent)
        self.window = context.parent
        self.notices = context.notices
        self.actions = actions
        self._session_passwords: dict[str, str] = {}
        self.last_report: publish_contacts.PublishReport | None = None
        self.publish_action = QAction("Publish contacts…", self.window)
        self.publish_action.setObjectName("publishContactsAction")
        self.publish_action.setStatusTip("Sync contacts to a CardDAV address book (your phone)")
        self.publish_action.triggered.connect(self.ask_publish)
        self.dialog: ContactsPublishDialog | None = None
        self.book_name = ""

    def ask_publish(self) -> ContactsPublishDialog | None:
        if not self.actions.ready():
            return None
        login = publish_calendar.login_name(
            window_settings.CARDDAV_URL.get(), window_settings.CARDDAV_USER.get()
        )
        dialog = ContactsPublishDialog(
            self.window,
            keyring_problem=publish_calendar.keyring_problem(),
            has_session_password=login in self._session_passwords,
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
        self.start_publish(
            dialog.account(),
            dialog.password.text(),
            dialog.selection(),
            remember=dialog.remember.isChecked(),
            overwrite=dialog.overwrite.isChecked(),
        )

    def start_publish(
        self,
        account: publish_contacts.AddressBookAccount,
        password: str,
        selection: publish_contacts.Selection,
        *,
        remember: bool,
        overwrite: bool = False,
    ) -> CalendarJob:
        db = self.actions.workspace.require_db()
        login = publish_calendar.login_name(account.url, account.user)
        typed = password or ""
        session_password = self._session_passwords.get(login, "")
        keep_in_session = self._session_passwords

        def work(job: CalendarJob) -> publish_contacts.PublishReport:
            # The keyring may be slow (or ask to be unlocked): never on the GUI thread.
            found = (
                typed
                or session_password
                or publish_calendar.saved_password(account.url, account.user)
                or ""
            )
            if not found:
                raise ValidationError(
                    f"no password for {account.user} at {account.url}: type it in Publish contacts…"
                )

            def connected(saved: bool) -> None:
                if typed and not saved:
                    keep_in_session[login] = typed

            return publish_contacts.publish_contacts(
                db,
                account,
                found,
                save_password=bool(typed) and remember,
                selection=selection,
                on_connected=connected,
                progress=job.report,
                cancelled=job.cancelled,
                overwrite=overwrite,
            )

        self.book_name = account.addressbook
        return self.actions.run_job("Publishing contacts", work, self._published)

    def _published(self, report: publish_contacts.PublishReport) -> None:
        self.last_report = report
        self.actions.workspace.notify(())  # only the ledger changed
        kind = "warning" if report.rejected or report.conflicts else "info"
        summary = report.summary().replace(
            "publish with overwrite", "tick “Replace cards changed in another app”"
        )
        text = f"Published contacts to “{self.book_name}”: {summary}."
        if report.rejected:
            text += " " + report.rejected[0]
        self.notices.show_notice(text, kind)
