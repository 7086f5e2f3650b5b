"""One migrated SQLite database per test session, copied for each test that needs a database.

Running the Alembic migrations costs far more than copying a file; the tests that test migrations
themselves (tests/migrations, tests/unit/test_storage_database.py) still open fresh files and
migrate them for real.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path


def build_template(path: Path) -> Path:
    """Create and migrate the database at `path`, folded into a single file (no WAL left)."""
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    open_database(sqlite_location(path)).close()
    connection = sqlite3.connect(path)
    try:
        # Everything in the main file, and the journal mode reset, so a plain copy of the one
        # file is the whole database (open_database switches the copy back to WAL).
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    return path


def copy_template(template: Path, target: Path) -> Path:
    """A private copy of the template at `target`: folder 0700 and file 0600, as
    `storage.database.prepare_sqlite_file` would have made them."""
    folder = target.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        os.chmod(folder, 0o700)
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return target
