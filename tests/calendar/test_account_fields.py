"""The account fields both DAV publish dialogs share (ui/calendar/account_fields.py): the same
widgets and keyring wording, and a URL typed with credentials in it split into its fields, so a
password never reaches QSettings from either dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog

from networkdesk.ui import window_settings
from networkdesk.ui.calendar.caldav_dialog import PublishDialog
from networkdesk.ui.calendar.carddav_dialog import ContactsPublishDialog

SECRET = "s3cret-pass"


@pytest.fixture(autouse=True)
def _qt_settings(qapp: Any) -> Iterator[None]:
    QCoreApplication.setOrganizationName("networkdesk-tests")
    QCoreApplication.setApplicationName("networkdesk-account-fields-tests")
    QSettings().clear()
    yield
    QSettings().clear()


def _caldav(problem: str | None, session: bool) -> QDialog:
    return PublishDialog(None, keyring_problem=problem, has_session_password=session)


def _carddav(problem: str | None, session: bool) -> QDialog:
    return ContactsPublishDialog(None, keyring_problem=problem, has_session_password=session)


DIALOGS: dict[str, Callable[[str | None, bool], QDialog]] = {
    "caldav": _caldav,
    "carddav": _carddav,
}


def _fill_the_rest(dialog: Any) -> None:
    if isinstance(dialog, PublishDialog):
        dialog.calendar.setText("Networking")
    else:
        dialog.book.setText("Contacts")


@pytest.mark.parametrize("name", list(DIALOGS))
def test_a_url_with_credentials_is_split_and_the_password_never_stored(
    qtbot: Any, name: str
) -> None:
    dialog: Any = DIALOGS[name](None, False)
    qtbot.addWidget(dialog)
    dialog.url.setText(f"https://ana:{SECRET}@dav.example.com/dav")
    _fill_the_rest(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.url.text() == "https://dav.example.com/dav"
    assert (dialog.user.text(), dialog.password.text()) == ("ana", SECRET)
    stored = [str(QSettings().value(key)) for key in QSettings().allKeys()]
    assert "https://dav.example.com/dav" in stored
    assert all(SECRET not in value for value in stored)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_a_stored_url_with_credentials_is_shown_without_them(qtbot: Any, name: str) -> None:
    for setting in (window_settings.CALDAV_URL, window_settings.CARDDAV_URL):
        setting.set(f"https://ana:{SECRET}@dav.example.com/dav")
    dialog: Any = DIALOGS[name](None, False)
    qtbot.addWidget(dialog)
    assert dialog.url.text() == "https://dav.example.com/dav"


@pytest.mark.parametrize("name", list(DIALOGS))
def test_without_a_secure_keyring_both_say_so_and_cannot_remember(qtbot: Any, name: str) -> None:
    dialog: Any = DIALOGS[name]("the plaintext backend", False)
    qtbot.addWidget(dialog)
    assert not dialog.keyring_note.isHidden()
    assert "No secure keyring is available (the plaintext backend)" in dialog.keyring_note.text()
    assert not dialog.remember.isEnabled()
    assert not dialog.remember.isChecked()
    assert dialog.password.placeholderText() == ""


@pytest.mark.parametrize("name", list(DIALOGS))
def test_with_a_keyring_or_a_session_password_the_placeholder_says_where_it_is(
    qtbot: Any, name: str
) -> None:
    keyring: Any = DIALOGS[name](None, False)
    session: Any = DIALOGS[name](None, True)
    qtbot.addWidget(keyring)
    qtbot.addWidget(session)
    assert keyring.keyring_note.isHidden()
    assert keyring.remember.isChecked()
    assert keyring.password.placeholderText() == "saved in the keyring, or type it"
    assert session.password.placeholderText() == "kept for this session"
