"""Reading the day off the GUI thread: at 30,000 contacts `read_today` takes a few hundred
milliseconds, too long to block typing or dragging. The one mechanism is BackgroundRead
(ui/background_read.py): the newest read is delivered, queued to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from networkdesk.ui.background_read import BackgroundRead
from networkdesk.ui.today.agenda_items import TodayView, read_today

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace


class TodayLoader(BackgroundRead):
    """Reads the TodayView (`loaded` carries it)."""

    def __init__(
        self,
        workspace: Workspace,
        read: Callable[[Session], TodayView] = read_today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(workspace, read, parent, name="networkdesk-today")
