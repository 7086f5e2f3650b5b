"""Tools → Find duplicates… and Tools → Review changes…, installed as one window feature (see
`ui.bootstrap`): the window's ways to the duplicate pairs and to the job changes imports found,
which the import preview points to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from networkdesk.ui.contact_actions import contact_actions_of
from networkdesk.ui.features import FeatureContext


class DuplicatesFeature(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.workspace = context.workspace
        self.duplicates_action = QAction("Find d&uplicates…", context.parent)
        self.duplicates_action.setObjectName("findDuplicatesAction")
        self.duplicates_action.setStatusTip(
            "Contacts that share a LinkedIn profile or an e-mail, or have similar names at one "
            "company: merge them"
        )
        self.duplicates_action.triggered.connect(lambda _c=False: self.show_duplicates())
        self.review_action = QAction("&Review changes…", context.parent)
        self.review_action.setObjectName("reviewChangesAction")
        self.review_action.setStatusTip(
            "Job and title changes a re-import found: review those contacts' rings"
        )
        self.review_action.triggered.connect(lambda _c=False: self.show_review())
        tools = context.menus.menu("tools")
        tools.addSeparator()
        tools.addAction(self.duplicates_action)
        tools.addAction(self.review_action)
        self._update()
        self.workspace.opened.connect(self._update)

    def _update(self) -> None:
        for action in (self.duplicates_action, self.review_action):
            action.setEnabled(self.workspace.is_open)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context.closed.connect(dialog.reject)
        dialog.open()
        return dialog

    def show_duplicates(self) -> QDialog | None:
        if not self.workspace.is_open:
            return None
        from networkdesk.ui.views.duplicates_view import DuplicatesDialog

        return self._open(DuplicatesDialog(self.workspace, self.context.parent))

    def show_review(self) -> QDialog | None:
        if not self.workspace.is_open:
            return None
        from networkdesk.ui.views.review_changes import ReviewChangesDialog

        actions = contact_actions_of(self.workspace, self.context.item_actions)
        return self._open(ReviewChangesDialog(self.workspace, actions, self.context.parent))


def install(context: FeatureContext) -> DuplicatesFeature:
    return DuplicatesFeature(context)
