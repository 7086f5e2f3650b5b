"""domain: text folding, time parsing (naive = local, DST), ring and enum parsing, validation."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from networkdesk.domain.enums import (
    MeetingKind,
    ReferralStatus,
    Ring,
    Stage,
    parse_enum,
    parse_ring,
)
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.text import fold, initials, search_key
from networkdesk.domain.timeutil import (
    iso_local,
    local_day_bounds,
    local_zone_name,
    parse_date,
    parse_datetime,
)
from networkdesk.services.validation import (
    check_minutes,
    clean_email,
    clean_phone,
    clean_url,
    linkedin_key,
    require_name,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_tests_run_in_berlin() -> None:
    # conftest sets TZ; every "local time" expectation below depends on it.
    assert local_zone_name() == "Europe/Berlin"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("MÜLLER", "muller"),
        ("Müller", "muller"),
        ("  Société   Générale ", "societe generale"),
        ("Straße", "strasse"),
        ("ﬁnance", "finance"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text: str | None, folded: str) -> None:
    assert fold(text) == folded


def test_search_key_separates_fields() -> None:
    key = search_key(["Ana", None, "Data", ""])
    assert key == "ana\x1fdata"
    assert "anadata" not in key


def test_initials() -> None:
    assert initials("Jean-Luc Picard") == "JP"
    assert initials("Zoë") == "ZO"
    assert initials("  ") == "?"


def test_parse_datetime_naive_is_local_time_with_dst() -> None:
    winter = parse_datetime("2026-01-15T09:30")
    summer = parse_datetime("2026-07-15T09:30")
    assert winter == dt.datetime(2026, 1, 15, 8, 30, tzinfo=dt.UTC)  # CET, +01:00
    assert summer == dt.datetime(2026, 7, 15, 7, 30, tzinfo=dt.UTC)  # CEST, +02:00
    assert winter.tzinfo is dt.UTC


def test_parse_datetime_with_offset_and_z() -> None:
    assert parse_datetime("2026-01-15T09:30+05:30") == dt.datetime(2026, 1, 15, 4, 0, tzinfo=dt.UTC)
    assert parse_datetime("2026-01-15T09:30Z") == dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)
    assert parse_datetime("2026-01-15") == dt.datetime(2026, 1, 14, 23, 0, tzinfo=dt.UTC)


def test_parse_datetime_repeated_and_missing_hours() -> None:
    # 2026-10-25 02:30 happens twice in Berlin: the first (summer time) is taken.
    assert parse_datetime("2026-10-25T02:30") == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    # 2026-03-29 02:30 does not exist: read with the offset before the change (+01:00).
    assert parse_datetime("2026-03-29T02:30") == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["", "  ", "tomorrow", "2026-13-01T10:00", "2026-02-30"])
def test_parse_datetime_refuses_garbage(text: str) -> None:
    with pytest.raises(ValidationError, match="ISO 8601"):
        parse_datetime(text)


def test_parse_date() -> None:
    assert parse_date("2026-03-14") == dt.date(2026, 3, 14)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_date("14.03.2026")


def test_iso_local_shows_the_offset() -> None:
    assert iso_local(dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)) == "2026-07-01T14:00:00+02:00"
    assert iso_local(dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)) == "2026-01-01T13:00:00+01:00"
    assert iso_local(None) is None


def test_local_day_bounds_on_dst_days() -> None:
    start, end = local_day_bounds(dt.date(2026, 3, 29))
    assert end - start == dt.timedelta(hours=23)
    start, end = local_day_bounds(dt.date(2026, 10, 25))
    assert end - start == dt.timedelta(hours=25)
    assert start == dt.datetime(2026, 10, 24, 22, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "ring"),
    [
        ("0", Ring.BULLSEYE),
        ("bullseye", Ring.BULLSEYE),
        ("Bull's-eye", Ring.BULLSEYE),
        ("1", Ring.INNER),
        ("INNER", Ring.INNER),
        ("middle", Ring.MIDDLE),
        (" outer ", Ring.OUTER),
        (3, Ring.OUTER),
    ],
)
def test_parse_ring(text: str | int, ring: Ring) -> None:
    assert parse_ring(text) is ring


def test_parse_ring_inbox_and_errors() -> None:
    assert parse_ring("inbox", allow_inbox=True) is None
    for bad in ("inbox", "4", "-1", "centre", 7):
        with pytest.raises(ValidationError, match="ring"):
            parse_ring(bad)


def test_parse_enum_accepts_spaces_and_dashes() -> None:
    assert parse_enum(ReferralStatus, "Intro requested", "status") is ReferralStatus.INTRO_REQUESTED
    assert parse_enum(Stage, "meeting-scheduled", "stage") is Stage.MEETING_SCHEDULED
    assert parse_enum(MeetingKind, "INTERVIEW", "kind") is MeetingKind.INTERVIEW
    with pytest.raises(ValidationError, match=r"suggested\|intro_requested"):
        parse_enum(ReferralStatus, "maybe", "referral status")


def test_enum_values_are_snake_case() -> None:
    for enum_type in (Stage, MeetingKind, ReferralStatus):
        for member in enum_type:
            assert member.value == member.value.lower()
            assert " " not in member.value
            assert "-" not in member.value


def test_validation_helpers() -> None:
    assert require_name("  a   b ", "name") == "a b"
    assert clean_email(" mailto:a@b.example ") == "a@b.example"
    assert clean_email("") is None
    assert clean_phone("tel:+1 (555) 0100 ext 2") == "+1 (555) 0100 ext 2"
    assert clean_url("example.com/x") == "https://example.com/x"
    assert linkedin_key("https://uk.linkedin.com/in/Ana-X/") == "linkedin.com/in/ana-x"
    assert linkedin_key("http://m.linkedin.com/in/a") == "linkedin.com/in/a"
    assert check_minutes(0, "reminder", allow_zero=True) == 0
    for bad_call in (
        lambda: clean_email("a@b"),
        lambda: clean_phone("555-CALL-NOW"),
        lambda: clean_phone("++"),
        lambda: clean_url("ftp://example.com"),
        lambda: clean_url("http://a b.example"),
        lambda: check_minutes(0, "length"),
        lambda: check_minutes(60 * 24 * 367, "length"),
    ):
        with pytest.raises(ValidationError):
            bad_call()
