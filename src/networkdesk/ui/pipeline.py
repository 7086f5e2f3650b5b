"""The pipeline around the canvas, plugged into the main window: the contacts table, the
follow-up agenda, referrals and target companies as docked panels; the contact, meeting and
log-a-meeting editors; settings and restore from backup; their menu actions and shortcuts.

Installed by `ui.bootstrap` with the window's `FeatureContext` once the window is built (the
database may not be open yet: the panels load on `workspace.opened` / `changed`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.services import contacts
from networkdesk.ui.contact_actions import contact_actions_of
from networkdesk.ui.contacts_dock import ContactsDock
from networkdesk.ui.controllers import edits
from networkdesk.ui.features import FeatureContext, insert_before_quit
from networkdesk.ui.icons import icon
from networkdesk.ui.panel_slots import COMPANIES, FOLLOWUPS, REFERRALS
from networkdesk.ui.views.companies_panel import CompaniesPanel
from networkdesk.ui.views.contact_editor import ContactEditor
from networkdesk.ui.views.followups_agenda import FollowupDialog, FollowupsAgenda
from networkdesk.ui.views.log_meeting_wizard import LogMeetingDialog
from networkdesk.ui.views.meeting_editor import MeetingEditor
from networkdesk.ui.views.referrals_panel import ReferralDialog, ReferralsPanel
from networkdesk.ui.views.restore_dialog import RestoreDialog
from networkdesk.ui.views.settings_dialog import SettingsDialog


class Pipeline(QObject):
    """Owns the pipeline's panels and opens its dialogs for one main window."""

    def __init__(self, context: FeatureContext, contacts: ContactsDock | None = None) -> None:
        super().__init__(context.parent)
        self.context = context
        #: The parent of the editors and dialogs this feature opens.
        self.window = context.parent
        self.workspace = context.workspace
        self.notices = context.notices
        ws = self.workspace
        docks = context.docks
        right = Qt.DockWidgetArea.RightDockWidgetArea

        # The contacts dock is usually installed already (the first paint shows it).
        self.contacts = contacts = contacts or ContactsDock(context)
        self.contacts_panel = contacts.panel
        self.contacts_dock = contacts.dock
        self.agenda = FollowupsAgenda(ws, item_actions=context.item_actions)
        self.agenda_dock = docks.add_panel(
            self.agenda, FOLLOWUPS.title, FOLLOWUPS.object_name, right
        )
        self.referrals_panel = ReferralsPanel(ws, item_actions=context.item_actions)
        self.referrals_dock = docks.add_panel(
            self.referrals_panel, REFERRALS.title, REFERRALS.object_name, right
        )
        self.companies_panel = CompaniesPanel(ws)
        self.companies_dock = docks.add_panel(
            self.companies_panel, COMPANIES.title, COMPANIES.object_name, right
        )
        self.contacts_dock.raise_()

        self.due_label = QLabel(self.window)
        self.due_label.setObjectName("dueTodayStatus")
        self.due_label.setAccessibleName("Follow-ups due today")
        self.due_label.setTextFormat(Qt.TextFormat.PlainText)
        context.status_bar.addPermanentWidget(self.due_label)
        self.agenda.dueTodayChanged.connect(self._show_due)

        self._open_dialogs: list[QDialog] = []
        context.closed.connect(self.close_dialogs)
        self._build_actions()
        ws.openContactRequested.connect(self.open_contact)
        ws.contactSelected.connect(lambda _cid: self._update_actions())
        ws.opened.connect(self._update_actions)
        panel = self.contacts_panel
        panel.newContactRequested.connect(self.new_contact)
        panel.scheduleMeetingRequested.connect(self.schedule_meeting)
        panel.logMeetingRequested.connect(self.log_meeting)
        panel.newFollowupRequested.connect(self.new_followup)
        panel.deleteRequested.connect(self.delete_contact)
        contact_actions = contact_actions_of(ws, context.item_actions)
        contact_actions.scheduleMeetingRequested.connect(self.schedule_meeting)
        contact_actions.logMeetingRequested.connect(self.log_meeting)
        contact_actions.newFollowupRequested.connect(self.new_followup)
        contact_actions.addReferralRequested.connect(self.add_referral)
        # A double-click on the first paint's nodes or rows came before this feature existed:
        # open that editor now, once the window has finished installing its features.
        if unanswered := ws.take_unanswered_open():
            QTimer.singleShot(0, self, lambda: self.open_contact(unanswered))

    # --- menus, toolbar and shortcuts ------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        name: str,
        shortcut: str | QKeySequence.StandardKey | None = None,
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        menus = self.context.menus
        self.new_contact_action = self._action(
            "&New contact…", self.new_contact, "newContactAction", "Ctrl+N", "contact-new"
        )
        self.find_action = self._action(
            "&Find contact", self.find, "findAction", "Ctrl+F", "search"
        )
        self.delete_action = self._action(
            "&Delete contact", self.delete_selected, "deleteContactAction", "Delete", "delete"
        )
        self.schedule_action = self._action(
            "&Schedule meeting…",
            lambda: self.schedule_meeting(self._selected()),
            "scheduleMeetingAction",
            "Ctrl+M",
            "meeting-new",
        )
        self.log_action = self._action(
            "&Log meeting…",
            lambda: self.log_meeting(self._selected()),
            "logMeetingAction",
            "Ctrl+L",
            "meeting-log",
        )
        self.followup_action = self._action(
            "New &follow-up…",
            lambda: self.new_followup(self._selected()),
            "newFollowupAction",
            "Ctrl+Shift+F",
        )
        self.referral_action = self._action(
            "Add &referral…",
            lambda: self.add_referral(self._selected()),
            "addReferralAction",
        )
        self.settings_action = self._action(
            "&Settings…", self.open_settings, "settingsAction", "Ctrl+,", "settings"
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.restore_action = self._action(
            "&Restore from backup…", self.restore_backup, "restoreBackupAction", None, "restore"
        )

        file_menu = menus.menu("file")
        insert_before_quit(file_menu, [self.new_contact_action])
        insert_before_quit(file_menu, [self.restore_action])
        edit_menu = menus.menu("edit")
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        contact_menu = menus.menu("contact")
        for action in (self.schedule_action, self.log_action, self.followup_action):
            contact_menu.addAction(action)
        contact_menu.addAction(self.referral_action)
        contact_menu.addSeparator()
        contact_menu.addAction(self.delete_action)
        toolbar = self.context.toolbar
        toolbar.addAction(self.new_contact_action)
        toolbar.addAction(self.log_action)
        toolbar.addAction(self.find_action)
        self._update_actions()

    def _selected(self) -> int | None:
        return self.workspace.selected_contact_id or None

    def _update_actions(self) -> None:
        is_open = self.workspace.is_open
        has = is_open and self._selected() is not None
        for action in (
            self.delete_action,
            self.schedule_action,
            self.log_action,
            self.followup_action,
            self.referral_action,
        ):
            action.setEnabled(has)
        for action in (self.new_contact_action, self.settings_action, self.restore_action):
            action.setEnabled(is_open)

    def _show_due(self, today: int, overdue: int) -> None:
        text = f"{today} follow-up{'s' if today != 1 else ''} due today"
        if overdue:
            text += f" · {overdue} overdue"
        self.due_label.setText(text)

    # --- opening editors -------------------------------------------------------------------

    def _run(self, dialog: QDialog, on_accept: Callable[[], object] | None = None) -> None:
        """Open a dialog window-modally without a nested event loop (a double-click on the
        canvas or a test driving the window goes on at once); `on_accept` runs after Save."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_accept is not None:
            dialog.accepted.connect(lambda: on_accept())
        self._open_dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self._open_dialogs:
            self._open_dialogs.remove(dialog)

    def close_dialogs(self) -> None:
        """The window is closing: cancel the editors still open (nothing half-saved)."""
        for dialog in list(self._open_dialogs):
            dialog.reject()
        self._open_dialogs.clear()

    def _connect_editor(self, editor: ContactEditor) -> None:
        editor.scheduleMeetingRequested.connect(lambda cid: self.schedule_meeting(cid, editor))
        editor.logMeetingRequested.connect(lambda cid: self.log_meeting(cid, editor))
        editor.editMeetingRequested.connect(lambda mid: self.edit_meeting(mid, editor))
        editor.newFollowupRequested.connect(lambda cid: self.new_followup(cid, editor))
        editor.editReferralRequested.connect(lambda rid: self.edit_referral(rid, editor))
        editor.addReferralRequested.connect(lambda cid: self.add_referral(cid, editor))

    def open_contact(self, contact_id: int) -> None:
        if not self.workspace.is_open or not contact_id:
            return
        try:
            editor = ContactEditor(
                self.workspace, contact_id, self.window, item_actions=self.context.item_actions
            )
        except NetworkdeskError as exc:  # deleted meanwhile
            self.notices.show_error("Cannot open the contact", str(exc))
            return
        self._connect_editor(editor)
        self._run(editor)

    def new_contact(self) -> None:
        if not self.workspace.is_open:
            return
        editor = ContactEditor(
            self.workspace, None, self.window, item_actions=self.context.item_actions
        )
        self._run(editor, lambda: self.workspace.select_contact(editor.saved_id))

    def find(self) -> None:
        self.contacts_dock.show()
        self.contacts_dock.raise_()
        self.contacts_panel.focus_search()

    def delete_selected(self) -> None:
        """Delete the selection of the view with the focus (one undo step), else the
        selected contact."""
        contact_actions_of(self.workspace, self.context.item_actions).delete_selected()

    def delete_contact(self, contact_id: int) -> None:
        try:
            name = self.workspace.read(lambda s: contacts.get(s, contact_id).name)
            edits.delete_contact(self.workspace, contact_id)
        except NetworkdeskError as exc:
            self.notices.show_error("Cannot delete the contact", str(exc))
            return
        self.workspace.select_contact(None)
        self.notices.show_notice(
            f"Deleted {name} with their meetings and follow-ups.",
            "info",
            "Undo",
            self.workspace.undo_stack.undo,
        )

    def schedule_meeting(self, contact_id: int | None, parent: QWidget | None = None) -> None:
        if not self.workspace.is_open:
            return
        editor = MeetingEditor(
            self.workspace, contact_id=contact_id or None, parent=parent or self.window
        )
        self._run(editor, lambda: self._practice_first(editor.contact_id))

    def _practice_first(self, contact_id: int | None) -> None:
        """Scheduling with a target-company contact before enough practice: say so, non-modal."""
        if contact_id is None:
            return
        try:
            from networkdesk.services import practice
        except ImportError:
            return
        warning = self.workspace.read(
            lambda s: practice.practice_first_warning(s, contact_id, require_bullseye=False)
        )
        if warning:
            self.notices.show_notice(warning, "warning")

    def edit_meeting(self, meeting_id: int, parent: QWidget | None = None) -> None:
        self._run(
            MeetingEditor(self.workspace, meeting_id=meeting_id, parent=parent or self.window)
        )

    def log_meeting(self, contact_id: int | None, parent: QWidget | None = None) -> None:
        if contact_id:
            self._run(LogMeetingDialog(self.workspace, contact_id, parent=parent or self.window))

    def new_followup(self, contact_id: int | None, parent: QWidget | None = None) -> None:
        if contact_id:
            self._run(
                FollowupDialog(self.workspace, contact_id=contact_id, parent=parent or self.window)
            )

    def add_referral(self, contact_id: int | None, parent: QWidget | None = None) -> None:
        if contact_id:
            self._run(
                ReferralDialog(self.workspace, from_id=contact_id, parent=parent or self.window)
            )

    def edit_referral(self, referral_id: int, parent: QWidget | None = None) -> None:
        self._run(
            ReferralDialog(self.workspace, referral_id=referral_id, parent=parent or self.window)
        )

    def open_settings(self) -> None:
        if self.workspace.is_open:
            self._run(SettingsDialog(self.workspace, self.window))

    def restore_backup(self) -> None:
        if not self.workspace.is_open:
            return
        dialog = RestoreDialog(self.workspace, self.window)

        def restored() -> None:
            if dialog.restored is not None:
                self.notices.show_notice(
                    f"Restored the backup {dialog.restored.name}. Your data before the restore "
                    "was backed up too.",
                    "info",
                )

        self._run(dialog, restored)
