"""Reload a summary view when the data it sums up changed — once, off the GUI thread, and only
while it is shown.

The Progress and Coverage views count over every contact (a few hundred milliseconds at
30,000): reloading them on each change while they sit hidden in a tab would cost every edit a
full count, and reading on the GUI thread would stall a drag. A change that alters what they sum
(not, say, a contact's title) marks them stale; the read runs shortly after (several changes in
a row make one read) on a worker thread (ui/background_read.py) if they are visible, or when
they are next shown, and `show` gets the result on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from networkdesk.services.changes import RING
from networkdesk.ui.background_read import BackgroundRead
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
    fields_touch,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The areas the funnel, the touches and the coverage are counted from (besides contacts).
SUMMED_AREAS = (COMPANIES, MEETINGS, REFERRALS, FOLLOWUPS, INTERACTIONS, SETTINGS)
#: The contacts' fields they count by or show (the coverage names the contacts).
SUMMED_CONTACT_FIELDS = (RING, "stage", "company", "name")
DELAY_MS = 150


class LazyRefresh(QObject):
    def __init__(
        self,
        view: QWidget,
        workspace: Workspace,
        read: Callable[[Session], Any],
        show: Callable[[Any], None],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.workspace = workspace
        self.stale = True
        self.loader = BackgroundRead(workspace, read, self, name="networkdesk-progress")
        self.loader.loaded.connect(show)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.reload_if_shown)
        workspace.changed.connect(self._on_changed)
        workspace.opened.connect(self.mark_stale)

    def _on_changed(self, changed: object) -> None:
        if areas_touch(changed, *SUMMED_AREAS) or fields_touch(
            changed, CONTACTS, *SUMMED_CONTACT_FIELDS
        ):
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
            self.loader.request()
