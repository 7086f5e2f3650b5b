"""Fixtures shared by the pipeline's UI tests (contacts table, editors, agenda, panels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def workspace(qtbot: Any, db: Any) -> Iterator[Any]:
    """A Workspace over a fresh database (no external-change polling)."""
    from networkdesk.ui.workspace import Workspace

    ws = Workspace()
    ws.db = db
    ws.opened.emit()
    yield ws
    ws.db = None  # the db fixture closes the database


@pytest.fixture(scope="module")
def demo_30k(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Any]:
    """A database with 30,000 demo contacts (1,000 placed), built once per module."""
    from helpers.template_db import copy_template
    from networkdesk.services import contacts, demo
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    path: Path = tmp_path_factory.mktemp("demo30k") / "networkdesk.db"
    database = open_database(sqlite_location(copy_template(migrated_template, path)))
    with database.transaction() as s:
        demo.generate(s, contacts=30_000, placed=1_000, today=dt.date(2026, 3, 14))
        contacts.add(s, "Jürgen Müller", company="Zeiss", title="Optics <b>lead</b>")
    try:
        yield database
    finally:
        database.close()


def make_workspace(db: Any) -> Any:
    from networkdesk.ui.workspace import Workspace

    ws = Workspace()
    ws.db = db
    return ws
