"""A meeting's calendar event carries its brief in DESCRIPTION (mission, who introduced you,
the last notes, the questions), read back exactly by the strict `ical` parser."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from ics_checks import parse_all

from networkdesk.services import companies, contacts, meetings, referrals
from networkdesk.services.calendar_export import export_calendar
from networkdesk.services.meeting_brief import brief_text, meeting_brief

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_meeting_event_description_is_the_brief(session: Any) -> None:
    ana = contacts.add(session, "Ana Ruiz", company="Globex", emails=["ana@globex.test"])
    ben = contacts.add(session, "Ben Cho")
    session.flush()
    companies.edit(session, ana.company_id, mission="Make logistics boring; ship on time.")
    referrals.add(session, ben.id, ana.id)
    start = dt.datetime(2026, 12, 9, 10, 0, tzinfo=BERLIN)
    meetings.add(session, ana.id, start - dt.timedelta(days=30), notes="Likes dashboards.")
    mid = meetings.add(
        session, ana.id, start, questions=["What makes a launch go well?"], preparation="Read"
    ).id
    session.flush()
    expected = brief_text(meeting_brief(session, mid))
    calendar, _result = export_calendar(session)
    parsed = parse_all(calendar.to_ical())["ical"]
    by_start = {event.dtstart: event for event in parsed.events}
    description = by_start[start].description
    assert description.startswith(expected)
    for part in (
        "Make logistics boring; ship on time.",
        "Introduced by\nBen Cho",
        "Likes dashboards.",
        "1. What makes a launch go well?",
        "E-mail: ana@globex.test",
        "Preparation:\nRead",
    ):
        assert part in description
