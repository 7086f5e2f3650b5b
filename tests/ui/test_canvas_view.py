"""The board's view: it refits when its viewport changes size until the user zooms or pans by
hand (Ctrl+0 fits again); new contacts take a free spot without moving the others."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget


def _whole_board_visible(view: Any) -> bool:
    r = view.geometry_.outer_radius
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return seen.adjusted(-1, -1, 1, 1).contains(QRectF(-r, -r, 2 * r, 2 * r))


def _settle(window: Any) -> Any:
    window.workspace.notify()
    QApplication.processEvents()
    return window.canvas


def test_board_refits_when_its_viewport_changes_size(window: Any, add_contact: Any) -> None:
    for i in range(40):
        add_contact(f"Person {i}", ring=i % 4, angle=i * 0.3)
    view = _settle(window)
    assert _whole_board_visible(view)
    window.resize(1000, 620)
    QApplication.processEvents()
    assert _whole_board_visible(view)
    # A panel made wider takes room from the board: it still fits.
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible()]
    assert docks
    window.resizeDocks([docks[0]], [420], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert _whole_board_visible(view)
    window.resize(1500, 950)
    QApplication.processEvents()
    assert _whole_board_visible(view)
    assert view.zoom.auto_fit


def test_a_zoom_or_pan_by_hand_stops_the_refit_until_ctrl_0(window: Any, add_contact: Any) -> None:
    for i in range(40):
        add_contact(f"Person {i}", ring=i % 4, angle=i * 0.3)
    view = _settle(window)
    view.zoom_in()
    scale = view.current_scale()
    window.resize(1100, 700)
    QApplication.processEvents()
    assert view.current_scale() == scale
    view.fit()
    assert view.zoom.auto_fit
    # A pan: drag the empty background outside the rings.
    viewport = view.viewport()
    start = QPoint(8, 8)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, QPoint(8 + step * 10, 8 + step * 6))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(58, 38)
    )
    assert not view.zoom.auto_fit
    window.resize(1300, 800)
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert view.zoom.auto_fit
    assert _whole_board_visible(view)
    assert math.isfinite(view.current_scale())


def test_stable_layout_a_newcomer_takes_a_free_spot() -> None:
    from networkdesk.ui.board.layout import SLOT_WIDTH, layout_all

    triples = [(cid, 3, cid * 0.29) for cid in range(1, 31)]
    _geometry, before = layout_all(triples)
    # A newcomer wanting the very spot of node 5.
    _geometry, after = layout_all([*triples, (99, 3, 5 * 0.29)], kept=before)
    for cid, place in before.items():
        assert (after[cid].x, after[cid].y) == (place.x, place.y), f"node {cid} moved"
    new = after[99]
    for cid, place in after.items():
        if cid != 99 and place.lane == new.lane:
            assert math.hypot(place.x - new.x, place.y - new.y) >= SLOT_WIDTH * 0.9
    # Without the previous places, the same ring is spread again (what used to happen).
    _geometry, fresh = layout_all([*triples, (99, 3, 5 * 0.29)])
    assert any((fresh[c].x, fresh[c].y) != (p.x, p.y) for c, p in before.items())


def test_placing_a_contact_moves_no_other_node(
    window: Any, add_contact: Any, contact_state: Any
) -> None:
    ids = [add_contact(f"Person {i}", ring=2, angle=i * 0.4) for i in range(14)]
    view = _settle(window)
    before = {cid: view.nodes[cid].pos() for cid in ids}
    newcomer = add_contact("New Person")
    window.moves.move([(newcomer, 2, 0.8)])
    QApplication.processEvents()
    assert contact_state(newcomer)[0] == 2
    assert newcomer in view.nodes
    for cid, pos in before.items():
        assert view.nodes[cid].pos() == pos, f"node {cid} moved"
    # Undo takes it off the ring again; the others still stay.
    window.workspace.undo_stack.undo()
    QApplication.processEvents()
    assert newcomer not in view.nodes
    for cid, pos in before.items():
        assert view.nodes[cid].pos() == pos


def test_referral_lines_point_from_introducer_to_introduced(
    window: Any, add_contact: Any, db: Any
) -> None:
    from networkdesk.services import referrals

    introducer = add_contact("Ana Costa", ring=1, angle=0.0)
    introduced = add_contact("Ben Ito", ring=3, angle=math.pi / 2)
    with db.transaction() as session:
        referrals.add(session, introducer, introduced)
    view = _settle(window)
    view.set_referral_lines(True)
    links = view.mirror.lines._links
    assert len(links) == 1
    first, _control, tip = links[0]
    a, b = view.nodes[introducer].home, view.nodes[introduced].home
    # The line leaves the introducer's disc and its arrowhead ends at the introduced one's.
    assert math.hypot(first.x() - a.x(), first.y() - a.y()) < 25
    assert math.hypot(tip.x() - b.x(), tip.y() - b.y()) < 25
    assert math.hypot(tip.x() - a.x(), tip.y() - a.y()) > 100


def test_company_sectors_cluster_each_ring_targets_first() -> None:
    from networkdesk.ui.board.layout import TAU, company_sectors

    nodes = [
        (1, 3, "Zeta", False),
        (2, 3, "Acme", False),
        (3, 3, "Globex", True),
        (4, 3, "Acme", False),
        (5, 3, None, False),
        (6, 3, "Globex", True),
        (7, 1, "Acme", False),
    ]
    angles = company_sectors(nodes)
    assert set(angles) == {1, 2, 3, 4, 5, 6, 7}

    def clockwise_from_top(cid: int) -> float:
        return (math.pi / 2 - angles[cid]) % TAU

    order = sorted((cid for cid, ring, _c, _t in nodes if ring == 3), key=clockwise_from_top)
    # The target company first, then the others by name, then no company; each together.
    assert order[:2] in ([3, 6], [6, 3])
    assert order[2:4] in ([2, 4], [4, 2])
    assert order[4:] == [1, 5]


def test_group_by_company_toggle_clusters_and_restores(window: Any, add_contact: Any) -> None:
    ids = {}
    for i in range(12):
        company = ("Acme", "Globex", "Initech")[i % 3]
        ids[add_contact(f"Person {i}", ring=3, angle=i * 0.5, company=company)] = company
    view = _settle(window)
    before = {cid: view.nodes[cid].pos() for cid in ids}
    action = window.findChild(QAction, "groupByCompany")
    assert action is not None
    action.setChecked(True)
    QApplication.processEvents()
    from networkdesk.ui.board.layout import angle_of

    def clockwise(cid: int) -> float:
        pos = view.nodes[cid].pos()
        return (math.pi / 2 - angle_of(pos.x(), pos.y())) % (2 * math.pi)

    order = [ids[cid] for cid in sorted(ids, key=clockwise)]
    # Three runs of four: each company sits together.
    runs = [order[0]]
    for company in order[1:]:
        if company != runs[-1]:
            runs.append(company)
    assert len(runs) == 3
    action.setChecked(False)
    QApplication.processEvents()
    assert {cid: view.nodes[cid].pos() for cid in ids} == before
