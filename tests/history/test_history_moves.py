"""Undo and redo of ring moves through the Qt-free history (no QApplication)."""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from networkdesk.domain.fields import ContactFields
from networkdesk.domain.models import RingMove
from networkdesk.services import contacts
from networkdesk.services.changes import ANGLE, COMPANIES, CONTACTS, RING
from networkdesk.services.history import History
from networkdesk.services.records import Composite
from networkdesk.services.records.moves import RingMoved, move_contacts
from networkdesk.services.records.rows import edit_row


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


def test_a_move_names_only_the_contact_and_the_fields_it_wrote(db: Any, history: History) -> None:
    ada, _bob, _cy = _people(db)
    with db.reading() as s:
        ring = contacts.get(s, ada).ring
    along = history.apply(lambda s: move_contacts(s, [(ada, ring, 2.5)]))
    assert along is not None
    # Along the same ring only the angle changes: views of rings (the agenda, the counts)
    # have nothing to do.
    assert set(along.changes) == {CONTACTS}
    assert along.changes.fields_of(CONTACTS) == {ANGLE}
    inward = history.apply(lambda s: move_contacts(s, [(ada, 0, None)]))
    assert inward is not None
    assert set(inward.changes) == {CONTACTS}
    assert inward.changes.updated_ids(CONTACTS) == {ada}
    assert inward.changes.fields_of(CONTACTS) == {RING, ANGLE}
    assert history.undo().fields_of(CONTACTS) == {RING, ANGLE}


def test_an_edit_names_the_contact_and_its_fields_and_companies_only_for_a_company(
    db: Any, history: History
) -> None:
    ada, _bob, _cy = _people(db)
    title = history.apply(lambda s: edit_row(s, ada, ContactFields(title="CTO"), "Edit"))
    assert set(title.changes) == {CONTACTS}
    assert title.changes.fields_of(CONTACTS) == {"title"}
    company = history.apply(lambda s: edit_row(s, ada, ContactFields(company="Initech"), "Edit"))
    assert set(company.changes) == {CONTACTS, COMPANIES}
    assert company.changes.fields_of(CONTACTS) == {"company"}
