"""Readiness before the star on the board: the badge near the bull's-eye's centre shows practice
held versus needed and the bull's-eye companies' homework, follows logged meetings and edited
companies, covers no node, is kept clear by the names, explains itself in plain text and opens
Today when clicked."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from networkdesk.domain.models import utcnow
from networkdesk.services import companies, contacts, meetings, settings
from networkdesk.services.board_readiness import board_readiness
from networkdesk.ui.board.items import RADIUS
from networkdesk.ui.board.labels import overlaps, place_box
from networkdesk.ui.workspace import COMPANIES, MEETINGS

WINDOW = (1366, 740)


def _board(window: Any, size: tuple[int, int] = WINDOW) -> Any:
    window.resize(*size)
    window.workspace.notify()
    QApplication.processEvents()
    view = window.canvas
    view.fit()
    view.labels.relayout()
    return view


def _badge_rect(view: Any) -> QRectF:
    badge = view.readiness_badge
    origin = view.mapFromScene(badge.pos())
    return badge.boundingRect().translated(origin.x(), origin.y())


def _star_and_practice(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        star = contacts.add(s, "Stella Marsh", company="<b>Acme</b>", ring=0)
        outer = contacts.add(s, "Omar Ode", company="Initech", ring=3)
        threshold = int(settings.get(s, "practice_threshold"))
        company_id = star.company_id
    assert company_id is not None
    return {"star": star.id, "outer": outer.id, "company": company_id, "needed": threshold}


def test_badge_shows_practice_and_follows_a_logged_practice_meeting(
    qtbot: Any, window: Any, db: Any
) -> None:
    ids = _star_and_practice(db)
    view = _board(window)
    badge = view.readiness_badge
    needed = ids["needed"]
    assert needed >= 1
    assert badge.isVisible()
    assert not badge.state.ready
    assert f"Practice 0 of {needed}" in badge.text
    assert "Homework 0 of 1 target ready" in badge.text
    assert badge.text.startswith("Not ready")

    # Held just now: the contact was placed on the outer ring (a ring move) a moment before.
    window.workspace.write(
        lambda s: meetings.add(s, ids["outer"], utcnow(), notes="Practised my questions"),
        areas=[MEETINGS],
    )
    qtbot.waitUntil(lambda: f"Practice 1 of {needed}" in badge.text, timeout=5000)
    assert "Practice 1 of" in view.accessibleDescription()


def test_homework_done_and_enough_practice_make_it_ready(qtbot: Any, window: Any, db: Any) -> None:
    ids = _star_and_practice(db)
    with db.transaction() as s:
        settings.set_value(s, "practice_threshold", 1)
        meetings.add(s, ids["outer"], utcnow(), notes="held")
        meetings.add(s, ids["star"], utcnow() + dt.timedelta(days=2))
    view = _board(window)
    badge = view.readiness_badge
    assert "Practice 1 of 1" in badge.text
    assert not badge.state.ready, "the homework is still missing"

    def homework(s: Any) -> None:
        companies.edit(s, ids["company"], mission="Make roads safer.")
        upcoming = meetings.list_meetings(s, contact_id=ids["star"])
        meetings.edit(s, upcoming[0].id, questions=["What surprised you this year?"])

    window.workspace.write(homework, areas=[COMPANIES, MEETINGS])
    qtbot.waitUntil(lambda: badge.state.ready, timeout=5000)
    assert badge.text.startswith("Ready for the bull's-eye")
    assert "Homework 1 of 1 target ready" in badge.text


def test_tooltip_lists_what_is_missing_in_plain_text(window: Any, db: Any) -> None:
    _star_and_practice(db)
    view = _board(window)
    tip = view.readiness_badge.toolTip()
    assert tip.startswith("<p style='white-space:pre'>")
    assert "&lt;b&gt;Acme&lt;/b&gt;" in tip, "a company name is shown literally, not as markup"
    assert "<b>" not in tip
    assert "mission not written" in tip
    assert "questions not chosen" in tip
    assert "practice meetings held" in tip


@pytest.mark.parametrize(
    ("placed", "size"), [(30, WINDOW), (100, WINDOW), (100, (1000, 620)), (300, (900, 560))]
)
def test_badge_covers_no_node_and_names_keep_clear_of_it(
    window: Any, db: Any, placed: int, size: tuple[int, int]
) -> None:
    from networkdesk.services import demo

    with db.transaction() as session:
        demo.generate(session, contacts=placed + 20, placed=placed, seed=3)
    view = _board(window, size)
    badge = view.readiness_badge
    assert badge.isVisible(), "the demo board leaves room for the badge"
    rect = _badge_rect(view)
    assert view.viewport().rect().contains(rect.toRect())
    scale = view.current_scale()
    for item in view.nodes.values():
        centre = view.mapFromScene(item.pos())
        r = RADIUS * scale - 1
        disc = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        assert not rect.intersects(disc), f"the badge covers {item.contact_id}"
    for cid, label in view.labels.items.items():
        if label.isVisible():
            origin = view.mapFromScene(view.nodes[cid].pos())
            box = label.boundingRect().translated(origin.x(), origin.y())
            assert not box.adjusted(1, 1, -1, -1).intersects(rect), f"the name of {cid}"
    # Near the bull's-eye: the nearest free spot, at most just outside the outer ring.
    centre = view.mapFromScene(0, 0)
    away = math.hypot(rect.center().x() - centre.x(), rect.center().y() - centre.y())
    assert away <= view.geometry_.outer_radius * scale + rect.width() / 2


def test_click_opens_today_on_the_star_meeting_to_prepare(qtbot: Any, window: Any, db: Any) -> None:
    from PySide6.QtTest import QTest

    from networkdesk.ui.today.panel import TodayPanel

    ids = _star_and_practice(db)
    with db.transaction() as s:
        # An earlier meeting, listed (and selected) first: the click must move to the star's.
        meetings.add(s, ids["outer"], utcnow() + dt.timedelta(days=1))
        soon = meetings.add(s, ids["star"], utcnow() + dt.timedelta(days=2)).id
    panel = window.findChild(TodayPanel, "todayView")
    assert panel is not None
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        window.workspace.notify()
    view = _board(window)
    first = panel.current_item()
    assert first is not None
    assert first.key != f"upcoming:{soon}"
    dock = window.findChild(QDockWidget, "todayDock")
    assert dock is not None
    dock.hide()
    point = _badge_rect(view).center().toPoint()
    with qtbot.waitSignal(window.workspace.todayRequested, timeout=2000) as blocker:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["readiness"]
    assert not dock.isHidden()
    current = panel.current_item()
    assert current is not None
    assert current.key == f"upcoming:{soon}"


def test_service_counts_homework_per_bullseye_company(db: Any) -> None:
    ids = _star_and_practice(db)
    with db.transaction() as s:
        contacts.add(s, "Lone Star", ring=0)
        contacts.add(s, "Second Acme", company="<b>Acme</b>", ring=0)
        companies.edit(s, ids["company"], mission="Roads.")
        state = board_readiness(s)
    assert [t.company for t in state.targets] == ["<b>Acme</b>"]
    assert state.targets[0].contacts == ("Second Acme", "Stella Marsh")
    assert state.targets[0].missing() == ["questions not chosen"]
    assert state.without_company == 1
    assert state.homework_done == 0


def test_place_box_keeps_off_discs_and_obstacles() -> None:
    # A disc at the centre and a wall above: the box goes below, just clear of the disc.
    discs = [(0.0, 0.0, 20.0)]
    wall = [(-200.0, -200.0, 200.0, -30.0)]
    box = place_box(100, 30, discs, wall, bounds=(-300, -300, 300, 300))
    assert box is not None
    assert not overlaps(box, (-20, -20, 20, 20))
    assert not overlaps(box, wall[0])
    assert 20 <= box[1] < 40, box
    # Nothing fits inside tight bounds: None, never an overlap.
    assert place_box(100, 30, discs, (), bounds=(-25, -25, 25, 25)) is None


def test_texts_name_the_state_in_both_forms() -> None:
    from networkdesk.domain.readiness import readiness
    from networkdesk.services.board_readiness import BoardReadiness, TargetHomework
    from networkdesk.ui.board.readiness_badge import compact, compact_parts, details, summary

    done = TargetHomework(1, "Acme", ("Ana",), readiness(2, 3, "Roads.", ["Why?"]))
    todo = TargetHomework(2, "Initech", ("Ben",), readiness(2, 3, None, []))
    state = BoardReadiness(2, 3, (done, todo))
    assert summary(state) == "Practice 2 of 3 · Homework 1 of 2 targets ready"
    assert compact(state) == "Not ready · Practice 2/3 · Homework 1/2"
    assert compact_parts(state, counts=False) == ("Not ready", "")
    text = details(state)
    assert "Acme (Ana): homework done" in text
    assert "Initech (Ben): mission not written, questions not chosen" in text
    ready = BoardReadiness(3, 3, (done,))
    assert compact(ready) == "Ready · Practice 3/3 · Homework 1/1"
    assert summary(BoardReadiness(0, 3, ())) == "Practice 0 of 3"


def test_empty_board_shows_no_badge(window: Any) -> None:
    view = _board(window)
    assert not view.board
    assert not view.readiness_badge.isVisible()


def test_today_names_the_homework_too(db: Any) -> None:
    from networkdesk.ui.today.agenda_items import read_today

    ids = _star_and_practice(db)
    with db.reading() as s:
        line = read_today(s).readiness
    assert line.startswith("Practice first:")
    assert line.endswith("Homework done for 0 of 1 bull's-eye companies (to do: <b>Acme</b>).")
    with db.transaction() as s:
        companies.edit(s, ids["company"], mission="Roads.")
        meetings.add(s, ids["star"], utcnow() + dt.timedelta(days=1), questions=["Why?"])
    with db.reading() as s:
        assert read_today(s).readiness.endswith("Homework done for 1 of 1 bull's-eye companies.")
