"""Publishing against a real Radicale server: create, update, delete, idempotence, errors."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from radicale_server import RadicaleServer
from sqlalchemy import select

from helpers.keyring_backend import MemoryKeyring
from networkdesk.app import main
from networkdesk.domain.models import FollowUp, PublishedEvent
from networkdesk.interchange.caldav_publish import (
    CalDavCalendar,
    CalendarServerError,
    StoredEvent,
)
from networkdesk.services import calendar_items, contacts, followups, meetings, publishing
from networkdesk.storage.database import Database

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
FOREIGN_UID = "dentist-appointment@example.org"
FOREIGN_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone else//EN\r\nBEGIN:VEVENT\r\n"
    f"UID:{FOREIGN_UID}\r\nDTSTAMP:20261101T080000Z\r\nDTSTART:20261203T080000Z\r\n"
    "DTEND:20261203T090000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def local(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=BERLIN)


class CountingTarget:
    """Wraps a calendar and counts what is sent; can fail after a number of calls."""

    def __init__(self, inner: CalDavCalendar, fail_after: int | None = None) -> None:
        self.inner = inner
        self.calls: list[str] = []
        self.fail_after = fail_after

    def _count(self, what: str) -> None:
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise CalendarServerError("cannot reach the server (simulated network failure)")
        self.calls.append(what)

    def create(self, uid: str, data: bytes) -> StoredEvent:
        self._count("create")
        return self.inner.create(uid, data)

    def replace(
        self, href: str, data: bytes, uid: str, *, if_match: str | None = None
    ) -> StoredEvent:
        self._count("replace")
        return self.inner.replace(href, data, uid, if_match=if_match)

    def delete(self, href: str, uid: str, *, if_match: str | None = None) -> bool:
        self._count("delete")
        return self.inner.delete(href, uid, if_match=if_match)

    def etags(self) -> dict[str, str]:
        return self.inner.etags()  # a listing, not a change: not counted


@pytest.fixture
def calendar_name(radicale: RadicaleServer) -> str:
    return radicale.make_calendar()


@pytest.fixture
def seeded(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        priya = contacts.add(session, "Priya Raman", company="Acme", emails=["p@example.com"])
        note = followups.add(session, priya.id, local(3, 10), title="thank-you note")
        call = followups.add(session, priya.id, local(4, 11), title="call about referral")
        meeting = meetings.add(session, priya.id, local(2, 15), minutes=45)
        return {
            "contact": priya.id,
            "note": (note.id, note.uid),
            "call": (call.id, call.uid),
            "meeting": (meeting.id, meeting.uid),
        }


def connect(radicale: RadicaleServer, name: str, password: str | None = None) -> CalDavCalendar:
    return CalDavCalendar.connect(radicale.url, radicale.user, password or radicale.password, name)


def key_for(radicale: RadicaleServer, name: str) -> str:
    return publishing.calendar_key(radicale.url, radicale.user, name)


def ledger(db: Database, key: str) -> dict[str, PublishedEvent]:
    with db.reading() as session:
        rows = session.scalars(select(PublishedEvent).where(PublishedEvent.calendar_key == key))
        return {row.uid: row for row in rows}


def publish(
    db: Database, radicale: RadicaleServer, name: str, *, overwrite: bool = False, **kwargs: Any
) -> Any:
    with connect(radicale, name) as target:
        counting = CountingTarget(target, **kwargs)
        report = publishing.publish(db, counting, key_for(radicale, name), overwrite=overwrite)
    return report, counting.calls


def add_foreign_event(radicale: RadicaleServer, name: str) -> None:
    radicale.calendar(name).add_event(FOREIGN_EVENT)


def test_create_update_delete_and_idempotence(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    add_foreign_event(radicale, calendar_name)
    key = key_for(radicale, calendar_name)
    note_id, note_uid = seeded["note"]
    call_id, call_uid = seeded["call"]
    _meeting_id, meeting_uid = seeded["meeting"]

    report, calls = publish(db, radicale, calendar_name)
    assert (report.created, report.updated, report.deleted) == (3, 0, 0)
    on_server = radicale.events(calendar_name)
    assert set(on_server) == {note_uid, call_uid, meeting_uid, FOREIGN_UID}
    assert str(on_server[note_uid]["SUMMARY"]) == "Follow up: thank-you note to Priya Raman"
    assert len(on_server[note_uid].walk("VALARM")) == 1
    recorded = ledger(db, key)
    assert set(recorded) == {note_uid, call_uid, meeting_uid}
    assert all(row.etag and row.href and row.sequence == 0 for row in recorded.values())

    # A second run sends nothing and duplicates nothing.
    report, calls = publish(db, radicale, calendar_name)
    assert calls == []
    assert (report.created, report.updated, report.deleted, report.unchanged) == (0, 0, 0, 3)
    assert len(radicale.events(calendar_name)) == 4

    # Editing raises SEQUENCE: exactly that event is replaced.
    with db.transaction() as session:
        followups.edit(session, note_id, title="thank-you card")
    report, calls = publish(db, radicale, calendar_name)
    assert calls == ["replace"]
    assert report.updated == 1
    on_server = radicale.events(calendar_name)
    assert str(on_server[note_uid]["SUMMARY"]) == "Follow up: thank-you card to Priya Raman"
    assert int(on_server[note_uid]["SEQUENCE"]) == 1
    assert ledger(db, key)[note_uid].sequence == 1

    # Deleting the item deletes the event it published.
    with db.transaction() as session:
        followups.delete(session, call_id)
    report, calls = publish(db, radicale, calendar_name)
    assert calls == ["delete"]
    assert report.deleted == 1
    assert set(radicale.events(calendar_name)) == {note_uid, meeting_uid, FOREIGN_UID}
    assert call_uid not in ledger(db, key)

    # The event of someone else was never touched.
    foreign = radicale.events(calendar_name)[FOREIGN_UID]
    assert str(foreign["SUMMARY"]) == "Dentist"
    assert "SEQUENCE" not in foreign


def test_hostile_text_survives_the_server(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    notes = "Line 1\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT\n; , \\ Zoë 日本語 🎯\n" * 30
    with db.transaction() as session:
        followups.edit(session, seeded["note"][0], notes=notes)
    publish(db, radicale, calendar_name)
    on_server = radicale.events(calendar_name)
    assert "evil" not in on_server
    assert str(on_server[seeded["note"][1]]["DESCRIPTION"]).endswith("\n\n" + notes)


def test_done_followups_stay_as_last_published(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    note_id, note_uid = seeded["note"]
    publish(db, radicale, calendar_name)
    with db.transaction() as session:
        followups.set_done(session, note_id)
        late = followups.add(session, seeded["contact"], local(9, 9), title="never published")
        followups.set_done(session, late.id)
        late_uid = late.uid
    report, calls = publish(db, radicale, calendar_name)
    assert calls == []
    assert report.unchanged == 3
    on_server = radicale.events(calendar_name)
    assert int(on_server[note_uid]["SEQUENCE"]) == 0
    assert late_uid not in on_server


def test_deleted_item_whose_cancellation_was_cleared_is_still_removed(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    meeting_id, meeting_uid = seeded["meeting"]
    publish(db, radicale, calendar_name)
    with db.transaction() as session:
        meetings.delete(session, meeting_id)
        calendar_items.clear_tombstones(session)
    report, _calls = publish(db, radicale, calendar_name)
    assert report.deleted == 1
    assert meeting_uid not in radicale.events(calendar_name)


def test_interrupted_publish_records_only_what_the_server_confirmed(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    key = key_for(radicale, calendar_name)
    with pytest.raises(CalendarServerError, match="simulated"):
        publish(db, radicale, calendar_name, fail_after=2)
    recorded = ledger(db, key)
    assert len(recorded) == 2
    assert set(recorded) <= set(radicale.events(calendar_name))

    report, calls = publish(db, radicale, calendar_name)
    assert calls == ["create"]
    assert report.created == 1
    assert len(radicale.events(calendar_name)) == 3


def test_a_lost_confirmation_does_not_duplicate(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    key = key_for(radicale, calendar_name)
    publish(db, radicale, calendar_name)
    with db.transaction() as session:  # as if the process died before the ledger commit
        publishing.forget_calendar(session, key)
    report, _calls = publish(db, radicale, calendar_name)
    assert report.created == 3
    assert len(radicale.events(calendar_name)) == 3
    assert len(ledger(db, key)) == 3


def test_a_foreign_event_at_our_resource_name_is_never_overwritten(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    _note_id, note_uid = seeded["note"]
    with connect(radicale, calendar_name) as target:
        href = target.resource_url(note_uid)
        response = target._client.put(
            href, FOREIGN_EVENT.encode(), {"Content-Type": "text/calendar"}
        )
        assert response.status in (200, 201)
        report = publishing.publish(db, target, key_for(radicale, calendar_name))
    assert report.created == 2
    assert len(report.rejected) == 1
    assert "leaves it alone" in report.rejected[0]
    assert str(radicale.events(calendar_name)[FOREIGN_UID]["SUMMARY"]) == "Dentist"
    assert note_uid not in ledger(db, key_for(radicale, calendar_name))


def test_wrong_password_missing_calendar_and_no_server_are_clear_errors(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    with pytest.raises(CalendarServerError, match=r"refused the user name or password.*401"):
        connect(radicale, calendar_name, password="wrong")
    with pytest.raises(CalendarServerError) as missing:
        connect(radicale, "No Such Calendar")
    assert "no calendar named 'No Such Calendar'" in str(missing.value)
    assert calendar_name in str(missing.value)
    with pytest.raises(CalendarServerError, match="cannot reach"):
        CalDavCalendar.connect("http://127.0.0.1:9/", "jo", "pw", "Work", timeout=5)
    with pytest.raises(CalendarServerError, match="bad server URL"):
        CalDavCalendar.connect("dav.example.com", "jo", "pw", "Work")
    assert ledger(db, key_for(radicale, calendar_name)) == {}
    with db.reading() as session:
        assert len(list(session.scalars(select(FollowUp)))) == 2


# --- the command line -----------------------------------------------------------------------


def run_cli(
    db: Database,
    radicale: RadicaleServer,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    *,
    stdin: str | None = None,
    password_stdin: bool = False,
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin or ""))
    argv = ["--db", str(db.path), "calendar", "publish", "--url", radicale.url]
    argv += ["--user", radicale.user, "--calendar", name]
    if password_stdin:
        argv.append("--password-stdin")
    return main(argv)


def test_cli_publish_saves_the_password_and_uses_it_next_time(
    db: Database,
    radicale: RadicaleServer,
    calendar_name: str,
    seeded: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    code = run_cli(
        db,
        radicale,
        calendar_name,
        monkeypatch,
        stdin=radicale.password + "\n",
        password_stdin=True,
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "created 3, updated 0, deleted 0" in out.out
    assert list(memory_keyring.store.values()) == [radicale.password]

    code = run_cli(db, radicale, calendar_name, monkeypatch)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "created 0, updated 0, deleted 0, unchanged 3" in out.out


def test_cli_without_any_password_fails_at_once(
    db: Database,
    radicale: RadicaleServer,
    calendar_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_cli(db, radicale, calendar_name, monkeypatch)
    assert code == 1
    assert "--password-stdin" in capsys.readouterr().err


def test_cli_never_waits_for_a_password_on_an_open_pipe(
    db: Database, radicale: RadicaleServer, calendar_name: str, tmp_path: Path
) -> None:
    # A real process whose stdin is a pipe nobody writes to or closes: a prompt would hang.
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the real keyring
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    argv = [sys.executable, "-m", "networkdesk", "--db", str(db.path), "calendar", "publish"]
    argv += ["--url", radicale.url, "--user", radicale.user, "--calendar", calendar_name]
    process = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    try:
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        assert process.stdin is not None
        process.stdin.close()
    assert process.stderr is not None
    err = process.stderr.read().decode()
    assert process.stdout is not None
    process.stdout.close()
    process.stderr.close()
    assert code == 1
    assert "no password" in err
    assert "--password-stdin" in err


def test_cli_wrong_password_is_not_saved(
    db: Database,
    radicale: RadicaleServer,
    calendar_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    code = run_cli(db, radicale, calendar_name, monkeypatch, stdin="nope\n", password_stdin=True)
    assert code == 1
    err = capsys.readouterr().err
    assert "401" in err
    assert "Traceback" not in err
    assert memory_keyring.store == {}


def test_cli_with_an_insecure_keyring_does_not_save(
    db: Database,
    radicale: RadicaleServer,
    calendar_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.setattr(type(memory_keyring), "priority", 0.2)
    code = run_cli(
        db, radicale, calendar_name, monkeypatch, stdin=radicale.password, password_stdin=True
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "password not saved" in out.err
    assert memory_keyring.store == {}


def test_cli_clear_cancelled(db: Database, seeded: dict[str, Any], tmp_path: Path) -> None:
    with db.transaction() as session:
        followups.delete(session, seeded["note"][0])
    assert main(["--db", str(db.path), "calendar", "clear-cancelled"]) == 0
    with db.reading() as session:
        assert calendar_items.list_tombstones(session) == []


def _edit_on_server(radicale: RadicaleServer, name: str, uid: str, summary: str) -> None:
    """What another client (a phone) does: change the event's title in place."""
    import icalendar

    for event in radicale.calendar(name).get_events():
        if str(event.get_icalendar_component()["UID"]) == uid:
            calendar = icalendar.Calendar.from_ical(event.data)
            for component in calendar.walk("VEVENT"):
                component["SUMMARY"] = summary
            event.data = calendar.to_ical()
            event.save()
            return
    raise AssertionError(f"no event {uid}")


