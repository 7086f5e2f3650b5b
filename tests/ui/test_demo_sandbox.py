"""Demo data is a sandbox: in place on an empty database; over real data, a separate demo
database the title bar names, with one click back; the user's database is never written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from networkdesk.services import contacts, database_contents
from networkdesk.ui.views.main_window import window_title

pytestmark = pytest.mark.usefixtures("qapp")


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _count(window: Any) -> int:
    return int(window.workspace.read(database_contents.count).contacts)


def test_titles() -> None:
    assert window_title("networkdesk.db") == "networkdesk — networkdesk.db"
    assert "demo" in window_title("networkdesk-demo.db", demo=True)


def test_on_an_empty_database_the_demo_loads_in_place(qtbot: Any, window: Any, db: Any) -> None:
    assert window.windowTitle() == f"networkdesk — {db.path.name}"
    assert window.demo.load() is True
    assert not window.demo.active
    assert window.workspace.require_db().path == db.path
    assert _count(window) > 0
    assert window.windowTitle() == f"networkdesk — {db.path.name}"
    assert not window.back_to_own_action.isVisible()


def test_over_real_data_the_demo_opens_a_separate_database(
    qtbot: Any, window: Any, db: Any, add_contact: Any
) -> None:
    add_contact("Ana Real", company="Acme")
    window.workspace.notify()
    own_path = db.path
    before = _dump(own_path)

    assert window.demo.load() is True
    assert window.demo.active
    shown = window.workspace.require_db().path
    assert shown == window.demo.demo_path
    assert shown != own_path
    assert _count(window) > 1
    assert "demo" in window.windowTitle()
    assert window.back_to_own_action.isVisible()
    assert _dump(own_path) == before
    assert window.workspace.undo_stack.count() == 0
    [notice] = [n for n in window.notices.notices if n.action_button is not None]
    assert "separate demo database" in notice.text
    assert "1 contact and 1 company" in notice.text

    # Loading again while in the sandbox does not stack a second demo.
    assert window.demo.load() is False

    qtbot.mouseClick(notice.action_button, Qt.MouseButton.LeftButton)
    assert not window.demo.active
    assert window.workspace.require_db().path == own_path
    assert window.windowTitle() == f"networkdesk — {own_path.name}"
    assert not window.back_to_own_action.isVisible()
    names = window.workspace.read(lambda s: [c.name for c in contacts.list_contacts(s)])
    assert names == ["Ana Real"]
    assert _dump(own_path) == before
    window.workspace.close()


def test_each_sandbox_starts_fresh(qtbot: Any, window: Any, db: Any, add_contact: Any) -> None:
    add_contact("Ana Real")
    assert window.demo.load()
    first = _count(window)
    window.back_to_own_action.trigger()
    assert not window.demo.active
    assert window.demo.load()
    assert _count(window) == first  # recreated, not added to
    window.demo.back_to_own()
    window.workspace.close()
