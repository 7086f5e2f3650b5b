"""The Today panel: sections from the day, one-key actions as single undo steps, the e-mail
draft's live rule checker, the empty state, and Ctrl+T in the window."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import Qt

from networkdesk.domain.models import utcnow
from networkdesk.services import contacts, followups, interactions, meetings
from networkdesk.ui.today.agenda_items import Action, read_today
from networkdesk.ui.today.email_draft import EmailDraftDialog
from networkdesk.ui.today.panel import EMPTY_NEW, TodayPanel

pytestmark = pytest.mark.usefixtures("qapp")


def _day(db: Any) -> dict[str, int]:
    now = utcnow()
    with db.transaction() as s:
        ana = contacts.add(s, "Ana Ruiz", company="Globex", emails=["ana@globex.test"], ring=3)
        ben = contacts.add(s, "Ben Cho", company="Initech", ring=3)
        held = meetings.add(s, ana.id, now - dt.timedelta(hours=3)).id
        soon = meetings.add(s, ben.id, now + dt.timedelta(days=1), questions=["How?"]).id
        fid = followups.add(s, ben.id, now - dt.timedelta(hours=1), title="Send the article").id
        interactions.add(s, ben.id, kind="email", direction="in", at=now - dt.timedelta(days=2))
    return {"ana": ana.id, "ben": ben.id, "held": held, "soon": soon, "followup": fid}


def _panel(qtbot: Any, db: Any) -> TodayPanel:
    ws = make_workspace(db)
    panel = TodayPanel(ws)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        panel.reload_now()
    return panel


def test_sections_come_from_the_day(db: Any) -> None:
    ids = _day(db)
    with db.reading() as s:
        view = read_today(s)
    by_key = {section.key: section for section in view.sections}
    assert [i.meeting_id for i in by_key["to_log"].items] == [ids["held"]]
    assert [i.meeting_id for i in by_key["upcoming"].items] == [ids["soon"]]
    assert "1. How?" in by_key["upcoming"].items[0].brief
    assert [i.followup_id for i in by_key["followups"].items] == [ids["followup"]]
    assert by_key["followups"].items[0].overdue
    assert "practice" in view.readiness.lower()


def test_done_on_a_followup_is_one_undo_step(qtbot: Any, db: Any) -> None:
    ids = _day(db)
    panel = _panel(qtbot, db)
    assert panel.objectName() == "todayView"
    assert panel.select_key(f"followup:{ids['followup']}")
    assert panel.buttons[Action.DONE].isEnabled()
    assert not panel.buttons[Action.LOG].isEnabled()
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        qtbot.keyClick(panel.tree, Qt.Key.Key_D)
    with db.reading() as s:
        assert followups.get(s, ids["followup"]).done_at is not None
    assert panel.workspace.undo_stack.count() == 1
    assert not panel.select_key(f"followup:{ids['followup']}"), "done: no longer listed"
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        panel.workspace.undo_stack.undo()
    with db.reading() as s:
        assert followups.get(s, ids["followup"]).done_at is None
    assert panel.select_key(f"followup:{ids['followup']}")


def test_snooze_and_thank_you_sent(qtbot: Any, db: Any) -> None:
    ids = _day(db)
    panel = _panel(qtbot, db)
    assert panel.select_key(f"followup:{ids['followup']}")
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        panel.buttons[Action.SNOOZE].click()
    with db.reading() as s:
        assert followups.get(s, ids["followup"]).due > utcnow()
    assert panel.select_key(f"thanks:{ids['held']}")
    assert panel.buttons[Action.DONE].text() == "&Thank-you sent"
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        panel.buttons[Action.DONE].click()
    with db.reading() as s:
        sent = interactions.list_interactions(s, contact_id=ids["ana"])
    assert [(i.direction.value, i.note) for i in sent] == [("out", "Thank-you sent")]
    assert panel.workspace.undo_stack.count() == 2


def test_selecting_a_meeting_shows_its_brief(qtbot: Any, db: Any) -> None:
    ids = _day(db)
    panel = _panel(qtbot, db)
    assert panel.select_key(f"upcoming:{ids['soon']}")
    assert not panel.brief.isHidden()
    assert "Ben Cho" in panel.brief.toPlainText()
    assert panel.workspace.selected_contact_id == ids["ben"]


def test_email_draft_checks_rules_live_and_records_the_send(qtbot: Any, db: Any) -> None:
    ids = _day(db)
    ws = make_workspace(db)
    dialog = EmailDraftDialog(ws, ids["ana"], "outreach")
    qtbot.addWidget(dialog)
    opened: list[str] = []
    dialog.open_url = lambda url: opened.append(url.toString())
    assert dialog.to_edit.text() == "ana@globex.test"
    dialog.body_edit.setPlainText("I am looking for a job. Do you have openings for me?")
    messages = dialog.check()
    assert any("jobs" in m for m in messages)
    assert "mentions jobs" in dialog.rules_label.text()
    dialog.send()
    assert opened
    assert opened[0].startswith("mailto:ana@globex.test?")
    with db.reading() as s:
        assert [
            i.direction.value for i in interactions.list_interactions(s, contact_id=ids["ana"])
        ] == ["out"]
    assert ws.undo_stack.count() == 1


def test_empty_database_tells_a_new_user_what_to_do(qtbot: Any, db: Any) -> None:
    panel = _panel(qtbot, db)
    assert panel.pages.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_NEW
    assert panel.actions_row.isHidden(), "no dead buttons under the welcome"
    assert panel.readiness.isHidden()


def test_ctrl_t_focuses_today_in_the_window(qtbot: Any, window: Any) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget

    panel = window.findChild(TodayPanel, "todayView")
    dock = window.findChild(QDockWidget, "todayDock")
    action = window.findChild(QAction, "focusTodayAction")
    assert panel is not None
    assert dock is not None
    assert action is not None
    assert not dock.isHidden(), "Today is open by default"
    assert action.shortcut().toString() == "Ctrl+T"
    dock.hide()
    action.trigger()
    assert not dock.isHidden(), "Ctrl+T shows it again"
    assert window.focusWidget() is panel.empty, "the empty state (nothing listed yet) has the focus"


def test_demo_fills_every_section_and_they_replied_is_one_step(qtbot: Any, db: Any) -> None:
    from networkdesk.services import demo

    with db.transaction() as s:
        demo.generate(s, contacts=200, placed=60, seed=7)  # the story relative to now
    panel = _panel(qtbot, db)
    assert panel.view is not None
    assert [s.key for s in panel.view.sections if not s.items] == []
    outreach = next(s for s in panel.view.sections if s.key == "outreach").items[0]
    assert panel.select_key(outreach.key)
    assert panel.buttons[Action.DONE].text() == "&They replied"
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        qtbot.keyClick(panel.tree, Qt.Key.Key_D)
    with db.reading() as s:
        got = interactions.list_interactions(s, contact_id=outreach.contact_id)
    assert got[-1].direction.value == "in"
    assert not panel.select_key(outreach.key), "a reply ends the 3-and-7 clock"
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        panel.workspace.undo_stack.undo()
    assert panel.select_key(outreach.key)


def test_names_are_plain_text_in_the_list_and_its_tooltips(qtbot: Any, db: Any) -> None:
    now = utcnow()
    with db.transaction() as s:
        evil = contacts.add(s, "<b>Eve</b> &amp;", ring=3)
        followups.add(s, evil.id, now - dt.timedelta(hours=1), title="<i>ping</i>")
    panel = _panel(qtbot, db)
    head = panel.tree.topLevelItem(0)
    assert head is not None
    child = head.child(0)
    assert child is not None
    assert child.text(0).startswith("<i>ping</i> · <b>Eve</b> &amp;")
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp;amp;" in child.toolTip(0)


def test_write_email_is_offered_on_a_contact(qtbot: Any, window: Any, db: Any) -> None:
    from PySide6.QtWidgets import QWidget

    with db.transaction() as s:
        cid = contacts.add(s, "Ana", emails=["ana@example.test"]).id
    holder = QWidget()
    qtbot.addWidget(holder)
    actions = window.item_actions.actions_for("contact", cid, holder)
    write = next(a for a in actions if a.objectName() == "writeEmailAction")
    write.trigger()
    dialog = window.findChild(EmailDraftDialog, "emailDraftDialog")
    assert dialog is not None
    assert dialog.to_edit.text() == "ana@example.test"
    dialog.reject()


def test_arrow_keys_go_from_item_to_item_across_sections(qtbot: Any, db: Any) -> None:
    ids = _day(db)
    panel = _panel(qtbot, db)
    assert panel.select_key(f"upcoming:{ids['soon']}")
    seen = []
    for _ in range(3):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
        item = panel.current_item()
        assert item is not None, "never a heading"
        seen.append(item.key.split(":")[0])
    assert seen == ["log", "thanks", "followup"]
    for expected in ("followup", "thanks", "log", "upcoming"):
        item = panel.current_item()
        assert item is not None
        assert item.key.split(":")[0] == expected
        qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    assert panel.current_item() is not None, "up from the first item stays on an item"


@pytest.mark.parametrize("introducer", [None, "Ben Cho"])
@pytest.mark.parametrize("how_met", [None, "Conference panel"])
@pytest.mark.parametrize(
    "purpose", ["outreach", "follow_up", "thank_you", "keep_in_touch", "confirm"]
)
def test_every_first_draft_keeps_the_short_email_rules(
    introducer: str | None, how_met: str | None, purpose: str
) -> None:
    from networkdesk.domain.email_rules import check_draft
    from networkdesk.ui.today.email_draft import Recipient, draft_for

    person = Recipient(1, "Ana Ruiz", (), "Globex", introducer, how_met)
    _subject, body = draft_for(person, purpose)
    assert check_draft(body, connection=person.connection).broken == ()
    if introducer:
        assert introducer in body.split(".")[0]
