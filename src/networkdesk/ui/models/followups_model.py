"""Follow-ups: the agenda (overdue, today, this week, later) as a two-level tree, and a flat
list for one contact. The agenda shows meetings too: those still to come, and those held but not
logged yet (in "Overdue" until they are).

Buckets are computed in the user's local zone from the local calendar day, so a follow-up due
at 23:30 local time is "today" and one at 00:30 is "tomorrow" whatever UTC says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from sqlalchemy.orm import Session

from networkdesk.domain.timeutil import local_day_bounds, local_zone
from networkdesk.services import followups, meetings
from networkdesk.ui.models.contacts_table_model import format_moment
from networkdesk.ui.models.record_table import ROW_ID_ROLE, Column, RecordTableModel
from networkdesk.ui.plain_text import plain_tooltip_or_none

Index = QModelIndex | QPersistentModelIndex

OVERDUE, TODAY, THIS_WEEK, LATER = range(4)
BUCKET_NAMES = ("Overdue", "Today", "This week", "Later")
HEADERS = ("Due", "Contact", "Follow-up")
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 3
#: How far ahead the agenda lists meetings, and how far back it still shows one not logged.
MEETINGS_AHEAD = dt.timedelta(days=30)
UNLOGGED_BEHIND = dt.timedelta(days=14)


@dataclass(frozen=True)
class FollowupRow:
    id: int
    contact_id: int
    contact_name: str
    title: str
    due: dt.datetime
    done_at: dt.datetime | None
    remind_minutes: int | None
    notes: str | None
    #: A meeting shown in the agenda (`id` is then the meeting's id), not a follow-up.
    is_meeting: bool = False


def load_followups(
    session: Session, *, contact_id: int | None = None, open_only: bool = True
) -> list[FollowupRow]:
    return [
        FollowupRow(
            f.id,
            f.contact_id,
            f.contact.name,
            f.title,
            f.due,
            f.done_at,
            f.remind_minutes,
            f.notes,
        )
        for f in followups.list_followups(session, open_only=open_only, contact_id=contact_id)
    ]


def load_meetings(session: Session, now: dt.datetime) -> list[FollowupRow]:
    """Meetings for the agenda: still to come (the next 30 days), or held in the last two weeks
    and not logged yet."""
    rows: list[FollowupRow] = []
    for m in meetings.list_meetings(session, start=now - UNLOGGED_BEHIND, end=now + MEETINGS_AHEAD):
        held = m.start < now
        logged = bool((m.notes or "").strip() or (m.outcome or "").strip())
        if held and logged:
            continue
        title = f"{m.kind.label}: to log" if held else m.kind.label
        if m.location and not held:
            title += f" · {m.location}"
        rows.append(
            FollowupRow(
                m.id,
                m.contact_id,
                m.contact.name,
                title,
                m.start,
                None,
                None,
                m.preparation,
                is_meeting=True,
            )
        )
    return rows


def load_agenda(session: Session, now: dt.datetime | None = None) -> list[FollowupRow]:
    """The agenda's rows: the open follow-ups and the meetings."""
    return load_followups(session) + load_meetings(session, now or dt.datetime.now(dt.UTC))


def bucket_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """(end of today, end of this week) in UTC; the week ends on Sunday at local midnight."""
    today = now.astimezone(local_zone()).date()
    _start, end_of_today = local_day_bounds(today)
    sunday = today + dt.timedelta(days=6 - today.weekday())
    _start, end_of_week = local_day_bounds(sunday)
    return end_of_today, end_of_week


def bucket_of(due: dt.datetime, now: dt.datetime) -> int:
    end_of_today, end_of_week = bucket_bounds(now)
    if due < now:
        return OVERDUE
    if due < end_of_today:
        return TODAY
    if due < end_of_week:
        return THIS_WEEK
    return LATER


def due_today_count(rows: Sequence[FollowupRow], now: dt.datetime) -> tuple[int, int]:
    """(due later today, overdue) among open follow-ups."""
    open_rows = [r for r in rows if r.done_at is None and not r.is_meeting]
    today = sum(1 for r in open_rows if bucket_of(r.due, now) == TODAY)
    overdue = sum(1 for r in open_rows if bucket_of(r.due, now) == OVERDUE)
    return today, overdue


class AgendaModel(QAbstractItemModel):
    """Top level: the four buckets (with counts); under each, its follow-ups by due time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buckets: list[list[FollowupRow]] = [[], [], [], []]
        self.now = dt.datetime.now(dt.UTC)

    def set_rows(self, rows: Sequence[FollowupRow], now: dt.datetime | None = None) -> None:
        self.beginResetModel()
        self.now = now or dt.datetime.now(dt.UTC)
        self._buckets = [[], [], [], []]
        for row in sorted(rows, key=lambda r: (r.due, r.id)):
            if row.done_at is None:
                self._buckets[bucket_of(row.due, self.now)].append(row)
        self.endResetModel()

    def bucket_rows(self, bucket: int) -> list[FollowupRow]:
        return list(self._buckets[bucket])

    def followup_at(self, index: Index) -> FollowupRow | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        bucket = index.internalId() - 1
        rows = self._buckets[bucket]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def index_of(self, followup_id: int, *, meeting: bool = False) -> QModelIndex:
        for bucket, rows in enumerate(self._buckets):
            for number, row in enumerate(rows):
                if row.id == followup_id and row.is_meeting == meeting:
                    return self.index(number, 0, self.index(bucket, 0))
        return QModelIndex()

    # --- Qt model interface ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._buckets)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._buckets[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            bucket = index.row()
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if index.column() == 0:
                    return f"{BUCKET_NAMES[bucket]} ({len(self._buckets[bucket])})"
                return ""
            if role == Qt.ItemDataRole.FontRole and index.column() == 0:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and bucket == OVERDUE:
                return QColor("#c0392b") if self._buckets[bucket] else None
            return None
        row = self.followup_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (format_moment(row.due), row.contact_name, row.title)[index.column()]
        if role == ROW_ID_ROLE:
            return None if row.is_meeting else row.id
        if role == MEETING_ID_ROLE:
            return row.id if row.is_meeting else None
        if role == Qt.ItemDataRole.FontRole and row.is_meeting:
            font = QFont()
            font.setItalic(True)
            return font
        if role == CONTACT_ID_ROLE:
            return row.contact_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip_or_none(row.notes)
        if role == Qt.ItemDataRole.ForegroundRole and index.internalId() - 1 == OVERDUE:
            return QColor("#c0392b")
        return None


class FollowupListModel(RecordTableModel[FollowupRow]):
    """A contact's follow-ups, open and done, in the contact editor."""

    columns = (
        Column("Due", lambda r: format_moment(r.due), lambda r: r.due),
        Column("Follow-up", lambda r: r.title),
        Column("Done", lambda r: "Done" if r.done_at else "", lambda r: r.done_at is not None),
    )
