"""The Today feature: the panel docked on the right, on top of its tabs when the window opens;
View ▸ Today (Ctrl+T) focuses it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from networkdesk.ui import item_actions
from networkdesk.ui.features import FeatureContext
from networkdesk.ui.panel_slots import TODAY
from networkdesk.ui.today.email_draft import EmailDraftDialog
from networkdesk.ui.today.panel import TodayPanel

DOCK_WIDTH = 440


class TodayFeature(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.panel = TodayPanel(context.workspace)
        self.dock = context.docks.add_panel(
            self.panel, TODAY.title, TODAY.object_name, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # Tabbed with the pipeline's panels (the inbox on the left stays free for dragging onto
        # the board), first in their row and on top: the window opens on the day. (A dock
        # reserved at the first paint already stands there.)
        context.docks.lead_tabs(self.dock)
        self.dock.setAccessibleName("Today")
        self.action = QAction("&Today", context.parent)
        self.action.setObjectName("focusTodayAction")
        self.action.setShortcut(QKeySequence("Ctrl+T"))
        self.action.setToolTip("Show what to do today (Ctrl+T)")
        self.action.triggered.connect(lambda _checked=False: self.focus())
        context.parent.addAction(self.action)
        context.menus.menu("view").addAction(self.action)
        context.item_actions.register(item_actions.CONTACT, self.contact_actions)
        context.workspace.todayRequested.connect(self.focus_topic)
        context.closed.connect(self.panel.close_dialogs)
        context.closed.connect(self.panel.loader.wait)
        QTimer.singleShot(0, lambda: context.docks.widen(self.dock, DOCK_WIDTH))

    def contact_actions(self, contact_id: int, parent: QWidget) -> list[QAction]:
        """ "Write e-mail…" on a contact (board and table menus): the checked short draft."""
        action = QAction("Write e-mail…", parent)
        action.setObjectName("writeEmailAction")
        action.triggered.connect(lambda _checked=False: self.write_email(contact_id))
        return [action]

    def write_email(self, contact_id: int, purpose: str = "outreach") -> EmailDraftDialog:
        dialog = EmailDraftDialog(self.context.workspace, contact_id, purpose, self.context.parent)
        self.panel.open_dialog(dialog)
        return dialog

    def focus(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_list()

    def focus_topic(self, topic: str) -> None:
        """Today on a topic (`Workspace.todayRequested`): for "readiness" (the board's badge),
        the first upcoming meeting with a bull's-eye contact that is not ready yet, selected so
        its brief shows what to prepare."""
        self.focus()
        view = self.panel.view
        if topic != "readiness" or view is None:
            return
        for section in view.sections:
            for item in section.items:
                # agenda_items marks a bull's-eye meeting that is not ready in its detail.
                if item.key.startswith("upcoming:") and "not ready" in item.detail:
                    self.panel.select_key(item.key)
                    return


def install(context: FeatureContext) -> TodayFeature:
    return TodayFeature(context)
