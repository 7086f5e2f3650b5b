"""Publishing the calendar to CalDAV: the use case Tools → Publish to CalDAV… and
`networkdesk calendar publish` share.

Both front ends find a password (typed, piped, kept for the session or saved in the keyring),
connect, keep the password once the server accepted it, and sync the ledger
(`services.publishing.publish`). The assembling lives here; the front ends only say in their own
words where the password came from and what became of it. The keyring is reached through
`networkdesk.secrets` only from this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from networkdesk import secrets
from networkdesk.domain.credentials import split_credentials
from networkdesk.domain.errors import ValidationError
from networkdesk.services import publishing
from networkdesk.services.publishing import PublishReport
from networkdesk.storage.database import Database

__all__ = [
    "CalendarAccount",
    "PublishReport",
    "forget_password",
    "keyring_problem",
    "login_name",
    "publish_calendar",
    "saved_password",
]

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class CalendarAccount:
    """One calendar of one user on one CalDAV server."""

    url: str
    user: str
    calendar: str

    def __post_init__(self) -> None:
        # Credentials in the URL would reach the ledger, the settings and error messages.
        if split_credentials(self.url).url != self.url:
            raise ValidationError(
                "the server URL holds a user name or password: give the plain URL; the "
                "password goes to the keyring"
            )

    @property
    def ledger_key(self) -> str:
        """The publishing ledger's name for this calendar."""
        return publishing.calendar_key(self.url, self.user, self.calendar)


def keyring_problem() -> str | None:
    """Why no secure keyring is available (so passwords last one session), or None."""
    return secrets.insecure_reason()


def saved_password(url: str, user: str) -> str | None:
    """The password saved in the keyring for `user` at `url`, if any (may be slow: the keyring
    may ask to be unlocked - never on the GUI thread)."""
    return secrets.get_password(url, user)


def forget_password(url: str, user: str) -> bool:
    """Remove a saved password; False when none was saved."""
    return secrets.delete_password(url, user)


def login_name(url: str, user: str) -> str:
    """The keyring's name for a server and user (one password for all their calendars)."""
    return secrets.account_name(url, user)


def publish_calendar(
    db: Database,
    account: CalendarAccount,
    password: str,
    *,
    save_password: bool,
    on_connected: Callable[[bool], None] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> PublishReport:
    """Connect to the calendar and sync it with the database.

    Once the server accepted the password - never before, a wrong one is not worth keeping - it
    is saved in the keyring when `save_password` is set, and `on_connected(saved)` says whether
    that worked (so a front end can keep it for the session instead, or say why not). Raises
    CalendarServerError (network, login, server failure) after recording what the server had
    already confirmed. `overwrite` replaces events another app changed since the last publish
    (otherwise they are reported in the report's `conflicts` and left alone).
    """
    # Imported here: the keyring questions above are asked without loading the CalDAV client.
    from networkdesk.interchange.caldav_publish import CalDavCalendar

    with CalDavCalendar.connect(account.url, account.user, password, account.calendar) as target:
        saved = save_password and secrets.save_password(account.url, account.user, password)
        if on_connected is not None:
            on_connected(saved)
        return publishing.publish(
            db,
            target,
            account.ledger_key,
            progress=progress,
            cancelled=cancelled,
            overwrite=overwrite,
        )
