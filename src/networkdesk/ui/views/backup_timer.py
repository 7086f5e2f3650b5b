"""Automatic backups while the window is open: every half hour when one is due, and on close
when something changed since the last backup. Only for a database in a file."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.ui.features import Notices
from networkdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)

BACKUP_INTERVAL_MS = 30 * 60 * 1000


class BackupTimer(QObject):
    """Backs up the workspace's database file on a timer and when the window closes."""

    def __init__(self, workspace: Workspace, notices: Notices, parent: QObject | None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.notices = notices
        self.changed_since_backup = False
        self._opening = False
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_INTERVAL_MS)
        self._timer.timeout.connect(self.backup_if_due)
        workspace.opened.connect(self._on_opened)
        workspace.changed.connect(self._on_changed)

    def _on_opened(self) -> None:
        self._opening = True
        db = self.workspace.require_db()
        if db.path is not None:
            self._timer.start()

    def _on_changed(self, _changes: object) -> None:
        if self._opening:
            # The announcement that the database is open is not a change to back up.
            self._opening = False
        else:
            self.changed_since_backup = True

    def backup_if_due(self) -> None:
        db = self.workspace.db
        if db is None or db.path is None:
            return
        from networkdesk.services import backing_up

        try:
            backing_up.backup_if_due(db)
        except NetworkdeskError as exc:
            self.notices.show_notice(f"Automatic backup failed: {exc}", "warning")

    def stop_and_back_up(self) -> None:
        """The window is closing: stop the timer, back up if anything changed."""
        self._timer.stop()
        db = self.workspace.db
        if db is None or db.path is None or not self.changed_since_backup:
            return
        from networkdesk.services import backing_up

        try:
            backing_up.backup_on_close(db)
        except NetworkdeskError:
            log.exception("backup on close failed")
