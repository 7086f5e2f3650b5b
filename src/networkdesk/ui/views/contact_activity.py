"""The right half of the contact editor: the contact's meetings, referrals (by and to them),
follow-ups, e-mails/calls/messages and ring history on one page. Its buttons act at once through
undoable edits, open the interaction dialog, or ask the pipeline (signals) to open the meeting,
log, follow-up and referral dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.models import Contact
from networkdesk.ui import item_actions
from networkdesk.ui.board.timeline import RingTimeline
from networkdesk.ui.controllers import edits
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.models.followups_model import FollowupListModel, load_followups
from networkdesk.ui.models.interactions_model import InteractionsModel, load_interactions
from networkdesk.ui.models.meetings_model import MeetingsModel, load_meetings
from networkdesk.ui.models.record_table import RecordTableModel
from networkdesk.ui.models.referrals_model import ReferralsModel, load_referrals
from networkdesk.ui.models.ring_history_model import load_ring_history
from networkdesk.ui.views.feedback import attempt, open_dialog
from networkdesk.ui.views.table_style import compact_rows

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace


def small_table(model: RecordTableModel[Any], name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    compact_rows(view)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view


def selected_id(view: QTableView) -> int | None:
    model = view.model()
    index = view.currentIndex()
    if not index.isValid() or not isinstance(model, RecordTableModel):
        return None
    return model.id_at(index.row())


class ContactActivity(QWidget):
    scheduleMeetingRequested = Signal(int)
    logMeetingRequested = Signal(int)
    editMeetingRequested = Signal(int)
    newFollowupRequested = Signal(int)
    editReferralRequested = Signal(int)
    addReferralRequested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        item_actions: ItemActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.item_actions = item_actions if item_actions is not None else ItemActions()
        self.contact_id: int | None = None
        self.setAccessibleName(
            "Meetings, referrals, follow-ups, e-mails, calls, messages and ring history"
        )
        self._build()

    def _group(self, title: str, view: QTableView, buttons: list[QPushButton]) -> QGroupBox:
        box = QGroupBox(title, self)
        box.setAccessibleName(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build(self) -> None:
        self.meetings_model = MeetingsModel(self)
        self.referrals_model = ReferralsModel(self)
        self.followups_model = FollowupListModel(self)
        self.interactions_model = InteractionsModel(self)
        self.meetings_view = small_table(self.meetings_model, "Contact meetings", self)
        self.meetings_view.setColumnHidden(1, True)  # "With": always this contact
        self.referrals_view = small_table(self.referrals_model, "Contact referrals", self)
        self.followups_view = small_table(self.followups_model, "Contact follow-ups", self)
        self.interactions_view = small_table(
            self.interactions_model, "Contact e-mails, calls and messages", self
        )
        self.interactions_view.doubleClicked.connect(lambda _i: self._edit_interaction())
        self.meetings_view.doubleClicked.connect(lambda _i: self._edit_meeting())
        self.referrals_view.doubleClicked.connect(lambda _i: self._edit_referral())
        for view, kind in (
            (self.meetings_view, item_actions.MEETING),
            (self.followups_view, item_actions.FOLLOWUP),
        ):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view, k=kind: self._item_menu(v, k, pos)
            )
        self.timeline = RingTimeline(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        cid = lambda: self.contact_id or 0  # noqa: E731
        layout.addWidget(
            self._group(
                "Meetings",
                self.meetings_view,
                [
                    self._button("Schedule…", lambda: self.scheduleMeetingRequested.emit(cid())),
                    self._button("Log…", lambda: self.logMeetingRequested.emit(cid())),
                    self._button("Edit…", self._edit_meeting),
                    self._button("Delete", self._delete_meeting),
                ],
            ),
            3,
        )
        layout.addWidget(
            self._group(
                "Referrals (by and to this contact)",
                self.referrals_view,
                [
                    self._button("Add…", lambda: self.addReferralRequested.emit(cid())),
                    self._button("Edit…", self._edit_referral),
                    self._button("Delete", self._delete_referral),
                ],
            ),
            2,
        )
        layout.addWidget(
            self._group(
                "Follow-ups",
                self.followups_view,
                [
                    self._button("New…", lambda: self.newFollowupRequested.emit(cid())),
                    self._button("Done", self._followup_done),
                    self._button("Delete", self._delete_followup),
                ],
            ),
            2,
        )
        layout.addWidget(
            self._group(
                "E-mails, calls and messages",
                self.interactions_view,
                [
                    self._button("Edit…", self._edit_interaction),
                    self._button("Delete", self._delete_interaction),
                ],
            ),
            2,
        )
        history = QGroupBox("Ring history", self)
        history.setAccessibleName("Ring history")
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(6, 6, 6, 6)
        history_layout.addWidget(self.timeline)
        layout.addWidget(history)

    def show_contact(self, contact_id: int, ring_names: list[str]) -> None:
        """Show (or refresh) the activity of `contact_id`."""
        self.contact_id = contact_id
        if not self.workspace.is_open:
            return

        def read(session: Any) -> tuple[Any, ...]:
            if session.get(Contact, contact_id) is None:
                return ()
            return (
                load_meetings(session, contact_id),
                load_referrals(session, contact_id),
                load_followups(session, contact_id=contact_id, open_only=False),
                load_interactions(session, contact_id),
                load_ring_history(session, contact_id),
            )

        loaded = self.workspace.read(read)
        if not loaded:
            return
        meetings_rows, referral_rows, followup_rows, interaction_rows, steps = loaded
        self.meetings_model.set_rows(meetings_rows)
        self.referrals_model.set_rows(referral_rows)
        self.followups_model.set_rows(followup_rows)
        self.interactions_model.set_rows(interaction_rows)
        self.timeline.set_steps(steps, ring_names)

    # --- activity actions ---------------------------------------------------------------

    def _item_menu(self, view: QTableView, kind: str, pos: Any) -> None:
        from PySide6.QtWidgets import QMenu

        item_id = selected_id(view)
        if item_id is None:
            return
        menu = QMenu(self)
        for action in self.item_actions.actions_for(kind, item_id, menu):
            menu.addAction(action)
        if not menu.isEmpty():
            menu.exec(view.viewport().mapToGlobal(pos))

    def _edit_meeting(self) -> None:
        meeting_id = selected_id(self.meetings_view)
        if meeting_id is not None:
            self.editMeetingRequested.emit(meeting_id)

    def _delete_meeting(self) -> None:
        meeting_id = selected_id(self.meetings_view)
        if meeting_id is not None:
            attempt(self, "Cannot delete", lambda: edits.delete_meeting(self.workspace, meeting_id))

    def _edit_referral(self) -> None:
        referral_id = selected_id(self.referrals_view)
        if referral_id is not None:
            self.editReferralRequested.emit(referral_id)

    def _delete_referral(self) -> None:
        referral_id = selected_id(self.referrals_view)
        if referral_id is not None:
            attempt(
                self, "Cannot delete", lambda: edits.delete_referral(self.workspace, referral_id)
            )

    def _followup_done(self) -> None:
        followup_id = selected_id(self.followups_view)
        if followup_id is not None:
            attempt(
                self,
                "Cannot change the follow-up",
                lambda: edits.set_followup_done(self.workspace, followup_id),
            )

    def _delete_followup(self) -> None:
        followup_id = selected_id(self.followups_view)
        if followup_id is not None:
            attempt(
                self, "Cannot delete", lambda: edits.delete_followup(self.workspace, followup_id)
            )

    def _edit_interaction(self) -> None:
        from networkdesk.ui.views.interaction_dialog import InteractionDialog

        interaction_id = selected_id(self.interactions_view)
        if interaction_id is not None:
            open_dialog(InteractionDialog(self.workspace, interaction_id, self.window()))

    def _delete_interaction(self) -> None:
        interaction_id = selected_id(self.interactions_view)
        if interaction_id is not None:
            attempt(
                self,
                "Cannot delete",
                lambda: edits.delete_interaction(self.workspace, interaction_id),
            )
