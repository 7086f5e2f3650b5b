"""Reload a summary view when the data it sums up changed — once, and only while it is shown.

The Progress and Coverage views count over every contact: reloading them on each change while
they sit hidden in a tab would cost every edit a full count. A change marks them stale; the
reload runs shortly after (several changes in a row make one reload) if they are visible, or
when they are next shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    INTERACTIONS,
    MEETINGS,
    REFERRALS,
    SETTINGS,
    Workspace,
    areas_touch,
)

#: The areas the funnel, the touches and the coverage are counted from.
SUMMED_AREAS = (CONTACTS, COMPANIES, MEETINGS, REFERRALS, FOLLOWUPS, INTERACTIONS, SETTINGS)
DELAY_MS = 150


class LazyRefresh(QObject):
    def __init__(self, view: QWidget, workspace: Workspace, reload: Callable[[], None]) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self.stale = True
        self._reload = reload
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.reload_if_shown)
        workspace.changed.connect(self._on_changed)
        workspace.opened.connect(self.mark_stale)

    def _on_changed(self, changed: object) -> None:
        if areas_touch(changed, *SUMMED_AREAS):
            self.mark_stale()

    def mark_stale(self) -> None:
        self.stale = True
        if self.view.isVisible():
            self._timer.start()

    def shown(self) -> None:
        """Call from the view's showEvent: a stale view reloads now that it is seen."""
        if self.stale:
            self._timer.start()

    def reload_if_shown(self) -> None:
        if self.stale and self.view.isVisible() and self.workspace.is_open:
            self.stale = False
            self._reload()
