"""The board from the keyboard and extended selection: arrows walk to the nearest node in that
direction, Enter opens, the focused node is marked; Ctrl/Shift-click and the rubber band select
several contacts, which the workspace exposes for bulk actions."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from networkdesk.ui.board.keyboard import nearest_in_direction


def _settle(window: Any) -> Any:
    window.workspace.notify()
    QApplication.processEvents()
    view = window.canvas
    view.fit()
    return view


def test_nearest_in_direction_is_the_closest_ahead() -> None:
    points = {1: (0.0, 0.0), 2: (10.0, 1.0), 3: (30.0, 0.0), 4: (5.0, 20.0), 5: (-8.0, 0.0)}
    assert nearest_in_direction(points, (0.0, 0.0), (1.0, 0.0), exclude=1) == 2
    assert nearest_in_direction(points, (0.0, 0.0), (-1.0, 0.0), exclude=1) == 5
    assert nearest_in_direction(points, (0.0, 0.0), (0.0, 1.0), exclude=1) == 4
    # Nothing above.
    assert nearest_in_direction(points, (0.0, 0.0), (0.0, -1.0), exclude=1) is None
    # Straight ahead but far beats near but far to the side.
    assert nearest_in_direction({1: (10.0, 0.0), 2: (4.0, 6.5)}, (0.0, 0.0), (1.0, 0.0)) == 1


def test_arrows_walk_the_board_and_enter_opens(
    window: Any, add_contact: Any, contact_state: Any, qtbot: Any
) -> None:
    near = add_contact("Near East", ring=1, angle=0.0)
    far = add_contact("Far East", ring=3, angle=0.0)
    north = add_contact("North Star", ring=3, angle=math.pi / 2)
    view = _settle(window)
    window.workspace.select_contact(near)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_ids() == [far]
    assert window.workspace.selected_contact_id == far
    assert view.nodes[far].hasFocus()  # the focused node draws its dashed ring
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_ids() == [near]
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_ids() == [north]
    QTest.keyClick(view, Qt.Key.Key_Up)  # nothing further up: the selection stays
    assert view.selected_ids() == [north]
    # Ctrl+1..4 still move the selected contact.
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert contact_state(north)[0] == 1
    QApplication.processEvents()
    assert view.selected_ids() == [north]
    opened: list[int] = []
    window.workspace.openContactRequested.disconnect()  # the editor itself is not under test
    window.workspace.openContactRequested.connect(opened.append)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert opened == [north]


def test_ctrl_and_shift_click_and_the_rubber_band_select_several(
    window: Any, add_contact: Any
) -> None:
    a = add_contact("Ana Costa", ring=3, angle=0.1)
    b = add_contact("Ben Ito", ring=3, angle=0.5)
    c = add_contact("Cy Dow", ring=3, angle=3.5)
    view = _settle(window)
    viewport = view.viewport()

    def click(cid: int, modifier: Qt.KeyboardModifier) -> None:
        point = view.mapFromScene(view.nodes[cid].pos())
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, modifier, point)

    click(a, Qt.KeyboardModifier.NoModifier)
    click(b, Qt.KeyboardModifier.ControlModifier)
    assert sorted(view.selected_ids()) == sorted([a, b])
    click(c, Qt.KeyboardModifier.ShiftModifier)
    assert sorted(window.workspace.selected_contact_ids) == sorted([a, b, c])
    click(c, Qt.KeyboardModifier.NoModifier)
    assert window.workspace.selected_contact_ids == (c,)
    # A rubber band with Ctrl around a and b (empty background where it starts).
    pa, pb = (view.mapFromScene(view.nodes[cid].pos()) for cid in (a, b))
    left, right = min(pa.x(), pb.x()) - 30, max(pa.x(), pb.x()) + 30
    top, bottom = min(pa.y(), pb.y()) - 30, max(pa.y(), pb.y()) + 30
    ctrl = Qt.KeyboardModifier.ControlModifier
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, ctrl, QPoint(left, top))
    for step in range(1, 9):
        x = left + (right - left) * step // 8
        y = top + (bottom - top) * step // 8
        QTest.mouseMove(viewport, QPoint(x, y))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, ctrl, QPoint(right, bottom))
    assert sorted(window.workspace.selected_contact_ids) == sorted([a, b, c])
    # Dragging the background without a modifier still pans (no rubber band left behind).
    assert view.dragMode() == view.DragMode.ScrollHandDrag
