"""`path`, `funnel` and the "met" of `company list --json`, end to end. Meetings held are in
2025 (before now), the booked one in 2099 (not held yet). Times are Europe/Berlin."""

from __future__ import annotations

from cli_support import InProcess

STEP_KEYS = {"identified", "contacted", "met", "referred_on"}


def build(cli: InProcess) -> None:
    """Ana (met, outer) referred the user to Ben (inner, Globex); Cy is Ben's colleague in the
    bull's-eye; Dee at Initech knows nobody the user met; Eve and Fay are Dee's colleagues."""
    cli.ok("company", "add", "Globex", "--target", "--priority", "1")
    cli.ok("company", "add", "Initech", "--target")
    cli.ok("contact", "add", "Ana Costa", "--ring", "3")  # 1
    cli.ok("contact", "add", "Ben Ito", "--company", "Globex", "--ring", "1")  # 2
    cli.ok("contact", "add", "Cy Lee", "--company", "Globex", "--ring", "0")  # 3
    cli.ok("contact", "add", "Dee Moss", "--company", "Initech", "--ring", "0")  # 4
    cli.ok("contact", "add", "Eve Park", "--company", "Initech", "--ring", "1")  # 5
    cli.ok("contact", "add", "Fay Quinn", "--company", "Initech", "--ring", "3")  # 6
    cli.ok("meeting", "add", "1", "--at", "2025-11-03T10:00")
    cli.ok("meeting", "add", "2", "--at", "2099-01-05T10:00")  # booked, not held
    cli.ok("referral", "add", "1", "2")


def test_path_json_from_the_met_contact(cli: InProcess) -> None:
    build(cli)
    assert cli.ok("path", "3", "--json").json() == {
        "contact_id": 3,
        "path": [1, 2, 3],
        "links": ["referral", "colleague"],
    }
    assert cli.ok("path", "1", "--json").json() == {"contact_id": 1, "path": [1], "links": []}


def test_path_in_words(cli: InProcess) -> None:
    build(cli)
    lines = cli.ok("path", "3").out.splitlines()
    assert lines[1] == (
        "  1. Ask Ana Costa — met 3 Nov 2025 — to introduce you to Ben Ito at Globex "
        "(Ana Costa referred you to Ben Ito)"
    )
    assert lines[2] == (
        "  2. Then ask Ben Ito to introduce you to Cy Lee at Globex (colleagues at Globex)"
    )


def test_no_path_says_so_and_suggests_outer_rings_first(cli: InProcess) -> None:
    build(cli)
    assert cli.ok("path", "4", "--json").json() == {"contact_id": 4, "path": [], "links": []}
    out = cli.ok("path", "4").out.splitlines()
    assert out[0].startswith("No warm path to Dee Moss")
    assert out[1:] == ["  - Fay Quinn (#6, Outer)", "  - Eve Park (#5, Inner)"]


def test_unknown_contact_is_one_line_and_exit_1(cli: InProcess) -> None:
    build(cli)
    result = cli("path", "99")
    assert result.code == 1
    assert result.err_lines == ["networkdesk: error: no contact with id 99"]
    assert result.out == ""


def test_funnel_json(cli: InProcess) -> None:
    build(cli)
    data = cli.ok("funnel", "--json").json()
    assert set(data) == {"overall", "by_ring", "by_source"}
    # Ana: met and referred on; Ben: a meeting booked (contacted); the rest identified.
    assert data["overall"] == {"identified": 6, "contacted": 2, "met": 1, "referred_on": 1}
    assert set(data["by_ring"]) == {"0", "1", "2", "3"}
    assert data["by_ring"]["3"] == {"identified": 2, "contacted": 1, "met": 1, "referred_on": 1}
    assert data["by_ring"]["2"] == dict.fromkeys(STEP_KEYS, 0)
    # Ben was referred to the user: his source is "referral"; the others were added by hand.
    assert data["by_source"] == {
        "manual": {"identified": 5, "contacted": 1, "met": 1, "referred_on": 1},
        "referral": {"identified": 1, "contacted": 1, "met": 0, "referred_on": 0},
    }
    text = cli.ok("funnel").out
    for expected in ("REFERRED ON", "Overall", "Source: referral"):
        assert expected in text


def test_company_list_has_met_beside_rings(cli: InProcess) -> None:
    build(cli)
    cli.ok("contact", "add", "Gil Roy", "--company", "Globex", "--ring", "3")  # 7
    cli.ok("meeting", "add", "7", "--at", "2025-10-01T09:00")
    cli.ok("meeting", "add", "7", "--at", "2025-10-08T09:00")  # twice met is one contact met
    listed = {c["name"]: c for c in cli.ok("company", "list", "--json").json()}
    assert listed["Globex"]["rings"] == {"0": 1, "1": 1, "3": 1}
    assert listed["Globex"]["met"] == {"0": 0, "1": 0, "3": 1}
    assert listed["Initech"]["met"] == {"0": 0, "1": 0, "3": 0}
