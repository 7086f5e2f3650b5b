"""The funnel's cumulative counts, its groupings, and touches per week."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from networkdesk.domain.funnel import (
    FunnelCounts,
    FunnelFacts,
    WeekCount,
    conversion,
    funnel,
    source_of,
    touches_per_week,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def fact(cid, ring=3, source="manual", contacted=False, met=False, referred_on=False):
    """One contact's facts (`cid` only names it in the test)."""
    return FunnelFacts(ring, source, contacted, met, referred_on)


def test_counts_are_cumulative() -> None:
    result = funnel(
        [
            fact(1),
            fact(2, contacted=True),
            fact(3, met=True),  # met implies contacted
            fact(4, referred_on=True),  # a referral implies they were met
            fact(5, contacted=True, met=True, referred_on=True),
        ]
    )
    assert result.overall == FunnelCounts(identified=5, contacted=4, met=3, referred_on=2)


def test_grouped_facts_count_as_many_contacts() -> None:
    grouped = [FunnelFacts(2, "vcard", True, False, False, contacts=5), fact(1, ring=2, met=True)]
    result = funnel(grouped)
    assert result.overall == FunnelCounts(6, 6, 1, 0)
    assert result.by_ring[2] == FunnelCounts(6, 6, 1, 0)
    assert result.by_source["vcard"] == FunnelCounts(5, 5, 0, 0)


def test_by_ring_has_all_four_rings_and_leaves_the_inbox_out() -> None:
    result = funnel([fact(1, ring=0, met=True), fact(2, ring=None, contacted=True)])
    assert set(result.by_ring) == {0, 1, 2, 3}
    assert result.by_ring[0] == FunnelCounts(1, 1, 1, 0)
    assert result.by_ring[1] == FunnelCounts()
    assert result.overall == FunnelCounts(2, 2, 1, 0)


def test_by_source_in_name_order() -> None:
    result = funnel(
        [fact(1, source="vcard"), fact(2, source="linkedin", met=True), fact(3, source="vcard")]
    )
    assert list(result.by_source) == ["linkedin", "vcard"]
    assert result.by_source["vcard"] == FunnelCounts(2, 0, 0, 0)


def test_source_of() -> None:
    assert source_of(None, False) == "manual"
    assert source_of("LinkedIn", True) == "linkedin"  # the import brought them in
    assert source_of("manual", True) == "referral"
    assert source_of("vcard", False) == "vcard"


def test_conversion_between_steps() -> None:
    assert conversion(FunnelCounts(10, 5, 0, 0)) == [0.5, 0.0, None]


def test_touches_per_week_in_the_users_zone() -> None:
    now = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)  # a Thursday
    times = [
        dt.datetime(2026, 3, 9, 0, 30, tzinfo=BERLIN),  # Monday of this week
        dt.datetime(2026, 3, 8, 23, 30, tzinfo=dt.UTC),  # Monday 00:30 in Berlin: this week
        dt.datetime(2026, 3, 8, 22, 30, tzinfo=dt.UTC),  # Sunday 23:30 in Berlin: last week
        dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC),  # after now: not yet
        dt.datetime(2025, 12, 21, 12, 0, tzinfo=dt.UTC),  # the Sunday before: out of the window
        dt.datetime(2025, 12, 22, 12, 0, tzinfo=dt.UTC),  # first day of the 12 weeks
    ]
    weeks = touches_per_week(times, now, BERLIN)
    assert len(weeks) == 12
    assert weeks[-1] == WeekCount(dt.date(2026, 3, 9), 2)
    assert weeks[-2] == WeekCount(dt.date(2026, 3, 2), 1)
    assert weeks[0] == WeekCount(dt.date(2025, 12, 22), 1)
    assert sum(w.touches for w in weeks) == 4
    assert all(w.start.weekday() == 0 for w in weeks)