def _delete_on_server(radicale: RadicaleServer, name: str, uid: str) -> None:
    for event in radicale.calendar(name).get_events():
        if str(event.get_icalendar_component()["UID"]) == uid:
            event.delete()
            return
    raise AssertionError(f"no event {uid}")


def test_an_event_changed_elsewhere_is_reported_and_left_alone_unless_overwritten(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    note_id, note_uid = seeded["note"]
    _call_id, call_uid = seeded["call"]
    publish(db, radicale, calendar_name)
    _edit_on_server(radicale, calendar_name, note_uid, "Moved by my phone")
    _edit_on_server(radicale, calendar_name, call_uid, "Call, edited on the web")

    # Edited here too: the phone's edit is not overwritten without asking.
    with db.transaction() as session:
        followups.edit(session, note_id, title="thank-you card")
    report, calls = publish(db, radicale, calendar_name)
    assert calls == []
    assert report.updated == 0
    assert len(report.conflicts) == 2
    assert "changed in another app, left alone" in report.summary()
    on_server = radicale.events(calendar_name)
    assert str(on_server[note_uid]["SUMMARY"]) == "Moved by my phone"
    assert str(on_server[call_uid]["SUMMARY"]) == "Call, edited on the web"

    # Asked to overwrite: networkdesk's version wins, and the ledger has the new ETags.
    report, calls = publish(db, radicale, calendar_name, overwrite=True)
    assert sorted(calls) == ["replace", "replace"]
    assert report.overwritten == 2
    on_server = radicale.events(calendar_name)
    assert str(on_server[note_uid]["SUMMARY"]) == "Follow up: thank-you card to Priya Raman"
    assert str(on_server[call_uid]["SUMMARY"]).startswith("Follow up: call about referral")
    report, calls = publish(db, radicale, calendar_name)
    assert (calls, report.conflicts, report.unchanged) == ([], [], 3)


def test_an_edit_between_listing_and_writing_is_not_overwritten(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    note_id, note_uid = seeded["note"]
    publish(db, radicale, calendar_name)
    with db.transaction() as session:
        followups.edit(session, note_id, title="thank-you card")
    with connect(radicale, calendar_name) as target:
        listing = target.etags()  # what the publish saw ...
        _edit_on_server(radicale, calendar_name, note_uid, "Phone, a moment later")  # ... then
        target.etags = lambda: listing  # type: ignore[method-assign]
        report = publishing.publish(db, target, key_for(radicale, calendar_name))
    assert len(report.conflicts) == 1
    assert str(radicale.events(calendar_name)[note_uid]["SUMMARY"]) == "Phone, a moment later"


def test_an_event_deleted_elsewhere_is_recreated_and_the_summary_says_so(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    _note_id, note_uid = seeded["note"]
    call_id, call_uid = seeded["call"]
    publish(db, radicale, calendar_name)
    _delete_on_server(radicale, calendar_name, note_uid)
    _delete_on_server(radicale, calendar_name, call_uid)
    with db.transaction() as session:
        followups.edit(session, call_id, title="call about the referral")  # edited here too
    report, calls = publish(db, radicale, calendar_name)
    assert calls == ["create", "create"]
    assert report.recreated == 2
    assert report.unchanged == 1
    assert "2 deleted in another app, created again" in report.summary()
    assert {note_uid, call_uid} <= set(radicale.events(calendar_name))
    report, calls = publish(db, radicale, calendar_name)
    assert (calls, report.unchanged) == ([], 3)


def test_a_deletion_here_leaves_an_event_changed_elsewhere_alone(
    db: Database, radicale: RadicaleServer, calendar_name: str, seeded: dict[str, Any]
) -> None:
    call_id, call_uid = seeded["call"]
    publish(db, radicale, calendar_name)
    _edit_on_server(radicale, calendar_name, call_uid, "Keep this, I added notes")
    with db.transaction() as session:
        followups.delete(session, call_id)
    report, calls = publish(db, radicale, calendar_name)
    assert calls == []
    assert report.deleted == 0
    assert len(report.conflicts) == 1
    assert call_uid in radicale.events(calendar_name)
    report, calls = publish(db, radicale, calendar_name, overwrite=True)
    assert calls == ["delete"]
    assert call_uid not in radicale.events(calendar_name)


def test_cli_takes_the_password_out_of_the_url_and_never_stores_it(
    db: Database,
    radicale: RadicaleServer,
    calendar_name: str,
    seeded: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    scheme, rest = radicale.url.split("://", 1)
    with_password = f"{scheme}://{radicale.user}:{radicale.password}@{rest}"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = ["--db", str(db.path), "calendar", "publish", "--url", with_password]
    code = main([*argv, "--user", radicale.user, "--calendar", calendar_name])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "taken out of --url" in out.err
    assert list(memory_keyring.store.values()) == [radicale.password]
    with db.reading() as s:
        keys = set(s.scalars(select(PublishedEvent.calendar_key)))
    assert keys == {publishing.calendar_key(radicale.url, radicale.user, calendar_name)}
    db.close()
    stored = Path(str(db.path)).read_bytes()
    wal = Path(str(db.path) + "-wal")
    if wal.exists():
        stored += wal.read_bytes()
    assert radicale.password.encode() not in stored
