"""The window's one way into storage: opening the database it works on.

Every other module of ui/ reaches the data through services; this bootstrap alone imports
storage (the layer contract in tests/test_architecture.py names it), and gives the rest of ui/
the `Database` type they hold.
"""

from __future__ import annotations

from networkdesk.services.server_login import with_saved_password
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import resolve_location

__all__ = ["Database", "open_for_window"]


def open_for_window(db: str | None, db_url: str | None) -> Database:
    """Open (creating or upgrading) the database named by `--db`/`--db-url`, or the default one;
    runs on the opener's worker thread (a server's password is read from the keyring there,
    which may ask to be unlocked)."""
    return open_database(with_saved_password(resolve_location(db, db_url)))
