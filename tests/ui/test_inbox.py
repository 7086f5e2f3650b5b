"""The inbox of unplaced contacts: its model, search, selection and drags."""

from __future__ import annotations

from PySide6.QtCore import Qt

from networkdesk.services.board import InboxEntry
from networkdesk.services.inbox_columns import InboxColumns
from networkdesk.ui.controllers.moves import CONTACT_IDS_MIME, contact_ids_from_mime
from networkdesk.ui.views.inbox_panel import ContactIdRole, DetailRole, InboxModel


def _entries() -> list[InboxEntry]:
    """Newest (highest id) first, as the inbox lists them."""
    return [
        InboxEntry(3, "Jürgen Müller", "Acme", "Engineer"),
        InboxEntry(2, "Zoë <b>Bold</b>", None, None),
        InboxEntry(1, "Ana Díaz", "Globex", "CTO"),
    ]


def test_inbox_model_passes_the_model_tester(qtmodeltester) -> None:
    model = InboxModel()
    model.set_entries(_entries())
    qtmodeltester.check(model)
    model.set_search("mull")
    qtmodeltester.check(model)
    model.set_search("")
    model.set_entries([])
    qtmodeltester.check(model)


def test_inbox_model_roles_and_search() -> None:
    model = InboxModel()
    model.set_entries(_entries())
    first = model.index(0, 0)
    assert first.data() == "Jürgen Müller"
    assert first.data(ContactIdRole) == 3
    assert first.data(DetailRole) == "Engineer · Acme"
    # Accent- and case-insensitive, every word must match.
    model.set_search("MULLER acme")
    assert [model.index(r, 0).data(ContactIdRole) for r in range(model.rowCount())] == [3]
    model.set_search("diaz")
    assert model.rowCount() == 1
    assert model.total == 3
    # User text is data, shown as is (list views never interpret markup).
    model.set_search("")
    assert model.index(1, 0).data() == "Zoë <b>Bold</b>"
    assert "&lt;b&gt;" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


def _shown(model: InboxModel) -> list[int]:
    return [model.index(r, 0).data(ContactIdRole) for r in range(model.rowCount())]


def test_a_change_moves_only_the_rows_it_names(qtmodeltester) -> None:
    model = InboxModel()
    model.set_entries(_entries())
    qtmodeltester.check(model)
    # 2 was placed on a ring, 4 is new, 1 was renamed: named by the change, read again.
    model.update_entries(
        {1, 2, 4},
        InboxColumns.from_entries(
            [(4, "Dee New", None, None), (1, "Ana Renamed", "Globex", "CTO")]
        ),
    )
    assert _shown(model) == [4, 3, 1]
    assert model.index(2, 0).data() == "Ana Renamed"
    assert model.row_of(3) == 1
    assert model.row_of(2) is None
    assert model.total == 3


def test_a_change_while_searching_keeps_the_search(qtmodeltester) -> None:
    model = InboxModel()
    model.set_entries(_entries())
    model.set_search("a")  # Jürgen Müller (Acme), Ana Díaz
    assert _shown(model) == [3, 1]
    qtmodeltester.check(model)
    model.update_entries(
        {1, 5, 2},
        InboxColumns.from_entries([(5, "Alma", None, None), (2, "Zoë Bold", "Acme", None)]),
    )
    assert _shown(model) == [5, 3, 2]  # Ana left the inbox; Alma and Zoë (now at Acme) match
    assert model.row_of(2) == 2
    assert model.total == 3
    model.set_search("")
    assert _shown(model) == [5, 3, 2]


def test_inbox_drags_carry_contact_ids() -> None:
    model = InboxModel()
    model.set_entries(_entries())
    mime = model.mimeData([model.index(0, 0), model.index(2, 0)])
    assert mime.hasFormat(CONTACT_IDS_MIME)
    assert contact_ids_from_mime(mime) == [1, 3]
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_inbox_panel_lists_unplaced_and_follows_selection(window, add_contact) -> None:
    placed = add_contact("Placed Person", ring=1)
    waiting = add_contact("Waiting Person", company="Initech")
    window.workspace.notify()
    panel = window.inbox
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data(ContactIdRole) == waiting
    assert "1 contact not placed" in panel.heading.text()

    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert window.workspace.selected_contact_id == waiting
    assert window.selected_contact_id() == waiting

    window.workspace.select_contact(placed)
    assert window.canvas.nodes[placed].isSelected()
    assert not panel.view.selectionModel().hasSelection()

    # A change made outside the window (another connection) shows up without a restart.
    from networkdesk.services import contacts

    with window.workspace.db.transaction() as session:
        contacts.move(session, waiting, 2, 1.0)
    assert window.workspace.check_external_changes()
    assert panel.model.rowCount() == 0
    assert waiting in window.canvas.nodes


def test_inbox_search_field_filters(window, add_contact, qtbot) -> None:
    add_contact("Renée Dupont")
    add_contact("Someone Else")
    window.workspace.notify()
    qtbot.keyClicks(window.inbox.search, "RENEE")
    assert window.inbox.model.rowCount() == 1
    assert window.inbox.model.index(0, 0).data() == "Renée Dupont"


def test_inbox_heading_tells_an_empty_database_from_a_fully_placed_one(window, add_contact) -> None:
    panel = window.inbox
    window.workspace.notify()
    assert panel.heading.text().startswith("No contacts yet")
    add_contact("Placed Person", ring=2)
    window.workspace.notify()
    assert panel.heading.text().startswith("Nobody waiting")
