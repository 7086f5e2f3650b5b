"""Business days: Monday to Friday on the user's calendar, across weekends, zones and DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networkdesk.domain.business_days import (
    add_business_days,
    business_days_between,
    business_days_in,
    is_business_day,
    local_date,
)

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")

MONDAY = dt.date(2026, 3, 2)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def at(zone: dt.tzinfo, *args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone)  # type: ignore[misc]


def test_weekdays_are_business_days_weekends_are_not() -> None:
    week = [MONDAY + dt.timedelta(days=i) for i in range(7)]
    assert [is_business_day(d) for d in week] == [True] * 5 + [False] * 2


def test_the_day_of_sending_does_not_count_later_weekdays_do() -> None:
    sent = at(BERLIN, 2026, 3, 2, 10)  # Monday
    assert business_days_between(sent, at(BERLIN, 2026, 3, 2, 23, 59), BERLIN) == 0
    assert business_days_between(sent, at(BERLIN, 2026, 3, 3, 0, 0), BERLIN) == 1
    assert business_days_between(sent, at(BERLIN, 2026, 3, 5, 8), BERLIN) == 3  # Thursday
    assert business_days_between(sent, at(BERLIN, 2026, 3, 11, 8), BERLIN) == 7  # Wednesday


def test_weekends_are_skipped() -> None:
    friday = at(BERLIN, 2026, 3, 6, 17)
    assert business_days_between(friday, at(BERLIN, 2026, 3, 8, 20), BERLIN) == 0  # Sunday
    assert business_days_between(friday, at(BERLIN, 2026, 3, 9, 9), BERLIN) == 1  # Monday
    saturday = at(BERLIN, 2026, 3, 7, 12)
    assert business_days_between(saturday, at(BERLIN, 2026, 3, 11, 9), BERLIN) == 3


def test_a_friday_evening_send_in_new_york_is_saturday_in_tokyo() -> None:
    sent = at(NEW_YORK, 2026, 3, 6, 19)  # Friday 19:00 in New York
    assert local_date(sent, NEW_YORK).weekday() == 4
    assert local_date(sent, TOKYO).weekday() == 5  # Saturday 09:00 in Tokyo
    # A Thursday-evening send in New York is a Friday in Tokyo: Friday counts in New York only.
    thursday_ny = at(NEW_YORK, 2026, 3, 5, 20)
    friday_noon_tokyo = at(TOKYO, 2026, 3, 6, 23)
    assert business_days_between(thursday_ny, friday_noon_tokyo, NEW_YORK) == 1
    assert business_days_between(thursday_ny, friday_noon_tokyo, TOKYO) == 0


def test_dst_weeks_count_like_any_other() -> None:
    # Europe springs forward on Sunday 29 March 2026; a late-Friday send must stay a Friday
    # (a fixed UTC offset would move 23:30 on to Saturday).
    friday_late = at(BERLIN, 2026, 3, 27, 23, 30)
    assert local_date(friday_late, BERLIN).weekday() == 4
    assert business_days_between(friday_late, at(BERLIN, 2026, 4, 1, 0, 5), BERLIN) == 3
    # New York falls back on Sunday 1 November 2026.
    sent = at(NEW_YORK, 2026, 10, 30, 23, 45)
    assert business_days_between(sent, at(NEW_YORK, 2026, 11, 10, 0, 1), NEW_YORK) == 7


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        business_days_between(dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 5), BERLIN)


def test_add_business_days() -> None:
    assert add_business_days(MONDAY, 0) == MONDAY
    assert add_business_days(MONDAY, 3) == dt.date(2026, 3, 5)
    assert add_business_days(MONDAY, 7) == dt.date(2026, 3, 11)
    assert add_business_days(dt.date(2026, 3, 7), 5) == dt.date(2026, 3, 13)  # from Saturday


@given(dates, st.integers(min_value=0, max_value=60))
def test_add_is_the_first_date_with_that_many_business_days(start: dt.date, n: int) -> None:
    end = add_business_days(start, n)
    assert business_days_in(start, end) == n
    if n:
        assert business_days_in(start, end - dt.timedelta(days=1)) == n - 1
        assert is_business_day(end)


@given(dates, st.integers(min_value=0, max_value=400))
def test_a_week_holds_five_business_days(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    brute = sum(1 for i in range(1, days + 1) if is_business_day(start + dt.timedelta(days=i)))
    assert business_days_in(start, end) == brute
    assert business_days_in(start, end + dt.timedelta(days=7)) == brute + 5


@given(dates, dates, dates)
def test_counts_add_up_and_never_go_down(a: dt.date, b: dt.date, c: dt.date) -> None:
    first, middle, last = sorted((a, b, c))
    assert business_days_in(first, last) == business_days_in(first, middle) + business_days_in(
        middle, last
    )
    assert business_days_in(last, first) == 0 or first == last


@given(
    st.datetimes(
        min_value=dt.datetime(2020, 1, 1),
        max_value=dt.datetime(2030, 1, 1),
        timezones=st.sampled_from([NEW_YORK, TOKYO, BERLIN, dt.UTC]),
    ),
    st.sampled_from([NEW_YORK, TOKYO, BERLIN, dt.UTC]),
    st.integers(min_value=0, max_value=3 * 24 * 30),
)
def test_elapsed_business_days_never_shrink(sent: dt.datetime, zone: dt.tzinfo, hours: int) -> None:
    later = sent + dt.timedelta(hours=hours)
    a = business_days_between(sent, later, zone)
    b = business_days_between(sent, later + dt.timedelta(hours=5), zone)
    assert 0 <= a <= b
