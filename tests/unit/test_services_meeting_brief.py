"""The meeting brief: mission, introducer, last notes (newest first, this meeting's left out),
questions and preparation, as data and as plain text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from networkdesk.services import companies, contacts, interactions, meetings, referrals
from networkdesk.services.meeting_brief import brief_text, meeting_brief

NOW = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def test_brief_gathers_the_homework(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana Ruiz", company="Globex", title="VP Product")
        ben = contacts.add(s, "Ben Cho")
        companies.edit(s, ana.company_id, mission="Make logistics boring.")
        referrals.add(s, ben.id, ana.id)
        meetings.add(s, ana.id, NOW - dt.timedelta(days=20), notes="Likes data.")
        interactions.add(
            s, ana.id, kind="email", direction="in", at=NOW - dt.timedelta(days=2), note="Sure!"
        )
        upcoming = meetings.add(
            s,
            ana.id,
            NOW,
            questions=["How did you get into product?", " "],
            checklist={"mission": True},
            notes=None,
        )
        mid = upcoming.id
    with db.reading() as s:
        brief = meeting_brief(s, mid)
    assert brief.mission == "Make logistics boring."
    assert brief.introduced_by == ("Ben Cho",)
    assert [n.text for n in brief.last_notes] == ["Sure!", "Likes data."]
    assert brief.questions == ("How did you get into product?",)
    assert brief.prep_done == 1
    text = brief_text(brief, dt.UTC)
    assert text.splitlines()[0] == "Ana Ruiz — VP Product, Globex"
    for part in ("Make logistics boring.", "Ben Cho", "1. How did you get into product?"):
        assert part in text


def test_empty_brief_names_the_homework(db: Any) -> None:
    with db.transaction() as s:
        solo = contacts.add(s, "Solo")
        mid = meetings.add(s, solo.id, NOW).id
    with db.reading() as s:
        text = brief_text(meeting_brief(s, mid), dt.UTC)
    assert "Not written yet" in text
    assert "No referral recorded." in text
    assert "None chosen yet" in text
