"""Names on the real board: readable without zooming at 30 and 100 placed contacts in a
1366x768-sized window, never overlapping, named on hover; highlight, search and a highlighted
chain frame their matches and return when cleared."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from networkdesk.ui.board.items import RADIUS
from networkdesk.ui.board.name_labels import NameLabelItem
from networkdesk.ui.views.filter_bar import NodeFilter

#: A maximized 1366x768 window (less the desktop's title bar).
WINDOW = (1366, 740)


def _fill(db: Any, placed: int) -> None:
    from networkdesk.services import demo

    with db.transaction() as session:
        demo.generate(session, contacts=placed + 20, placed=placed, seed=3)


def _board(window: Any) -> Any:
    window.resize(*WINDOW)
    window.workspace.notify()
    QApplication.processEvents()
    view = window.canvas
    view.fit()
    view.labels.relayout()
    return view


def _label_rects(view: Any) -> dict[int, QRectF]:
    """Visible labels in viewport pixels."""
    rects = {}
    for cid, label in view.labels.items.items():
        if label.isVisible():
            origin = view.mapFromScene(view.nodes[cid].pos())
            rects[cid] = label.boundingRect().translated(origin.x(), origin.y())
    return rects


def _assert_clear(view: Any) -> None:
    rects = _label_rects(view)
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        # One pixel of rounding between the placement and the device mapping.
        assert not ra.adjusted(1, 1, -1, -1).intersects(rb), (a, b)
    scale = view.current_scale()
    for cid, rect in rects.items():
        for other in view.nodes.values():
            centre = view.mapFromScene(other.pos())
            r = RADIUS * scale - 1
            disc = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
            assert not rect.intersects(disc), f"the label of {cid} covers {other.contact_id}"
    badge = view.readiness_badge
    if badge.isVisible():  # readiness before the star: an obstacle names keep clear of
        origin = view.mapFromScene(badge.pos())
        box = badge.boundingRect().translated(origin.x(), origin.y())
        for cid, rect in rects.items():
            assert not rect.adjusted(1, 1, -1, -1).intersects(box), f"the label of {cid}"


@pytest.mark.parametrize(("placed", "at_least"), [(30, 30), (100, 75)])
def test_names_read_without_zooming(window: Any, db: Any, placed: int, at_least: int) -> None:
    _fill(db, placed)
    view = _board(window)
    assert len(view.nodes) == placed
    rects = _label_rects(view)
    assert len(rects) >= at_least, f"{len(rects)} names of {placed}"
    _assert_clear(view)
    texts = [view.labels.items[cid].text for cid in rects]
    assert all(texts)


def test_hover_names_title_and_company_in_plain_text(window: Any, add_contact: Any) -> None:
    cid = add_contact("<b>Ana</b> Costa", ring=1, title="Head of <i>Data</i>")
    view = _board(window)
    label = view.labels.items[cid]
    assert label.text == "<b>Ana</b> Costa"
    tip = label.toolTip()
    assert "&lt;b&gt;Ana&lt;/b&gt; Costa" in tip
    assert "Head of &lt;i&gt;Data&lt;/i&gt;" in tip
    assert view.nodes[cid].toolTip() == tip


def test_highlighted_chain_is_framed_labelled_and_cleared(window: Any, db: Any) -> None:
    _fill(db, 300)
    view = _board(window)
    fitted = view.current_scale()
    chain = tuple(sorted(view.nodes)[:3])
    window.workspace.highlight_path(chain)
    QApplication.processEvents()
    view.labels.relayout()
    assert view.highlighted == chain
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for cid in chain:
        assert visible.contains(view.nodes[cid].pos())
        assert view.labels.items[cid].isVisible()
        assert view.nodes[cid].opacity() == 1.0
    others = [item for cid, item in view.nodes.items() if cid not in chain]
    assert all(item.opacity() < 1.0 for item in others)
    assert view.mirror.path.centres == [view.nodes[cid].home for cid in chain]
    # Its arrowheads stay visible: no name is written over them.
    tips = [view.mapFromScene(tip) for tip in view.mirror.path.tips()]
    assert len(tips) == 2
    for rect in _label_rects(view).values():
        assert not any(rect.contains(tip.x(), tip.y()) for tip in tips)
    window.workspace.highlight_path(())
    QApplication.processEvents()
    assert view.highlighted == ()
    assert view.current_scale() == pytest.approx(fitted)
    assert all(item.opacity() == 1.0 for item in view.nodes.values())
    assert view.mirror.path.centres == []


def test_search_frames_its_matches_and_returns(window: Any, add_contact: Any) -> None:
    for i in range(40):
        add_contact(f"Person {i}", ring=3, angle=i * 0.157)
    ana = add_contact("Ana Costa", ring=3, angle=0.0)
    view = _board(window)
    fitted = view.current_scale()
    view.set_filter(NodeFilter(text="ana"))
    view._frame_matches()  # what the pause after typing does
    assert view.current_scale() > fitted
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.nodes[ana].pos())
    view.labels.relayout()
    assert view.labels.items[ana].isVisible()
    view.set_filter(NodeFilter())
    view._frame_matches()
    assert view.current_scale() == pytest.approx(fitted)


def test_label_items_are_children_that_ignore_the_mouse(window: Any, add_contact: Any) -> None:
    cid = add_contact("Ana Costa", ring=0)
    view = _board(window)
    label = view.labels.items[cid]
    assert isinstance(label, NameLabelItem)
    assert label.parentItem() is view.nodes[cid]
    assert label.data(0) is None  # only nodes carry a contact id
    assert not label.acceptedMouseButtons()


def test_legend_is_a_chip_that_expands_beside_the_board(window: Any, db: Any) -> None:
    _fill(db, 100)
    view = _board(window)
    legend = view.legend
    assert not legend.expanded
    assert not legend.body.isVisible()
    chip = legend.geometry()
    assert chip.width() < 120
    assert chip.height() < 40
    # No name under the chip.
    viewport_chip = chip.translated(-view.viewport().x(), -view.viewport().y())
    for rect in _label_rects(view).values():
        assert not rect.intersects(QRectF(viewport_chip))
    legend.toggle.click()
    QApplication.processEvents()
    view.labels.relayout()
    assert legend.expanded
    assert legend.body.isVisible()
    # Expanded, it sits beside the board's viewport: it covers no node whatever the zoom.
    assert legend.geometry().right() < view.viewport().geometry().left()
    for item in view.nodes.values():
        assert view.viewport().rect().contains(view.mapFromScene(item.pos()))
    legend.toggle.click()
    QApplication.processEvents()
    assert view.viewportMargins().left() == 0  # collapsed: the board has its whole width back
