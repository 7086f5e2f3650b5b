"""The .ics export: strict parsers accept it, identity is stable, hostile text round-trips."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ics_checks import parse_all, tzids_used_and_defined, vevents

from networkdesk.app import main
from networkdesk.domain.enums import MeetingKind
from networkdesk.interchange import ics
from networkdesk.services import contacts, followups, meetings
from networkdesk.services import settings as app_settings
from networkdesk.services.calendar_export import (
    ExportRange,
    export_calendar,
    export_to_file,
)
from networkdesk.services.calendar_items import clear_tombstones

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
HOSTILE = (
    "Line one\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT\nSUMMARY:hijack\n"
    "commas, semicolons; backslash \\ and \\n literally, colon: quotes \" 'x'\n"
    "Ünïcödé — 日本語 — emoji 🎯\ttab"
)


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def people(session: Any) -> dict[str, int]:
    priya = contacts.add(
        session,
        "Priya Raman",
        company="Acme Robotics",
        title="Engineering Manager",
        emails=["priya@example.com"],
        phones=["+49 30 1234567"],
    )
    bob = contacts.add(session, "Bob Stone")
    session.flush()
    return {"priya": priya.id, "bob": bob.id}


def export_bytes(session: Any, **kwargs: Any) -> bytes:
    calendar, _result = export_calendar(session, **kwargs)
    return calendar.to_ical()


def test_export_is_valid_for_three_parsers_with_all_required_parts(
    session: Any, people: dict[str, int]
) -> None:
    note = followups.add(
        session,
        people["priya"],
        local(3, 10),
        title="thank-you note",
        notes="Mention the robotics demo",
        remind_minutes=30,
    )
    meeting = meetings.add(
        session,
        people["priya"],
        local(2, 15),
        minutes=45,
        kind=MeetingKind.INTERVIEW,
        location="Café Lumen",
    )
    app_settings.set_value(session, "default_reminder_minutes", 20)

    data = export_bytes(session)
    parsed = parse_all(data)

    strict = parsed["ical"]
    assert {event.uid for event in strict.events} == {note.uid, meeting.uid}
    calendar = parsed["icalendar"]
    assert str(calendar["VERSION"]) == "2.0"
    assert "networkdesk" in str(calendar["PRODID"])
    by_uid = {str(e["UID"]): e for e in vevents(data)}

    followup_event = by_uid[note.uid]
    assert str(followup_event["SUMMARY"]) == "Follow up: thank-you note to Priya Raman"
    description = str(followup_event["DESCRIPTION"])
    for part in ("Acme Robotics", "Engineering Manager", "priya@example.com", "+49 30 1234567"):
        assert part in description
    assert "Mention the robotics demo" in description
    assert followup_event.decoded("DTSTART") == local(3, 10)
    assert followup_event.decoded("DTEND") - followup_event.decoded("DTSTART") == dt.timedelta(
        minutes=15
    )
    assert followup_event["DTSTAMP"] is not None
    assert int(followup_event["SEQUENCE"]) == 0
    assert "Follow-up" in [str(c) for c in followup_event["CATEGORIES"].cats]
    [alarm] = followup_event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "Follow up: thank-you note to Priya Raman"
    assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-30)

    meeting_event = by_uid[meeting.uid]
    assert str(meeting_event["SUMMARY"]) == "Informational interview with Priya Raman"
    assert meeting_event.decoded("DTEND") - meeting_event.decoded("DTSTART") == dt.timedelta(
        minutes=45
    )
    assert str(meeting_event["LOCATION"]) == "Café Lumen"
    [meeting_alarm] = meeting_event.walk("VALARM")
    assert meeting_alarm.decoded("TRIGGER") == dt.timedelta(minutes=-20)

    # The strict parser agrees on the times and the alarm.
    strict_note = next(e for e in strict.events if e.uid == note.uid)
    assert strict_note.dtstart == local(3, 10)
    assert strict_note.alarm[0].trigger == dt.timedelta(minutes=-30)


def test_every_tzid_has_its_vtimezone_and_utc_export_has_none(
    session: Any, people: dict[str, int]
) -> None:
    followups.add(session, people["bob"], local(3, 10))
    data = export_bytes(session)
    used, defined = tzids_used_and_defined(data)
    assert used == {"Europe/Berlin"}
    assert used <= defined

    utc_data = export_bytes(session, zone=dt.UTC)
    used_utc, defined_utc = tzids_used_and_defined(utc_data)
    assert used_utc == set()
    assert defined_utc == set()
    [event] = vevents(utc_data)
    assert event["DTSTART"].to_ical() == b"20261203T090000Z"


def test_uids_are_stable_and_sequence_rises_on_edit(session: Any, people: dict[str, int]) -> None:
    note = followups.add(session, people["bob"], local(3, 10), title="Send article")
    first = {str(e["UID"]): int(e["SEQUENCE"]) for e in vevents(export_bytes(session))}
    second = {str(e["UID"]): int(e["SEQUENCE"]) for e in vevents(export_bytes(session))}
    assert first == second == {note.uid: 0}

    followups.edit(session, note.id, title="Send the article")
    third = {str(e["UID"]): int(e["SEQUENCE"]) for e in vevents(export_bytes(session))}
    assert third == {note.uid: 1}


def test_done_followups_are_left_out_unless_asked(session: Any, people: dict[str, int]) -> None:
    done = followups.add(session, people["bob"], local(3, 10), title="Done thing")
    open_one = followups.add(session, people["bob"], local(4, 10), title="Open thing")
    followups.set_done(session, done.id)

    assert {str(e["UID"]) for e in vevents(export_bytes(session))} == {open_one.uid}
    with_done = {str(e["UID"]): e for e in vevents(export_bytes(session, include_done=True))}
    assert set(with_done) == {done.uid, open_one.uid}
    assert with_done[done.uid].walk("VALARM") == []  # nothing to remind of


def test_deleted_items_are_cancelled_with_a_raised_sequence_until_cleared(
    session: Any, people: dict[str, int]
) -> None:
    note = followups.add(session, people["bob"], local(3, 10), title="Call")
    followups.edit(session, note.id, title="Call back")  # sequence 1
    meeting = meetings.add(session, people["priya"], local(5, 9))
    uid, meeting_uid = note.uid, meeting.uid
    followups.delete(session, note.id)
    meetings.delete(session, meeting.id)

    data = export_bytes(session)
    parse_all(data)
    by_uid = {str(e["UID"]): e for e in vevents(data)}
    assert set(by_uid) == {uid, meeting_uid}
    assert str(by_uid[uid]["STATUS"]) == "CANCELLED"
    assert int(by_uid[uid]["SEQUENCE"]) == 2
    assert by_uid[uid].decoded("DTSTART") == local(3, 10)
    assert str(by_uid[meeting_uid]["STATUS"]) == "CANCELLED"
    assert int(by_uid[meeting_uid]["SEQUENCE"]) == 1

    clear_tombstones(session)
    assert vevents(export_bytes(session)) == []


def test_hostile_text_round_trips_exactly_without_extra_components(
    session: Any, people: dict[str, int]
) -> None:
    long_note = (HOSTILE + "\n") * (2000 // len(HOSTILE) + 1)
    long_note = long_note[:2000]
    title = 'reply; re: "Q,A" \\ BEGIN:VALARM\nEND:VEVENT'
    name = "Zoë O'Brien, PhD; \\ BEGIN:VCALENDAR"
    contact = contacts.add(session, name, company="Ärger; GmbH, \\ Co", emails=["z@example.com"])
    note = followups.add(session, contact.id, local(3, 10), title=title, notes=long_note)
    meeting = meetings.add(
        session,
        contact.id,
        local(4, 10),
        location="Room 1; floor 2, \\ BEGIN:VEVENT\nnext",
        preparation=HOSTILE,
    )

    data = export_bytes(session)
    parsed = parse_all(data)
    assert len(parsed["ical"].events) == 2
    assert [c.name for c in parsed["vobject"].getChildren()].count("VEVENT") == 2
    assert b"\nUID:evil" not in data
    assert b"\nSUMMARY:hijack" not in data
    lib_events = {str(e["UID"]): e for e in vevents(data)}
    assert len(lib_events) == 2
    for event in lib_events.values():
        assert len(event.walk("VALARM")) == 1  # no VALARM smuggled in by the title

    # Titles and names are single-line by the services' rules; the rest is kept as typed.
    expected_summary = f"Follow up: {note.title} to {contact.name}"
    assert "BEGIN:VALARM" in expected_summary
    assert "BEGIN:VCALENDAR" in expected_summary
    strict_note = next(e for e in parsed["ical"].events if e.uid == note.uid)
    vobject_note = next(
        c for c in parsed["vobject"].getChildren() if c.name == "VEVENT" and c.uid.value == note.uid
    )
    for summary, description in (
        (str(lib_events[note.uid]["SUMMARY"]), str(lib_events[note.uid]["DESCRIPTION"])),
        (strict_note.summary, strict_note.description),
        (vobject_note.summary.value, vobject_note.description.value),
    ):
        assert summary == expected_summary
        assert description.endswith("\n\n" + long_note)
        assert "Ärger; GmbH, \\ Co" in description
    assert len(long_note) == 2000

    strict_meeting = next(e for e in parsed["ical"].events if e.uid == meeting.uid)
    assert strict_meeting.location == "Room 1; floor 2, \\ BEGIN:VEVENT\nnext"
    assert strict_meeting.description is not None
    assert strict_meeting.description.endswith("Preparation:\n" + HOSTILE)


def test_control_characters_are_dropped_and_crlf_becomes_lf() -> None:
    assert ics.clean_text("a\r\nb\rc\x00d\x07e\tf\x7f") == "a\nb\ncde\tf"


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(exclude_categories=["Cs", "Cc"], include_characters="\n\t,;:\\"),
        max_size=300,
    )
)
def test_any_printable_text_round_trips(text: str) -> None:
    start = dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC)
    event = ics.EventData(
        uid="x@networkdesk",
        sequence=0,
        summary="S " + text,
        description=text or None,
        start=start,
        end=start + dt.timedelta(minutes=15),
        stamp=start,
        alarm_minutes=5,
    )
    data = ics.build_calendar([event], BERLIN).to_ical()
    parsed = parse_all(data)
    [strict] = parsed["ical"].events
    assert strict.summary == "S " + text
    assert (strict.description or "") == text
    [lib] = vevents(data)
    assert str(lib["SUMMARY"]) == "S " + text


def test_range_is_local_dates_both_inclusive(session: Any, people: dict[str, int]) -> None:
    before = followups.add(session, people["bob"], local(1, 23, 59), title="before")
    first = followups.add(session, people["bob"], local(2, 0, 0), title="first day")
    last = followups.add(session, people["bob"], local(3, 23, 59), title="last day")
    after = followups.add(session, people["bob"], local(4, 0, 30), title="after")
    meeting = meetings.add(session, people["bob"], local(3, 12))
    late_meeting = meetings.add(session, people["bob"], local(4, 0, 10))

    period = ExportRange(dt.date(2026, 12, 2), dt.date(2026, 12, 3))
    uids = {str(e["UID"]) for e in vevents(export_bytes(session, period=period))}
    assert uids == {first.uid, last.uid, meeting.uid}
    assert before.uid not in uids
    assert after.uid not in uids
    assert late_meeting.uid not in uids

    open_end = {
        str(e["UID"])
        for e in vevents(export_bytes(session, period=ExportRange(dt.date(2026, 12, 4))))
    }
    assert open_end == {after.uid, late_meeting.uid}


def test_export_to_file_and_cli(
    session: Any, db: Any, people: dict[str, int], tmp_path: Path
) -> None:
    note = followups.add(session, people["priya"], local(3, 10), title="thank-you note")
    session.commit()
    out = tmp_path / "out.ics"
    code = main(["--db", str(db.path), "export", "ics", "--out", str(out)])
    assert code == 0
    [event] = vevents(out.read_bytes())
    assert str(event["UID"]) == note.uid
    parse_all(out.read_bytes())

    ranged = tmp_path / "ranged.ics"
    code = main(
        ["--db", str(db.path), "export", "ics", "--out", str(ranged), "--from", "2026-12-04"]
    )
    assert code == 0
    assert vevents(ranged.read_bytes()) == []


def test_cli_rejects_bad_ranges_and_unwritable_files(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.ics"
    assert main(["--db", str(db.path), "export", "ics", "--out", str(out), "--from", "12/03"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    code = main(
        [
            "--db",
            str(db.path),
            "export",
            "ics",
            "--out",
            str(out),
            "--from",
            "2026-12-05",
            "--to",
            "2026-12-01",
        ]
    )
    assert code == 1
    assert "after" in capsys.readouterr().err
    missing = tmp_path / "no" / "such" / "dir" / "x.ics"
    assert main(["--db", str(db.path), "export", "ics", "--out", str(missing)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not out.exists()
    assert not missing.exists()


def test_failed_write_leaves_no_partial_file(session: Any, tmp_path: Path) -> None:
    target = tmp_path / "dir-not-file"
    target.mkdir()
    with pytest.raises(Exception, match="cannot write"):
        export_to_file(session, target)
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())


def test_event_data_builds_plain_vevent_without_orm() -> None:
    start = dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC)
    calendar = ics.build_calendar(
        [
            ics.EventData(
                uid="u1",
                sequence=3,
                summary="S",
                start=start,
                end=start + dt.timedelta(minutes=15),
                stamp=start,
                status=ics.STATUS_CANCELLED,
                alarm_minutes=10,
            )
        ]
    )
    [event] = calendar.walk("VEVENT")
    assert event.walk("VALARM") == []  # a cancelled event carries no reminder
    assert isinstance(event, icalendar.Event)


def test_vtimezone_covers_far_future_daylight_saving(session: Any, people: dict[str, int]) -> None:
    summer = dt.datetime(2045, 7, 14, 10, tzinfo=BERLIN)
    winter = dt.datetime(2045, 12, 14, 10, tzinfo=BERLIN)
    followups.add(session, people["bob"], summer, title="summer")
    followups.add(session, people["bob"], winter, title="winter")
    data = export_bytes(session)
    parsed = parse_all(data)
    [vtimezone] = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    assert b"2045" in vtimezone.to_ical()  # transitions reach the events' year
    starts = sorted(e.dtstart for e in parsed["ical"].events)
    assert [s.astimezone(dt.UTC).hour for s in starts] == [8, 9]  # CEST, then CET
    lib_starts = sorted(e.decoded("DTSTART") for e in vevents(data))
    assert lib_starts == [summer, winter]
