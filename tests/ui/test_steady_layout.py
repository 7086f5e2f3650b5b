"""A steady layout: notices float over the board instead of pushing it; the toolbar's buttons
keep their places when the undo step's name changes; one locale date format."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint

from networkdesk.ui.formatting import date_pattern, format_date, format_day, format_moment

pytestmark = pytest.mark.usefixtures("qapp")


def _board_origin(window: Any) -> QPoint:
    return window.canvas.mapTo(window, QPoint(0, 0))


def test_a_notice_floats_over_the_board_and_never_moves_it(
    qtbot: Any, window: Any, add_contact: Any
) -> None:
    add_contact("Ana", ring=2)
    window.workspace.notify()
    qtbot.waitUntil(lambda: window.canvas.isVisible())
    before = _board_origin(window)
    notice = window.show_notice("A long notice " * 20, "info")
    qtbot.waitUntil(lambda: notice.isVisible())
    assert _board_origin(window) == before
    bar = window.notices
    assert bar.parentWidget() is window.central
    # Below the filter bar, whose controls stay usable.
    filters = window.filter_bar
    assert bar.y() == filters.mapTo(window.central, filters.rect().bottomLeft()).y() + 1
    assert bar.width() == window.central.width()
    assert bar.rect().contains(notice.geometry())
    label = notice.label
    assert label.height() >= label.heightForWidth(label.width())  # no clipped lines
    assert notice.label.isVisible()
    second = window.show_notice("Another one", "warning")
    assert _board_origin(window) == before
    notice.dismiss()
    second.dismiss()
    assert _board_origin(window) == before
    assert not bar.isVisible()
    window.menus.filters_action.setChecked(False)  # filters hidden: the notices go to the top
    window.show_notice("Third", "warning")
    assert bar.y() == 0


def test_the_bar_follows_the_window_width(qtbot: Any, window: Any) -> None:
    window.show_notice("Hello", "warning")
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.notices.width() == window.central.width())


def test_toolbar_buttons_keep_their_places_when_the_undo_text_changes(
    qtbot: Any, window: Any, add_contact: Any
) -> None:
    cid = add_contact("Ana Someone With A Rather Long Name")
    window.workspace.notify()
    toolbar = window.toolbar

    def places() -> list[tuple[str, int, int]]:
        found = []
        for action in toolbar.actions():
            widget = toolbar.widgetForAction(action)
            if widget is not None and widget.isVisible():
                found.append((action.objectName(), widget.x(), widget.width()))
        return found

    before = places()
    assert not window.toolbar_undo.isEnabled()
    window.moves.move_to_ring(cid, 1)
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1)
    assert window.toolbar_undo.isEnabled()
    assert window.toolbar_undo.text() == "Undo"
    assert window.workspace.undo_stack.undoText() in window.toolbar_undo.toolTip()
    assert places() == before
    window.toolbar_undo.trigger()
    assert window.workspace.undo_stack.index() == 0
    assert window.toolbar_redo.isEnabled()
    assert places() == before


WHEN = dt.datetime(2026, 3, 14, 9, 5, tzinfo=dt.UTC)


def test_dates_follow_the_locale_with_a_four_digit_year() -> None:
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    american = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert "yyyy" in date_pattern(german)
    assert "yyyy" in date_pattern(american)
    assert format_date(dt.date(2026, 3, 14), german) == "14.03.2026"
    assert format_date(dt.date(2026, 3, 14), american) == "3/14/2026"
    assert format_date(dt.date(2026, 3, 14), QLocale.c()) == "14 Mar 2026"
    assert format_day(None) == ""
    assert format_moment(None) == ""
    assert "2026" in format_moment(WHEN, german)
    assert format_day(WHEN, german).endswith(".2026")
