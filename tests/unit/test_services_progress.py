"""services.progress and services.warm_path on a real (temporary) database: what counts as met,
contacted and a touch at a given moment, coverage, and the warm path's words."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from networkdesk.domain.errors import NotFoundError
from networkdesk.domain.funnel import FunnelCounts
from networkdesk.domain.warm_path import LinkKind
from networkdesk.services import (
    companies,
    contacts,
    followups,
    interactions,
    meetings,
    progress,
    referrals,
    warm_path,
)

ZONE = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZONE)  # a Thursday
DAY = dt.timedelta(days=1)


def test_met_is_a_meeting_held_before_now(db: Any) -> None:
    with db.transaction() as s:
        held = contacts.add(s, "Held").id
        booked = contacts.add(s, "Booked").id
        meetings.add(s, held, NOW - 3 * DAY)
        meetings.add(s, booked, NOW + DAY)
    with db.reading() as s:
        assert set(progress.last_met(s, NOW)) == {held}
        result = progress.funnel_at(s, NOW)
        assert result.overall == FunnelCounts(2, 2, 1, 0)  # a booked meeting is contact
        # A week later the booked one was held.
        assert progress.funnel_at(s, NOW + 7 * DAY).overall == FunnelCounts(2, 2, 2, 0)


def test_touches_per_week_count_meetings_interactions_and_followups_done(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana").id
        meetings.add(s, ana, NOW - DAY)  # this week
        interactions.add(s, ana, kind="email", direction="out", at=NOW - 8 * DAY)  # last week
        interactions.add(s, ana, kind="call", direction="in", at=NOW + DAY)  # not yet
        followup = followups.add(s, ana, NOW - 2 * DAY, title="Thank you")
        followup.done_at = NOW - 2 * DAY  # this week
        meetings.add(s, ana, NOW - 100 * DAY)  # before the 12 weeks
    with db.reading() as s:
        weeks = progress.weekly_touches(s, NOW, zone=ZONE)
    assert [w.touches for w in weeks[-2:]] == [1, 2]
    assert sum(w.touches for w in weeks) == 3
    assert weeks[-1].start == dt.date(2026, 3, 9)


def test_coverage_and_met_per_company_ring(db: Any) -> None:
    with db.transaction() as s:
        companies.upsert(s, "Globex", target=True, priority=2)
        companies.upsert(s, "Acme", target=True, priority=1)
        companies.upsert(s, "Not a target")
        a = contacts.add(s, "A", company="Globex", ring=3).id
        contacts.add(s, "B", company="Globex", ring=3)
        contacts.add(s, "C", company="Not a target", ring=0)
        meetings.add(s, a, NOW - DAY)
    with db.reading() as s:
        rows = progress.coverage_at(s, NOW)
        met = progress.met_per_company_ring(s, NOW)
        globex = companies.find_by_name(s, "Globex")
        assert globex is not None
        globex_id = globex.id
    assert [r.name for r in rows] == ["Acme", "Globex"]  # by priority
    assert rows[1].cells[3].contacts == 2
    assert rows[1].cells[3].met_ids == (a,)
    assert rows[0].gaps() == ["no contact at Acme yet"]
    assert met == {globex_id: {3: 1}}


def test_warm_path_answers_in_words(db: Any) -> None:
    with db.transaction() as s:
        ana = contacts.add(s, "Ana", ring=3).id
        ben = contacts.add(s, "Ben", company="Globex", ring=1).id
        lone = contacts.add(s, "Lone").id
        dee = contacts.add(s, "Dee", company="Initech", ring=0).id
        meetings.add(s, ana, dt.datetime(2025, 11, 3, 10, 0, tzinfo=ZONE))
        referrals.add(s, ben, ana)  # Ben referred the user to Ana: they know each other
    with db.reading() as s:
        found = warm_path.find(s, ben, NOW, ZONE)
        assert found.contact_ids == (ana, ben)
        assert found.links == (LinkKind.REFERRAL,)
        assert found.steps[0].text == (
            "Ask Ana — met 3 Nov 2025 — to introduce you to Ben at Globex (Ben referred you to Ana)"
        )
        assert warm_path.path_json(found) == {
            "contact_id": ben,
            "path": [ana, ben],
            "links": ["referral"],
        }
        already = warm_path.find(s, ana, NOW, ZONE)
        assert already.summary == (
            "You have already met Ana (met 3 Nov 2025): no introduction needed."
        )
        nobody = warm_path.find(s, lone, NOW, ZONE)
        assert not nobody.found
        assert "they have no company" in nobody.summary
        alone = warm_path.find(s, dee, NOW, ZONE)
        assert "you know nobody else at Initech yet" in alone.summary
        assert alone.suggestions == ()
        with pytest.raises(NotFoundError, match="no contact with id 999"):
            warm_path.find(s, 999, NOW, ZONE)


def test_met_label_drops_the_year_this_year() -> None:
    when = dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC)  # 4 March in Berlin
    assert warm_path.met_label(when, NOW, ZONE) == "met 4 Mar"
