"""Views skip changes they do not show (a contact's title does not recount the rings), update
what a change names, and read after a change on the worker thread (issue 13, P7).

Reloads are counted at the model (`set_rows`) or the service read they would make: nothing here
is timed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pipeline_fixtures import make_workspace

from networkdesk.domain.fields import ContactFields
from networkdesk.services import contacts, followups, referrals
from networkdesk.services.changes import ANGLE, CONTACTS, RING, Changes
from networkdesk.ui.controllers import edits
from networkdesk.ui.controllers.moves import MoveController


@pytest.fixture
def people(db: Any) -> dict[str, int]:
    """Ada refers the user on to Bob; Cy is on no referral and has no follow-up; Ada has one."""
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", company="Acme", ring=2, angle=1.0).id
        bob = contacts.add(s, "Bob", company="Acme", ring=3, angle=2.0).id
        cy = contacts.add(s, "Cy", company="Globex", ring=3, angle=3.0).id
        referrals.add(s, ada, bob)
        followups.add(s, ada, dt.datetime.now(dt.UTC) + dt.timedelta(days=2), title="Thank")
    return {"ada": ada, "bob": bob, "cy": cy}


def _count_calls(obj: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record each call of `obj.name` (still calling it)."""
    calls: list[object] = []
    real = getattr(obj, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs or args)
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, spy)
    return calls


def _title(cid: int) -> Changes:
    return Changes.of(updated={CONTACTS: [cid]}, fields={CONTACTS: ["title"]})


def _renamed(cid: int) -> Changes:
    return Changes.of(updated={CONTACTS: [cid]}, fields={CONTACTS: ["name"]})


