"""Keep in touch per ring: an ideal and a maximum interval between touches, restarting at every
touch, for contacts with at least one touch. Due after the ideal, overdue after the maximum.

The closer the ring, the more often: the bull's-eye every two weeks, the outer ring every three
months. The intervals are a setting (`keep_in_touch_days`: four [ideal, maximum] pairs, one per
ring from the bull's-eye out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from networkdesk.domain.errors import ValidationError

MAX_DAYS = 3650


@dataclass(frozen=True)
class Interval:
    ideal_days: int
    maximum_days: int


DEFAULT_INTERVALS: dict[int, Interval] = {
    0: Interval(14, 21),
    1: Interval(30, 45),
    2: Interval(60, 90),
    3: Interval(90, 180),
}


def default_setting() -> list[list[int]]:
    return setting_value(DEFAULT_INTERVALS)


def setting_value(intervals: Mapping[int, Interval]) -> list[list[int]]:
    """The JSON shape of the setting: [[ideal, maximum], ...] for rings 0 to 3."""
    return [[intervals[r].ideal_days, intervals[r].maximum_days] for r in range(4)]


def intervals_from_setting(value: Any) -> dict[int, Interval]:
    """Read (and check) the setting; raises ValidationError saying what is wrong."""
    shape = "keep_in_touch_days must be four [ideal, maximum] pairs of days, one per ring"
    if not isinstance(value, list) or len(value) != 4:
        raise ValidationError(shape)
    intervals: dict[int, Interval] = {}
    for ring, pair in enumerate(value):
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(d, int) and not isinstance(d, bool) for d in pair)
        ):
            raise ValidationError(shape)
        ideal, maximum = pair
        if not 1 <= ideal <= maximum <= MAX_DAYS:
            raise ValidationError(
                f"keep_in_touch_days for ring {ring}: need 1 <= ideal <= maximum <= {MAX_DAYS}"
                f" days, got [{ideal}, {maximum}]"
            )
        intervals[ring] = Interval(ideal, maximum)
    return intervals


@dataclass(frozen=True)
class KeepInTouch:
    ring: int
    last_touch: dt.datetime
    due: dt.datetime
    overdue: bool


def keep_in_touch(
    ring: int | None,
    last_touch: dt.datetime | None,
    moment: dt.datetime,
    intervals: Mapping[int, Interval] = DEFAULT_INTERVALS,
) -> KeepInTouch | None:
    """The reminder at `moment`, or None when not due (no ring, never touched, or too soon)."""
    if ring is None or last_touch is None or ring not in intervals:
        return None
    interval = intervals[ring]
    due = last_touch + dt.timedelta(days=interval.ideal_days)
    if moment < due:
        return None
    overdue = moment >= last_touch + dt.timedelta(days=interval.maximum_days)
    return KeepInTouch(ring, last_touch, due, overdue)
