"""One person's pipeline written through the services as that person's login: a row in every
table that has an owner, with notes that a coach must never read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from networkdesk.services import contacts, followups, interactions, meetings, referrals, settings
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import location_from_url

T0 = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Pipeline:
    star: int  # a contact with a meeting, notes, e-mail, phone, tag...
    other: int
    meeting: int


def note(login: str) -> str:
    """Text only `login`'s private fields hold."""
    return f"private words of {login}"


def fill_pipeline(url: str, login: str) -> Pipeline:
    db = open_database(location_from_url(url))
    try:
        with db.transaction() as s:
            star = contacts.add(
                s,
                "Ann Star",  # the same names, company and tag for everyone: keys are per owner
                company="Acme",
                tag_names=["Alumni"],
                emails=[f"ann.{login}@example.org"],
                phones=["+1 555 0100"],
                ring=3,
                notes=note(login),
            ).id
            other = contacts.add(s, "Ben Other", company="Acme", ring=1).id
            contacts.move(s, star, 2)
            meeting = meetings.add(
                s, star, T0, notes=note(login), preparation=note(login), outcome="met; intro to Ben"
            ).id
            followups.add(s, star, T0 + dt.timedelta(days=2), meeting_id=meeting, title="Thank Ann")
            referrals.add(s, star, other, meeting_id=meeting, note=note(login))
            interactions.add(s, star, kind="email", direction="out", note=note(login))
            settings.PRACTICE_THRESHOLD.set(s, 2)
            cancelled = meetings.add(s, other, T0 + dt.timedelta(days=5)).id
            meetings.delete(s, cancelled)  # leaves a calendar tombstone
        with db.transaction() as s:
            from sqlalchemy import text

            s.execute(
                text(
                    "INSERT INTO contact_changes (contact_id, field, old_value, changed_at,"
                    " reviewed) VALUES (:c, 'notes', :old, now(), false)"
                ),
                {"c": star, "old": note(login)},
            )
            s.execute(
                text(
                    "INSERT INTO published_events (calendar_key, uid, sequence, published_at)"
                    " VALUES ('https://dav.example.org/|me|Work', 'same-uid@networkdesk', 0, now())"
                )
            )
    finally:
        db.close()
    return Pipeline(star, other, meeting)
