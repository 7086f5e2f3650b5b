"""Undo and redo of ring moves through the Qt-free history (no QApplication)."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from networkdesk.domain.models import RingMove
from networkdesk.services import contacts
from networkdesk.services.changes import CONTACTS
from networkdesk.services.history import History
from networkdesk.services.records import Composite
from networkdesk.services.records.moves import RingMoved, move_contacts


def _people(db: Any) -> tuple[int, int, int]:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", ring=3, angle=1.0).id
        bob = contacts.add(s, "Bob").id
        cy = contacts.add(s, "Cy", ring=2, angle=2.0).id
    return ada, bob, cy


def _history_rows(db: Any) -> list[int]:
    with db.reading() as s:
        return list(s.scalars(select(RingMove.id).order_by(RingMove.id)))


def test_a_move_undone_and_redone_through_the_move_service(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ada, _bob, _cy = _people(db)
    before, rows_before = state(), _history_rows(db)
    record = history.apply(lambda s: move_contacts(s, [(ada, 1, 0.5)]))
    assert isinstance(record, RingMoved)
    assert record.old == (3, 1.0)
    assert record.new == (1, 0.5)
    after, rows_after = state(), _history_rows(db)
    assert record.history_row_id in rows_after
    assert record.history_row_id not in rows_before

    changes = history.undo()
    assert state() == before
    assert _history_rows(db) == rows_before, "the ring history reads as if it never happened"
    assert changes.updated_ids(CONTACTS) == {ada}

    changes = history.redo()
    assert state() == after
    assert _history_rows(db) == rows_after, "redo writes the same history row (same id)"
    assert changes.updated_ids(CONTACTS) == {ada}
    with db.reading() as s:
        c = contacts.get(s, ada)
        assert (c.ring, c.angle) == (1, 0.5)


def test_one_gesture_moving_many_contacts_from_and_to_the_inbox_is_one_step(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    ada, bob, cy = _people(db)
    before = state()
    record = history.apply(
        lambda s: move_contacts(s, [(ada, None, None), (bob, 0, None), (cy, 0, 1.5)])
    )
    assert isinstance(record, Composite)
    assert len(record.parts) == 3
    assert history.undo_label == "Move 3 contacts"
    after = state()
    with db.reading() as s:
        assert contacts.get(s, ada).ring is None
        assert contacts.get(s, bob).ring == 0
        assert math.isclose(contacts.get(s, bob).angle or 0, contacts.default_angle(bob))

    changes = history.undo()
    assert state() == before
    assert changes.updated_ids(CONTACTS) == {ada, bob, cy}
    assert not history.can_undo
    assert history.can_redo

    history.redo()
    assert state() == after
    history.undo()
    assert state() == before


def test_a_move_to_where_the_contact_is_records_nothing(db: Any, history: History) -> None:
    ada, _bob, _cy = _people(db)
    assert history.apply(lambda s: move_contacts(s, [(ada, 3, 1.0)])) is None
    assert not history.can_undo


def test_the_history_and_its_records_load_without_qt() -> None:
    code = (
        "import sys\n"
        "import networkdesk.services.history, networkdesk.services.records.moves\n"
        "import networkdesk.services.records.rows, networkdesk.services.records.adding\n"
        "assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if 'PySide' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
