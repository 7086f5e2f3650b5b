"""The calendar features in the window: menus, Add to calendar, Export calendar…, Publish to
CalDAV… (against Radicale), clearing cancellations, reminders and their notification channels."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ics_checks import parse_all, vevents
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QUrl
from radicale_server import RadicaleServer

from helpers.keyring_backend import MemoryKeyring
from networkdesk.services import calendar_items, contacts, followups, meetings
from networkdesk.services.calendar_export import ExportRange
from networkdesk.storage.database import Database
from networkdesk.ui import item_actions
from networkdesk.ui.calendar.reminders import (
    SETTINGS_LAST_CHECK,
    PortalNotifier,
    ReminderScheduler,
)

QStandardPaths.setTestModeEnabled(True)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _qt_settings(qapp: Any) -> Iterator[None]:
    QCoreApplication.setOrganizationName("networkdesk-tests")
    QCoreApplication.setApplicationName("networkdesk-calendar-tests")
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def window(qtbot: Any, db: Database) -> Iterator[Any]:
    from networkdesk.ui.application import build_main_window

    win = build_main_window(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.reminders.stop()
    win.workspace._poll.stop()


@pytest.fixture
def priya(db: Database) -> int:
    with db.transaction() as session:
        contact = contacts.add(session, "Priya Raman", company="Acme", emails=["priya@example.com"])
        return int(contact.id)


def add_followup(db: Database, contact_id: int, due: dt.datetime, **kw: Any) -> tuple[int, str]:
    with db.transaction() as session:
        followup = followups.add(session, contact_id, due, **kw)
        return followup.id, followup.uid


def wait_job(qtbot: Any, job: Any) -> None:
    # Join the job's thread rather than wait for `finished`: a job that fails at once (a folder
    # that does not exist) can emit it before a waitSignal connects, and then it never comes.
    assert job.wait(60)
    qtbot.wait(20)  # its signals, queued to this thread before it ended, arrive


def test_menus_offer_export_publish_and_clear(window: Any) -> None:
    file_texts = [a.text() for a in window.menu("file").actions()]
    assert "Export calendar…" in file_texts
    assert file_texts.index("Export calendar…") < file_texts.index(window.quit_action.text())
    tools = [a.text() for a in window.menu("tools").actions()]
    assert "Publish to CalDAV…" in tools
    assert "Publish contacts…" in tools
    assert "Clear cancelled events" in tools


def test_add_to_calendar_writes_a_private_one_event_file_and_opens_it(
    window: Any, db: Database, priya: int
) -> None:
    followup_id, uid = add_followup(
        db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN), title="thank-you note"
    )
    opened: list[QUrl] = []
    window.calendar_actions.open_url = lambda url: opened.append(url) or True
    [action] = window.item_actions.actions_for(item_actions.FOLLOWUP, followup_id, window)
    assert action.text() == "Add to calendar"
    action.trigger()

    [url] = opened
    path = Path(url.toLocalFile())
    data = path.read_bytes()
    parse_all(data)
    [event] = vevents(data)
    assert str(event["UID"]) == uid
    assert str(event["SUMMARY"]) == "Follow up: thank-you note to Priya Raman"
    assert len(event.walk("VALARM")) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_add_meeting_to_calendar_without_a_calendar_app_says_where_the_file_is(
    window: Any, db: Database, priya: int
) -> None:
    with db.transaction() as session:
        meeting = meetings.add(session, priya, dt.datetime(2026, 12, 2, 15, tzinfo=BERLIN))
        meeting_id = meeting.id
    window.calendar_actions.open_url = lambda url: False
    [action] = window.item_actions.actions_for(item_actions.MEETING, meeting_id, window)
    action.trigger()
    [notice] = [t for t in window.notices.texts() if "No calendar app" in t]
    assert ".ics" in notice


def test_export_runs_off_the_gui_thread_and_reports(
    qtbot: Any, window: Any, db: Database, priya: int, tmp_path: Path
) -> None:
    add_followup(db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN), title="note")
    add_followup(db, priya, dt.datetime(2027, 6, 3, 10, tzinfo=BERLIN), title="later")
    out = tmp_path / "calendar.ics"
    period = ExportRange(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    job = window.calendar_actions.start_export(out, period, False)
    assert window.calendar_actions.progress_widget is not None
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: window.calendar_actions.last_export is not None)
    assert len(vevents(out.read_bytes())) == 1
    assert any("Exported 1 event to" in t for t in window.notices.texts())
    qtbot.waitUntil(lambda: window.calendar_actions.progress_widget is None)


def test_export_failure_is_a_notice(qtbot: Any, window: Any, tmp_path: Path) -> None:
    job = window.calendar_actions.start_export(
        tmp_path / "no" / "dir" / "x.ics", ExportRange(), False
    )
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: any("cannot write" in t for t in window.notices.texts()))


def test_export_dialog_ranges(window: Any) -> None:
    from networkdesk.ui.calendar.actions import ExportDialog

    dialog = ExportDialog(window, today=dt.date(2026, 12, 1))
    assert dialog.period() == ExportRange(dt.date(2026, 12, 1), dt.date(2027, 3, 1))
    dialog.all_dates.setChecked(True)
    assert dialog.period() == ExportRange()
    assert not dialog.first.isEnabled()
    dialog.all_dates.setChecked(False)
    dialog.last.setDate(dialog.first.date().addDays(-1))
    dialog.buttons.accepted.emit()
    assert "after" in dialog.problem.text()
    assert dialog.result() == 0


def test_clear_cancelled_is_undoable(window: Any, db: Database, priya: int) -> None:
    followup_id, uid = add_followup(db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN))
    with db.transaction() as session:
        followups.delete(session, followup_id)
    assert window.calendar_actions.clear_cancelled() == 1
    with db.reading() as session:
        assert calendar_items.list_tombstones(session) == []
    window.workspace.undo_stack.undo()
    with db.reading() as session:
        assert [t.uid for t in calendar_items.list_tombstones(session)] == [uid]


# --- publishing from the window --------------------------------------------------------------


def test_publish_from_the_window_saves_the_password_in_a_secure_keyring(
    qtbot: Any,
    window: Any,
    db: Database,
    priya: int,
    radicale: RadicaleServer,
    memory_keyring: MemoryKeyring,
) -> None:
    add_followup(db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN), title="note")
    name = radicale.make_calendar()
    publisher = window.caldav_publisher
    job = publisher.start_publish(
        radicale.url, radicale.user, name, radicale.password, remember=True
    )
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert publisher.last_report.created == 1
    assert list(memory_keyring.store.values()) == [radicale.password]
    assert len(radicale.events(name)) == 1

    # Next time the keyring answers: nothing typed, nothing new to send.
    publisher.last_report = None
    job = publisher.start_publish(radicale.url, radicale.user, name, "", remember=True)
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert publisher.last_report.sent == 0
    assert any("created 0, updated 0, deleted 0" in t for t in window.notices.texts())


def test_publish_without_a_secure_keyring_keeps_the_password_for_the_session_only(
    qtbot: Any,
    window: Any,
    db: Database,
    priya: int,
    radicale: RadicaleServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(type(memory_keyring), "priority", 0.1)
    name = radicale.make_calendar()
    QSettings().setValue("caldav/url", radicale.url)
    QSettings().setValue("caldav/user", radicale.user)
    publisher = window.caldav_publisher

    dialog = publisher.ask_publish()
    assert dialog is not None
    assert dialog.keyring_note.isVisibleTo(dialog)
    assert "No secure keyring" in dialog.keyring_note.text()
    assert not dialog.remember.isEnabled()
    dialog.reject()

    job = publisher.start_publish(
        radicale.url, radicale.user, name, radicale.password, remember=True
    )
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert memory_keyring.store == {}
    dialog = publisher.ask_publish()
    assert dialog is not None
    assert dialog.password.placeholderText() == "kept for this session"
    dialog.reject()


def test_publish_with_a_wrong_password_is_an_error_notice(
    qtbot: Any, window: Any, radicale: RadicaleServer, memory_keyring: MemoryKeyring
) -> None:
    name = radicale.make_calendar()
    job = window.caldav_publisher.start_publish(
        radicale.url, radicale.user, name, "wrong", remember=True
    )
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: any("401" in t for t in window.notices.texts()))
    assert memory_keyring.store == {}


# --- reminders -------------------------------------------------------------------------------


class FakeNotifier:
    name = "fake"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def available(self) -> bool:
        return True

    def notify(self, title: str, body: str) -> bool:
        self.sent.append((title, body))
        return True


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def test_a_reminder_fires_once_in_the_window_when_no_desktop_service_exists(
    window: Any, db: Database, priya: int
) -> None:
    start = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    clock = Clock(start)
    add_followup(db, priya, start + dt.timedelta(minutes=20), title="call", remind_minutes=15)
    add_followup(db, priya, start + dt.timedelta(hours=5), title="later", remind_minutes=15)
    scheduler = ReminderScheduler(window.feature_context, clock=clock, notifiers=[])
    assert scheduler.channel == "window"
    assert scheduler.check() == []

    clock.now = start + dt.timedelta(minutes=6)
    [fired] = scheduler.check()
    assert fired.summary == "Follow up: call to Priya Raman"
    notice = next(n for n in window.notices.notices if "Reminder: Follow up: call" in n.text)
    assert notice.action_button is not None
    opened: list[int] = []
    # Only this test listens: the window itself would open the contact's editor.
    window.workspace.openContactRequested.disconnect()
    window.workspace.openContactRequested.connect(opened.append)
    notice.action_button.click()
    assert opened == [priya]

    clock.now = start + dt.timedelta(minutes=7)
    assert scheduler.check() == []  # never twice
    scheduler.stop()


def test_a_reminder_goes_to_the_desktop_notifier_when_there_is_one(
    window: Any, db: Database, priya: int
) -> None:
    start = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    clock = Clock(start)
    add_followup(db, priya, start + dt.timedelta(minutes=30), title="call", remind_minutes=15)
    add_followup(db, priya, start + dt.timedelta(minutes=35), title="done", remind_minutes=15)
    with db.transaction() as session:
        done = followups.list_followups(session)[-1]
        followups.set_done(session, done.id)
    fake = FakeNotifier()
    scheduler = ReminderScheduler(window.feature_context, clock=clock, notifiers=[fake])
    clock.now = start + dt.timedelta(minutes=20)
    scheduler.check()
    assert fake.sent == [("Reminder: Follow up: call to Priya Raman", "Due Thu 03 Dec 10:30")]
    assert not any("Reminder:" in t for t in window.notices.texts())
    scheduler.stop()


def test_missed_reminders_are_listed_in_the_window_at_start(
    qtbot: Any, db: Database, priya: int
) -> None:
    from networkdesk.ui.application import build_main_window

    now = dt.datetime.now(dt.UTC)
    add_followup(db, priya, now - dt.timedelta(hours=2), title="missed one", remind_minutes=10)
    add_followup(db, priya, now - dt.timedelta(days=30), title="long ago", remind_minutes=10)
    QSettings().setValue(SETTINGS_LAST_CHECK, (now - dt.timedelta(days=1)).isoformat())
    win = build_main_window(db)
    qtbot.addWidget(win)
    try:
        texts = win.notices.texts()
        [missed] = [t for t in texts if "came while networkdesk was closed" in t]
        assert "Follow up: missed one to Priya Raman" in missed
        assert "long ago" not in missed
        assert win.findChildren(type(win.last_error_box)) == [] or win.last_error_box is None
    finally:
        win.reminders.stop()
        win.workspace._poll.stop()


@pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")
def test_portal_notifier_over_a_private_dbus(tmp_path: Path) -> None:
    from PySide6.QtDBus import QDBusConnection

    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    portal: subprocess.Popen[str] | None = None
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
        portal = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fake_portal.py"))],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert portal.stdout is not None
        assert portal.stdout.readline().strip() == "READY"
        bus = QDBusConnection.connectToBus(address, "networkdesk-test-portal")
        notifier = PortalNotifier(bus)
        assert notifier.available()
        assert notifier.notify("Reminder: a & <b> to Zoë", "Due Thu 03 Dec 10:00")
        line = portal.stdout.readline()
        assert '"title": "Reminder: a & <b> to Zo\\u00eb"' in line
        assert '"body": "Due Thu 03 Dec 10:00"' in line
        QDBusConnection.disconnectFromBus("networkdesk-test-portal")
    finally:
        for process in (portal, daemon):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
                # The pipe is ours to close: left open, it is an unclosed file (ResourceWarning).
                if process.stdout is not None:
                    process.stdout.close()


def test_no_dbus_means_no_portal() -> None:
    from PySide6.QtDBus import QDBusConnection

    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "networkdesk-test-none")
    try:
        assert PortalNotifier(bus).available() is False
    finally:
        QDBusConnection.disconnectFromBus("networkdesk-test-none")


def test_export_menu_flow_asks_range_then_file(
    qtbot: Any, window: Any, db: Database, priya: int, tmp_path: Path
) -> None:
    add_followup(db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN), title="note")
    out = tmp_path / "picked"
    actions = window.calendar_actions
    actions.ask_save_path = lambda: out.with_suffix(".ics")
    actions.export_action.trigger()
    dialog = actions.export_dialog
    dialog.all_dates.setChecked(True)
    dialog.buttons.accepted.emit()
    assert actions.job is not None
    wait_job(qtbot, actions.job)
    qtbot.waitUntil(lambda: actions.last_export is not None)
    assert len(vevents((tmp_path / "picked.ics").read_bytes())) == 1


def test_publish_dialog_remembers_settings_and_publishes(
    qtbot: Any, window: Any, db: Database, priya: int, radicale: RadicaleServer
) -> None:
    add_followup(db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN), title="note")
    name = radicale.make_calendar()
    publisher = window.caldav_publisher
    publisher.publish_action.trigger()
    dialog = publisher.dialog
    assert dialog is not None
    dialog.buttons.accepted.emit()  # nothing filled in yet
    assert "server URL" in dialog.problem.text()
    dialog.url.setText(radicale.url)
    dialog.user.setText(radicale.user)
    dialog.calendar.setText(name)
    dialog.password.setText(radicale.password)
    dialog.publish_button.click()
    assert publisher.actions.job is not None
    wait_job(qtbot, publisher.actions.job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert publisher.last_report.created == 1
    assert QSettings().value("caldav/calendar") == name
    assert QSettings().value("caldav/url") == radicale.url
    stored = {QSettings().value(key) for key in QSettings().allKeys()}
    assert radicale.password not in stored  # never in QSettings


def test_publish_contacts_from_the_window(
    qtbot: Any,
    window: Any,
    db: Database,
    priya: int,
    radicale: RadicaleServer,
    memory_keyring: MemoryKeyring,
) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ann Lee", ring=3)
    book = radicale.make_addressbook()
    publisher = window.features.calendar.contacts_publisher
    publisher.publish_action.trigger()
    dialog = publisher.dialog
    assert dialog is not None
    dialog.buttons.accepted.emit()
    assert "server URL" in dialog.problem.text()
    dialog.url.setText(radicale.url)
    dialog.user.setText(radicale.user)
    dialog.book.setText(book)
    dialog.ring.setCurrentIndex(dialog.ring.findData(3))  # only the outer ring
    dialog.password.setText(radicale.password)
    dialog.publish_button.click()
    wait_job(qtbot, publisher.actions.job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert publisher.last_report.created == 1
    assert {card.fn.value for card in radicale.cards(book).values()} == {"Ann Lee"}
    assert QSettings().value("carddav/addressbook") == book
    assert list(memory_keyring.store.values()) == [radicale.password]
    stored = {QSettings().value(key) for key in QSettings().allKeys()}
    assert radicale.password not in stored

    publisher.last_report = None
    dialog = publisher.ask_publish()  # the settings are remembered; the keyring answers
    assert dialog.book.text() == book
    dialog.ring.setCurrentIndex(dialog.ring.findData(3))
    dialog.publish_button.click()
    wait_job(qtbot, publisher.actions.job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert publisher.last_report.sent == 0
    assert (
        "unchanged 1" in window.statusBar().currentMessage() or publisher.last_report.unchanged == 1
    )


def test_publish_from_the_window_leaves_an_edit_elsewhere_alone_unless_asked(
    qtbot: Any,
    window: Any,
    db: Database,
    priya: int,
    radicale: RadicaleServer,
    memory_keyring: MemoryKeyring,
) -> None:
    import icalendar

    _id, uid = add_followup(db, priya, dt.datetime(2026, 12, 3, 10, tzinfo=BERLIN), title="note")
    name = radicale.make_calendar()
    publisher = window.caldav_publisher
    job = publisher.start_publish(
        radicale.url, radicale.user, name, radicale.password, remember=True
    )
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    event = next(iter(radicale.calendar(name).get_events()))
    calendar = icalendar.Calendar.from_ical(event.data)
    for component in calendar.walk("VEVENT"):
        component["SUMMARY"] = "Moved on my phone"
    event.data = calendar.to_ical()
    event.save()
    with db.transaction() as session:
        followups.edit(session, _id, title="thank-you card")

    publisher.last_report = None
    wait_job(qtbot, publisher.start_publish(radicale.url, radicale.user, name, "", remember=True))
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert len(publisher.last_report.conflicts) == 1
    assert str(radicale.events(name)[uid]["SUMMARY"]) == "Moved on my phone"

    publisher.last_report = None
    dialog = publisher.ask_publish()
    dialog.url.setText(radicale.url)
    dialog.user.setText(radicale.user)
    dialog.calendar.setText(name)
    dialog.overwrite.setChecked(True)
    dialog.publish_button.click()
    wait_job(qtbot, publisher.actions.job)
    qtbot.waitUntil(lambda: publisher.last_report is not None)
    assert publisher.last_report.overwritten == 1
    assert "thank-you card" in str(radicale.events(name)[uid]["SUMMARY"])
