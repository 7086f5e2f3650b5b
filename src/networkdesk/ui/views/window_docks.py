"""The docked panels of the main window and the window's saved layout (geometry, dock places).

Features add their panels through `add_panel` (the `DockArea` of their `FeatureContext`); each
panel's visibility toggle goes in the View menu and its place is remembered between sessions.
The saved dock state is restored only once every feature's dock exists (restoring it earlier
would leave docks added later hidden).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from networkdesk.ui import window_settings

DEFAULT_SIZE = (1400, 900)
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
        """Dock `widget`; right-hand panels are tabified together."""
        window = self.window
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

    def widen(self, dock: QDockWidget, width: int) -> None:
        """Give `dock` a default width, keeping the inbox's; a saved layout is left alone."""
        if self.saved_state is not None:
            return
        docks, widths = [dock], [width]
        if self.left_dock is not None:
            docks.append(self.left_dock)
            widths.append(max(self.left_dock.width(), MIN_INBOX_WIDTH))
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
        geometry = window_settings.MAIN_GEOMETRY.get()
        if not geometry.isEmpty():
            self.window.restoreGeometry(geometry)
            return
        width, height = DEFAULT_SIZE
        screen = self.window.screen()
        if screen is not None:  # a laptop screen smaller than the default: fit it
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.window.resize(width, height)
        if self.left_dock is not None:
            self.window.resizeDocks([self.left_dock], [250], Qt.Orientation.Horizontal)

    def restore_dock_state(self) -> None:
        """The saved dock layout, once every feature's dock exists."""
        state = window_settings.MAIN_STATE.get()
        if not state.isEmpty():
            self.saved_state = state
            self.window.restoreState(state)

    def save(self) -> None:
        window_settings.MAIN_GEOMETRY.set(self.window.saveGeometry())
        window_settings.MAIN_STATE.set(self.window.saveState())
