"""The object every controller, model and view of one window shares: the open database, the undo
stack, and the one change signal every list refreshes from.

Views never write the database. Controllers run service calls that return change records and
push one RecordCommand per record; its redo()/undo() come back here (`redo_record`,
`undo_record`), which run the record through the Qt-free history in one transaction and then
announce its `Changes` (with ids) once. Changes made outside the window (the CLI, another
instance) are noticed by polling SQLite's `PRAGMA data_version` (`Database.data_version`) and
announced by contact ids when only contacts changed (services/external_changes.py compares a
small picture of the database with the last one), and as `Changes.everything_changed()` otherwise.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QMetaMethod, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from networkdesk.services import external_changes, history
from networkdesk.services.changes import (
    ALL_AREAS,
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    INTERACTIONS,
    MEETINGS,
    REFERRALS,
    SETTINGS,
    Changes,
)
from networkdesk.ui.background_read import BackgroundRead

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.records import ChangeRecord
    from networkdesk.services.start_snapshot import StartSnapshot
    from networkdesk.ui.database_opening import Database

T = TypeVar("T")

# The areas named in `changed` are those of services/changes.py (re-exported for the views).
__all__ = [
    "ALL_AREAS",
    "COMPANIES",
    "CONTACTS",
    "FOLLOWUPS",
    "INTERACTIONS",
    "MEETINGS",
    "REFERRALS",
    "SETTINGS",
    "Workspace",
    "areas_touch",
    "fields_touch",
    "shown_contacts_touch",
]

POLL_INTERVAL_MS = 1000


class Workspace(QObject):
    """Shared state of one main window."""

    #: The database is open and `start` holds what the first paint shows (the desktop start
    #: only): the board, the inbox and the contacts table show it before anything else loads.
    #: `opened` and the `changed` that loads everything follow once the window has painted.
    startRead = Signal()
    #: The start snapshot held only the table's first rows (the desktop start's first paint)
    #: and now holds every row (`start`): the views that showed a part show the whole.
    startCompleted = Signal()
    #: The database is open and ready (emitted once, after the window is shown).
    opened = Signal()
    #: Data changed: a `Changes` (its areas and ids; it iterates over its area names).
    #: Emitted once per change.
    changed = Signal(object)
    #: An expected error a person should read (plain text).
    failed = Signal(str)
    #: A contact was selected somewhere (canvas, table, inbox, agenda): others follow it.
    #: The payload is the contact id, or 0 when the selection was cleared.
    contactSelected = Signal(int)
    #: Someone asked to open a contact's editor (double-click on a node or a row).
    openContactRequested = Signal(int)
    #: A chain of contacts to show on the board (a warm path, or highlight/search matches the
    #: board should frame): a tuple of contact ids, empty to clear. Views listen; none owns it.
    pathHighlighted = Signal(object)
    #: The contacts selected together (the board's Ctrl/Shift-click or rubber band), a tuple of
    #: ids, for bulk actions; a single selection is also announced by `contactSelected`.
    contactsSelected = Signal(object)
    #: Someone asked to see the Today panel on a topic ("readiness": the board's badge).
    todayRequested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.undo_stack = QUndoStack(self)
        self.selected_contact_id = 0
        self.selected_contact_ids: tuple[int, ...] = ()
        self._unanswered_open = 0
        #: The first paint's data while the window opens with it (`startRead`), else None.
        self.start: StartSnapshot | None = None
        #: The `changed` that ends an opening with a start snapshot: the views that showed the
        #: snapshot show that state already (`shows_start`).
        self._opening_changes: Changes | None = None
        self._last_version = 0
        #: While the first paint shows a raw start snapshot and the database is still opening:
        #: blocks until it is open and returns it (None when it failed). See `show_start`.
        self._await_db: Callable[[], Database | None] | None = None
        self.start_name = ""
        # What the window last saw of the database, to name an external change by ids (None:
        # not known, the next external change reloads everything and takes a new picture).
        self._picture: external_changes.Picture | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self.check_external_changes)
        # The comparison with the picture scans the contacts table (~10 ms at 30,000): on the
        # worker thread; the change is announced when it arrives. Own writes meanwhile make
        # the new picture uncertain (`_own_writes`).
        self._own_writes = 0
        self._diff = BackgroundRead(self, lambda _s: None, self, name="networkdesk-external")
        self._diff.loaded.connect(self._external_read)
        self._diff.failed.connect(self._external_failed)

    # --- lifecycle -------------------------------------------------------------------------

    def show_start(
        self, start: StartSnapshot, await_db: Callable[[], Database | None], name: str
    ) -> None:
        """Show the first paint's data before the database is open (the desktop start reads it
        raw, services/start_read.py): the views of the first paint show `start` at once
        (`startRead`). `attach(db, start)` with the same snapshot follows when the database is
        open; a write asked for before that waits for it (`await_db`) instead of failing.
        `name`: the database's, for the title (`name`)."""
        self.start_name = name
        self.start = start
        self._await_db = await_db
        self.startRead.emit()

    def complete_start(self, start: StartSnapshot) -> None:
        """The start snapshot shown (`show_start`), now with every row (read in the same
        transaction): views that showed only the first rows show them all."""
        if self.start is None:
            return  # the opening is over (or the window closed)
        self.start = start
        self.startCompleted.emit()

    def attach(self, db: Database, start: StartSnapshot | None = None) -> None:
        """Use an open database (called on the GUI thread once it is open).

        With a `start` snapshot (read with the database on the opener's thread), the views of
        the first paint show it at once (`startRead`); `opened` and the `changed` that loads
        every other view come with `finish_opening()`, which the caller calls once the window
        has painted (and its other features are installed).
        """
        self.db = db
        self._await_db = None
        if start is None:
            self._open(None)
            return
        if start is self.start:
            return  # shown already (`show_start`): `finish_opening` follows
        self.start = start
        self.startRead.emit()

    def finish_opening(self) -> None:
        """After `attach` with a start snapshot: announce `opened` and load every view."""
        if self.start is not None:
            self._open(self.start)

    def _open(self, start: StartSnapshot | None) -> None:
        db = self.db
        if db is None:
            return  # closed before the opening finished
        if db.notices_changes:  # a file, or PostgreSQL's LISTEN/NOTIFY
            if start is not None:  # read before the snapshot: a write during it is noticed
                self._last_version, self._picture = start.data_version, start.picture
            else:
                self._last_version = self._data_version()
                self._picture = self._look()
            self._poll.start()
        changes = Changes.everything_changed()
        # A start that holds only the table's first rows (its rest failed to read) is not what
        # the views should keep: they read everything through the ORM instead.
        self._opening_changes = changes if start is not None and start.complete else None
        try:
            self.opened.emit()
            self.changed.emit(changes)
        finally:
            self.start = None
            self._opening_changes = None

    @property
    def is_opening(self) -> bool:
        """Between `startRead` and the `changed` that loads everything."""
        return self.start is not None

    def shows_start(self, changes: object) -> bool:
        """True for the `changed` that ends an opening with a start snapshot: a view that
        showed `start` on `startRead` shows that state already and skips it."""
        return changes is not None and changes is self._opening_changes

    def close(self) -> None:
        self.start = None
        self._await_db = None
        self._poll.stop()
        if self.db is not None:
            self.db.close()
            self.db = None

    @property
    def is_open(self) -> bool:
        return self.db is not None

    @property
    def name(self) -> str:
        """What the window's title calls the database: its file's name, or its location."""
        db = self.db
        if db is None:
            return self.start_name  # shown before the database is open (`show_start`)
        return db.path.name if db.path is not None else db.location.describe()

    def require_db(self) -> Database:
        if self.db is None and self._await_db is not None:
            # The window shows its start data and the database is still opening (a fraction
            # of a second): wait for it rather than refuse what the user just did.
            await_db, self._await_db = self._await_db, None
            self.db = await_db()
        if self.db is None:
            raise RuntimeError("the database is not open yet")
        return self.db

    # --- reading and writing ---------------------------------------------------------------

    def read(self, work: Callable[[Session], T]) -> T:
        """Run a read-only service call."""
        with self.require_db().reading() as session:
            return work(session)

    def write(self, work: Callable[[Session], T], areas: Changes | Iterable[str] = ALL_AREAS) -> T:
        """Run `work` in one transaction (all or nothing), then announce the change once.

        Domain errors (NetworkdeskError) propagate to the caller, who shows them; the database
        is unchanged when they do.
        """
        with self.require_db().transaction() as session:
            result = work(session)
        self.notify(areas)
        return result

    def notify(self, areas: Changes | Iterable[str] = ALL_AREAS) -> None:
        """Announce a change: a record's `Changes`, or areas (all of them: reload everything)."""
        # Our own commit bumps data_version for the watch connection too: take the new value
        # as the baseline so the poll does not announce the same change a second time.
        self._last_version = self._data_version()
        if isinstance(areas, Changes):
            changes = areas
        else:
            named = frozenset(areas)
            changes = Changes.everything_changed() if named >= ALL_AREAS else Changes.of(*named)
        self._keep_picture(changes)
        self.changed.emit(changes)

    def _keep_picture(self, changes: Changes) -> None:
        """Follow our own write in the picture of what was seen, or drop the picture."""
        self._own_writes += 1
        picture = self._picture
        if picture is None:
            return
        only_contact_ids = (
            not changes.everything and set(changes) <= {CONTACTS} and bool(changes.ids(CONTACTS))
        )
        if not only_contact_ids:
            self._picture = None  # other tables changed here too: the next look starts afresh
            return
        created = changes.created_ids(CONTACTS)
        try:
            with self.require_db().reading() as session:
                self._picture = external_changes.after_own_write(
                    session,
                    picture,
                    created=len(created),
                    deleted=len(changes.deleted_ids(CONTACTS)),
                    max_id=max(created, default=0),
                )
        except Exception:  # cannot tell: the next external change reloads everything
            self._picture = None

    # --- undo and redo of change records -------------------------------------------------

    def undo_record(self, record: ChangeRecord) -> ChangeRecord:
        """Undo `record` (one transaction, through services), announce it; the record to redo."""
        undone, changes = history.undo_record(self.require_db(), record)
        self.notify(changes)
        return undone

    def redo_record(self, record: ChangeRecord) -> ChangeRecord:
        redone, changes = history.redo_record(self.require_db(), record)
        self.notify(changes)
        return redone

    # --- selection ----------------------------------------------------------------------

    def highlight_path(self, contact_ids: Iterable[int]) -> None:
        """Ask every view to show these contacts as one chain (empty: clear the highlight)."""
        self.pathHighlighted.emit(tuple(int(i) for i in contact_ids))

    def select_contacts(self, contact_ids: Iterable[int]) -> None:
        """Make `contact_ids` the contacts selected together (bulk actions act on them)."""
        new = tuple(int(i) for i in contact_ids)
        if new != self.selected_contact_ids:
            self.selected_contact_ids = new
            self.contactsSelected.emit(new)

    def select_contact(self, contact_id: int | None) -> None:
        """Make `contact_id` the selected contact everywhere (None clears the selection)."""
        new = contact_id or 0
        if new != self.selected_contact_id:
            self.selected_contact_id = new
            self.contactSelected.emit(new)

    def request_open_contact(self, contact_id: int) -> None:
        """Ask for `contact_id`'s editor (`openContactRequested`). The editor's owner (the
        pipeline feature) connects only after the first paint; a request made before that (a
        quick double-click on the start's nodes or rows) is kept for it
        (`take_unanswered_open`) rather than lost."""
        if self.isSignalConnected(QMetaMethod.fromSignal(self.openContactRequested)):
            self.openContactRequested.emit(int(contact_id))
        else:
            self._unanswered_open = int(contact_id)

    def take_unanswered_open(self) -> int:
        """The contact asked for by `request_open_contact` while nothing listened (0: none),
        forgotten once taken."""
        contact_id, self._unanswered_open = self._unanswered_open, 0
        return contact_id

    # --- changes from outside --------------------------------------------------------------

    def _data_version(self) -> int:
        if self.db is None:
            return 0
        try:
            return self.db.data_version()
        except sqlite3.Error:
            return self._last_version

    def check_external_changes(self) -> bool:
        """Notice whether another connection committed since the last look; if so, find out
        what it changed (on the worker thread) and announce that. True when it did."""
        version = self._data_version()
        if version != self._last_version:
            self._last_version = version
            self._request_external_changes()
            return True
        return False

    def _request_external_changes(self) -> None:
        # A few small queries (each scans in SQLite and returns a few rows), so the views
        # update the named rows instead of reloading 30,000.
        picture, writes = self._picture, self._own_writes
        self._diff.request(
            lambda session: (external_changes.changes_since(session, picture), writes)
        )

    def _external_read(self, read: tuple[tuple[Changes, external_changes.Picture], int]) -> None:
        (changes, picture), writes = read
        # A write of our own since the read began may or may not be in the new picture: the
        # next change from elsewhere then reloads everything rather than miss one.
        self._picture = picture if writes == self._own_writes else None
        self.changed.emit(changes)

    def _external_failed(self, _error: str) -> None:
        # Any failure to tell: reload everything, as without the picture.
        self._picture = None
        self.changed.emit(Changes.everything_changed())

    def _look(self) -> external_changes.Picture | None:
        try:
            with self.require_db().reading() as session:
                return external_changes.look(session)
        except Exception:  # no picture: the first external change reloads everything
            return None


def areas_touch(changed: object, *wanted: str) -> bool:
    """True when a `changed` payload (a `Changes`, or a plain set of areas) concerns any of the
    wanted areas. (Slots receive the signal's payload as `object`.)"""
    if isinstance(changed, Changes):
        return changed.touches(*wanted)
    if isinstance(changed, Iterable):
        return bool(set(changed) & set(wanted))
    return False


def fields_touch(changed: object, area: str, *fields: str) -> bool:
    """True when a `changed` payload may alter the `fields` of `area` a view shows (see
    `Changes.concerns`); a plain set of areas only says whether `area` is named."""
    if isinstance(changed, Changes):
        return changed.concerns(area, *fields)
    return areas_touch(changed, area)


def shown_contacts_touch(changed: object, shown: Iterable[int], *fields: str) -> bool:
    """True when a `changed` payload may alter the `fields` of a contact among `shown` (the
    contacts a view's rows name): a change naming other contacts, or a new contact (no row
    names it yet), passes it by. Without ids, any shown contact may have changed."""
    if not fields_touch(changed, CONTACTS, *fields):
        return False
    if not isinstance(changed, Changes) or not changed.is_precise(CONTACTS):
        return True
    return not changed.ids(CONTACTS).isdisjoint(shown)
