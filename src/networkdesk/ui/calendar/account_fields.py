"""The account part of the DAV publish dialogs (Publish to CalDAV…, Publish contacts…): server
URL, user, password, "remember the password" and the note shown when no secure keyring exists.

The password lives only in a secure keyring (services.publish_calendar) or, without one, in
memory for this session; the URL and user go to QSettings, never with credentials in the URL.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from networkdesk.domain.credentials import split_credentials, without_credentials


def insecure_keyring_text(reason: str) -> str:
    return (
        f"No secure keyring is available ({reason}). networkdesk will keep the password "
        "only until you quit, and ask for it again next time."
    )


class AccountFields:
    """The account's widgets, owned by `parent`; the dialog places them with `add_*`."""

    def __init__(
        self,
        parent: QWidget,
        *,
        url: str,
        user: str,
        keyring_problem: str | None,
        has_session_password: bool,
    ) -> None:
        # A URL saved by an older version may hold credentials: never show or keep them.
        self.url = QLineEdit(without_credentials(url), parent)
        self.url.setPlaceholderText("https://cloud.example.com/remote.php/dav")
        self.url.setAccessibleName("Server URL")
        self.user = QLineEdit(user, parent)
        self.user.setAccessibleName("User name")
        self.password = QLineEdit(parent)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        if has_session_password:
            self.password.setPlaceholderText("kept for this session")
        elif keyring_problem is None:
            self.password.setPlaceholderText("saved in the keyring, or type it")
        self.remember = QCheckBox("Remember the password in the keyring", parent)
        self.remember.setAccessibleName("Remember the password")
        self.remember.setChecked(keyring_problem is None)
        self.remember.setEnabled(keyring_problem is None)
        self.keyring_note = QLabel(
            insecure_keyring_text(keyring_problem) if keyring_problem else "", parent
        )
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(keyring_problem is not None)

    def add_server_rows(self, form: QFormLayout) -> None:
        form.addRow("Server URL:", self.url)
        form.addRow("User:", self.user)

    def add_password_row(self, form: QFormLayout) -> None:
        form.addRow("Password:", self.password)

    def add_remember(self, layout: QBoxLayout) -> None:
        layout.addWidget(self.remember)

    def add_keyring_note(self, layout: QBoxLayout) -> None:
        layout.addWidget(self.keyring_note)

    def take_credentials_out_of_url(self) -> None:
        """`https://user:secret@host`: the user and password move to their own fields (the
        password then goes to the keyring, never to the settings)."""
        split = split_credentials(self.url.text().strip())
        if split.user is None and split.password is None:
            return
        self.url.setText(split.url)
        if split.user and not self.user.text().strip():
            self.user.setText(split.user)
        if split.password and not self.password.text():
            self.password.setText(split.password)

    def server(self) -> tuple[str, str]:
        """The URL (without credentials, once taken out) and user, as typed."""
        return self.url.text().strip(), self.user.text().strip()
