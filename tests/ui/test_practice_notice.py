"""Practice first on the canvas: dragging a target-company contact into the bull's-eye too early
shows a notice in the window, never a modal dialog, and the move happens."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QApplication, QDialog


def _make_target(db, name: str) -> None:
    from networkdesk.services import companies

    with db.transaction() as session:
        companies.upsert(session, name, target=True)


def test_practice_first_notice_appears_and_does_not_block(
    window, db, add_contact, contact_state, board_driver
) -> None:
    _make_target(db, "Acme")
    star = add_contact("Stella Star", company="Acme", ring=2, angle=1.0)
    window.workspace.notify()
    board_driver.drag_node_to(window.canvas, star, (0.0, 0.0))

    assert contact_state(star)[0] == 0  # the move still happened
    texts = window.notices.texts()
    assert len(texts) == 1
    assert "Practice first" in texts[0]
    assert "Stella Star at Acme" in texts[0]
    assert window.notices.notices[0].kind == "warning"
    assert window.notices.isVisible()
    # Nothing modal opened: the user goes straight on.
    assert QApplication.activeModalWidget() is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]

    # Dismissing it removes it.
    window.notices.notices[0].close_button.click()
    assert window.notices.texts() == []


def test_no_notice_after_enough_practice_or_for_other_companies(
    window, db, add_contact, contact_state
) -> None:
    from networkdesk.services import settings

    _make_target(db, "Acme")
    other = add_contact("Olly Other", company="Globex", ring=1, angle=0.5)
    window.workspace.notify()
    window.moves.move_to_ring(other, 0)
    assert contact_state(other)[0] == 0
    assert window.notices.texts() == []

    with db.transaction() as session:
        settings.set_value(session, "practice_threshold", 0)
    star = add_contact("Stan Star", company="Acme", ring=1, angle=math.pi)
    window.workspace.notify()
    window.moves.move([(star, 0, math.pi)])
    assert contact_state(star)[0] == 0
    assert window.notices.texts() == []
