"""The docked panels of the main window and the window's saved layout (geometry, dock places).

Features add their panels through `add_panel` (the `DockArea` of their `FeatureContext`); each
panel's visibility toggle goes in the View menu and its place is remembered between sessions.
The saved dock state is restored only once every feature's dock exists (restoring it earlier
would leave docks added later hidden).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QTabBar, QWidget

from networkdesk.ui import window_settings
from networkdesk.ui.panel_slots import PanelSlot
from networkdesk.ui.views import dialog_layout

#: The first start takes this share of the screen's available area, up to MAX_DEFAULT_SIZE.
DEFAULT_FRACTION = 0.9
MAX_DEFAULT_SIZE = (1600, 1000)
#: The window manager's title bar and frame, outside the geometry Qt restores.
FRAME_ALLOWANCE = (16, 40)


def default_rect(area: QRect) -> QRect:
    """The window's first size: a share of the available area, centred in it."""
    width = min(int(area.width() * DEFAULT_FRACTION), MAX_DEFAULT_SIZE[0])
    height = min(int(area.height() * DEFAULT_FRACTION), MAX_DEFAULT_SIZE[1])
    rect = QRect(0, 0, width, height)
    rect.moveCenter(area.center())
    return rect


def clamped_rect(rect: QRect, area: QRect) -> QRect:
    """`rect` (a window's client geometry) made to fit `area` with its frame: no larger, and
    moved inside it (a geometry saved on a larger or a detached screen)."""
    frame_w, frame_h = FRAME_ALLOWANCE
    width = max(320, min(rect.width(), area.width() - frame_w))
    height = max(240, min(rect.height(), area.height() - frame_h))
    left = min(max(rect.left(), area.left() + frame_w // 2), area.right() - width - frame_w // 2)
    top = min(max(rect.top(), area.top() + frame_h - 8), area.bottom() - height)
    return QRect(max(area.left(), left), max(area.top(), top), width, height)


#: The inbox keeps at least this width when a right-hand panel gets its default width.
MIN_INBOX_WIDTH = 240


class WindowDocks:
    """Docks of one main window, their View-menu toggles and the saved layout."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.panels: list[QDockWidget] = []
        self.view_menu: QMenu | None = None
        #: The inbox on the left: kept as wide as it was when a right-hand panel is widened.
        self.left_dock: QDockWidget | None = None
        self.saved_state: QByteArray | None = None
        #: Docks put in place before their feature is installed (`reserve`), by object name.
        self.reserved: dict[str, QDockWidget] = {}
        #: The panel the window opens on (`lead_tabs`).
        self.leading: QDockWidget | None = None

    @property
    def has_saved_layout(self) -> bool:
        return self.saved_state is not None

    def add_panel(
        self,
        widget: QWidget,
        title: str,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        """Dock `widget`; right-hand panels are tabified together. A dock reserved under
        `object_name` (`reserve`) takes `widget` where it stands."""
        window = self.window
        reserved = self.reserved.pop(object_name, None)
        if reserved is not None:
            placeholder = reserved.widget()
            reserved.setWindowTitle(title)
            reserved.setAccessibleName(title)
            reserved.setWidget(widget)
            if placeholder is not None:
                placeholder.deleteLater()
            return reserved
        dock = QDockWidget(title, window)
        dock.setObjectName(object_name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        right = area == Qt.DockWidgetArea.RightDockWidgetArea
        same_area = [d for d in self.panels if window.dockWidgetArea(d) == area]
        window.addDockWidget(area, dock)
        if same_area and right:
            window.tabifyDockWidget(same_area[0], dock)
            same_area[0].raise_()
        self.panels.append(dock)
        if self.view_menu is not None:
            self._add_toggle(dock)
        restored = self.saved_state is not None and window.restoreDockWidget(dock)
        if window.isVisible() and not restored:
            # Added after the window was shown (features install once it is painted): a new
            # child of a visible window stays hidden unless shown.
            dock.show()
            if same_area and right:
                same_area[0].raise_()
        return dock

    def reserve(self, slots: Sequence[PanelSlot], on_top: PanelSlot | None = None) -> None:
        """Put a dock for each of `slots` (right-hand panels a feature installed later adds) in
        its place now, showing "Loading…", with `on_top` raised: the window's first paint has
        the layout it ends with, and each panel fills in where it stands (`add_panel`) instead
        of the docks re-arranging a moment after the first paint."""
        taken = {dock.objectName() for dock in self.panels}
        for slot in slots:
            if slot.object_name in taken:
                continue
            placeholder = QLabel("Loading…")
            placeholder.setObjectName("panelLoading")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setEnabled(False)  # the palette's quiet text: nothing to act on yet
            self.reserved[slot.object_name] = self.add_panel(
                placeholder, slot.title, slot.object_name
            )
        if on_top is not None and on_top.object_name in self.reserved:
            self.lead_tabs(self.reserved[on_top.object_name])

    def lead_tabs(self, dock: QDockWidget) -> None:
        """Put `dock` first in its row of tabs, and on top. The panel the window opens on
        leads the row: on a screen where the row is wider than the panels, the bar scrolls
        to show the current tab, and a current tab at the end left the first ones cut at
        the left ("acts" for "Contacts"); first, the row reads from its start and only the
        last tabs wait behind the scroll arrows. A saved layout keeps the user's order
        (`restore_dock_state` comes later)."""
        window = self.window
        area = window.dockWidgetArea(dock)
        if dock.isFloating() or area != Qt.DockWidgetArea.RightDockWidgetArea:
            return
        group = [
            d
            for d in self.panels
            if d is not dock and not d.isFloating() and window.dockWidgetArea(d) == area
        ]
        # Tabifying a dock onto `dock` takes it out of the row and puts it back at the end:
        # each one after the other, in their order, leaves `dock` first.
        for other in group:
            window.tabifyDockWidget(dock, other)
        self.leading = dock
        dock.raise_()

    def drop_reserved(self, names: Collection[str] | None = None) -> None:
        """Take away the reserved docks no feature adopted (of `names`, or all): a feature
        that failed to install leaves no "Loading…" panel behind."""
        for name in list(self.reserved if names is None else names):
            dock = self.reserved.pop(name, None)
            if dock is None:
                continue
            if self.view_menu is not None:
                self.view_menu.removeAction(dock.toggleViewAction())
            self.panels.remove(dock)
            if self.leading is dock:
                self.leading = None
            self.window.removeDockWidget(dock)
            dock.deleteLater()

    def readable_tabs(self) -> int:
        """Dock tab titles in full ("Contacts", not "Conta…"): no eliding, scroll buttons when
        the panel is narrower than its tabs. Returns the widest tab row's natural width."""
        widest = 0
        for bar in self.window.findChildren(QTabBar):
            if bar.parentWidget() is not self.window:
                continue  # a tab bar inside a panel, not the docks'
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)
            bar.setExpanding(False)
            widest = max(widest, sum(bar.tabSizeHint(i).width() for i in range(bar.count())))
        return widest

    def widen(self, dock: QDockWidget, width: int) -> None:
        """Give `dock` a default width (at least its tab titles' width), keeping the inbox's;
        a saved layout is left alone."""
        tabs = self.readable_tabs()
        if self.saved_state is not None:
            return
        width = max(width, tabs + 8)
        # ...but never wider than the window leaves beside the board and the inbox.
        window = self.window
        central = window.centralWidget()
        # (The screen's width too: a resize asked of the window manager may not have landed.)
        room = min(
            window.width(), dialog_layout.available_geometry(window).width() - FRAME_ALLOWANCE[0]
        )
        beside = room - (central.minimumSizeHint().width() if central else 0) - 24
        left = self.left_dock
        if (
            left is not None
            and window.dockWidgetArea(left) != Qt.DockWidgetArea.RightDockWidgetArea
        ):
            beside -= max(left.width(), MIN_INBOX_WIDTH)
        width = max(dock.minimumSizeHint().width(), min(width, beside))
        docks, widths = [dock], [width]
        if (
            left is not None
            and window.dockWidgetArea(left) != Qt.DockWidgetArea.RightDockWidgetArea
        ):
            docks.append(left)
            widths.append(max(left.width(), MIN_INBOX_WIDTH))
        self.window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)

    def put_toggles_in(self, view_menu: QMenu) -> None:
        """From now on every dock's visibility toggle goes in `view_menu`."""
        self.view_menu = view_menu
        for dock in self.panels:
            self._add_toggle(dock)

    def _add_toggle(self, dock: QDockWidget) -> None:
        assert self.view_menu is not None
        toggle = dock.toggleViewAction()
        toggle.setObjectName(f"toggle_{dock.objectName()}")
        self.view_menu.addAction(toggle)

    # --- saved layout -------------------------------------------------------------------

    def restore_geometry(self) -> None:
        """The saved geometry, clamped to the screen's available area; the first time, a
        share of that area (never a fixed size off a small screen)."""
        window = self.window
        area = dialog_layout.available_geometry(window)
        geometry = window_settings.MAIN_GEOMETRY.get()
        if not geometry.isEmpty() and window.restoreGeometry(geometry):
            if not (window.isMaximized() or window.isFullScreen()):
                window.setGeometry(clamped_rect(window.geometry(), area))
            return
        window.setGeometry(default_rect(area))
        if self.left_dock is not None:
            self.window.resizeDocks([self.left_dock], [250], Qt.Orientation.Horizontal)

    def restore_dock_state(self) -> None:
        """The saved dock layout, once every feature's dock exists."""
        state = window_settings.MAIN_STATE.get()
        if not state.isEmpty():
            self.saved_state = state
            self.window.restoreState(state)
        self.readable_tabs()
        self.fit_to_screen()

    def fit_to_screen(self) -> bool:
        """On a screen too narrow for the inbox, the board and the panels side by side (a
        laptop at 200 %), the inbox joins the right-hand panels as one more tab; then the
        window is fitted to the screen again. True when the inbox was moved."""
        window = self.window
        area = dialog_layout.available_geometry(window)
        room = area.width() - FRAME_ALLOWANCE[0]
        moved = False
        left = self.left_dock
        right = [
            d
            for d in self.panels
            if d is not left
            and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea
            and not d.isFloating()
        ]
        if (
            left is not None
            and right
            and window.minimumSizeHint().width() > room
            and window.dockWidgetArea(left) != Qt.DockWidgetArea.RightDockWidgetArea
        ):
            # The tab on top stays on top (the inbox joins the tabs behind it). Before the
            # window is shown no dock has a visible region: then the one the window opens on.
            fallback = self.leading if self.leading in right else right[0]
            on_top = next((d for d in right if not d.visibleRegion().isEmpty()), fallback)
            window.tabifyDockWidget(right[0], left)
            on_top.raise_()
            moved = True
            self.readable_tabs()
        self._clamp(area)
        # The dock layout settles in the event loop (docks shown, the inbox tabified): clamp
        # once more then, when the window's new minimum lets it shrink.
        QTimer.singleShot(0, self.window, lambda: self._clamp(area))
        return moved

    def _clamp(self, area: QRect) -> None:
        window = self.window
        layout = window.layout()
        if layout is not None:
            layout.activate()  # the minimum size after the docks moved, now
        if not (window.isMaximized() or window.isFullScreen()):
            window.setGeometry(clamped_rect(window.geometry(), area))

    def save(self) -> None:
        window_settings.MAIN_GEOMETRY.set(self.window.saveGeometry())
        window_settings.MAIN_STATE.set(self.window.saveState())
