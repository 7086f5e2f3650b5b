"""Fixtures for the desktop tests: QSettings in Qt's test mode, a main window on a fresh database,
and small helpers to put contacts on the board."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

# QSettings and QStandardPaths never touch the user's configuration during tests.
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _app_identity(qapp: Any) -> None:
    QCoreApplication.setOrganizationName("networkdesk-tests")
    QCoreApplication.setApplicationName("networkdesk-tests")


@pytest.fixture(autouse=True)
def _fresh_qsettings(_app_identity: None) -> Iterator[None]:
    from PySide6.QtCore import QSettings

    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def _reads_inline() -> Iterator[None]:
    """Views read after a change on a worker thread; here on the GUI thread, so a test sees the
    view updated when the change returns (tests of the worker path use `reads_on_worker`)."""
    from networkdesk.ui.background_read import reads_inline

    reads_inline(True)
    yield
    reads_inline(False)


@pytest.fixture
def reads_on_worker(_reads_inline: None) -> Iterator[None]:
    """Reads after a change on the worker thread, as in the application."""
    from networkdesk.ui.background_read import reads_inline

    reads_inline(False)
    yield
    reads_inline(True)


@pytest.fixture
def window(qtbot: Any, db: Any) -> Iterator[Any]:
    """The main window on a fresh database, shown (offscreen) and attached."""
    from networkdesk.ui.application import build_main_window

    win = build_main_window(db)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # The database fixture closes the database itself; stop polling it first.
    win.workspace._poll.stop()


@pytest.fixture
def add_contact(db: Any) -> Callable[..., int]:
    """Add a contact through the services (outside the window, committed); returns its id."""
    from networkdesk.services import contacts

    def add(name: str, **fields: Any) -> int:
        with db.transaction() as session:
            return int(contacts.add(session, name, **fields).id)

    return add


@pytest.fixture
def contact_state(db: Any) -> Callable[[int], tuple[int | None, float | None]]:
    """(ring, angle) of a contact as the database has it now."""
    from networkdesk.services import contacts

    def state(contact_id: int) -> tuple[int | None, float | None]:
        with db.reading() as session:
            contact = contacts.get(session, contact_id)
            return contact.ring, contact.angle

    return state


class BoardDriver:
    """Mouse gestures on the bull's-eye, as a person would make them (QTest on the viewport)."""

    @staticmethod
    def screen(view: Any, scene_point: Any) -> Any:
        from PySide6.QtCore import QPointF

        if isinstance(scene_point, tuple):
            scene_point = QPointF(*scene_point)
        return view.mapFromScene(scene_point)

    @staticmethod
    def drag(view: Any, start: Any, end: Any, steps: int = 6) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        viewport = view.viewport()
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(viewport, left, none, start)
        for i in range(1, steps + 1):
            x = start.x() + (end.x() - start.x()) * i // steps
            y = start.y() + (end.y() - start.y()) * i // steps
            QTest.mouseMove(viewport, QPoint(x, y))
        QTest.mouseRelease(viewport, left, none, end)

    def drag_node_to(self, view: Any, contact_id: int, scene_point: Any) -> None:
        node = view.nodes[contact_id]
        self.drag(view, self.screen(view, node.pos()), self.screen(view, scene_point))


@pytest.fixture
def board_driver() -> BoardDriver:
    return BoardDriver()


class UnsavedAnswers:
    """Answers the Save / Discard / Keep editing question instead of a person (a modal box in a
    test would wait for ever); records what was asked."""

    def __init__(self) -> None:
        from networkdesk.ui.views.unsaved_changes import Choice

        self.answer = Choice.DISCARD
        self.asked: list[str] = []

    def __call__(self, parent: Any, title: str, text: str, *, many: bool = False) -> Any:
        self.asked.append(text)
        return self.answer


@pytest.fixture(autouse=True)
def unsaved_answers(monkeypatch: pytest.MonkeyPatch) -> UnsavedAnswers:
    """Every unsaved-changes question is answered Discard unless a test says otherwise."""
    from networkdesk.ui.views import unsaved_changes

    answers = UnsavedAnswers()
    monkeypatch.setattr(unsaved_changes, "ask_user", answers)
    return answers
