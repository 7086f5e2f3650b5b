"""The window's one way into storage: opening the database it works on.

Every other module of ui/ reaches the data through services; this bootstrap alone imports
storage (the layer contract in tests/test_architecture.py names it), and gives the rest of ui/
the `Database` type they hold. SQLAlchemy is imported only when the database is opened: the
desktop start reads its first paint raw before that (`sqlite_file`, services/start_read.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from networkdesk.storage.paths import ENV_DB, ENV_DB_URL, resolve_location

if TYPE_CHECKING:
    from networkdesk.storage.database import Database

__all__ = ["Database", "open_for_window", "sqlite_file"]


def sqlite_file(db: str | None, db_url: str | None) -> Path | None:
    """The SQLite file `--db`/`--db-url` (or the default) names; None for a server, or a
    database held in memory or a location the opening will refuse (and say why). A URL is not
    looked into here: parsing one imports SQLAlchemy, which the desktop start puts off until
    its window is painted (a server has no raw start anyway)."""
    if db_url or (not db and not os.environ.get(ENV_DB) and os.environ.get(ENV_DB_URL)):
        return None
    try:
        return resolve_location(db, db_url).path
    except Exception:  # the opening's own resolve reports it, in words
        return None


def open_for_window(db: str | None, db_url: str | None) -> Database:
    """Open (creating or upgrading) the database named by `--db`/`--db-url`, or the default one;
    runs on the opener's worker thread (a server's password is read from the keyring there,
    which may ask to be unlocked)."""
    from networkdesk.services.server_login import with_saved_password
    from networkdesk.storage.database import open_database

    return open_database(with_saved_password(resolve_location(db, db_url)))
