"""The desktop start's first paint has the window's final dock layout: the panels of features
installed later are reserved in their places ("Loading…") and filled in where they stand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QTabBar

from networkdesk.ui import panel_slots
from networkdesk.ui.application import FIRST_PAINT_FEATURES

RIGHT_HAND = [
    panel_slots.CONTACTS,
    panel_slots.FOLLOWUPS,
    panel_slots.REFERRALS,
    panel_slots.COMPANIES,
    panel_slots.PROGRESS,
    panel_slots.COVERAGE,
    panel_slots.TODAY,
]
#: The row of tabs: Today, the panel the window opens on, leads it (WindowDocks.lead_tabs).
TAB_ROW = [panel_slots.TODAY, *RIGHT_HAND[:-1]]


def _right_docks(window: Any) -> list[QDockWidget]:
    # The inbox joins the right-hand tabs on a screen too narrow for three columns (the
    # offscreen screen is one): a layout rule of its own (WindowDocks.fit_to_screen).
    right = Qt.DockWidgetArea.RightDockWidgetArea
    return [
        d
        for d in window.docks.panels
        if window.dockWidgetArea(d) == right and d is not window.inbox_dock
    ]


def _tab_titles(window: Any) -> list[str]:
    [bar] = [
        b for b in window.findChildren(QTabBar) if b.parentWidget() is window and b.count() > 1
    ]
    return [bar.tabText(i) for i in range(bar.count()) if bar.tabText(i) != "Inbox"]


def _on_top(window: Any) -> str:
    [bar] = [
        b for b in window.findChildren(QTabBar) if b.parentWidget() is window and b.count() > 1
    ]
    return bar.tabText(bar.currentIndex())


def _desktop_window(qtbot: Any, extra: list[Any] | None = None) -> Any:
    from networkdesk.ui.views.main_window import MainWindow

    window = MainWindow(install_extensions=False, extra_features=extra or [])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.install_extensions(only=FIRST_PAINT_FEATURES)
    return window


def _stop(window: Any) -> None:
    if window.reminders is not None:
        window.reminders.stop()


def test_the_first_paint_has_every_panel_in_its_final_place(qtbot: Any) -> None:
    window = _desktop_window(qtbot)
    docks = _right_docks(window)
    assert [d.objectName() for d in docks] == [s.object_name for s in RIGHT_HAND]
    assert _tab_titles(window) == [s.title for s in TAB_ROW]
    assert _on_top(window) == "Today"
    # The contacts table is real; the others wait for their feature.
    assert window.features.contacts.dock is docks[0]
    for dock in docks[1:]:
        placeholder = dock.widget()
        assert isinstance(placeholder, QLabel)
        assert placeholder.text() == "Loading…"
    before = {d.objectName(): d for d in docks}
    tabs_before = _tab_titles(window)

    window.install_extensions()
    docks = _right_docks(window)
    assert [d.objectName() for d in docks] == [s.object_name for s in RIGHT_HAND]
    assert all(before[d.objectName()] is d for d in docks)  # the same docks, filled in
    assert not any(isinstance(d.widget(), QLabel) for d in docks)
    assert window.docks.reserved == {}
    assert _tab_titles(window) == tabs_before
    assert _on_top(window) == "Today"
    # One View-menu toggle per dock, no leftovers from the reservations.
    toggles = [a.objectName() for a in window.menu("view").actions() if a.objectName()]
    for slot in RIGHT_HAND:
        assert toggles.count(f"toggle_{slot.object_name}") == 1
    _stop(window)


def test_a_feature_that_fails_leaves_no_loading_panel(qtbot: Any) -> None:
    from networkdesk.ui.bootstrap import Feature

    slot = panel_slots.PanelSlot("brokenDock", "Broken")

    def broken(context: object) -> None:
        raise RuntimeError("it broke")

    window = _desktop_window(qtbot, [Feature("broken", broken, (slot,))])
    assert "brokenDock" in window.docks.reserved
    window.install_extensions()
    names = [d.objectName() for d in window.docks.panels]
    assert "brokenDock" not in names
    assert (
        window.findChild(QDockWidget, "brokenDock") is None
        or not window.findChild(QDockWidget, "brokenDock").isVisible()
    )
    assert "toggle_brokenDock" not in [a.objectName() for a in window.menu("view").actions()]
    assert any("could not be loaded" in t for t in window.notices.texts())
    _stop(window)


def test_a_window_installed_at_once_reserves_nothing(window: Any) -> None:
    assert window.docks.reserved == {}
    assert not any(isinstance(d.widget(), QLabel) for d in window.docks.panels)


def test_a_window_installed_at_once_opens_on_today_leading_the_tabs(window: Any) -> None:
    # The bar scrolls to show the current tab: Today first, the row reads from its start
    # on a screen too narrow for every tab.
    assert _tab_titles(window) == [s.title for s in TAB_ROW]
    assert _on_top(window) == "Today"
