"""Tools → Load demo data (and the first-run panel's button): a sandbox, never a trap.

On an empty database the sample data goes in place, in one transaction. On a database that holds
data, the window switches to a separate demo database instead (recreated fresh each time, in the
data folder): the title bar says "demo", a notice and File → Back to my database return to the
user's own database in one click, and nothing of theirs is touched. Undo history belongs to one
database, so it is cleared on each switch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.domain.plural import count_of
from networkdesk.ui.features import Notices
from networkdesk.ui.workspace import Workspace

if TYPE_CHECKING:
    from networkdesk.ui.database_opening import Database

#: Opens a database for the window (`--db`, `--db-url`), as `ui.database_opening.open_for_window`.
Opener = Callable[[str | None, str | None], "Database"]


def _default_opener(db: str | None, db_url: str | None) -> Database:
    from networkdesk.ui.database_opening import open_for_window

    return open_for_window(db, db_url)


def _summary_text(summary: object) -> str:
    def counted(name: str, noun: str) -> str:
        return count_of(int(getattr(summary, name, 0)), noun)

    return (
        f"{counted('contacts', 'contact')}, {getattr(summary, 'placed', 0)} of them on the "
        f"rings, {counted('meetings', 'meeting')} and {counted('followups', 'follow-up')}"
    )


class DemoSandbox(QObject):
    """Where the demo data goes, and the way back to the user's own database."""

    #: True when the window switched to the demo database, False when it came back.
    sandboxChanged = Signal(bool)

    def __init__(
        self,
        workspace: Workspace,
        notices: Notices,
        parent: QObject | None = None,
        *,
        opener: Opener = _default_opener,
        demo_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.notices = notices
        self._opener = opener
        self._demo_path = demo_path
        #: (db, db_url) of the user's own database while the demo one is open.
        self._own: tuple[str | None, str | None] | None = None
        self._notice: object | None = None

    @property
    def active(self) -> bool:
        """The window shows the demo database, not the user's."""
        return self._own is not None

    def load(self) -> bool:
        """Load the demo data: in place on an empty database, else in the sandbox. False when
        nothing was loaded (no database open yet, or an error the user was told about)."""
        if not self.workspace.is_open:
            return False
        if self.active:
            self._show_sandbox_notice("You are in the demo database already.")
            return False
        from networkdesk.services import database_contents

        contents = self.workspace.read(database_contents.count)
        if contents.is_empty:
            return self._load_in_place()
        return self._open_sandbox(contents.describe())

    def _load_in_place(self) -> bool:
        from networkdesk.services import demo

        try:
            summary = self.workspace.write(lambda s: demo.generate(s))
        except NetworkdeskError as exc:
            self.notices.show_error("Demo data", f"Could not load the demo data: {exc}")
            return False
        self.workspace.undo_stack.clear()  # the demo is not a step to undo into a blank board
        self.notices.show_notice(f"Demo data loaded: {_summary_text(summary)}.", "info")
        return True

    def _open_sandbox(self, yours: str) -> bool:
        from networkdesk.services import demo

        db = self.workspace.require_db()
        own = (str(db.path), None) if db.path is not None else (None, db.location.url)
        self._remove_demo_files()
        try:
            sandbox = self._opener(str(self.demo_path), None)
        except NetworkdeskError as exc:
            self.notices.show_error("Demo data", f"Could not create the demo database: {exc}")
            return False
        try:
            with sandbox.transaction() as session:
                summary = demo.generate(session)
        except NetworkdeskError as exc:
            sandbox.close()
            self.notices.show_error("Demo data", f"Could not load the demo data: {exc}")
            return False
        self._own = own
        self._switch_to(sandbox)
        self.sandboxChanged.emit(True)
        self._show_sandbox_notice(
            f"This is a separate demo database ({_summary_text(summary)}). Your own database "
            f"({yours}) is untouched."
        )
        return True

    def _show_sandbox_notice(self, text: str) -> None:
        self._notice = self.notices.show_notice(
            text, "warning", "Back to my database", self.back_to_own
        )

    def back_to_own(self) -> bool:
        """Close the demo database and reopen the user's; False when it could not be opened
        (the demo stays, and the user is told why)."""
        if self._own is None:
            return False
        db, db_url = self._own
        try:
            own = self._opener(db, db_url)
        except NetworkdeskError as exc:
            self.notices.show_error("Your database", f"Could not reopen your database: {exc}")
            return False
        self._own = None
        dismiss = getattr(self._notice, "dismiss", None)
        if callable(dismiss):
            with contextlib.suppress(RuntimeError):  # already closed by the user
                dismiss()
        self._notice = None
        self._switch_to(own)
        self.sandboxChanged.emit(False)
        return True

    def _switch_to(self, database: Database) -> None:
        self.workspace.close()
        self.workspace.undo_stack.clear()  # steps of one database mean nothing in another
        self.workspace.select_contact(None)
        self.workspace.attach(database)

    @property
    def demo_path(self) -> Path:
        """The demo database's file (asked for when first used: services.database_contents
        loads the ORM, which the window is first shown without)."""
        if self._demo_path is None:
            from networkdesk.services import database_contents

            self._demo_path = database_contents.demo_database_path()
        return self._demo_path

    def _remove_demo_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{self.demo_path}{suffix}").unlink()


def load_demo(workspace: Workspace, notices: Notices) -> bool:
    """Add the demo data to an empty open database (no sandbox switch: the window's
    `DemoSandbox` does that); False when it could not be."""
    if not workspace.is_open:
        return False
    from networkdesk.services import database_contents

    if not workspace.read(database_contents.is_empty):
        notices.show_error(
            "Demo data",
            "This database already holds data; the demo goes only into an empty one.",
        )
        return False
    return DemoSandbox(workspace, notices)._load_in_place()