def test_companies_panel_recounts_for_a_ring_move_only(
    qtbot: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views.companies_panel import CompaniesPanel

    ws = make_workspace(db)
    panel = CompaniesPanel(ws)
    qtbot.addWidget(panel)
    panel.targets_only.setChecked(False)
    resets = _count_calls(panel.model, "set_rows", monkeypatch)

    edits.edit_contact(ws, people["cy"], ContactFields(title="CTO"))
    MoveController(ws).move([(people["cy"], 3, 0.5)])  # along its ring: the angle only
    assert resets == []

    MoveController(ws).move([(people["cy"], 1, None)])
    assert len(resets) == 1
    globex = panel.model.row_of(next(r.id for r in panel.model.rows() if r.name == "Globex"))
    assert globex is not None
    assert panel.model.row_at(globex).ring_counts == {1: 1}  # type: ignore[union-attr]


def test_referrals_and_agenda_reload_only_when_a_contact_they_show_is_renamed(
    qtbot: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views.followups_agenda import FollowupsAgenda
    from networkdesk.ui.views.referrals_panel import ReferralsPanel

    ws = make_workspace(db)
    referrals_panel, agenda = ReferralsPanel(ws), FollowupsAgenda(ws)
    qtbot.addWidget(referrals_panel)
    qtbot.addWidget(agenda)
    referrals_panel.reload()
    referral_reloads = _count_calls(referrals_panel.model, "set_rows", monkeypatch)
    agenda_reloads = _count_calls(agenda.model, "set_rows", monkeypatch)

    ws.changed.emit(_title(people["ada"]))  # a field neither shows
    ws.changed.emit(_renamed(people["cy"]))  # a contact neither shows
    ws.changed.emit(Changes.of(created={CONTACTS: [999]}))  # nobody refers to a new contact
    MoveController(ws).move([(people["ada"], 0, None)])
    assert referral_reloads == []
    assert agenda_reloads == []

    with db.transaction() as s:
        contacts.get(s, people["bob"]).name = "Robert"
    ws.changed.emit(_renamed(people["bob"]))  # on a referral, not in the agenda
    assert len(referral_reloads) == 1
    assert agenda_reloads == []
    assert referrals_panel.model.rows()[0].to_name == "Robert"

    with db.transaction() as s:
        contacts.get(s, people["ada"]).name = "Ada L."
    ws.changed.emit(Changes.of(updated={CONTACTS: [people["ada"]]}))  # fields not known
    assert len(referral_reloads) == 2
    assert len(agenda_reloads) == 1
    names = {
        agenda.model.bucket_rows(b)[0].contact_name for b in range(4) if agenda.model.bucket_rows(b)
    }
    assert names == {"Ada L."}


def test_progress_is_marked_stale_only_by_what_it_counts(
    qtbot: Any, db: Any, people: dict[str, int]
) -> None:
    from networkdesk.ui.progress.progress_view import ProgressView

    ws = make_workspace(db)
    view = ProgressView(ws)
    qtbot.addWidget(view)
    view.refresh.stale = False
    ws.changed.emit(_title(people["ada"]))
    ws.changed.emit(Changes.of(updated={CONTACTS: [people["ada"]]}, fields={CONTACTS: [ANGLE]}))
    assert not view.refresh.stale
    ws.changed.emit(Changes.of(updated={CONTACTS: [people["ada"]]}, fields={CONTACTS: [RING]}))
    assert view.refresh.stale


def test_board_reads_only_the_nodes_a_change_names_and_skips_fields_it_does_not_draw(
    window: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import board

    canvas = window.canvas
    canvas.refresh()
    reads = _count_calls(board, "placed_nodes", monkeypatch)
    canvas._readiness_timer.stop()

    notes = Changes.of(updated={CONTACTS: [people["ada"]]}, fields={CONTACTS: ["notes"]})
    window.workspace.changed.emit(notes)
    assert reads == []
    assert not canvas._readiness_timer.isActive()  # readiness reads no notes either

    MoveController(window.workspace).move([(people["cy"], 0, None)])
    assert len(reads) == 1
    assert reads == [{"ids": frozenset({people["cy"]})}]
    assert canvas.nodes[people["cy"]].node.ring == 0
    assert canvas._readiness_timer.isActive()  # the bull's-eye changed


def test_status_bar_recounts_for_a_ring_change_only(
    window: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.services import board

    counts = _count_calls(board, "ring_counts", monkeypatch)
    window.workspace.changed.emit(_title(people["ada"]))
    assert counts == []
    MoveController(window.workspace).move([(people["ada"], None, None)])
    assert len(counts) == 1
    assert "1 in the inbox" in window.board_status.text()


# --- the worker thread ----------------------------------------------------------------------


def _settle(qtbot: Any, reader: Any, delivered: Callable[[], bool]) -> None:
    reader.wait()
    qtbot.waitUntil(delivered)


def test_background_read_delivers_the_newest_read_on_the_gui_thread(
    qtbot: Any, db: Any, people: dict[str, int], reads_on_worker: None
) -> None:
    import threading

    from networkdesk.ui.background_read import BackgroundRead

    ws = make_workspace(db)
    threads: list[str] = []

    def read(session: Any) -> int:
        threads.append(threading.current_thread().name)
        return contacts.count(session)

    reader = BackgroundRead(ws, read)
    got: list[tuple[object, bool]] = []
    reader.loaded.connect(
        lambda value: got.append((value, threading.current_thread() is threading.main_thread()))
    )
    for _ in range(3):
        reader.request()  # a burst: the two older results are dropped
    assert got == []  # nothing delivered before the event loop runs
    _settle(qtbot, reader, lambda: bool(got))
    qtbot.wait(20)  # anything else queued would arrive now
    assert got == [(3, True)]
    assert threads
    assert set(threads) == {"networkdesk-reads"}


def test_patch_reads_gather_the_ids_of_reads_superseded(
    qtbot: Any, db: Any, people: dict[str, int], reads_on_worker: None
) -> None:
    from networkdesk.ui.background_read import PatchReads

    ws = make_workspace(db)
    asked: list[frozenset[int]] = []

    def read(session: Any, ids: frozenset[int]) -> list[str]:
        asked.append(ids)
        return sorted(contacts.get(session, cid).name for cid in ids)

    patches = PatchReads(ws, read)
    got: list[tuple[frozenset[int], object]] = []
    patches.loaded.connect(lambda ids, rows: got.append((ids, rows)))
    patches.request(frozenset({people["ada"]}))
    patches.request(frozenset({people["bob"]}))
    _settle(qtbot, patches.reader, lambda: bool(got))
    qtbot.wait(20)
    both = frozenset({people["ada"], people["bob"]})
    assert got == [(both, ["Ada", "Bob"])]
    assert asked[-1] == both
    patches.request(frozenset({people["cy"]}))
    _settle(qtbot, patches.reader, lambda: len(got) == 2)
    assert got[1] == (frozenset({people["cy"]}), ["Cy"])  # delivered ids are not asked again


def test_inbox_patch_read_on_the_worker_arrives(
    qtbot: Any, db: Any, people: dict[str, int], reads_on_worker: None
) -> None:
    from networkdesk.ui.views.inbox_panel import InboxPanel

    ws = make_workspace(db)
    panel = InboxPanel(ws, MoveController(ws, warn=print, report_error=print), None)
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.model.rowCount() == 0  # everyone is on a ring
    with qtbot.waitSignal(panel.patches.loaded):
        MoveController(ws).move([(people["cy"], None, None)])
    assert [panel.model.entry(r).id for r in range(panel.model.rowCount())] == [people["cy"]]


def test_contact_editor_activity_follows_only_what_it_lists(
    qtbot: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views.contact_editor import ContactEditor

    ws = make_workspace(db)
    editor = ContactEditor(ws, people["ada"])
    qtbot.addWidget(editor)
    shown = _count_calls(editor.activity, "show_contact", monkeypatch)
    ws.changed.emit(_title(people["ada"]))  # not in the activity
    MoveController(ws).move([(people["cy"], 0, None)])  # someone else's ring history
    assert shown == []
    MoveController(ws).move([(people["ada"], 0, None)])  # Ada's ring history grows
    ws.changed.emit(_renamed(people["bob"]))  # Bob is named on Ada's referral
    assert len(shown) == 2


def test_review_dialog_reloads_for_names_and_rings_only(
    window: Any, db: Any, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from networkdesk.ui.views import review_changes

    reads = _count_calls(review_changes, "_rows", monkeypatch)
    dialog = window.features.duplicates.show_review()
    assert dialog is not None
    reads.clear()
    ws = window.workspace
    ws.changed.emit(_title(people["ada"]))
    MoveController(ws).move([(people["ada"], 2, 0.2)])  # along its ring
    assert reads == []
    MoveController(ws).move([(people["ada"], 0, None)])
    assert len(reads) == 1
    dialog.close()
