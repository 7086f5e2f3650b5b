"""A date-only --due is 09:00 local that day, so its reminder fires that morning (not at
midnight, which would remind the evening before)."""

from __future__ import annotations

import datetime as dt

import pytest
from cli_support import InProcess

from networkdesk.domain.timeutil import DATE_ONLY_DUE_TIME, is_date_only, local_zone, parse_due


def test_date_only_due_is_nine_in_the_morning_local() -> None:
    due = parse_due("2026-05-02")
    local = due.astimezone(local_zone())
    assert local.date() == dt.date(2026, 5, 2)
    assert local.time() == DATE_ONLY_DUE_TIME
    assert parse_due("2026-05-02T17:30").astimezone(local_zone()).hour == 17


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-05-02", True), ("2026-05-02T00:00", False), ("2026-05-02 10:00", False), ("x", False)],
)
def test_is_date_only(text: str, expected: bool) -> None:
    assert is_date_only(text) is expected


def test_followup_add_and_edit_with_a_date_only(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana")
    fid = cli.ok("followup", "add", "1", "--due", "2026-05-02").out.strip()
    (fu,) = cli.ok("followup", "list", "--json").json()
    due = dt.datetime.fromisoformat(fu["due"]).astimezone(local_zone())
    assert (due.date(), due.time()) == (dt.date(2026, 5, 2), dt.time(9, 0))
    reminder = due - dt.timedelta(minutes=fu["remind_minutes"])
    assert reminder.date() == dt.date(2026, 5, 2)  # the same day, in the morning
    cli.ok("followup", "edit", fid, "--due", "2026-05-04")
    (fu,) = cli.ok("followup", "list", "--json").json()
    due = dt.datetime.fromisoformat(fu["due"]).astimezone(local_zone())
    assert (due.date(), due.time()) == (dt.date(2026, 5, 4), dt.time(9, 0))
