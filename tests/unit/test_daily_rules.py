"""Keep-in-touch per ring, stage rules, readiness before the star."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networkdesk.domain.enums import Stage
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.keep_in_touch import (
    DEFAULT_INTERVALS,
    Interval,
    default_setting,
    intervals_from_setting,
    keep_in_touch,
)
from networkdesk.domain.readiness import preparation_progress, readiness
from networkdesk.domain.stages import PIPELINE, StageEvent, stage_after, stage_after_logged_meeting

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_default_intervals_per_ring() -> None:
    assert default_setting() == [[14, 21], [30, 45], [60, 90], [90, 180]]
    assert intervals_from_setting(default_setting()) == DEFAULT_INTERVALS


@pytest.mark.parametrize(
    ("ring", "ideal", "maximum"), [(0, 14, 21), (1, 30, 45), (2, 60, 90), (3, 90, 180)]
)
def test_due_after_the_ideal_overdue_after_the_maximum(ring: int, ideal: int, maximum: int) -> None:
    days = dt.timedelta(days=1)
    assert keep_in_touch(ring, T0, T0 + (ideal - 1) * days) is None
    due = keep_in_touch(ring, T0, T0 + ideal * days)
    assert due is not None
    assert not due.overdue
    assert due.due == T0 + ideal * days
    assert due.ring == ring
    assert due.last_touch == T0
    late = keep_in_touch(ring, T0, T0 + maximum * days)
    assert late is not None
    assert late.overdue


def test_no_reminder_without_a_ring_or_a_touch() -> None:
    later = T0 + dt.timedelta(days=400)
    assert keep_in_touch(None, T0, later) is None
    assert keep_in_touch(0, None, later) is None


def test_custom_intervals() -> None:
    custom = {0: Interval(1, 2), 1: Interval(1, 2), 2: Interval(1, 2), 3: Interval(1, 2)}
    assert keep_in_touch(3, T0, T0 + dt.timedelta(days=1), custom) is not None


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        [[14, 21]] * 3,
        [[14, 21]] * 3 + [[30, 20]],
        [[0, 1]] * 4,
        [[1, True]] * 4,
        [["1", 2]] * 4,
        [[1, 2, 3]] * 4,
        [[1, 99999]] * 4,
    ],
)
def test_bad_settings_are_refused(value: object) -> None:
    with pytest.raises(ValidationError, match="keep_in_touch_days"):
        intervals_from_setting(value)


@given(
    st.sampled_from([0, 1, 2, 3]),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)
def test_reminder_only_grows_more_urgent(ring: int, a: int, b: int) -> None:
    first, second = sorted((a, b))
    rank = {None: 0, False: 1, True: 2}

    def urgency(days: int) -> int:
        found = keep_in_touch(ring, T0, T0 + dt.timedelta(days=days))
        return rank[None if found is None else found.overdue]

    assert urgency(first) <= urgency(second)


def test_outreach_moves_identified_to_contacted_only() -> None:
    assert stage_after(Stage.IDENTIFIED, StageEvent.OUTREACH) is Stage.CONTACTED
    for stage in PIPELINE[1:]:
        assert stage_after(stage, StageEvent.OUTREACH) is stage


def test_scheduling_moves_identified_and_contacted() -> None:
    for stage in (Stage.IDENTIFIED, Stage.CONTACTED):
        assert stage_after(stage, StageEvent.MEETING_SCHEDULED) is Stage.MEETING_SCHEDULED
    for stage in (Stage.MET, Stage.FOLLOWING_UP, Stage.REFERRED_ON):
        assert stage_after(stage, StageEvent.MEETING_SCHEDULED) is stage


def test_logged_meeting_moves_to_met_or_referred_on() -> None:
    assert stage_after_logged_meeting(Stage.CONTACTED, with_referrals=False) is Stage.MET
    assert stage_after_logged_meeting(Stage.MEETING_SCHEDULED, with_referrals=True) is (
        Stage.REFERRED_ON
    )
    # Never backwards on its own.
    assert stage_after_logged_meeting(Stage.REFERRED_ON, with_referrals=False) is (
        Stage.REFERRED_ON
    )
    assert stage_after_logged_meeting(Stage.FOLLOWING_UP, with_referrals=False) is (
        Stage.FOLLOWING_UP
    )


def test_dormant_contacts_come_back_with_new_activity() -> None:
    assert stage_after(Stage.DORMANT, StageEvent.OUTREACH) is Stage.CONTACTED
    assert stage_after_logged_meeting(Stage.DORMANT, with_referrals=False) is Stage.MET


@given(st.sampled_from(list(Stage)), st.sampled_from(list(StageEvent)))
def test_stages_never_go_backwards(stage: Stage, event: StageEvent) -> None:
    after = stage_after(stage, event)
    if stage is not Stage.DORMANT:
        assert PIPELINE.index(after) >= PIPELINE.index(stage)
    assert stage_after(after, event) is after  # applying it again changes nothing


def test_readiness_before_the_star() -> None:
    ready = readiness(3, 3, "Make maps for everyone", ["What surprised you?"])
    assert ready.ready
    assert ready.missing() == []
    not_yet = readiness(1, 3, "  ", [" "])
    assert not not_yet.ready
    assert not_yet.missing() == [
        "practice meetings: 1 of 3 held",
        "write down the company's mission",
        "choose questions for the meeting",
    ]


def test_preparation_progress_counts_the_standard_checklist() -> None:
    assert preparation_progress(None) == (0, 4)
    assert preparation_progress({"mission_researched": True, "questions_prepared": False}) == (1, 4)
    assert preparation_progress({"mission_researched": True, "own": True}) == (2, 5)
