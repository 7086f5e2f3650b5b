"""The daily-loop commands end to end: interaction, today, outreach check, and what contact
show/list gained. Times are Europe/Berlin (tests/cli/conftest.py)."""

from __future__ import annotations

import io
import json

import pytest
from cli_support import InProcess, dump

AT = "2026-03-12T09:00+01:00"  # a Thursday

TOP_KEYS = {
    "at",
    "practice",
    "meetings_upcoming",
    "meetings_to_log",
    "thank_yous_due",
    "followups_due",
    "outreach",
    "keep_in_touch",
}
ITEM_KEYS = {
    "meetings_upcoming": {"meeting_id", "contact_id", "at", "prep_done", "prep_total"},
    "meetings_to_log": {"meeting_id", "contact_id", "at"},
    "thank_yous_due": {"meeting_id", "contact_id", "due"},
    "followups_due": {"followup_id", "contact_id", "due", "overdue"},
    "outreach": {"contact_id", "sent_at", "business_days", "suggest", "candidates"},
    "keep_in_touch": {"contact_id", "ring", "last_touch", "due", "overdue"},
}


def test_interaction_add_list_edit_delete(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana")
    out = cli.ok(
        "interaction",
        "add",
        "1",
        "--kind",
        "email",
        "--direction",
        "out",
        "--at",
        "2026-03-02T10:00",
        "--note",
        "First note",
    ).out
    assert out == "1\n"
    cli.ok("interaction", "add", "1", "--kind", "call", "--direction", "in")
    listed = cli.ok("interaction", "list", "--contact", "1", "--json").json()
    assert listed[0] == {
        "id": 1,
        "contact_id": 1,
        "kind": "email",
        "direction": "out",
        "at": "2026-03-02T10:00:00+01:00",
        "note": "First note",
        "version": 1,
    }
    assert [i["id"] for i in listed] == [1, 2]
    # An outreach moved the contact from identified to contacted.
    assert cli.ok("contact", "show", "1", "--json").json()["stage"] == "contacted"
    cli.ok("interaction", "edit", "1", "--kind", "in_person", "--at", "2026-03-03T12:00+01:00")
    edited = cli.ok("interaction", "list", "--json").json()[0]
    assert (edited["kind"], edited["at"]) == ("in_person", "2026-03-03T12:00:00+01:00")
    assert "Ana" in cli.ok("interaction", "list").out
    cli.ok("interaction", "delete", "1")
    assert [i["id"] for i in cli.ok("interaction", "list", "--json").json()] == [2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("interaction", "add", "9", "--kind", "email", "--direction", "out"), "no contact"),
        (("interaction", "add", "1", "--kind", "fax", "--direction", "out"), "interaction kind"),
        (("interaction", "add", "1", "--kind", "email", "--direction", "up"), "direction"),
        (
            ("interaction", "add", "1", "--kind", "email", "--direction", "in", "--at", "13/3"),
            "bad time",
        ),
        (("interaction", "edit", "7", "--note", "x"), "no interaction with id 7"),
        (("interaction", "edit", "1", "--kind", "telegram"), "interaction kind"),
        (("interaction", "delete", "7"), "no interaction with id 7"),
        (("interaction", "list", "--contact", "9"), "no contact"),
        (("today", "--at", "tomorrow"), "bad time"),
        (("contact", "list", "--responsiveness", "grumpy"), "unknown responsiveness"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    cli: InProcess, args: tuple[str, ...], message: str
) -> None:
    cli.ok("contact", "add", "Ana")
    cli.ok("interaction", "add", "1", "--kind", "email", "--direction", "in")
    before = dump(cli.db_path)
    result = cli(*args)
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert message in result.err
    assert result.out == ""
    assert dump(cli.db_path) == before


def build_day(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana", "--company", "Acme", "--ring", "outer")  # 1
    cli.ok("contact", "add", "Bo", "--company", "Acme", "--ring", "middle")  # 2
    cli.ok("contact", "add", "Cy", "--ring", "bullseye")  # 3
    cli.ok("contact", "add", "Dee", "--ring", "inner")  # 4
    cli.ok("contact", "add", "Eve", "--ring", "outer")  # 5
    cli.ok("contact", "add", "Fay", "--ring", "bullseye")  # 6
    # Ana written to on Monday: 3 business days by Thursday -> try Bo at Acme.
    cli.ok(
        "interaction",
        "add",
        "1",
        "--kind",
        "email",
        "--direction",
        "out",
        "--at",
        "2026-03-09T10:00",
    )
    # Eve written to weeks ago: follow up once.
    cli.ok(
        "interaction",
        "add",
        "5",
        "--kind",
        "message",
        "--direction",
        "out",
        "--at",
        "2026-02-23T10:00",
    )
    cli.ok("meeting", "add", "3", "--at", "2026-03-14T10:00")  # upcoming
    cli.ok("meeting", "add", "4", "--at", "2026-03-12T06:00")  # held, not logged
    cli.ok("followup", "add", "4", "--due", "2026-03-11T09:00")  # overdue
    cli.ok("meeting", "add", "6", "--at", "2026-02-20T10:00", "--notes", "Good talk")
    cli.ok(
        "interaction",
        "add",
        "6",
        "--kind",
        "email",
        "--direction",
        "out",
        "--at",
        "2026-02-20T18:00",
        "--note",
        "Thank you",
    )


def test_today_json_has_exactly_the_contract_keys(cli: InProcess) -> None:
    build_day(cli)
    day = cli.ok("today", "--at", AT, "--json").json()
    assert set(day) == TOP_KEYS
    assert day["at"] == "2026-03-12T09:00:00+01:00"
    # Practice counts rings at the time of the meeting; these contacts were placed only now.
    assert day["practice"] == {"held": 0, "needed": 3}
    for key, keys in ITEM_KEYS.items():
        assert day[key], key
        for item in day[key]:
            assert set(item) == keys, key
    assert day["meetings_upcoming"] == [
        {
            "meeting_id": 1,
            "contact_id": 3,
            "at": "2026-03-14T10:00:00+01:00",
            "prep_done": 0,
            "prep_total": 4,
        }
    ]
    assert day["meetings_to_log"] == [
        {"meeting_id": 2, "contact_id": 4, "at": "2026-03-12T06:00:00+01:00"}
    ]
    assert day["thank_yous_due"] == [
        {"meeting_id": 2, "contact_id": 4, "due": "2026-03-13T06:30:00+01:00"}
    ]
    assert day["followups_due"] == [
        {"followup_id": 1, "contact_id": 4, "due": "2026-03-11T09:00:00+01:00", "overdue": True}
    ]
    assert day["outreach"] == [
        {
            "contact_id": 5,
            "sent_at": "2026-02-23T10:00:00+01:00",
            "business_days": 13,
            "suggest": "follow_up_once",
            "candidates": [],
        },
        {
            "contact_id": 1,
            "sent_at": "2026-03-09T10:00:00+01:00",
            "business_days": 3,
            "suggest": "try_another_contact",
            "candidates": [2],
        },
    ]
    assert day["keep_in_touch"] == [
        {
            "contact_id": 6,
            "ring": 0,
            "last_touch": "2026-02-20T18:00:00+01:00",
            "due": "2026-03-06T18:00:00+01:00",
            "overdue": False,
        }
    ]


def test_today_is_reproducible_and_ignores_what_came_later(cli: InProcess) -> None:
    build_day(cli)
    first = cli.ok("today", "--at", AT, "--json").out
    assert cli.ok("today", "--at", AT, "--json").out == first
    # Ana replies on Friday: the Thursday view stays the same, Friday's has no outreach for her.
    cli.ok(
        "interaction",
        "add",
        "1",
        "--kind",
        "email",
        "--direction",
        "in",
        "--at",
        "2026-03-13T08:00",
    )
    assert cli.ok("today", "--at", AT, "--json").out == first
    friday = cli.ok("today", "--at", "2026-03-13T09:00", "--json").json()
    assert [o["contact_id"] for o in friday["outreach"]] == [5]


def test_today_plain_text(cli: InProcess) -> None:
    build_day(cli)
    text = cli.ok("today", "--at", AT).out
    assert "Today, 2026-03-12T09:00:00+01:00" in text
    assert "Meetings in the next 7 days: 1" in text
    assert "Thank-you notes to send: 1" in text
    assert "Ana (#1)" in text
    assert "try Bo (#2)" in text
    assert "OVERDUE" in text
    # Cy is in the bull's-eye: the upcoming meeting says what is missing before it.
    assert "before this star: practice meetings: 0 of 3 held" in text
    empty = cli.ok("today", "--at", "2020-01-01T09:00").out
    assert "Outreach: none" in empty


def test_contact_show_and_list_responsiveness(cli: InProcess) -> None:
    for name in ("Ana", "Bo", "Cy"):
        cli.ok("contact", "add", name)
    cli.ok(
        "interaction",
        "add",
        "1",
        "--kind",
        "email",
        "--direction",
        "out",
        "--at",
        "2026-03-02T10:00",
    )
    cli.ok(
        "interaction",
        "add",
        "1",
        "--kind",
        "email",
        "--direction",
        "in",
        "--at",
        "2026-03-03T10:00",
    )
    cli.ok(
        "interaction",
        "add",
        "2",
        "--kind",
        "email",
        "--direction",
        "out",
        "--at",
        "2026-03-02T10:00",
    )
    cli.ok(
        "interaction",
        "add",
        "2",
        "--kind",
        "email",
        "--direction",
        "in",
        "--at",
        "2026-03-20T10:00",
    )
    shown = cli.ok("contact", "show", "1", "--json").json()
    assert shown["responsiveness"] == "booster"
    assert shown["last_touch"] == "2026-03-03T10:00:00+01:00"
    assert [(i["direction"], i["kind"]) for i in shown["interactions"]] == [
        ("out", "email"),
        ("in", "email"),
    ]
    nobody = cli.ok("contact", "show", "3", "--json").json()
    assert (nobody["responsiveness"], nobody["last_touch"], nobody["interactions"]) == (
        None,
        None,
        [],
    )
    assert "Responsiveness: booster" in cli.ok("contact", "show", "1").out

    def names(value: str) -> list[str]:
        listed = cli.ok("contact", "list", "--responsiveness", value, "--json").json()
        return [c["name"] for c in listed]

    assert names("booster") == ["Ana"]
    assert names("obligate") == ["Bo"]
    assert names("curmudgeon") == []


def check(cli: InProcess, monkeypatch: pytest.MonkeyPatch, text: str, *args: str) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return cli.ok("outreach", "check", *args).out


def test_outreach_check(cli: InProcess, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (
        "Hi Ana,\n\nMaria suggested I write to you. Your talk on maps stayed with me.\n"
        "Could you share your advice on how your team got started?\n\nBo\n"
    )
    assert check(cli, monkeypatch, good, "--json") == "[]\n"
    assert check(cli, monkeypatch, good).startswith("ok: ")
    bad = "I am looking for a job and I need it. Do you have openings."
    assert json.loads(check(cli, monkeypatch, bad, "--json")) == [
        "mentions_jobs",
        "connection_not_in_first_sentence",
        "no_advice_question",
        "more_about_me",
    ]
    text = check(cli, monkeypatch, bad)
    assert text.splitlines()[0].startswith("mentions_jobs: ")
    assert json.loads(check(cli, monkeypatch, good, "--connection", "Chen", "--json")) == [
        "connection_not_in_first_sentence"
    ]
