"""Files handed to the window — dropped on it, or given on the command line ("Open with") — go
to the feature that registered their suffix; a folder (an unpacked LinkedIn export) goes to the
feature that registered folders. Paths that arrive before the database is open wait for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.ui.features import Notices
from networkdesk.ui.workspace import Workspace


class FileOpening:
    """The file openers of one window (the `FileOpeners` of its features' context)."""

    def __init__(self, workspace: Workspace, notices: Notices) -> None:
        self.workspace = workspace
        self.notices = notices
        #: Suffix (".csv", lower case) -> the feature's opener.
        self.openers: dict[str, Callable[[Path], object]] = {}
        self.folder_opener: Callable[[Path], object] | None = None
        self._pending: list[Path] = []
        workspace.opened.connect(self._open_pending)

    def register_file_opener(
        self, suffixes: tuple[str, ...], callback: Callable[[Path], object]
    ) -> None:
        for suffix in suffixes:
            key = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
            self.openers[key] = callback

    def register_folder_opener(self, callback: Callable[[Path], object]) -> None:
        self.folder_opener = callback

    def opens(self, suffix: str) -> bool:
        return suffix.lower() in self.openers

    def opener_for(self, path: Path) -> Callable[[Path], object] | None:
        """The feature that opens `path`: by its suffix, or the folder opener for a folder
        (whatever its name: "Basic_LinkedInDataExport_12-01-2026" has no suffix to go by)."""
        if path.is_dir():
            return self.folder_opener
        return self.openers.get(path.suffix.lower())

    def open_path(self, path: str | Path) -> bool:
        """Hand a file to the feature that opens files of its kind (after the database is
        open); False when no feature opens it."""
        target = Path(path)
        if not self.workspace.is_open:
            # `networkdesk FILE` at start-up: the features that open files are installed once
            # the window is painted, before the database finishes opening - decide then.
            self._pending.append(target)
            return True
        opener = self.opener_for(target)
        if opener is None:
            kind = "folders" if target.is_dir() else f"{target.suffix or 'such'} files"
            self.notices.show_notice(
                f"networkdesk cannot open “{target.name}”: no feature reads {kind}.", "error"
            )
            return False
        try:
            opener(target)
        except NetworkdeskError as exc:
            self.notices.show_error("Cannot open file", f"{target}: {exc}")
            return False
        return True

    def _open_pending(self) -> None:
        pending, self._pending = self._pending, []
        for path in pending:
            self.open_path(path)

    def choose_linkedin_export(self, parent: QWidget) -> None:
        """The first-run panel's "Import LinkedIn connections": pick the export and open it,
        or say how to import from the command line when no feature reads .csv files."""
        if not self.opens(".csv"):
            self.notices.show_notice(
                "Importing LinkedIn connections is not available in this build. You can import "
                "them from the command line: networkdesk import linkedin Connections.csv",
                "info",
            )
            return
        path, _filter = QFileDialog.getOpenFileName(
            parent, "Import LinkedIn connections", "", "LinkedIn export (*.csv);;All files (*)"
        )
        if path:
            self.open_path(path)

    # --- drops ----------------------------------------------------------------------------

    def dropped_paths(self, event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The local files (and folders) in a drag that some feature opens."""
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if self.opener_for(p) is not None]

    def drag_entered(self, event: QDragEnterEvent) -> None:
        if self.dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropped(self, event: QDropEvent) -> None:
        paths = self.dropped_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in paths:
            self.open_path(path)
