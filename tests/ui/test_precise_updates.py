"""Views update only the rows and nodes a `Changes` names (insert, redraw, remove: no reset),
and reload everything for a plain set of areas or an external change."""

from __future__ import annotations

from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import QPersistentModelIndex

from networkdesk.services import contacts
from networkdesk.services.changes import CONTACTS, MEETINGS, Changes
from networkdesk.ui.models.row_patch import change_ids, plan_patch


def test_change_ids_only_for_a_precise_change_of_that_area_alone() -> None:
    assert change_ids(frozenset({CONTACTS}), CONTACTS) is None  # today's payload: reload
    assert change_ids(Changes.everything_changed(), CONTACTS) is None
    assert change_ids(Changes.of(CONTACTS), CONTACTS) is None  # no ids
    precise = Changes.of(created={CONTACTS: [3]}, updated={CONTACTS: [4]}, deleted={CONTACTS: [5]})
    assert change_ids(precise, CONTACTS) == {3, 4, 5}
    both = Changes.of(MEETINGS, updated={CONTACTS: [4]})
    assert change_ids(both, CONTACTS, also_shown=(MEETINGS,)) is None
    assert change_ids(both, CONTACTS) == {4}


def test_plan_patch_steps_rebuild_the_new_list() -> None:
    old = [1, 2, 3, 4, 5, 6]
    new = [1, 7, 3, 5, 8, 6, 2]  # 4 deleted, 7 and 8 created, 2 moved to the end, 5 edited
    patch = plan_patch(old, new, changed={2, 5, 7, 8}, moved={2})
    rows = list(old)
    for first, last in patch.removals:
        del rows[first : last + 1]
    for first, last in patch.insertions:
        rows[first:first] = new[first : last + 1]
    assert rows == new
    assert [new[r] for r in patch.refreshed] == [5]
    with pytest.raises(ValueError):
        plan_patch([1, 2], [2, 1], changed=())


@pytest.fixture
def people(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        return {
            name: int(contacts.add(s, name, company=company).id)
            for name, company in (("Ada", "Acme"), ("Cleo", "Zeiss"), ("Ben", "Acme"))
        }


def _write(db: Any, work: Any) -> Any:
    with db.transaction() as s:
        return work(s)


def _rename(db: Any, contact_id: int, name: str) -> None:
    with db.transaction() as s:
        contact = contacts.get(s, contact_id)
        contact.name = name
        contacts.refresh_search_text(contact)


def _no_reset(model: Any) -> list[str]:
    resets: list[str] = []
    model.modelAboutToBeReset.connect(lambda: resets.append("reset"))
    return resets


def test_contacts_table_updates_only_the_named_rows(
    qtbot: Any, qtmodeltester: Any, db: Any, people: dict[str, int]
) -> None:
    from networkdesk.ui.views.contacts_panel import ContactsPanel

    ws = make_workspace(db)
    panel = ContactsPanel(ws)
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    model = panel.model
    names = lambda: [model.index(r, 0).data() for r in range(model.rowCount())]  # noqa: E731
    assert names() == ["Ada", "Ben", "Cleo"]
    cleo = QPersistentModelIndex(model.index(2, 0))
    resets = _no_reset(model)
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))

    new_id = _write(db, lambda s: int(contacts.add(s, "Bea", company="Acme").id))
    ws.changed.emit(Changes.of(created={CONTACTS: [new_id]}))
    assert names() == ["Ada", "Bea", "Ben", "Cleo"]
    assert inserted == [(1, 1)]
    assert cleo.row() == 3
    assert cleo.data() == "Cleo"

    # Renaming moves the row to its place; a title edit redraws it in place.
    _rename(db, people["Ada"], "Zoe")
    changed: list[int] = []
    model.dataChanged.connect(lambda a, _b, *_r: changed.append(a.row()))
    ws.changed.emit(Changes.of(updated={CONTACTS: [people["Ada"]]}))
    assert names() == ["Bea", "Ben", "Cleo", "Zoe"]
    _write(db, lambda s: setattr(contacts.get(s, people["Ben"]), "title", "CTO"))
    ws.changed.emit(Changes.of(updated={CONTACTS: [people["Ben"]]}))
    assert model.index(1, 2).data() == "CTO"
    assert changed[-1] == 1

    _write(db, lambda s: contacts.delete(s, people["Cleo"]))
    ws.changed.emit(Changes.of(deleted={CONTACTS: [people["Cleo"]]}))
    assert names() == ["Bea", "Ben", "Zoe"]
    assert removed[-1] == (2, 2)
    assert not cleo.isValid()
    assert panel.count_label.text() == "3 contacts"
    assert resets == []
    qtmodeltester.check(model)

    # The search still narrows the rows after partial updates.
    model.set_search("acme")
    assert names() == ["Bea", "Ben", "Zoe"]
    ws.changed.emit(frozenset({CONTACTS}))  # no ids: everything reloads
    assert resets == ["reset"]
    qtmodeltester.check(model)


