"""`edit --if-version N`: the write happens only while the row is still at version N; otherwise
exit 1 with a clear message and nothing written. `contact show --json` prints the version."""

from __future__ import annotations

from cli_support import InProcess, dump


def test_contact_edit_if_version(cli: InProcess) -> None:
    ada = cli.ok("contact", "add", "Ada").out.strip()
    assert cli.ok("contact", "show", ada, "--json").json()["version"] == 1
    cli.ok("contact", "edit", ada, "--notes", "mine", "--if-version", "1")
    assert cli.ok("contact", "show", ada, "--json").json()["version"] == 2
    # Someone else's edit in between: version 2 is gone.
    cli.ok("contact", "edit", ada, "--title", "Lead")
    before = dump(cli.db_path)
    stale = cli("contact", "edit", ada, "--notes", "late", "--if-version", "2")
    assert stale.code == 1
    assert "contact 1 was changed elsewhere since version 2 was read" in stale.err
    assert "now version 3" in stale.err
    assert "nothing was written" in stale.err
    assert dump(cli.db_path) == before
    shown = cli.ok("contact", "show", ada, "--json").json()
    assert (shown["notes"], shown["version"]) == ("mine", 3)


def test_meeting_company_and_followup_edits_check_too(cli: InProcess) -> None:
    ada = cli.ok("contact", "add", "Ada").out.strip()
    meeting = cli.ok("meeting", "add", ada, "--at", "2026-03-02T10:00").out.strip()
    cli.ok("meeting", "edit", meeting, "--notes", "a", "--if-version", "1")
    assert cli("meeting", "edit", meeting, "--notes", "b", "--if-version", "1").code == 1
    company = cli.ok("company", "add", "Acme").out.strip()
    assert cli("company", "edit", company, "--mission", "m", "--if-version", "7").code == 1
    cli.ok("company", "edit", company, "--mission", "m", "--if-version", "1")
    followup = cli.ok("followup", "add", ada, "--due", "2026-03-09T09:00").out.strip()
    assert cli("followup", "edit", followup, "--notes", "n", "--if-version", "2").code == 1


def test_referral_edit_if_version(cli: InProcess) -> None:
    ada = cli.ok("contact", "add", "Ada").out.strip()
    bo = cli.ok("contact", "add", "Bo").out.strip()
    referral = cli.ok("referral", "add", ada, bo).out.strip()
    (listed,) = cli.ok("referral", "list", "--json").json()
    assert listed["version"] == 1
    cli.ok("referral", "edit", referral, "--note", "mine", "--if-version", "1")
    assert cli.ok("referral", "list", "--json").json()[0]["version"] == 2
    cli.ok("referral", "edit", referral, "--status", "introduced")  # someone else's edit
    before = dump(cli.db_path)
    stale = cli("referral", "edit", referral, "--note", "late", "--if-version", "2")
    assert stale.code == 1
    assert "referral 1 was changed elsewhere since version 2 was read" in stale.err
    assert "now version 3" in stale.err
    assert "nothing was written" in stale.err
    assert dump(cli.db_path) == before
    (shown,) = cli.ok("referral", "list", "--json").json()
    assert (shown["note"], shown["status"], shown["version"]) == ("mine", "introduced", 3)


def test_interaction_edit_if_version(cli: InProcess) -> None:
    ada = cli.ok("contact", "add", "Ada").out.strip()
    touch = cli.ok("interaction", "add", ada, "--kind", "email", "--direction", "out").out.strip()
    assert cli.ok("interaction", "list", "--json").json()[0]["version"] == 1
    cli.ok("interaction", "edit", touch, "--note", "mine", "--if-version", "1")
    assert cli.ok("contact", "show", ada, "--json").json()["interactions"][0]["version"] == 2
    cli.ok("interaction", "edit", touch, "--kind", "call")  # someone else's edit
    before = dump(cli.db_path)
    stale = cli("interaction", "edit", touch, "--note", "late", "--if-version", "2")
    assert stale.code == 1
    assert "interaction 1 was changed elsewhere since version 2 was read" in stale.err
    assert "now version 3" in stale.err
    assert "nothing was written" in stale.err
    assert dump(cli.db_path) == before
    (shown,) = cli.ok("interaction", "list", "--json").json()
    assert (shown["note"], shown["kind"], shown["version"]) == ("mine", "call", 3)
    # A row that is gone says so, rather than that it changed.
    cli.ok("interaction", "delete", touch)
    gone = cli("interaction", "edit", touch, "--note", "x", "--if-version", "3")
    assert gone.code == 1
    assert "no interaction 1" in gone.err


def test_every_list_prints_the_version_its_edit_checks(cli: InProcess) -> None:
    ada = cli.ok("contact", "add", "Ada").out.strip()
    cli.ok("meeting", "add", ada, "--at", "2026-03-02T10:00")
    cli.ok("company", "add", "Acme")
    cli.ok("followup", "add", ada, "--due", "2026-03-09T09:00")
    for command in ("meeting", "company", "followup"):
        assert [row["version"] for row in cli.ok(command, "list", "--json").json()] == [1]
