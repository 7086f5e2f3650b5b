"""The window's collector management: freeze once settled, collect fully when the user is away."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from networkdesk.services.changes import Changes
from networkdesk.ui import collector_pauses
from networkdesk.ui.collector_pauses import CollectorPauses
from networkdesk.ui.workspace import Workspace


class _Cycle:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def pauses(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> CollectorPauses:
    monkeypatch.setattr(collector_pauses, "SETTLE_MS", 20)
    monkeypatch.setattr(collector_pauses, "AWAY_MS", 20)
    gc.unfreeze()
    workspace = Workspace()
    return CollectorPauses(workspace, workspace)


def test_a_change_freezes_what_is_alive_once_it_settles(
    pauses: CollectorPauses, qtbot: QtBot
) -> None:
    workspace = pauses.parent()
    assert isinstance(workspace, Workspace)
    assert gc.get_freeze_count() == 0
    workspace.changed.emit(Changes.of("contacts"))
    assert pauses.pending
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=2000)
    assert not pauses.pending


def test_a_burst_of_changes_freezes_once_after_the_last(pauses: CollectorPauses) -> None:
    workspace = pauses.parent()
    assert isinstance(workspace, Workspace)
    for _ in range(3):
        workspace.changed.emit(Changes.of("contacts"))
    assert pauses.pending
    assert gc.get_freeze_count() == 0  # nothing frozen while changes keep coming


def test_frozen_cycles_are_collected_when_the_user_turns_away(
    pauses: CollectorPauses, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle = _Cycle()
    alive = weakref.ref(cycle)
    collector_pauses.freeze_survivors()
    del cycle
    gc.collect()
    assert alive() is not None  # frozen: a full pass skips it
    # Offscreen, the application is never active: as when the user has switched away.
    pauses._on_state_changed(Qt.ApplicationState.ApplicationInactive)
    assert alive() is not None  # not from within the state change's signal
    assert pauses.collecting_soon
    qtbot.waitUntil(lambda: alive() is None, timeout=2000)
    assert gc.get_freeze_count() > 0  # what survived is frozen again


def test_coming_back_to_the_window_collects_nothing(pauses: CollectorPauses) -> None:
    cycle = _Cycle()
    alive = weakref.ref(cycle)
    collector_pauses.freeze_survivors()
    del cycle
    pauses._on_state_changed(Qt.ApplicationState.ApplicationInactive)
    pauses._on_state_changed(Qt.ApplicationState.ApplicationActive)
    assert not pauses.collecting_soon
    QTest.qWait(60)
    assert alive() is not None
