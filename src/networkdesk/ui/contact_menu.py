"""The one context menu of a contact, wherever a contact appears (the contacts table, the
board, the inbox, the agenda...): the same entries in the same order. With several contacts
selected it offers what applies to a selection (move, stage, tags, delete), each one undo step.

    Open contact…  ·  Schedule meeting…  ·  Log meeting…  ·  New follow-up…  ·  Add referral…
    Add to calendar (the contact's next meeting, else its next open follow-up)
    Move to ring ▸  ·  Stage ▸  ·  Tags ▸
    (what the window's features add for a contact)
    Delete
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from networkdesk.domain.enums import Ring, Stage
from networkdesk.domain.plural import count_of
from networkdesk.ui import item_actions

if TYPE_CHECKING:
    # Imported when a menu opens: they import the ORM, which the window shows without
    # (ui.application opens the database behind the shown window).
    from networkdesk.services.selection_facts import SelectionFacts
    from networkdesk.ui.contact_actions import ContactActions

#: objectNames of the entries, for tests and accessibility tools.
OPEN, SCHEDULE, LOG, FOLLOWUP, REFERRAL = (
    "openContactEntry",
    "scheduleMeetingEntry",
    "logMeetingEntry",
    "newFollowupEntry",
    "addReferralEntry",
)
CALENDAR, DELETE, ADD_TAG = "addToCalendarEntry", "deleteContactsEntry", "addTagEntry"


def _add(menu: QMenu, text: str, slot: Callable[[], object], name: str) -> QAction:
    action = QAction(text, menu)
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _submenu(parent: QWidget, title: str, name: str) -> QMenu:
    """A submenu of `parent` when it is a menu (else a menu of its own, parented to it)."""
    menu = QMenu(title, parent)
    menu.setObjectName(name)
    menu.setAccessibleName(title.replace("&", ""))
    if isinstance(parent, QMenu):
        parent.addMenu(menu)
    return menu


def contact_menu(actions: ContactActions, contact_ids: Sequence[int], parent: QWidget) -> QMenu:
    """The menu for `contact_ids` (one contact, or a selection)."""
    ids = list(dict.fromkeys(contact_ids))
    from networkdesk.services.selection_facts import facts

    known = actions.workspace.read(lambda s: facts(s, ids))
    menu = QMenu(parent)
    menu.setObjectName("contactMenu")
    menu.setAccessibleName("Contact actions")
    ids = list(known.contact_ids)
    if not ids:
        return menu
    single = ids[0] if len(ids) == 1 else None
    if single is not None:
        _single_entries(actions, menu, single, known)
    else:
        header = menu.addAction(f"{count_of(len(ids), 'contact')} selected")
        header.setEnabled(False)
    menu.addSeparator()
    move_menu(actions, ids, menu, known)
    stage_menu(actions, ids, menu, known)
    tags_menu(actions, ids, menu, known, parent)
    if single is not None:
        extra = actions.item_actions.actions_for(item_actions.CONTACT, single, menu)
        if extra:
            menu.addSeparator()
            for action in extra:
                menu.addAction(action)
    menu.addSeparator()
    text = "Delete" if single is not None else f"Delete {count_of(len(ids), 'contact')}"
    delete = _add(menu, text, lambda: actions.delete(ids), DELETE)
    delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    return menu


def add_contact_submenu(menu: QMenu, actions: ContactActions, contact_id: int, name: str) -> QMenu:
    """The contact menu of `contact_id` as a submenu titled with the contact's name (in the
    menus of things that belong to a contact: a follow-up, a referral)."""
    sub = contact_menu(actions, [contact_id], menu)
    sub.setTitle(name)
    sub.setAccessibleName(f"Contact actions for {name}")
    menu.addMenu(sub)
    return sub


def _single_entries(actions: ContactActions, menu: QMenu, cid: int, known: SelectionFacts) -> None:
    _add(menu, "Open contact…", lambda: actions.open(cid), OPEN)
    _add(menu, "Schedule meeting…", lambda: actions.scheduleMeetingRequested.emit(cid), SCHEDULE)
    _add(menu, "Log meeting…", lambda: actions.logMeetingRequested.emit(cid), LOG)
    _add(menu, "New follow-up…", lambda: actions.newFollowupRequested.emit(cid), FOLLOWUP)
    _add(menu, "Add referral…", lambda: actions.addReferralRequested.emit(cid), REFERRAL)
    menu.addAction(_calendar_action(actions, known, menu))


def _calendar_action(actions: ContactActions, known: SelectionFacts, menu: QMenu) -> QAction:
    """The calendar feature's own "Add to calendar" for the contact's next meeting or
    follow-up; a disabled entry that says why when there is none (or no calendar feature)."""
    item = known.next_calendar_item
    if item is not None:
        kind, item_id = item
        offered = actions.item_actions.actions_for(kind, item_id, menu)
        if offered:
            action = offered[0]
            what = "next meeting" if kind == item_actions.MEETING else "next follow-up"
            action.setText("Add to calendar")
            action.setStatusTip(f"Open the {what} in your calendar app, with a reminder")
            action.setObjectName(CALENDAR)
            return action
    action = QAction("Add to calendar (nothing scheduled)", menu)
    action.setObjectName(CALENDAR)
    action.setEnabled(False)
    return action


def move_menu(
    actions: ContactActions,
    contact_ids: Sequence[int],
    parent: QWidget,
    known: SelectionFacts | None = None,
) -> QMenu:
    """Move to ring (the shared ring checked), then Back to inbox."""
    ids = list(contact_ids)
    menu = _submenu(parent, "Move to ring", "moveToRingSubmenu")
    names = actions.ring_names()
    if known is None:
        from networkdesk.services.selection_facts import facts

        known = actions.workspace.read(lambda s: facts(s, ids))
    current = None if known.mixed_ring else known.ring
    for ring in Ring:
        action = QAction(names[ring], menu)
        action.setShortcut(QKeySequence(f"Ctrl+{int(ring) + 1}"))
        action.setCheckable(True)
        action.setChecked(current == int(ring))
        action.triggered.connect(lambda _=False, r=int(ring): actions.move(ids, r))
        menu.addAction(action)
    menu.addSeparator()
    back = menu.addAction("Back to inbox")
    back.setEnabled(known.mixed_ring or known.ring is not None)
    back.triggered.connect(lambda: actions.move(ids, None))
    return menu


def stage_menu(
    actions: ContactActions, contact_ids: Sequence[int], parent: QMenu, known: SelectionFacts
) -> QMenu:
    ids = list(contact_ids)
    menu = _submenu(parent, "Stage", "stageSubmenu")
    for stage in Stage:
        action = QAction(stage.label, menu)
        action.setCheckable(True)
        action.setChecked(known.stage == stage)
        action.triggered.connect(lambda _=False, st=stage: actions.set_stage(ids, st))
        menu.addAction(action)
    return menu


def tags_menu(
    actions: ContactActions,
    contact_ids: Sequence[int],
    parent: QMenu,
    known: SelectionFacts,
    dialog_parent: QWidget,
) -> QMenu:
    ids = list(contact_ids)
    menu = _submenu(parent, "Tags", "tagsSubmenu")
    _add(menu, "Add tag…", lambda: actions.ask_tag(ids, dialog_parent.window()), ADD_TAG)
    if known.tags:
        menu.addSeparator()
        for tag in known.tags:
            action = QAction(f"Remove “{tag}”", menu)
            action.triggered.connect(lambda _=False, t=tag: actions.remove_tag(ids, t))
            menu.addAction(action)
    return menu
