"""The Progress feature: the Progress and Coverage panels, and "Show warm path" on a contact
(the Contact menu and every contact's context menu)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.ui import item_actions
from networkdesk.ui.features import FeatureContext
from networkdesk.ui.panel_slots import COVERAGE, PROGRESS
from networkdesk.ui.progress.coverage_view import CoverageView
from networkdesk.ui.progress.progress_view import ProgressView
from networkdesk.ui.progress.warm_path_dialog import WarmPathDialog, find_answer

SHOW_WARM_PATH = "Show &warm path…"


class ProgressFeature(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.workspace = context.workspace
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.progress_view = ProgressView(self.workspace)
        self.progress_dock = context.docks.add_panel(
            self.progress_view, PROGRESS.title, PROGRESS.object_name, right
        )
        self.coverage_view = CoverageView(self.workspace)
        self.coverage_dock = context.docks.add_panel(
            self.coverage_view, COVERAGE.title, COVERAGE.object_name, right
        )
        self.dialog: WarmPathDialog | None = None

        self.warm_path_action = QAction(SHOW_WARM_PATH, context.parent)
        self.warm_path_action.setObjectName("showWarmPathAction")
        self.warm_path_action.setToolTip(
            "Who to ask, in order, to be introduced to the selected contact"
        )
        self.warm_path_action.triggered.connect(
            lambda _checked=False: self.show_warm_path(self.workspace.selected_contact_id)
        )
        contact_menu = context.menus.menu("contact")
        contact_menu.addSeparator()
        contact_menu.addAction(self.warm_path_action)
        context.item_actions.register(item_actions.CONTACT, self.contact_actions)
        self.workspace.contactSelected.connect(lambda _cid: self._update_action())
        self.workspace.opened.connect(self._update_action)
        context.closed.connect(self._close_dialog)
        self._update_action()

    def _update_action(self) -> None:
        self.warm_path_action.setEnabled(
            self.workspace.is_open and bool(self.workspace.selected_contact_id)
        )

    def contact_actions(self, contact_id: int, parent: QWidget) -> list[QAction]:
        action = QAction(SHOW_WARM_PATH, parent)
        action.setObjectName("showWarmPathContextAction")
        action.triggered.connect(lambda _checked=False: self.show_warm_path(contact_id))
        return [action]

    def show_warm_path(self, contact_id: int) -> WarmPathDialog | None:
        """Open the steps to `contact_id` (replacing an open warm path) and highlight them."""
        if not contact_id or not self.workspace.is_open:
            return None
        try:
            answer = find_answer(self.workspace, contact_id)
        except NetworkdeskError as exc:
            self.context.notices.show_notice(str(exc), "error")
            return None
        self._close_dialog()
        dialog = WarmPathDialog(self.workspace, answer, self.context.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None: self._forget(dialog))
        self.dialog = dialog
        dialog.place_beside_board()
        dialog.show()
        return dialog

    def _forget(self, dialog: WarmPathDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None


def install(context: FeatureContext) -> ProgressFeature:
    return ProgressFeature(context)
