"""iCalendar output: plain event values in, an `icalendar.Calendar` (and its bytes) out.

Every line of iCalendar text is produced by the icalendar library, which escapes user text
(newlines, commas, semicolons, backslashes), so a note that contains `BEGIN:VEVENT` stays one
TEXT value and can never open a component or a property of its own.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from networkdesk import __version__

if TYPE_CHECKING:
    import icalendar

# icalendar (with dateutil and its other imports) is imported by the functions that build a
# calendar, not here: the window's calendar feature loads this module at start for EventData,
# and importing icalendar there cost ~55 ms and ~3 MB before anything was exported.

PRODID = f"-//networkdesk//networkdesk {__version__}//EN"
STATUS_CONFIRMED = "CONFIRMED"
STATUS_CANCELLED = "CANCELLED"

# Control characters other than TAB and LF are not allowed in iCalendar TEXT (RFC 5545, 3.3.11)
# and strict parsers reject them; CR and CRLF would come back as LF, so they become LF first and
# what is exported is exactly what is read back.
_CONTROL = {code: None for code in range(0x20) if code not in (0x09, 0x0A)}
_CONTROL[0x7F] = None


@dataclass(frozen=True, slots=True)
class EventData:
    """One calendar event as plain values: what `build_calendar` needs, nothing from the ORM."""

    uid: str
    sequence: int
    summary: str
    start: dt.datetime
    end: dt.datetime
    stamp: dt.datetime
    description: str | None = None
    location: str | None = None
    categories: tuple[str, ...] = ()
    # Minutes before the start when the alarm fires; None: no alarm.
    alarm_minutes: int | None = None
    status: str = STATUS_CONFIRMED


def clean_text(text: str) -> str:
    """The text as iCalendar can carry it unchanged (see _CONTROL)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable():
        return text
    return text.translate(_CONTROL)


def export_zone(zone: dt.tzinfo) -> dt.tzinfo:
    """The zone events are written in: the IANA zone itself (a TZID with its VTIMEZONE), or UTC
    when the zone has no IANA name (a bare offset name is never written)."""
    key = getattr(zone, "key", None)
    if isinstance(zone, zoneinfo.ZoneInfo) and key and key != "UTC":
        return zone
    if key and key not in ("UTC", "Etc/UTC"):
        try:
            return zoneinfo.ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC
    return dt.UTC


def _ambiguous(local: dt.datetime) -> bool:
    """Whether this wall-clock time happens twice in its zone (the hour repeated in autumn)."""
    if local.tzinfo is None or local.tzinfo is dt.UTC:
        return False
    other = local.replace(fold=1 - local.fold)
    return other.utcoffset() != local.utcoffset()


def vtimezone(zone: dt.tzinfo, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """The VTIMEZONE of `zone` from `first` to `last`, one RDATE per line: icalendar writes a
    comma-separated RDATE list, which vobject misreads from its second date on."""
    import icalendar

    timezone = icalendar.Timezone.from_tzinfo(zone, first_date=first, last_date=last)
    for part in timezone.subcomponents:
        rdates = part.get("RDATE")
        if rdates is None:
            continue
        values = []
        for prop in rdates if isinstance(rdates, list) else [rdates]:
            values += [item.dt for item in prop.dts]
        del part["RDATE"]
        for value in values:
            part.add("rdate", value)
    return timezone


def new_calendar() -> icalendar.Calendar:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def make_event(data: EventData, zone: dt.tzinfo) -> icalendar.Event:
    """One VEVENT (with its VALARM) with times in `zone` (from `export_zone`)."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", data.uid)
    event.add("dtstamp", data.stamp.astimezone(dt.UTC))
    event.add("sequence", data.sequence)
    start, end = data.start.astimezone(zone), data.end.astimezone(zone)
    if _ambiguous(start) or _ambiguous(end):
        # A local time in the repeated hour of a clock change is written without its fold, so
        # every reader takes the first of the two: such an event is written in UTC instead.
        start, end = data.start.astimezone(dt.UTC), data.end.astimezone(dt.UTC)
    event.add("dtstart", start)
    event.add("dtend", end)
    summary = clean_text(data.summary)
    event.add("summary", summary)
    if data.description:
        event.add("description", clean_text(data.description))
    if data.location:
        event.add("location", clean_text(data.location))
    if data.categories:
        event.add("categories", [clean_text(c) for c in data.categories])
    event.add("status", data.status)
    if data.alarm_minutes is not None and data.status != STATUS_CANCELLED:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(minutes=-data.alarm_minutes))
        event.add_component(alarm)
    return event


def build_calendar(
    events: Iterable[EventData], zone: dt.tzinfo | None = None
) -> icalendar.Calendar:
    """A calendar of `events`, times in `zone` (default UTC) with the VTIMEZONE it uses."""
    target = export_zone(zone) if zone is not None else dt.UTC
    items = list(events)
    calendar = new_calendar()
    if target is not dt.UTC and items:
        # The one VTIMEZONE every TZID refers to, built from the zone itself (icalendar's
        # add_missing_timezones would skip a zone it does not know, leaving a bare TZID), and
        # spanning the events with a year to spare on either side.
        first = min(item.start for item in items).date() - dt.timedelta(days=366)
        last = max(item.end for item in items).date() + dt.timedelta(days=366)
        calendar.add_component(vtimezone(target, first, last))
    for data in items:
        calendar.add_component(make_event(data, target))
    return calendar


def to_bytes(calendar: icalendar.Calendar) -> bytes:
    return calendar.to_ical()


def write_calendar(calendar: icalendar.Calendar, path: Path) -> int:
    """Write the calendar to `path` all at once (a temporary file renamed over it), so a failed
    export never leaves half a file. Returns the number of bytes written."""
    data = to_bytes(calendar)
    path = Path(path)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return len(data)
