"""File → Restore from backup…: the automatic and manual backups beside the database, newest
first. Restoring backs up the current database first (services.backing_up.restore_in_place), then
the window reloads everything from the restored file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.services import backing_up
from networkdesk.ui.formatting import format_moment
from networkdesk.ui.plain_text import plain_tooltip
from networkdesk.ui.views.dialog_layout import fit_to_screen
from networkdesk.ui.views.feedback import show_error

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

REASONS = {
    "auto": "automatic",
    "manual": "made by hand",
    "before-upgrade": "before an upgrade",
    "before-restore": "before a restore",
    "before-import": "before an import",
}


def describe(info: backing_up.BackupInfo) -> str:
    size = (
        f"{info.size / 1024:,.0f} KB" if info.size < 1024 * 1024 else f"{info.size / 2**20:.1f} MB"
    )
    reason = REASONS.get(info.reason, info.reason.replace("-", " "))
    return f"{format_moment(info.created)} — {reason} — {size}"


class RestoreDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.restored: Path | None = None
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        db = workspace.require_db()
        self.db_path = db.path
        intro = QLabel(
            "Choose a backup to go back to. Your current data is backed up first, so a restore "
            "can itself be undone by restoring that backup.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setAccessibleName("About restoring")
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups, newest first")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore())
        self.empty = QLabel(self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName("No backups")
        self.infos = backing_up.list_backups(db)
        for info in self.infos:
            item = QListWidgetItem(describe(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(plain_tooltip(str(info.path)))
            self.list.addItem(item)
        if self.db_path is None:
            self.empty.setText("This database is not a file: it has no backups to restore.")
        elif not self.infos:
            self.empty.setText(
                "No backups yet. networkdesk backs up your data automatically every 30 minutes "
                "while it changes, and when you quit."
            )
        self.empty.setVisible(bool(self.empty.text()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton("Restore", self)
        self.restore_button.setAccessibleName("Restore the chosen backup")
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda row: self.restore_button.setEnabled(row >= 0))
        if self.infos:
            self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 560, 380)

    def restore(self) -> None:
        item = self.list.currentItem()
        if item is None or self.db_path is None:
            return
        chosen = Path(str(item.data(Qt.ItemDataRole.UserRole)))
        try:
            backing_up.restore_in_place(self.workspace.require_db(), chosen)
        except NetworkdeskError as exc:
            show_error(self, "Cannot restore", str(exc))
            return
        self.restored = chosen
        # Everything on screen came from the old data: reload it all, and forget undo steps
        # that would now apply to rows which may not exist.
        self.workspace.undo_stack.clear()
        self.workspace.notify()
        self.accept()
