"""Where the database lives. One Qt-free function, used by the CLI and the desktop app alike
(never QStandardPaths: it would differ between them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from networkdesk.domain.errors import ValidationError

DB_FILENAME = "networkdesk.db"
ENV_DB = "NETWORKDESK_DB"
ENV_DB_URL = "NETWORKDESK_DB_URL"


def data_dir() -> Path:
    """The per-user data folder, e.g. ~/.local/share/networkdesk (honours XDG_DATA_HOME)."""
    return Path(platformdirs.user_data_dir("networkdesk", appauthor=False, roaming=True))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


@dataclass(frozen=True)
class DatabaseLocation:
    """An SQLAlchemy URL, and the file behind it when it is an SQLite file."""

    url: str
    path: Path | None

    @property
    def is_sqlite_file(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def sqlite_location(path: str | os.PathLike[str]) -> DatabaseLocation:
    resolved = Path(path).expanduser().resolve()
    if resolved.is_dir():
        raise ValidationError(f"--db {path}: is a folder, not a database file")
    return DatabaseLocation(url=f"sqlite+pysqlite:///{resolved}", path=resolved)


def resolve_location(
    db_path: str | None = None,
    db_url: str | None = None,
    environ: dict[str, str] | None = None,
) -> DatabaseLocation:
    """--db PATH, else --db-url URL, else $NETWORKDESK_DB, else $NETWORKDESK_DB_URL, else the
    default file in the data folder."""
    env = os.environ if environ is None else environ
    if db_path and db_url:
        raise ValidationError("give either --db PATH or --db-url URL, not both")
    if db_path:
        return sqlite_location(db_path)
    if db_url:
        return location_from_url(db_url)
    if env.get(ENV_DB):
        return sqlite_location(env[ENV_DB])
    if env.get(ENV_DB_URL):
        return location_from_url(env[ENV_DB_URL])
    return sqlite_location(default_db_path())


def location_from_url(url: str) -> DatabaseLocation:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValidationError(f"--db-url {url!r} is not a database URL") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            return sqlite_location(database)
        return DatabaseLocation(url=url, path=None)
    return DatabaseLocation(url=url, path=None)
