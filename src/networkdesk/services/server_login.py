"""Logging in to a PostgreSQL server: the password comes from the keyring, never from the URL.

A `--db-url` that holds a password is refused: it would sit in the shell's history, in the
process list and in every error message. The password is saved once (`networkdesk server login`,
or `server add-user` for a new login) under the server and login name - PostgreSQL's logins are
the cluster's, so one password serves every database of that server - and added to the URL only
on its way to the driver. Without a saved one, libpq's own sources still apply (PGPASSWORD,
~/.pgpass, or a server that trusts the connection). TLS is libpq's default, `sslmode=prefer`:
encrypted whenever the server offers it (`networkdesk server status` says whether it is).
"""

from __future__ import annotations

from networkdesk import secrets
from networkdesk.domain.errors import ValidationError
from networkdesk.storage.paths import DatabaseLocation

DEFAULT_PORT = 5432


def is_server_url(location: DatabaseLocation) -> bool:
    return location.path is None and location.url.startswith("postgresql")


def _parts(location: DatabaseLocation) -> tuple[str, str | None, str | None]:
    """(server key, login, password in the URL)."""
    from sqlalchemy.engine import make_url

    url = make_url(location.url)
    server = f"postgresql://{(url.host or 'localhost').lower()}:{url.port or DEFAULT_PORT}"
    return server, url.username, url.password if url.password is not None else None


def refuse_password_in_url(location: DatabaseLocation) -> None:
    if not is_server_url(location):
        return
    if _parts(location)[2] is not None:
        raise ValidationError(
            "the database URL holds a password: give it without one; save the password with "
            "`networkdesk server login --db-url URL` (it goes to the keyring), or use "
            "PGPASSWORD or ~/.pgpass"
        )


def login_name(location: DatabaseLocation) -> str | None:
    """The login the URL names (None: libpq's default, the system user)."""
    return _parts(location)[1] if is_server_url(location) else None


def with_saved_password(location: DatabaseLocation) -> DatabaseLocation:
    """`location` with the login's saved password, for the engine only (its description hides
    it). Unchanged for SQLite, for a URL without a login, and when none is saved."""
    if not is_server_url(location):
        return location
    refuse_password_in_url(location)
    server, user, _ = _parts(location)
    if not user:
        return location
    password = secrets.get_password(server, user)
    if password is None:
        return location
    from sqlalchemy.engine import make_url

    url = make_url(location.url).set(password=password)
    return DatabaseLocation(url=url.render_as_string(hide_password=False), path=None)


def save_password(location: DatabaseLocation, user: str, password: str) -> str | None:
    """Keep `user`'s password for this server in the keyring. None when saved, otherwise why
    it could not be (no secure keyring: give it each time through libpq's PGPASSWORD)."""
    problem = secrets.insecure_reason()
    if problem is not None:
        return problem
    if not secrets.save_password(_parts(location)[0], user, password):
        return "the keyring refused to save it"
    return None


def forget_password(location: DatabaseLocation, user: str) -> bool:
    return secrets.delete_password(_parts(location)[0], user)
