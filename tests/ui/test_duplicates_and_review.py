"""Duplicates and import changes in the window: Tools → Find duplicates… (pairs with the
reason, side by side, merge with a choice per field, one undo step) and Tools → Review
changes… (job and title changes with a ring review suggested, mark reviewed undoable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu
from test_accessible_names import _nameless

from networkdesk.domain.models import ContactChange
from networkdesk.services import contacts


def _duplicates(db: Any) -> tuple[int, int, int]:
    with db.transaction() as s:
        a = contacts.add(s, "Mila Okafor", company="Acme", title="Analyst", emails=["m@x.test"])
        b = contacts.add(s, "Mila Okafor", company="Globex", title="VP Data", emails=["m@x.test"])
        c = contacts.add(s, "Robert Smith", company="Initech")
        d = contacts.add(s, "Bob Smith", company="Initech", title="Director")
        return a.id, b.id, c.id if d.id else 0


def test_find_duplicates_lists_pairs_with_the_reason_and_merges(window: Any, db: Any) -> None:
    a, b, _c = _duplicates(db)
    window.workspace.notify()
    action = window.findChild(type(window.menus.undo_action), "findDuplicatesAction")
    assert action in window.menu("tools").actions()
    dialog = window.features.duplicates.show_duplicates()
    assert dialog.list.count() == 2
    reasons = [dialog.list.item(row).text().split("\n")[1] for row in range(2)]
    assert reasons == ["same e-mail m@x.test", "similar names at Initech"]
    assert dialog.summary.text().startswith("2 possible duplicates:")
    assert _nameless(dialog) == []

    dialog.list.setCurrentRow(0)
    dialog.choose("title", second=True)
    dialog.choose("company", second=True)
    assert dialog.merge_current()
    with db.reading() as s:
        kept = contacts.get(s, a)
        assert (kept.title, kept.company.name) == ("VP Data", "Globex")
        assert contacts.count(s) == 3
    assert dialog.list.count() == 1
    stack = window.workspace.undo_stack
    assert stack.undoText() == "Merge Mila Okafor with Mila Okafor"
    stack.undo()
    with db.reading() as s:
        assert contacts.count(s) == 4
        assert contacts.get(s, a).title == "Analyst"
        assert contacts.get(s, b).title == "VP Data"
    dialog.reload()
    assert dialog.list.count() == 2
    dialog.reject()


def test_no_duplicates_says_so(window: Any, db: Any) -> None:
    with db.transaction() as s:
        contacts.add(s, "Ada Lovelace")
    dialog = window.features.duplicates.show_duplicates()
    assert dialog.list.count() == 0
    assert dialog.summary.text().startswith("No possible duplicates")
    assert not dialog.merge_button.isEnabled()
    dialog.reject()


def test_review_changes_suggests_a_ring_review_and_marks_reviewed(window: Any, db: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada Lovelace", company="Globex", title="CTO", ring=3)
        s.add(
            ContactChange(
                contact_id=ada.id,
                field="title",
                old_value="Analyst",
                new_value="CTO",
                source="linkedin",
            )
        )
        s.add(
            ContactChange(
                contact_id=ada.id,
                field="company",
                old_value="Acme",
                new_value="Globex",
                source="linkedin",
            )
        )
    window.workspace.notify()
    dialog = window.features.duplicates.show_review()
    assert dialog.table.rowCount() == 2
    text = dialog.summary.text()
    assert text.startswith("2 changes to review. 1 contact changed job or title")
    assert "ring" in text
    assert dialog.table.item(0, 4).text() == "Outer"
    assert _nameless(dialog) == []

    dialog.table.selectRow(0)
    dialog.mark_selected_reviewed()
    assert dialog.table.rowCount() == 1
    assert dialog.summary.text().startswith("1 change to review.")
    window.workspace.undo_stack.undo()
    assert dialog.table.rowCount() == 2
    dialog.mark_all_reviewed()
    assert dialog.table.rowCount() == 0
    assert dialog.summary.text().startswith("Nothing to review")
    dialog.reject()


def test_the_contact_menu_in_the_review(window: Any, db: Any) -> None:
    from networkdesk.ui import contact_menu

    with db.transaction() as s:
        ada = contacts.add(s, "Ada Lovelace", ring=3).id
    menu = contact_menu.contact_menu(window.contact_actions, [ada], window)
    move = menu.findChild(QMenu, "moveToRingSubmenu")
    move.actions()[0].trigger()
    with db.reading() as s:
        assert contacts.get(s, ada).ring == 0
