"""Calendar export around every clock change of a year, in zones of both hemispheres and one
without daylight saving: each event comes back at its instant and with its length from `ical`,
`icalendar` and `vobject`, in the repeated hour and around the missing one."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from typing import Any

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from networkdesk.interchange import ics

ZONES = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Santiago",
    "Australia/Lord_Howe",  # a 30-minute change
]
YEAR = 2026


def transitions(zone: zoneinfo.ZoneInfo, year: int) -> Iterator[dt.datetime]:
    """The UTC instants in `year` at which the zone's offset changes (found by halving)."""
    step = dt.timedelta(hours=6)
    moment = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    while moment < end:
        after = moment + step
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            low, high = moment, after
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if low.astimezone(zone).utcoffset() == middle.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            yield high.replace(second=0, microsecond=0)
        moment = after


def _events(zone: zoneinfo.ZoneInfo) -> list[ics.EventData]:
    """Meetings before, across, inside and after each change; plus ordinary ones all year."""
    events: list[ics.EventData] = []
    stamp = dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC)

    def add(start: dt.datetime, minutes: int, label: str) -> None:
        events.append(
            ics.EventData(
                uid=f"{label}-{len(events)}@test",
                sequence=0,
                summary=label,
                start=start,
                end=start + dt.timedelta(minutes=minutes),
                stamp=stamp,
            )
        )

    for change in transitions(zone, YEAR):
        add(change - dt.timedelta(minutes=30), 90, "90 minutes across the change")
        add(change - dt.timedelta(minutes=90), 90, "ends at the change")
        add(change, 30, "starts at the change")
        add(change + dt.timedelta(minutes=15), 30, "inside the hour after")
        add(change - dt.timedelta(minutes=45), 30, "inside the hour before")
        add(change - dt.timedelta(hours=3), 8 * 60, "a long workshop")
    for month in range(1, 13):
        add(dt.datetime(YEAR, month, 10, 9, tzinfo=zone).astimezone(dt.UTC), 60, "ordinary")
    return events


def _utc(value: Any, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    assert isinstance(value, dt.datetime)
    return value.astimezone(dt.UTC)


def _check(data: bytes, events: list[ics.EventData], zone: dt.tzinfo) -> None:
    expected = {e.uid: (e.start, e.end) for e in events}
    text = data.decode("utf-8")
    strict = IcsCalendarStream.calendar_from_ics(text)
    seen = {str(e.uid): (_utc(e.dtstart, zone), _utc(e.dtend, zone)) for e in strict.events}
    assert seen == expected, "ical"
    library = icalendar.Calendar.from_ical(data)
    seen = {
        str(e["UID"]): (_utc(e.decoded("DTSTART"), zone), _utc(e.decoded("DTEND"), zone))
        for e in library.walk("VEVENT")
    }
    assert seen == expected, "icalendar"
    loose = vobject.readOne(text)
    seen = {
        str(e.uid.value): (_utc(e.dtstart.value, zone), _utc(e.dtend.value, zone))
        for e in loose.vevent_list
    }
    assert seen == expected, "vobject"


@pytest.mark.parametrize("name", ZONES)
def test_a_year_of_clock_changes_round_trips_in_three_parsers(name: str) -> None:
    zone = zoneinfo.ZoneInfo(name)
    events = _events(zone)
    data = ics.to_bytes(ics.build_calendar(events, zone))
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        assert event.decoded("DTEND") > event.decoded("DTSTART"), event["SUMMARY"]
    _check(data, events, zone)


def test_the_repeated_hour_in_new_york() -> None:
    zone = zoneinfo.ZoneInfo("America/New_York")
    # 1 Nov 2026, 01:45 EDT: half an hour later it is 01:15 EST.
    start = dt.datetime(2026, 11, 1, 1, 45, tzinfo=zone).astimezone(dt.UTC)
    before = dt.datetime(2026, 11, 1, 0, 30, tzinfo=zone).astimezone(dt.UTC)
    events = [
        ics.EventData("r@test", 0, "repeated", start, start + dt.timedelta(minutes=30), start),
        ics.EventData("b@test", 0, "90", before, before + dt.timedelta(minutes=90), before),
    ]
    data = ics.to_bytes(ics.build_calendar(events, zone))
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        length = event.decoded("DTEND") - event.decoded("DTSTART")
        wanted = 30 if event["UID"] == "r@test" else 90
        assert length == dt.timedelta(minutes=wanted)
    _check(data, events, zone)


def test_the_missing_hour_in_berlin() -> None:
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    # 29 Mar 2026: 02:00 becomes 03:00. 01:30-03:30 on the wall clock is one hour.
    start = dt.datetime(2026, 3, 29, 1, 30, tzinfo=zone).astimezone(dt.UTC)
    events = [ics.EventData("m@test", 0, "gap", start, start + dt.timedelta(hours=1), start)]
    data = ics.to_bytes(ics.build_calendar(events, zone))
    assert b"DTEND;TZID=Europe/Berlin:20260329T033000" in data
    _check(data, events, zone)


def test_vtimezone_writes_one_rdate_per_line_and_vobject_reads_later_years() -> None:
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 6, 1, 9, tzinfo=zone).astimezone(dt.UTC)
    later = dt.datetime(2029, 11, 5, 9, tzinfo=zone).astimezone(dt.UTC)
    events = [
        ics.EventData("a@test", 0, "a", start, start + dt.timedelta(hours=1), start),
        ics.EventData("b@test", 0, "b", later, later + dt.timedelta(hours=1), later),
    ]
    data = ics.to_bytes(ics.build_calendar(events, zone))
    rdates = [line for line in data.decode().splitlines() if line.startswith("RDATE")]
    assert len(rdates) >= 6
    assert not [line for line in rdates if "," in line]
    _check(data, events, zone)
