"""The desktop start freezes what it has loaded before reading data (issue 13, P1): the
collector's full passes during the read then skip the start-up's modules and widgets."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from networkdesk.ui.pending_opening import PendingOpening
from networkdesk.ui.startup_collector import freeze_what_is_loaded


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Leave the collector as the test found it: nothing frozen."""
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Loaded:
    """An object made before the freeze (tracked by the collector: it has a __dict__)."""


@pytest.mark.usefixtures("unfrozen")
def test_what_is_alive_leaves_the_collectors_passes_and_is_still_freed() -> None:
    import weakref

    loaded = _Loaded()
    assert any(o is loaded for o in gc.get_objects())
    freeze_what_is_loaded()
    assert gc.get_freeze_count() > 0
    assert not any(o is loaded for o in gc.get_objects())  # the passes no longer visit it
    # Reference counting still frees a frozen object.
    gone = weakref.ref(loaded)
    del loaded
    assert gone() is None


@pytest.mark.usefixtures("unfrozen")
def test_the_opening_freezes_its_imports_before_it_reads(
    db: object, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import start_snapshot

    frozen_at_read: list[int] = []
    real_read = start_snapshot.read_start

    def read_noting_the_freeze(*args: object, **kwargs: object) -> object:
        frozen_at_read.append(gc.get_freeze_count())
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(start_snapshot, "read_start", read_noting_the_freeze)
    pending = PendingOpening(str(db_path), None)  # the `db` fixture's file, migrated
    assert pending.wait(30)
    assert pending.error is None
    assert pending.start is not None
    assert frozen_at_read
    assert frozen_at_read[0] > 0
    assert pending.database is not None
    pending.database.close()
