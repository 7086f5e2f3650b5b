"""Bulk work and the keyboard in the window: extended selection in the contacts table and the
inbox, one contact menu everywhere, Delete on a selection as one undo step, Down and Enter
from a search field, the contacts table's columns at 1280x720."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QMenu

from networkdesk.domain.enums import Stage
from networkdesk.services import contacts, followups, meetings
from networkdesk.ui import contact_menu
from networkdesk.ui.models.contacts_table_model import COMPANY, NAME, RING, STAGE


def _people(db: Any, count: int = 6, ring: int | None = 3) -> list[int]:
    with db.transaction() as s:
        return [
            contacts.add(s, f"Person {n:02}", company="Acme", ring=ring, tag_names=["alumni"]).id
            for n in range(count)
        ]


def _panel(window: Any) -> Any:
    panel = window.pipeline.contacts_panel
    window.pipeline.contacts_dock.show()
    window.pipeline.contacts_dock.raise_()
    panel.reload()
    return panel


def _select_rows(panel: Any, ids: list[int]) -> None:
    selection = panel.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for cid in ids:
        selection.select(panel.model.index(panel.model.row_of(cid), 0), flags)


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def test_the_table_and_the_inbox_allow_extended_selection(window: Any) -> None:
    extended = QAbstractItemView.SelectionMode.ExtendedSelection
    assert window.pipeline.contacts_panel.table.selectionMode() == extended
    assert window.inbox.view.selectionMode() == extended


def test_select_five_delete_and_undo_brings_all_five_back(window: Any, db: Any) -> None:
    ids = _people(db)
    with db.transaction() as s:
        meetings.add(s, ids[0], dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    window.workspace.notify()
    panel = _panel(window)
    # Ctrl-click five rows, as a user would.
    table = panel.table
    table.setFocus()
    for n, cid in enumerate(ids[:5]):
        rect = table.visualRect(panel.model.index(panel.model.row_of(cid), NAME))
        modifier = Qt.KeyboardModifier.NoModifier if n == 0 else Qt.KeyboardModifier.ControlModifier
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert sorted(panel.selected_ids()) == sorted(ids[:5])
    assert "5 selected" in panel.count_label.text()
    QTest.keyClick(table, Qt.Key.Key_Delete)
    with db.reading() as s:
        assert contacts.count(s) == 1
    assert panel.model.rowCount() == 1
    assert window.workspace.undo_stack.undoText() == "Delete 5 contacts"

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db.reading() as s:
        assert contacts.count(s) == 6
        assert len(meetings.list_meetings(s, contact_id=ids[0])) == 1
    assert panel.model.rowCount() == 6


def test_delete_from_an_empty_search_field(window: Any, db: Any) -> None:
    ids = _people(db, 3)
    window.workspace.notify()
    panel = _panel(window)
    _select_rows(panel, ids[:2])
    panel.search.setFocus()
    QTest.keyClick(panel.search, Qt.Key.Key_Delete)
    with db.reading() as s:
        assert contacts.count(s) == 1
    # With text in the field, Delete edits the text and deletes no contact.
    panel.search.setText("Person")
    panel.search.setCursorPosition(0)
    QTest.keyClick(panel.search, Qt.Key.Key_Delete)
    assert panel.search.text() == "erson"
    with db.reading() as s:
        assert contacts.count(s) == 1


def test_find_type_down_and_enter_open_the_match(window: Any, db: Any, qtbot: Any) -> None:
    _people(db, 3)
    with db.transaction() as s:
        wanted = contacts.add(s, "Zelda Quist", company="Globex").id
    window.workspace.notify()
    panel = _panel(window)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel.search
    QTest.keyClicks(panel.search, "zelda")
    assert panel.model.rowCount() == 1
    QTest.keyClick(panel.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.table
    assert panel.selected_contact_id() == wanted

    # Enter straight from the field opens the first match too.
    panel.search.setFocus()
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.model.index(-1, 0))
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    editor = window.findChild(QDialog, "contactEditor")
    assert editor is not None
    assert editor.contact_id == wanted
    editor.reject()


def test_inbox_search_down_enter_and_delete(window: Any, db: Any) -> None:
    ids = _people(db, 3, ring=None)
    window.workspace.notify()
    inbox = window.inbox
    inbox.refresh()
    inbox.search.setFocus()
    QTest.keyClick(inbox.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is inbox.view
    assert inbox.selected_ids() == [ids[-1]]  # newest first
    QTest.keyClick(inbox.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(inbox.selected_ids()) == sorted(ids)
    QTest.keyClick(inbox.view, Qt.Key.Key_Delete)
    with db.reading() as s:
        assert contacts.count(s) == 0
    window.workspace.undo_stack.undo()
    with db.reading() as s:
        assert contacts.count(s) == 3


def test_one_menu_for_a_contact_in_the_table_board_and_inbox(window: Any, db: Any) -> None:
    placed = _people(db, 1)[0]
    with db.transaction() as s:
        waiting = contacts.add(s, "Wendy Inbox").id
    window.workspace.notify()
    panel = _panel(window)
    window.inbox.refresh()
    window.canvas.refresh()
    table_menu = panel.build_menu(placed)
    board_menu = window.canvas.contact_menu(placed, window)
    inbox_menu = contact_menu.contact_menu(window.contact_actions, [waiting], window.inbox)
    expected = [
        "Open contact…",
        "Schedule meeting…",
        "Log meeting…",
        "New follow-up…",
        "Add referral…",
        "Add to calendar (nothing scheduled)",
        "Move to ring",
        "Stage",
        "Tags",
        # Entries other features add, in every contact menu alike:
        "Show &warm path…",  # Progress
        "Write e-mail…",  # Today
        "Delete",
    ]
    assert _texts(table_menu) == expected
    assert _texts(board_menu) == expected
    assert _texts(inbox_menu) == expected


def test_add_to_calendar_offers_the_next_follow_up(window: Any, db: Any) -> None:
    cid = _people(db, 1)[0]
    with db.transaction() as s:
        followups.add(s, cid, dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC))
    window.workspace.notify()
    menu = _panel(window).build_menu(cid)
    entry = menu.findChild(object, contact_menu.CALENDAR)
    assert entry is not None
    assert entry.isEnabled()
    assert entry.text() == "Add to calendar"


def test_bulk_menu_moves_tags_and_sets_stage_as_single_steps(window: Any, db: Any) -> None:
    ids = _people(db, 4)
    window.workspace.notify()
    panel = _panel(window)
    _select_rows(panel, ids)
    menu = panel.build_menu(ids[0])
    assert _texts(menu)[0] == "4 contacts selected"
    assert _texts(menu)[-1] == "Delete 4 contacts"
    stack = window.workspace.undo_stack

    move = menu.findChild(QMenu, "moveToRingSubmenu")
    move.actions()[1].trigger()  # the inner ring
    with db.reading() as s:
        assert {contacts.get(s, cid).ring for cid in ids} == {1}
    assert stack.count() == 1

    stage = menu.findChild(QMenu, "stageSubmenu")
    next(a for a in stage.actions() if a.text() == Stage.MET.label).trigger()
    tags = menu.findChild(QMenu, "tagsSubmenu")
    next(a for a in tags.actions() if a.text() == "Remove “alumni”").trigger()
    assert stack.count() == 3
    with db.reading() as s:
        assert {contacts.get(s, cid).stage for cid in ids} == {Stage.MET}
        assert all(not contacts.get(s, cid).tags for cid in ids)
    window.contact_actions.add_tag(ids[:2], "warm")
    with db.reading() as s:
        assert [t.name for t in contacts.get(s, ids[0]).tags] == ["warm"]
    for _ in range(4):
        stack.undo()
    with db.reading() as s:
        assert {contacts.get(s, cid).ring for cid in ids} == {3}
        assert {contacts.get(s, cid).stage for cid in ids} == {Stage.IDENTIFIED}
        assert all([t.name for t in contacts.get(s, cid).tags] == ["alumni"] for cid in ids)


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
def test_table_shows_name_company_ring_and_stage_without_scrolling(
    window: Any, db: Any, qtbot: Any, size: tuple[int, int]
) -> None:
    _people(db, 3)
    window.workspace.notify()
    window.resize(*size)
    panel = _panel(window)
    qtbot.wait(50)  # the dock takes its default width once the window has its size
    QApplication.processEvents()
    header = panel.table.horizontalHeader()
    room = panel.table.viewport().width()
    assert room > 200
    for column in (NAME, COMPANY, RING, STAGE):
        assert not header.isSectionHidden(column)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= room, f"column {column} ends at {right} of {room}"
    assert [header.logicalIndex(v) for v in range(4)] == [NAME, COMPANY, RING, STAGE]


def test_the_column_chooser_hides_a_column_and_remembers_it(window: Any, db: Any) -> None:
    from networkdesk.ui import window_settings
    from networkdesk.ui.views.contacts_panel import ContactsPanel

    panel = _panel(window)
    menu = panel.column_menu()
    stage = next(a for a in menu.actions() if a.text() == "Stage")
    stage.trigger()
    assert panel.table.horizontalHeader().isSectionHidden(STAGE)
    assert not window_settings.CONTACTS_TABLE_HEADER.get().isEmpty()
    again = ContactsPanel(window.workspace)
    assert again.table.horizontalHeader().isSectionHidden(STAGE)
    again.deleteLater()
    panel.reset_columns()
    assert not panel.table.horizontalHeader().isSectionHidden(STAGE)
    assert window_settings.CONTACTS_TABLE_HEADER.get().isEmpty()


def test_board_highlight_down_and_enter_go_to_the_first_match(window: Any, db: Any) -> None:
    with db.transaction() as s:
        outer = contacts.add(s, "Quinn Outer", company="Acme", ring=3).id
        inner = contacts.add(s, "Quinn Inner", company="Acme", ring=1).id
        contacts.add(s, "Other Person", ring=0)
    window.workspace.notify()
    window.canvas.refresh()
    field = window.filter_bar.text
    field.setFocus()
    QTest.keyClicks(field, "quinn")
    QTest.keyClick(field, Qt.Key.Key_Down)
    assert window.workspace.selected_contact_id == inner  # the closest to the centre
    assert QApplication.focusWidget() is window.canvas
    assert outer in window.canvas.nodes
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Return)
    editor = window.findChild(QDialog, "contactEditor")
    assert editor is not None
    assert editor.contact_id == inner
    editor.reject()


def test_the_agenda_and_referrals_offer_the_contact_menu_as_a_submenu(window: Any, db: Any) -> None:
    cid = _people(db, 1)[0]
    menu = QMenu(window)
    sub = contact_menu.add_contact_submenu(menu, window.contact_actions, cid, "Person 00")
    assert menu.actions()[0].text() == "Person 00"
    assert _texts(sub)[0] == "Open contact…"
    assert _texts(sub)[-1] == "Delete"


def test_delete_on_the_board_and_ctrl_number_on_a_table_selection(window: Any, db: Any) -> None:
    ids = _people(db, 3)
    window.workspace.notify()
    window.canvas.refresh()
    window.canvas.setFocus()
    window.workspace.select_contact(ids[0])
    assert window.canvas.selected_ids() == [ids[0]]
    QTest.keyClick(window.canvas, Qt.Key.Key_Delete)
    with db.reading() as s:
        assert contacts.count(s) == 2

    panel = _panel(window)
    _select_rows(panel, ids[1:])
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    with db.reading() as s:
        assert [contacts.get(s, cid).ring for cid in ids[1:]] == [1, 1]
    assert window.workspace.undo_stack.undoText().startswith("Move 2 contacts to ")


def test_the_menu_key_opens_the_menu_at_the_current_row(window: Any, db: Any) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent

    ids = _people(db, 3)
    window.workspace.notify()
    panel = _panel(window)
    table = panel.table
    table.menuRequested.disconnect(panel._context_menu)  # menu.exec would wait for a click
    asked: list[QPoint] = []
    table.menuRequested.connect(asked.append)
    _select_rows(panel, [ids[2]])
    table.setCurrentIndex(panel.model.index(panel.model.row_of(ids[2]), 0))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), table.mapToGlobal(QPoint(0, 0))
    )
    QApplication.sendEvent(table, event)
    assert len(asked) == 1
    assert panel.model.contact_id_at(table.indexAt(asked[0]).row()) == ids[2]


def test_the_board_menu_acts_on_the_board_selection(window: Any, db: Any) -> None:
    ids = _people(db, 3)
    window.workspace.notify()
    window.canvas.refresh()
    for cid in ids[:2]:
        window.canvas.nodes[cid].setSelected(True)
    menu = window.canvas.contact_menu(ids[0], window.canvas)
    assert _texts(menu)[0] == "2 contacts selected"
    # A node outside the selection gets its own menu.
    assert _texts(window.canvas.contact_menu(ids[2], window.canvas))[0] == "Open contact…"


def test_ctrl_click_in_the_inbox_keeps_the_selection(window: Any, db: Any) -> None:
    ids = _people(db, 3, ring=None)
    window.workspace.notify()
    inbox = window.inbox
    inbox.refresh()
    view = inbox.view
    for n, cid in enumerate(ids[:2]):
        rect = view.visualRect(inbox.model.index(inbox.model.row_of(cid), 0))
        modifier = Qt.KeyboardModifier.NoModifier if n == 0 else Qt.KeyboardModifier.ControlModifier
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert sorted(inbox.selected_ids()) == sorted(ids[:2])
    menu = contact_menu.contact_menu(window.contact_actions, inbox.selected_ids(), inbox)
    assert _texts(menu)[0] == "2 contacts selected"


def test_the_selection_stays_after_a_bulk_edit(window: Any, db: Any) -> None:
    ids = _people(db, 4)
    window.workspace.notify()
    panel = _panel(window)
    _select_rows(panel, ids[:3])
    window.contact_actions.set_stage(ids[:3], Stage.MET)
    assert sorted(panel.selected_ids()) == sorted(ids[:3])
    window.contact_actions.move(ids[:3], 0)
    assert sorted(panel.selected_ids()) == sorted(ids[:3])


def test_delete_in_the_empty_board_highlight_field(window: Any, db: Any) -> None:
    ids = _people(db, 2)
    window.workspace.notify()
    window.canvas.refresh()
    window.workspace.select_contact(ids[0])
    field = window.filter_bar.text
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Delete)
    with db.reading() as s:
        assert contacts.count(s) == 1
