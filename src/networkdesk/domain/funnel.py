"""The networking funnel: identified → contacted → met → referred on, and touches per week.

The counts are cumulative: a contact who was met also counts as contacted and identified, and one
who referred the user on counts at every step (whoever gave a referral was, in effect, met).
"Met" is a meeting held before the moment looked at; "contacted" is any sign of contact —
a touch, a meeting booked, or a stage the user set past "identified"; "referred on" is a contact
who referred the user to someone.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The steps of the funnel, in order, as the JSON keys name them.
STEPS = ("identified", "contacted", "met", "referred_on")
STEP_LABELS = {
    "identified": "Identified",
    "contacted": "Contacted",
    "met": "Met",
    "referred_on": "Referred on",
}
#: Where a contact came from, as the funnel groups it (the stored source, or "referral" for a
#: contact someone referred the user to, unless a file import brought them in).
IMPORTED_SOURCES = ("linkedin", "vcard")
REFERRAL_SOURCE = "referral"
MANUAL_SOURCE = "manual"


@dataclass(frozen=True)
class FunnelFacts:
    """What the funnel needs of a contact — or of `contacts` contacts alike in all of it (the
    service reads them grouped, so 30,000 contacts are a few dozen facts)."""

    ring: int | None
    source: str
    contacted: bool
    met: bool
    referred_on: bool
    contacts: int = 1

    @property
    def level(self) -> int:
        """How far along the funnel: 0 identified ... 3 referred on."""
        if self.referred_on:
            return 3
        if self.met:
            return 2
        return 1 if self.contacted else 0


@dataclass(frozen=True)
class FunnelCounts:
    identified: int = 0
    contacted: int = 0
    met: int = 0
    referred_on: int = 0

    def as_dict(self) -> dict[str, int]:
        return {step: getattr(self, step) for step in STEPS}

    def values(self) -> tuple[int, ...]:
        return tuple(getattr(self, step) for step in STEPS)


@dataclass(frozen=True)
class Funnel:
    overall: FunnelCounts
    #: Rings 0-3, all four always present; contacts not on the board count only overall.
    by_ring: dict[int, FunnelCounts]
    #: Sources in name order.
    by_source: dict[str, FunnelCounts]


def source_of(stored: str | None, was_referred: bool) -> str:
    """The funnel's source of a contact (see REFERRAL_SOURCE)."""
    value = (stored or "").strip().lower() or MANUAL_SOURCE
    if was_referred and value not in IMPORTED_SOURCES:
        return REFERRAL_SOURCE
    return value


def count(facts: Iterable[FunnelFacts]) -> FunnelCounts:
    levels = [0, 0, 0, 0]
    for fact in facts:
        for step in range(fact.level + 1):
            levels[step] += fact.contacts
    return FunnelCounts(*levels)


def funnel(facts: Iterable[FunnelFacts]) -> Funnel:
    everyone = list(facts)
    rings: dict[int, list[FunnelFacts]] = {ring: [] for ring in range(4)}
    sources: dict[str, list[FunnelFacts]] = defaultdict(list)
    for fact in everyone:
        if fact.ring is not None:
            rings[int(fact.ring)].append(fact)
        sources[fact.source].append(fact)
    return Funnel(
        overall=count(everyone),
        by_ring={ring: count(found) for ring, found in rings.items()},
        by_source={source: count(sources[source]) for source in sorted(sources)},
    )


def conversion(counts: FunnelCounts) -> list[float | None]:
    """Each step's share of the one before it (None where the one before is 0)."""
    values = counts.values()
    return [None if before == 0 else after / before for before, after in itertools.pairwise(values)]


# --- touches per week ------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCount:
    #: The Monday the week starts on, in the user's zone.
    start: dt.date
    touches: int


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def touches_per_week(
    touch_times: Sequence[dt.datetime], now: dt.datetime, zone: dt.tzinfo, weeks: int = 12
) -> list[WeekCount]:
    """Touches in each of the last `weeks` weeks (Monday to Sunday in `zone`), oldest first; the
    last is the current week so far. Touches after `now` have not happened and do not count."""
    this_week = week_start(now.astimezone(zone).date())
    starts = [this_week - dt.timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(starts, 0)
    for at in touch_times:
        if at > now:
            continue
        start = week_start(at.astimezone(zone).date())
        if start in counts:
            counts[start] += 1
    return [WeekCount(start, counts[start]) for start in starts]
