"""Contacts an import creates get the same kind of UID as new_contact_uid gives (issue 13: the
import draws them from one os.urandom call per block instead of one uuid4() per row)."""

from __future__ import annotations

import sys
import uuid

import pytest

from networkdesk.cli.common import print_line, print_lines
from networkdesk.domain.models import new_contact_uid
from networkdesk.services.importing import (
    DUPLICATE,
    NEW,
    SKIPPED,
    UPDATE,
    ImportPlan,
    PlannedRow,
)
from networkdesk.services.importing.writer import fresh_contact_uids


def test_fresh_uids_are_random_version_4_urns() -> None:
    uids = fresh_contact_uids(block=7)  # a small block: the refill is exercised
    drawn = [next(uids) for _ in range(50)]
    assert len(set(drawn)) == 50
    for uid in drawn:
        assert uid.startswith("urn:uuid:")
        parsed = uuid.UUID(uid.removeprefix("urn:uuid:"))
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == uid.removeprefix("urn:uuid:")
    assert len(drawn[0]) == len(new_contact_uid())


def test_fresh_uids_keep_every_random_digit() -> None:
    # Only the version digit and the variant's top two bits are fixed: every other hex digit
    # (and the variant digit's low two bits) still varies.
    uids = fresh_contact_uids(block=64)
    digits = [next(uids).removeprefix("urn:uuid:").replace("-", "") for _ in range(600)]
    for position in range(32):
        seen = {d[position] for d in digits}
        if position == 12:
            assert seen == {"4"}
        elif position == 16:
            assert seen == set("89ab")
        else:
            assert len(seen) > 8, position


def test_print_line_keeps_plain_text_and_replaces_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_line("Zoë Muñoz\tline 3")
    print_line("bell\x07 escape\x1b[2J")
    out = capsys.readouterr().out
    assert out == "Zoë Muñoz\tline 3\nbell� escape�[2J\n"


def test_print_lines_is_print_line_of_each_written_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["Zoë Muñoz\tline 3", "bell\x07 escape\x1b[2J", ""]
    for line in lines:
        print_line(line)
    one_by_one = capsys.readouterr().out
    writes: list[str] = []
    monkeypatch.setattr(sys.stdout, "write", writes.append)
    print_lines(lines)
    print_lines([])
    assert writes == [one_by_one]


def test_plan_counts_and_summary() -> None:
    rows = [PlannedRow(action, f"line {n}", "A") for n, action in enumerate(ACTIONS, start=2)]
    rows[3].unchanged = True  # the second update: a contact that already has it all
    plan = ImportPlan(source="linkedin", path="x.csv", ring=None, rows=rows)
    assert (plan.created, plan.updated, plan.unchanged, plan.skipped) == (4, 1, 1, 1)
    assert plan.count(DUPLICATE, SKIPPED) == 2
    assert plan.summary() == (
        "created 4, updated 1, unchanged 1, skipped 1; 1 possible duplicate to review"
    )
    assert ImportPlan("linkedin", "x.csv", None, rows[:1]).summary() == (
        "created 1, updated 0, skipped 0"
    )


ACTIONS = [NEW, NEW, UPDATE, UPDATE, DUPLICATE, SKIPPED, NEW]