def test_inbox_updates_only_the_named_entries(
    qtbot: Any, qtmodeltester: Any, db: Any, people: dict[str, int], reads_on_worker: None
) -> None:
    from networkdesk.ui.controllers.moves import MoveController
    from networkdesk.ui.views.inbox_panel import InboxPanel

    ws = make_workspace(db)
    panel = InboxPanel(ws, MoveController(ws, warn=print, report_error=print), None)
    qtbot.addWidget(panel)
    panel.refresh()
    model = panel.model
    ids = lambda: [model.entry(r).id for r in range(model.rowCount())]  # noqa: E731
    assert ids() == sorted(people.values(), reverse=True)
    resets = _no_reset(model)

    _write(db, lambda s: contacts.move(s, people["Cleo"], 1, 0.5))
    new_id = _write(db, lambda s: int(contacts.add(s, "Dan").id))
    # The named entries are read on a worker thread, then patched in.
    with qtbot.waitSignal(panel.patches.loaded):
        ws.changed.emit(
            Changes.of(created={CONTACTS: [new_id]}, updated={CONTACTS: [people["Cleo"]]})
        )
    assert ids() == [new_id, people["Ben"], people["Ada"]]
    _rename(db, people["Ben"], "Benedict")
    with qtbot.waitSignal(panel.patches.loaded):
        ws.changed.emit(Changes.of(updated={CONTACTS: [people["Ben"]]}))
    assert model.index(1, 0).data() == "Benedict"
    assert "3 contacts not placed" in panel.heading.text()
    assert resets == []
    qtmodeltester.check(model)


def test_inbox_reads_nothing_for_a_field_it_does_not_show(
    qtbot: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.controllers.moves import MoveController
    from networkdesk.ui.views.inbox_panel import InboxPanel

    ws = make_workspace(db)
    panel = InboxPanel(ws, MoveController(ws, warn=print, report_error=print), None)
    qtbot.addWidget(panel)
    panel.refresh()
    asked: list[frozenset[int]] = []
    monkeypatch.setattr(panel.patches, "request", asked.append)
    ben = people["Ben"]
    ws.changed.emit(Changes.of(updated={CONTACTS: [ben]}, fields={CONTACTS: ["notes"]}))
    ws.changed.emit(Changes.of(updated={CONTACTS: [ben]}, fields={CONTACTS: ["angle"]}))
    assert asked == []
    ws.changed.emit(Changes.of(updated={CONTACTS: [ben]}, fields={CONTACTS: ["title"]}))
    ws.changed.emit(Changes.of(updated={CONTACTS: [ben]}))  # fields not known: any
    assert asked == [{ben}, {ben}]


def test_board_moves_only_the_named_nodes(window: Any, add_contact: Any, db: Any) -> None:
    a, b = add_contact("Ada"), add_contact("Ben")
    _write(db, lambda s: (contacts.move(s, a, 2, 0.1), contacts.move(s, b, 3, 0.2)))
    window.workspace.changed.emit(frozenset({CONTACTS}))
    canvas = window.canvas
    node_a, node_b = canvas.nodes[a], canvas.nodes[b]
    reads: list[object] = []
    from networkdesk.services import board

    real = board.placed_nodes

    def counting(session: Any, now: Any = None, *, ids: Any = None) -> Any:
        reads.append(ids)
        return real(session, now, ids=ids)

    board.placed_nodes = counting  # type: ignore[assignment]
    try:
        _write(db, lambda s: contacts.move(s, a, 0, 0.3))
        window.workspace.changed.emit(Changes.of(updated={CONTACTS: [a]}))
        assert reads == [{a}]
        assert canvas.nodes[a] is node_a
        assert canvas.nodes[b] is node_b
        assert node_a.node.ring == 0
        _write(db, lambda s: contacts.move(s, b, None, None))
        window.workspace.changed.emit(Changes.of(updated={CONTACTS: [b]}))
        assert b not in canvas.nodes
        assert set(canvas.nodes) == {a}
    finally:
        board.placed_nodes = real  # type: ignore[assignment]
