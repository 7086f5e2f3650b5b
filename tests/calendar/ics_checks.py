"""Shared checks for calendar tests: parse .ics output with three independent parsers."""

from __future__ import annotations

from typing import Any

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream


def parse_all(data: bytes) -> dict[str, Any]:
    """Parse with `ical` (strict), `vobject` and `icalendar`; each must accept the text."""
    text = data.decode("utf-8")
    strict = IcsCalendarStream.calendar_from_ics(text)
    loose = vobject.readOne(text)
    lib = icalendar.Calendar.from_ical(data)
    return {"ical": strict, "vobject": loose, "icalendar": lib}


def vevents(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def tzids_used_and_defined(data: bytes) -> tuple[set[str], set[str]]:
    calendar = icalendar.Calendar.from_ical(data)
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used: set[str] = set()
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            prop = event.get(name)
            if prop is not None and "TZID" in prop.params:
                used.add(str(prop.params["TZID"]))
    return used, defined
