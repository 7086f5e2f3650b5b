"""Exporting 10,000 follow-ups to an .ics file, next to icalendar's own floor.

Measures, in the same run:
  - export: `services.calendar_export.export_to_file` from a database of 10,000 open follow-ups
    (500 contacts with companies, e-mails and phones) to a file: queries, text, icalendar
    building, VTIMEZONE, serialising, writing;
  - floor: icalendar building and serialising the same 10,000 events (same properties, alarm
    and time zone) from plain Python values already in memory, no database, no file.
Prints the best of several rounds of each and their ratio. Target: export <= 1.5x the floor.

    python benchmarks/bench_ics_export.py [--followups 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
import uuid
import zoneinfo
from pathlib import Path
from typing import Any

os.environ.setdefault("TZ", "Europe/Berlin")


def seed(db: Any, followups: int, contacts: int) -> None:
    from sqlalchemy import insert

    from networkdesk.domain.models import Company, Contact, ContactEmail, ContactPhone, FollowUp

    now = dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC)
    with db.transaction() as session:
        session.execute(
            insert(Company),
            [{"id": i + 1, "name": f"Company {i}", "name_key": f"company {i}"} for i in range(50)],
        )
        session.execute(
            insert(Contact),
            [
                {
                    "id": i + 1,
                    "name": f"Contact Nümber {i}",
                    "name_key": f"contact number {i}",
                    "title": "Engineering Manager",
                    "company_id": i % 50 + 1,
                }
                for i in range(contacts)
            ],
        )
        session.execute(
            insert(ContactEmail),
            [
                {"contact_id": i + 1, "address": f"c{i}@example.com", "address_key": f"c{i}"}
                for i in range(contacts)
            ],
        )
        session.execute(
            insert(ContactPhone),
            [{"contact_id": i + 1, "number": f"+49 30 {i:07d}"} for i in range(contacts)],
        )
        rows = [
            {
                "uid": f"{uuid.uuid4()}@networkdesk",
                "sequence": i % 3,
                "contact_id": i % contacts + 1,
                "title": "thank-you note",
                "notes": "Mention the demo; ask about the team, and the next step.\nThanks!",
                "due": now + dt.timedelta(hours=i),
                "remind_minutes": 15,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(followups)
        ]
        for start in range(0, len(rows), 2000):
            session.execute(insert(FollowUp), rows[start : start + 2000])


def plain_values(followups: int, contacts: int) -> list[dict[str, Any]]:
    """The same events as plain Python values (what the floor starts from)."""
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    now = dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC)
    values = []
    for i in range(followups):
        c = i % contacts
        start = (now + dt.timedelta(hours=i)).astimezone(zone)
        values.append(
            {
                "uid": f"{uuid.uuid4()}@networkdesk",
                "sequence": i % 3,
                "stamp": now,
                "start": start,
                "end": start + dt.timedelta(minutes=15),
                "summary": f"Follow up: thank-you note to Contact Nümber {c}",
                "description": (
                    f"Contact: Contact Nümber {c}\nEngineering Manager at Company {c % 50}\n"
                    f"E-mail: c{c}@example.com\nPhone: +49 30 {c:07d}\n\n"
                    "Mention the demo; ask about the team, and the next step.\nThanks!"
                ),
                "categories": ["networkdesk", "Follow-up"],
                "trigger": dt.timedelta(minutes=-15),
            }
        )
    return values


def floor(values: list[dict[str, Any]]) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//EN")
    calendar.add("version", "2.0")
    # The VTIMEZONE built straight from the zone (cheaper than add_missing_timezones, which
    # walks every event), spanning the events: the fastest way icalendar offers.
    first = values[0]["start"].date() - dt.timedelta(days=366)
    last = values[-1]["end"].date() + dt.timedelta(days=366)
    calendar.add_component(
        icalendar.Timezone.from_tzinfo(values[0]["start"].tzinfo, first_date=first, last_date=last)
    )
    for v in values:
        event = icalendar.Event()
        event.add("uid", v["uid"])
        event.add("dtstamp", v["stamp"])
        event.add("sequence", v["sequence"])
        event.add("dtstart", v["start"])
        event.add("dtend", v["end"])
        event.add("summary", v["summary"])
        event.add("description", v["description"])
        event.add("categories", v["categories"])
        event.add("status", "CONFIRMED")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", v["summary"])
        alarm.add("trigger", v["trigger"])
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followups", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from networkdesk.services.calendar_export import export_to_file
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    folder = Path(tempfile.mkdtemp(prefix="bench-ics-"))
    db = open_database(sqlite_location(folder / "networkdesk.db"))
    seed(db, args.followups, args.contacts)
    values = plain_values(args.followups, args.contacts)
    out = folder / "export.ics"

    exports, floors = [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        with db.reading() as session:
            result = export_to_file(session, out)
        exports.append(time.perf_counter() - t0)
        assert result.followups == args.followups, result

        t0 = time.perf_counter()
        data = floor(values)
        floors.append(time.perf_counter() - t0)
        assert data.count(b"BEGIN:VEVENT") == args.followups

    best_export, best_floor = min(exports), min(floors)
    print(f"{args.followups:,} follow-ups, best of {args.rounds} rounds")
    print(f"  export (database -> file): {best_export:.2f} s  ({out.stat().st_size:,} bytes)")
    print(f"  floor (icalendar from plain values, in memory): {best_floor:.2f} s")
    ratio = best_export / best_floor
    print(f"  ratio: {ratio:.2f}x (target <= 1.5x) -> {'OK' if ratio <= 1.5 else 'OVER'}")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
