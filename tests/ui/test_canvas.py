"""The bull's-eye canvas: nodes, dragging between and along rings, undo/redo, keyboard moves,
drops from the inbox, level of detail."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QGraphicsItem

from networkdesk.ui.board.items import NodeItem
from networkdesk.ui.board.layout import point_at
from networkdesk.ui.controllers.moves import CONTACT_IDS_MIME, contact_ids_mime


def _refresh(window: Any) -> None:
    window.workspace.notify()
    QApplication.processEvents()


def _drag(view: Any, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """Press, move in steps and release with QTest on the view's viewport."""
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * i // steps
        y = start.y() + (end.y() - start.y()) * i // steps
        QTest.mouseMove(viewport, QPoint(x, y))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def _screen(view: Any, scene_point: QPointF | tuple[float, float]) -> QPoint:
    if isinstance(scene_point, tuple):
        scene_point = QPointF(*scene_point)
    return view.mapFromScene(scene_point)


def _ring_middle(view: Any, ring: int) -> float:
    band = view.geometry_.bands[ring]
    return (band.inner + band.outer) / 2 if ring else band.outer / 2


def _ring_moves(db: Any, contact_id: int) -> list[tuple[int | None, int | None]]:
    from networkdesk.services import contacts

    with db.reading() as session:
        return [(m.from_ring, m.to_ring) for m in contacts.ring_history(session, contact_id)]


def test_each_placed_contact_is_one_node_carrying_its_id(window, add_contact) -> None:
    ids = [add_contact(f"Person {i}", ring=i % 4) for i in range(8)]
    add_contact("Not placed")
    _refresh(window)
    view = window.canvas
    assert view.objectName() == "ringView"
    with_ids = [item for item in view.scene().items() if item.data(0) is not None]
    assert sorted(int(item.data(0)) for item in with_ids) == sorted(ids)
    assert all(isinstance(item, NodeItem) for item in with_ids)
    assert all(item.parentItem() is None for item in with_ids)
    assert all(item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable for item in with_ids)
    # The scene origin is the centre of the bull's-eye: a ring-0 node lies inside its disc.
    centre_node = view.nodes[ids[0]]
    assert math.hypot(centre_node.pos().x(), centre_node.pos().y()) < view.geometry_.bands[0].outer


def test_drag_between_rings_changes_the_database_and_undo_redo(
    window, add_contact, contact_state, db
) -> None:
    cid = add_contact("Ada Outer", ring=3, angle=math.pi / 2)
    _refresh(window)
    view = window.canvas
    item = view.nodes[cid]
    start = _screen(view, item.pos())
    target = _screen(view, point_at(_ring_middle(view, 1), math.pi / 2))
    _drag(view, start, target)

    ring, angle = contact_state(cid)
    assert ring == 1
    assert angle == pytest.approx(math.pi / 2, abs=0.05)
    assert _ring_moves(db, cid) == [(None, 3), (3, 1)]
    assert window.workspace.undo_stack.count() == 1  # one drag, one undo step

    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert contact_state(cid)[0] == 3
    assert contact_state(cid)[1] == pytest.approx(math.pi / 2)
    assert _ring_moves(db, cid) == [(None, 3)]  # undo leaves no trace in the history

    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert contact_state(cid)[0] == 1
    assert _ring_moves(db, cid) == [(None, 3), (3, 1)]
    # The node followed the database back into ring 1.
    pos = view.nodes[cid].pos()
    assert view.geometry_.ring_at(math.hypot(pos.x(), pos.y())) == 1


def test_drag_along_a_ring_keeps_the_new_angle(window, add_contact, contact_state) -> None:
    cid = add_contact("Bea Middle", ring=2, angle=0.0)
    _refresh(window)
    view = window.canvas
    radius = _ring_middle(view, 2)
    _drag(view, _screen(view, view.nodes[cid].pos()), _screen(view, point_at(radius, 2.0)))
    ring, angle = contact_state(cid)
    assert ring == 2
    assert angle == pytest.approx(2.0, abs=0.05)
    # After the refresh the node is drawn at its new angle.
    pos = view.nodes[cid].pos()
    assert math.atan2(-pos.y(), pos.x()) == pytest.approx(2.0, abs=0.05)


