"""Business days: Monday to Friday, counted on the calendar of the user's time zone.

The day a message was sent is the day it shows in the user's zone, not in UTC: a Friday-evening
send in New York is a Saturday morning in Tokyo, so a user in Tokyo sees it sent on a weekend.
Counting whole local dates (not 24-hour spans) makes daylight-saving weeks, whose days are 23 or
25 hours long, count like any other week.
"""

from __future__ import annotations

import datetime as dt

SATURDAY = 5  # date.weekday(): Monday is 0


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < SATURDAY


def local_date(moment: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The calendar date of an aware `moment` in `zone`."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: business days need an aware time")
    return moment.astimezone(zone).date()


def business_days_in(after: dt.date, through: dt.date) -> int:
    """Business days d with after < d <= through (0 when `through` is not after `after`)."""
    if through <= after:
        return 0
    total_days = (through - after).days
    weeks, rest = divmod(total_days, 7)
    count = weeks * 5
    # The remaining days, at most six, start the day after the last whole week.
    start = after + dt.timedelta(days=weeks * 7)
    for offset in range(1, rest + 1):
        if is_business_day(start + dt.timedelta(days=offset)):
            count += 1
    return count


def business_days_between(sent: dt.datetime, moment: dt.datetime, zone: dt.tzinfo) -> int:
    """How many business days have begun since `sent`, at `moment`, in `zone`.

    The day of sending does not count; each later Monday-to-Friday date does, from its first
    minute: a message sent on a Monday is 3 business days old on Thursday, and one sent on a
    Friday (or over the weekend) is 1 business day old on Monday.
    """
    return business_days_in(local_date(sent, zone), local_date(moment, zone))


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date that is `days` business days after `start` (the inverse of
    `business_days_in`: the first date on which that many business days have begun)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day
