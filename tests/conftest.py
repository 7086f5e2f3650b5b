"""Test set-up shared by every test: no real user data, no display, no real keyring.

Runs before any test module imports Qt or keyring: the environment is fixed at import time.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Qt: offscreen when there is no display (pytest-qt does not choose a platform itself).
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Never the user's folders: a private data/config home for the whole run, before anything
# computes the default database path. Each test gets its own below (see `isolated_dirs`).
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="networkdesk-tests-"))
os.environ["XDG_DATA_HOME"] = str(_SESSION_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_HOME / "config")
os.environ["XDG_CACHE_HOME"] = str(_SESSION_HOME / "cache")
# Qt's test mode keeps QSettings and its standard paths under $HOME/.qttest: a private home,
# so two test runs at once (or a run beside the user's own) never share or clear them.
os.makedirs(_SESSION_HOME / "home", exist_ok=True)
os.environ["HOME"] = str(_SESSION_HOME / "home")
os.environ.pop("NETWORKDESK_DB", None)
os.environ.pop("NETWORKDESK_DB_URL", None)
# A fixed zone with daylight saving makes "local time" tests meaningful and repeatable.
os.environ.setdefault("TZ", "Europe/Berlin")
if hasattr(__import__("time"), "tzset"):
    __import__("time").tzset()

sys.path.insert(0, str(Path(__file__).parent))

from helpers.keyring_backend import MemoryKeyring  # noqa: E402
from helpers.template_db import build_template, copy_template  # noqa: E402

# A throwaway PostgreSQL cluster for the server-database tests (session-scoped, started on demand).
pytest_plugins = ["helpers.postgres"]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own XDG data and config folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NETWORKDESK_DB", raising=False)
    monkeypatch.delenv("NETWORKDESK_DB_URL", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring backend for every test; the real one is never touched."""
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nd" / "networkdesk.db"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the schema's head, migrated once per session (see helpers)."""
    return build_template(tmp_path_factory.mktemp("template") / "networkdesk.db")


@pytest.fixture
def db(db_path: Path, migrated_template: Path) -> Iterator[object]:
    """A fresh, migrated SQLite database in a temporary folder: a copy of the session's template
    (open_database finds it at the head revision and migrates nothing)."""
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    database = open_database(sqlite_location(copy_template(migrated_template, db_path)))
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def open_fresh_db(migrated_template: Path) -> Callable[[Path], Any]:
    """Opens another fresh, migrated database at a given path (a copy of the template), for
    tests that need more than one; the test closes what it opens."""
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    def open_copy(path: Path) -> Any:
        return open_database(sqlite_location(copy_template(migrated_template, path)))

    return open_copy


@pytest.fixture
def session(db: object) -> Iterator[object]:
    """A session inside one transaction, committed at the end of the test."""
    with db.transaction() as s:  # type: ignore[attr-defined]
        yield s
