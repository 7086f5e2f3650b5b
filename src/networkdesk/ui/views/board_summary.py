"""The board's numbers in the status bar ("12 on the rings · 30 in the inbox · 42 contacts"), and
what follows from them: the first-run panel while there are no contacts, the ring names on the
Move-to-ring actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar

from networkdesk.domain.plural import count_of
from networkdesk.services.changes import RING, Changes
from networkdesk.ui.background_read import BackgroundRead
from networkdesk.ui.board.canvas import RingCanvas
from networkdesk.ui.views.central_pages import CentralPages
from networkdesk.ui.views.window_menus import WindowMenus
from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    SETTINGS,
    Workspace,
    areas_touch,
    fields_touch,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class BoardSummary(QLabel):
    """A permanent status-bar label that follows the workspace's changes."""

    def __init__(
        self,
        workspace: Workspace,
        status_bar: QStatusBar,
        central: CentralPages,
        canvas: RingCanvas,
        menus: WindowMenus,
    ) -> None:
        super().__init__(status_bar)
        self.setObjectName("boardStatus")
        self.setAccessibleName("Contacts on the board")
        status_bar.addPermanentWidget(self)
        self.workspace = workspace
        self.central = central
        self.canvas = canvas
        self.menus = menus
        # Counting 30,000 contacts by ring takes ~20 ms: after a change the window made, the
        # counts are read on a worker thread (on opening, or after a change from elsewhere,
        # they are read at once: the first-run page depends on them).
        self.counts = BackgroundRead(workspace, _ring_counts, self, name="networkdesk-counts")
        self.counts.loaded.connect(self._show_counts)
        workspace.startRead.connect(self._show_start)
        workspace.changed.connect(self.refresh)

    def _show_start(self) -> None:
        """The window opens: the counts of the rows read with the database (no query)."""
        start = self.workspace.start
        if start is not None:
            self._show_counts(start.ring_counts())

    def refresh(self, changes: object) -> None:
        if self.workspace.shows_start(changes):
            return  # the counts shown are those the opening read
        if not areas_touch(changes, CONTACTS, COMPANIES, SETTINGS) or not self.workspace.is_open:
            return
        if not isinstance(changes, Changes) or changes.everything:
            self.counts.cancel()
            self._show_counts(self.workspace.read(_ring_counts))
        elif areas_touch(changes, COMPANIES, SETTINGS) or fields_touch(changes, CONTACTS, RING):
            self.counts.request()  # a contact placed, moved in or out, added or deleted
        # After the canvas's own refresh (it connected first): its ring names are current.
        self.menus.set_ring_names(self.canvas.ring_names)
        self.menus.update_contact_actions()

    def _show_counts(self, counts: dict[int | None, int]) -> None:
        total = sum(counts.values())
        unplaced = counts.get(None, 0)
        self.central.show_board(total)
        self.setText(
            f"{total - unplaced:,} on the rings · {unplaced:,} in the inbox · "
            f"{count_of(total, 'contact')}"
        )


def _ring_counts(session: Session) -> dict[int | None, int]:
    from networkdesk.services import board

    return board.ring_counts(session)
