"""The contacts table's dock: the one right-hand panel of the window's first paint.

Installed before the database is open and before SQLAlchemy is loaded (issue 13, P1): it shows
the start snapshot's rows (`Workspace.startRead`). The pipeline feature, installed after the first
paint, adopts it and docks the follow-ups, referrals and companies panels beside it
(`ui.pipeline`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from networkdesk.ui.features import FeatureContext
from networkdesk.ui.panel_slots import CONTACTS
from networkdesk.ui.views.contacts_panel import ContactsPanel

#: The dock's default width: room for name and company side by side and for its tab titles.
DEFAULT_WIDTH = 440


class ContactsDock:
    """The contacts panel and the dock that holds it."""

    def __init__(self, context: FeatureContext) -> None:
        self.panel = ContactsPanel(context.workspace, item_actions=context.item_actions)
        self.dock = context.docks.add_panel(
            self.panel, CONTACTS.title, CONTACTS.object_name, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # Once the window has its size; a layout the user saved (restored after install) is
        # left alone.
        QTimer.singleShot(0, lambda: context.docks.widen(self.dock, DEFAULT_WIDTH))