def test_drop_on_centre_and_beyond_the_edge(window, add_contact, contact_state) -> None:
    first = add_contact("Cy Centre", ring=2, angle=1.0)
    second = add_contact("Di Edge", ring=1, angle=4.0)
    _refresh(window)
    view = window.canvas
    _drag(view, _screen(view, view.nodes[first].pos()), _screen(view, (0.0, 0.0)))
    assert contact_state(first)[0] == 0
    outer = view.geometry_.outer_radius
    beyond = _screen(view, point_at(outer + 40, 4.0))
    _drag(view, _screen(view, view.nodes[second].pos()), beyond)
    assert contact_state(second)[0] == 3


def test_a_click_without_moving_writes_nothing(window, add_contact, contact_state) -> None:
    cid = add_contact("Eve Still", ring=2, angle=1.0)
    _refresh(window)
    view = window.canvas
    spot = _screen(view, view.nodes[cid].pos())
    _drag(view, spot, spot + QPoint(1, 0), steps=1)
    assert contact_state(cid) == (2, pytest.approx(1.0))
    assert window.workspace.undo_stack.count() == 0
    assert window.workspace.selected_contact_id == cid  # the click selected it


def test_move_by_keyboard_and_back_to_inbox(window, add_contact, contact_state) -> None:
    cid = add_contact("Fay Keys", ring=3, angle=2.5)
    _refresh(window)
    window.workspace.select_contact(cid)
    assert window.canvas.nodes[cid].isSelected()
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert contact_state(cid) == (1, pytest.approx(2.5))  # Ctrl+2 = ring 1, angle kept
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert contact_state(cid)[0] == 0
    QTest.keyClick(window, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert contact_state(cid) == (None, None)
    assert cid not in window.canvas.nodes
    assert window.inbox.model.row_of(cid) is not None


def test_context_menu_offers_move_to_ring(window, add_contact, contact_state) -> None:
    cid = add_contact("Gil Menu", ring=3, angle=0.3)
    _refresh(window)
    menu = window.canvas.move_menu(cid, window)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Bull's-eye", "Inner", "Middle", "Outer", "Back to inbox"]
    menu.actions()[2].trigger()
    assert contact_state(cid)[0] == 2


def send_drop(widget: Any, mime: QMimeData, pos: QPoint) -> QDropEvent:
    """Qt's drag and drop does not run under QTest offscreen: deliver what a drag would, an
    enter, a move and the drop, carrying the same mime data."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QDragEnterEvent(pos, actions, mime, buttons, modifiers))
    QApplication.sendEvent(widget, QDragMoveEvent(pos, actions, mime, buttons, modifiers))
    event = QDropEvent(QPointF(pos), actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, event)
    return event


def _drop(view: Any, mime: QMimeData, scene_point: tuple[float, float]) -> QDropEvent:
    return send_drop(view.viewport(), mime, _screen(view, scene_point))


def test_drop_from_the_inbox_places_contacts(window, add_contact, contact_state) -> None:
    first = add_contact("Hal Inbox")
    second = add_contact("Ida Inbox")
    _refresh(window)
    assert window.inbox.model.rowCount() == 2
    index = window.inbox.model.index(window.inbox.model.row_of(first), 0)
    mime = window.inbox.model.mimeData([index])
    assert mime.hasFormat(CONTACT_IDS_MIME)
    view = window.canvas
    event = _drop(view, mime, point_at(_ring_middle(view, 2), 0.8))
    assert contact_state(first)[0] == 2
    assert event.isAccepted()
    assert contact_state(first)[1] == pytest.approx(0.8, abs=0.05)
    assert first in view.nodes
    assert window.inbox.model.row_of(first) is None

    # Several at once land side by side, in one undo step.
    _drop(view, contact_ids_mime([second]), point_at(_ring_middle(view, 3), 4.0))
    assert contact_state(second)[0] == 3
    window.workspace.undo_stack.undo()
    assert contact_state(second) == (None, None)


def test_dropping_a_node_on_the_inbox_unplaces_it(window, add_contact, contact_state) -> None:
    cid = add_contact("Jo Out", ring=1, angle=1.0)
    _refresh(window)
    event = send_drop(window.inbox.view.viewport(), contact_ids_mime([cid]), QPoint(20, 20))
    assert event.isAccepted()
    assert contact_state(cid) == (None, None)
    assert window.inbox.model.row_of(cid) is not None


def test_dragging_a_node_onto_the_inbox_unplaces_it(
    window, add_contact, contact_state, monkeypatch
) -> None:
    cid = add_contact("Kim Drag", ring=2, angle=3.0)
    _refresh(window)
    view = window.canvas
    # Offscreen there is no real cursor: say where the release happened.
    monkeypatch.setattr(view, "inbox_hit", lambda point: True)
    start = _screen(view, view.nodes[cid].pos())
    _drag(view, start, start + QPoint(-60, 0))
    assert contact_state(cid) == (None, None)


def test_level_of_detail_switches_to_batched_dots(window, add_contact) -> None:
    ids = [add_contact(f"Dot {i}", ring=i % 4) for i in range(12)]
    _refresh(window)
    view = window.canvas
    view.zoom_by(0.1)
    assert not view.detail
    assert view.dots.isVisible()
    flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert all(view.nodes[cid].flags() & flag for cid in ids)
    view.fit()
    view.zoom_by(2.0)
    assert view.detail
    assert not view.dots.isVisible()
    assert not any(view.nodes[cid].flags() & flag for cid in ids)


def test_filter_dims_what_does_not_match(window, add_contact) -> None:
    acme = add_contact("Lu Acme", ring=2, company="Acme")
    other = add_contact("Mo Other", ring=2, company="Globex")
    _refresh(window)
    window.filter_bar.text.setText("acme")
    assert window.canvas.nodes[acme].opacity() == 1.0
    assert window.canvas.nodes[other].opacity() < 0.5
    assert "1 of 2" in window.filter_bar.summary.text()
    window.filter_bar.reset()
    assert window.canvas.nodes[other].opacity() == 1.0


def test_double_click_asks_to_open_the_contact(window, add_contact, qtbot) -> None:
    cid = add_contact("Ned Open", ring=1, angle=0.0)
    _refresh(window)
    view = window.canvas
    spot = _screen(view, view.nodes[cid].pos())
    # The contact editor a feature opens on this request may be modal: close it if it is.
    closer = QTimer()
    closer.timeout.connect(_close_modal_dialogs)
    closer.start(50)
    requested: list[int] = []
    window.workspace.openContactRequested.connect(requested.append)
    try:
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    finally:
        closer.stop()
    assert requested == [cid]


def _close_modal_dialogs() -> None:
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QDialog):
        modal.reject()
    elif modal is not None:
        modal.close()


def test_user_text_with_html_shows_literally(window, add_contact) -> None:
    cid = add_contact("<b>Bold</b> & <i>co</i>", ring=2, company="<script>x</script>")
    _refresh(window)
    node = window.canvas.nodes[cid]
    assert node.node.name == "<b>Bold</b> & <i>co</i>"
    tip = node.toolTip()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in tip
    assert "<b>" not in tip
    assert "<script>" not in tip
    notice = window.show_notice("<b>not bold</b>")
    assert notice.label.textFormat() == Qt.TextFormat.PlainText
    assert notice.text == "<b>not bold</b>"


# (The offscreen platform cannot raise the tooltip's window, and says so.)
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_nodes_tooltip_is_written_when_it_is_about_to_show(window, add_contact, qtbot) -> None:
    """Tooltips are composed lazily (1,000 of them were a quarter of building the board): the
    help event over a node shows its text all the same."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QGraphicsSceneHelpEvent, QToolTip

    cid = add_contact("Tia Tooltip", ring=1, company="Acme")
    _refresh(window)
    node = window.canvas.nodes[cid]
    assert node._tooltip_stale  # not composed by building the board
    assert QGraphicsItem.toolTip(node) == ""  # what Qt itself would show: nothing yet
    event = QGraphicsSceneHelpEvent(QEvent.Type.GraphicsSceneHelp)
    event.setScenePos(node.scenePos())
    event.setScreenPos(window.canvas.viewport().mapToGlobal(_screen(window.canvas, node.pos())))
    window.canvas.scene().helpEvent(event)
    assert "Tia Tooltip" in QGraphicsItem.toolTip(node)
    qtbot.waitUntil(lambda: "Tia Tooltip" in QToolTip.text())
    QToolTip.hideText()
    # A change of the node's data writes the new text when it is next asked for.
    node.set_node(replace(node.node, title="CTO"))
    assert "CTO at Acme" in node.toolTip()
