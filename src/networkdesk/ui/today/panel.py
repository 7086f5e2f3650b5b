"""The Today panel (objectName `todayView`): the day's sections as one list, the selected item's
actions as buttons with one key each, and an upcoming meeting's brief underneath.

It reloads (off the GUI thread, see loader.py) when `Workspace.changed` names an area the day
reads, and keeps the selected item selected across reloads. Every action is one service call
that returns a change record, pushed as one undo step.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networkdesk.services.changes import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    INTERACTIONS,
    MEETINGS,
    REFERRALS,
    SETTINGS,
)
from networkdesk.services.records.interactions import add_interaction
from networkdesk.services.records.small_edits import set_followup_done, snooze_followup
from networkdesk.ui.board.items import plain_tooltip
from networkdesk.ui.controllers.commands import apply
from networkdesk.ui.today.agenda_items import DONE_LABELS, Action, Done, TodayItem, TodayView
from networkdesk.ui.today.email_draft import EmailDraftDialog
from networkdesk.ui.today.loader import TodayLoader
from networkdesk.ui.views.feedback import attempt, open_dialog
from networkdesk.ui.views.log_meeting_wizard import LogMeetingDialog
from networkdesk.ui.workspace import areas_touch

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from networkdesk.services.records import ChangeRecord
    from networkdesk.ui.workspace import Workspace

#: The areas whose changes can change the day.
DAY_AREAS = (CONTACTS, COMPANIES, MEETINGS, REFERRALS, FOLLOWUPS, INTERACTIONS, SETTINGS)
#: Snoozing a follow-up from Today moves it to tomorrow.
SNOOZE = dt.timedelta(days=1)
ITEM_ROLE = Qt.ItemDataRole.UserRole
#: Overdue items: a dark orange that reads on light and dark list backgrounds alike.
OVERDUE_COLOUR = QColor("#c25400")

BUTTONS: tuple[tuple[Action, str, str, str], ...] = (
    (Action.LOG, "&Log", "L", "Log the meeting: notes, referrals, thank-you (L)"),
    (Action.DONE, "&Done", "D", "Mark it done (D); Undo takes it back"),
    (Action.SNOOZE, "&Snooze", "S", "Move the follow-up to tomorrow (S)"),
    (Action.EMAIL, "&E-mail", "E", "Write a short e-mail, checked against the rules (E)"),
    (Action.OPEN, "&Open", "O", "Open the contact (O or Enter)"),
)

EMPTY_NEW = (
    "Welcome. Today shows what to do each day, once there are people to do it with.\n\n"
    "1. Add people you know: File ▸ Import (a LinkedIn export or vCards), or New contact "
    "(Ctrl+N).\n"
    "2. Put friends and alumni on the outer ring: they are your practice meetings.\n"
    "3. Schedule a first practice meeting (Ctrl+M). Its brief, the thank-you and the "
    "follow-ups will appear here."
)
EMPTY_CLEAR = (
    "Nothing is due today.\n\n"
    "Good moment to reach out to someone new on an outer ring, or to do the homework for a "
    "target company (its mission, your questions)."
)


class TodayPanel(QWidget):
    #: The view was filled from fresh data (tests wait for it).
    refreshed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view: TodayView | None = None
        self.dialogs: list[QDialog] = []
        self.setObjectName("todayView")
        self.setAccessibleName("Today")

        self.heading = QLabel(self)
        self.heading.setObjectName("todayHeading")
        self.heading.setAccessibleName("Today's date")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.readiness = QLabel(self)
        self.readiness.setObjectName("todayReadiness")
        self.readiness.setAccessibleName("Readiness before the bull's-eye")
        self.readiness.setTextFormat(Qt.TextFormat.PlainText)
        self.readiness.setWordWrap(True)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("todayList")
        self.tree.setAccessibleName("What to do today")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda *_: self.run_primary())
        self.empty = QLabel(self)
        self.empty.setObjectName("todayEmpty")
        self.empty.setAccessibleName("Nothing to do yet")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setMargin(8)
        self.empty.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read by screen readers too
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty)

        self.buttons: dict[Action, QPushButton] = {}
        #: One key each while the list has the focus (plain letters: the list has no search).
        self._keys: dict[Qt.Key, Action] = {}
        self.tree.installEventFilter(self)
        self.actions_row = QWidget(self)
        self.actions_row.setObjectName("todayActions")
        self.actions_row.setAccessibleName("Actions on the selected item")
        row = QHBoxLayout(self.actions_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for action, text, key, tip in BUTTONS:
            button = QPushButton(text, self.actions_row)
            button.setObjectName(f"today{action.value.title()}Button")
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tip)
            button.setAutoDefault(False)
            # Share the row and shrink with a narrow dock rather than widen the window.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(48)
            button.clicked.connect(lambda _c=False, a=action: self.run(a))
            row.addWidget(button, 1)
            self.buttons[action] = button
            self._keys[Qt.Key(ord(key))] = action

        self.brief = QPlainTextEdit(self)
        self.brief.setObjectName("todayBrief")
        self.brief.setAccessibleName("Meeting brief")
        self.brief.setReadOnly(True)
        self.brief.setPlaceholderText("Select a meeting to see its brief.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.readiness)
        layout.addWidget(self.pages, 5)
        layout.addWidget(self.actions_row)
        layout.addWidget(self.brief, 3)

        self.loader = TodayLoader(workspace, parent=self)
        self.loader.loaded.connect(self.show_view)
        self.loader.failed.connect(self._failed)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(120)  # a burst of changes: one read
        self._reload.timeout.connect(self.loader.request)
        # The day moves on by itself (a meeting ends, a follow-up falls due): look each minute.
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self.reload)
        workspace.changed.connect(self._changed)
        workspace.opened.connect(self._tick.start)
        self._selection_changed()
        self.show_view(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and Qt.Key(event.key()) in self._keys
        ):
            self.run(self._keys[Qt.Key(event.key())])
            return True
        return super().eventFilter(watched, event)

    # --- loading ------------------------------------------------------------------------

    def _changed(self, changes: object) -> None:
        if areas_touch(changes, *DAY_AREAS):
            self.reload()

    def reload(self) -> None:
        if self.workspace.is_open:
            self._reload.start()

    def reload_now(self) -> None:
        """Read at once (on this thread when the database is in memory)."""
        self._reload.stop()
        self.loader.request()

    def _failed(self, error: str) -> None:
        self.readiness.setText(f"Could not read today's list: {error}")

    def show_view(self, view: object) -> None:
        keep = self.current_item()
        self.view = view if isinstance(view, TodayView) else None
        self.tree.clear()
        if self.view is None:
            self.heading.setText("Today")
            self.readiness.setText("Opening the database…")
            self.empty.setText("")
            self.pages.setCurrentWidget(self.empty)
            self._selection_changed()
            return
        local = self.view.at.astimezone()
        self.heading.setText(f"Today · {local:%A %d %B}")
        self.readiness.setText(self.view.readiness)
        self._mark_readiness(self.view.practice_held >= self.view.practice_needed)
        restore: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None
        for section in self.view.sections:
            if not section.items:
                continue
            head = QTreeWidgetItem(self.tree, [f"{section.title} ({len(section.items)})"])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.tree.font())
            font.setBold(True)
            head.setFont(0, font)
            # Air above each section: the list reads as groups, not one long column.
            head.setSizeHint(0, QSize(0, QFontMetrics(font).height() + 12))
            head.setExpanded(True)
            for item in section.items:
                child = QTreeWidgetItem(head, [f"{item.title}\n{item.detail}"])
                child.setData(0, ITEM_ROLE, item)
                child.setToolTip(0, plain_tooltip(f"{item.title}\n{item.detail}"))
                if item.overdue:
                    child.setForeground(0, QBrush(OVERDUE_COLOUR))
                    child.setText(0, f"{item.title}\n⚠ {item.detail}")
                first = first or child
                if keep is not None and item.key == keep.key:
                    restore = child
        self.tree.expandAll()
        # A new user reads the welcome, not a practice count of 0 of 3 and a row of dead buttons.
        self.readiness.setVisible(self.view.contact_count > 0)
        self.actions_row.setVisible(self.view.item_count > 0)
        if self.view.item_count == 0:
            self.empty.setText(EMPTY_NEW if self.view.contact_count == 0 else EMPTY_CLEAR)
            self.pages.setCurrentWidget(self.empty)
        else:
            self.pages.setCurrentWidget(self.tree)
            chosen = restore or first
            if chosen is not None:
                self.tree.setCurrentItem(chosen)
        self._selection_changed()
        self.refreshed.emit()

    def _mark_readiness(self, ready: bool) -> None:
        self.readiness.setProperty("warning", not ready)
        self.readiness.setStyleSheet(
            "" if ready else "QLabel { border-left: 3px solid #c77700; padding-left: 6px; }"
        )

    # --- selection and actions ------------------------------------------------------------

    def current_item(self) -> TodayItem | None:
        current = self.tree.currentItem()
        data = current.data(0, ITEM_ROLE) if current is not None else None
        return data if isinstance(data, TodayItem) else None

    def select_key(self, key: str) -> bool:
        """Select the item with this key (tests, and keeping the place)."""
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount() if head is not None else 0):
                child = head.child(j) if head is not None else None
                data = child.data(0, ITEM_ROLE) if child is not None else None
                if child is not None and isinstance(data, TodayItem) and data.key == key:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        """The arrow keys land on items, never on a section's heading: step over it in the
        direction the user moved."""
        if current is not None and current.parent() is None and current.childCount():
            index = self.tree.indexOfTopLevelItem(current)
            upward = previous is not None and (
                previous.parent() is current
                or self.tree.indexOfTopLevelItem(previous.parent() or previous) > index
            )
            target: QTreeWidgetItem | None = current.child(0)
            if upward:
                above = self.tree.topLevelItem(index - 1) if index > 0 else None
                target = above.child(above.childCount() - 1) if above is not None else previous
            if target is not None and target is not current:
                self.tree.setCurrentItem(target)
                return
        self._selection_changed()

    def _selection_changed(self) -> None:
        item = self.current_item()
        offered = set(item.actions) if item is not None else set()
        for action, button in self.buttons.items():
            button.setEnabled(action in offered and self.workspace.is_open)
        done = self.buttons[Action.DONE]
        done.setText("&" + DONE_LABELS[item.done] if item is not None and item.done else "&Done")
        done.setAccessibleName(done.text().replace("&", ""))
        self.brief.setVisible(bool(item is not None and item.brief))
        self.brief.setPlainText(item.brief if item is not None else "")
        if item is not None:
            self.workspace.select_contact(item.contact_id)

    def focus_list(self) -> None:
        """Ctrl+T: the list (or the empty state) takes the keyboard."""
        page = self.pages.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def run_primary(self) -> None:
        item = self.current_item()
        if item is not None and item.actions:
            self.run(item.actions[0])

    def run(self, action: Action) -> None:
        item = self.current_item()
        if item is None or action not in item.actions or not self.workspace.is_open:
            return
        if action is Action.OPEN:
            self.workspace.select_contact(item.contact_id)
            self.workspace.request_open_contact(item.contact_id)
        elif action is Action.LOG:
            self.open_dialog(
                LogMeetingDialog(
                    self.workspace, item.contact_id, meeting_id=item.meeting_id, parent=self
                )
            )
        elif action is Action.EMAIL:
            target = item.email_contact_id or item.contact_id
            self.open_dialog(EmailDraftDialog(self.workspace, target, item.email_purpose, self))
        elif action is Action.SNOOZE and item.followup_id is not None:
            fid = item.followup_id
            self._apply("Cannot snooze", lambda s: snooze_followup(s, fid, SNOOZE))
        elif action is Action.DONE:
            self._done(item)

    def _done(self, item: TodayItem) -> None:
        cid = item.contact_id
        if item.done is Done.FOLLOWUP and item.followup_id is not None:
            fid = item.followup_id
            self._apply("Cannot mark it done", lambda s: set_followup_done(s, fid))
            return
        kind, direction, note, label = {
            Done.THANK_YOU: ("email", "out", "Thank-you sent", "Record thank-you"),
            Done.REPLY: ("email", "in", "Replied", "Record reply"),
            Done.TOUCHED: ("message", "out", "Kept in touch", "Record touch"),
        }[item.done or Done.TOUCHED]
        self._apply(
            "Cannot record it",
            lambda s: add_interaction(
                s, cid, kind=kind, direction=direction, note=note, text=label
            ),
        )

    def _apply(self, title: str, work: Callable[[Session], ChangeRecord | None]) -> None:
        attempt(self, title, lambda: apply(self.workspace, work))

    def open_dialog(self, dialog: QDialog) -> None:
        """Open window-modally (no nested loop); closed with the window if still open."""
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        open_dialog(dialog)

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def close_dialogs(self) -> None:
        """The window is closing: cancel the dialogs still open (nothing half-saved)."""
        for dialog in list(self.dialogs):
            dialog.reject()
        self.dialogs.clear()
