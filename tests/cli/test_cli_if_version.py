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
