"""The commands beyond the issue's contract (company/referral edit and delete, follow-up reopen,
settings, contact filters and text output), in-process."""

from __future__ import annotations

from cli_support import InProcess, dump


def test_company_list_edit_delete(cli: InProcess) -> None:
    acme = int(cli.ok("company", "add", "Acme", "--target", "--priority", "2").out)
    cli.ok("company", "add", "Globex")
    cli.ok("contact", "add", "Ana", "--company", "acme", "--ring", "0")
    cli.ok("contact", "add", "Bo", "--company", "ACME")
    listed = cli.ok("company", "list", "--json").json()
    assert [c["name"] for c in listed] == ["Acme", "Globex"]
    assert listed[0] | {"rings": {"0": 1, "inbox": 1}, "contacts": 2, "target": True} == listed[0]
    assert [c["name"] for c in cli.ok("company", "list", "--targets", "--json").json()] == ["Acme"]
    cli.ok("company", "edit", str(acme), "--name", "Acme Corp", "--no-target", "--mission", "m")
    edited = cli.ok("company", "list", "--json").json()
    assert {(c["name"], c["target"]) for c in edited} == {("Acme Corp", False), ("Globex", False)}
    found = cli.ok("contact", "list", "--search", "corp", "--json").json()
    assert sorted(c["name"] for c in found) == ["Ana", "Bo"]
    before = dump(cli.db_path)
    result = cli("company", "edit", str(acme), "--name", "globex")
    assert result.code == 1
    assert "exists already" in result.err
    assert dump(cli.db_path) == before
    cli.ok("company", "delete", str(acme))
    assert [c["company"] for c in cli.ok("contact", "list", "--json").json()] == [None, None]


def test_referral_edit_delete_and_followup_reopen(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana")
    cli.ok("contact", "add", "Bo")
    meeting = cli.ok("meeting", "add", "1", "--at", "2026-05-01T10:00").out.strip()
    rid = cli.ok("referral", "add", "1", "2", "--meeting", meeting).out.strip()
    cli.ok("referral", "edit", rid, "--status", "introduced", "--note", "by e-mail")
    (ref,) = cli.ok("referral", "list", "--contact", "2", "--json").json()
    assert (ref["status"], ref["note"], ref["meeting_id"]) == ("introduced", "by e-mail", 1)
    table = cli.ok("referral", "list").out.splitlines()
    assert table[1].split()[:4] == [rid, "Ana", "Bo", "introduced"]
    cli.ok("referral", "delete", rid)
    assert cli.ok("referral", "list", "--json").json() == []

    fid = cli.ok("followup", "add", "1", "--due", "2026-05-02T09:00").out.strip()
    cli.ok("followup", "done", fid)
    cli.ok("followup", "reopen", fid)
    (fu,) = cli.ok("followup", "list", "--open", "--json").json()
    assert fu["done"] is False
    assert fu["sequence"] == 2
    assert fu["title"] == "Follow up"
    assert fu["remind_minutes"] == 15


def test_settings(cli: InProcess) -> None:
    assert cli.ok("settings", "show").json()["default_reminder_minutes"] == 15
    cli.ok("settings", "set", "default_reminder_minutes", "45")
    cli.ok("contact", "add", "Ana")
    cli.ok("followup", "add", "1", "--due", "2026-05-02T09:00")
    assert cli.ok("followup", "list", "--json").json()[0]["remind_minutes"] == 45
    cli.ok("settings", "set", "ring_names", '["Core","Near","Mid","Far"]')
    assert cli.ok("settings", "show").json()["ring_names"] == ["Core", "Near", "Mid", "Far"]
    for value, message in (("abc", "not JSON"), ("-3", "whole number"), ('"x"', "whole number")):
        result = cli("settings", "set", "practice_threshold", value)
        assert result.code == 1
        assert message in result.err
    assert cli("settings", "set", "nope", "1").code == 2  # not one of the choices: usage


def test_contact_filters_and_text_output(cli: InProcess) -> None:
    cli.ok("company", "add", "Acme", "--target")
    cli.ok("contact", "add", "Ana", "--company", "Acme", "--stage", "met", "--tag", "Climate")
    cli.ok("contact", "add", "Bo", "--stage", "dormant", "--email", "bo@x.example")

    def names(*args: str) -> list[str]:
        return [c["name"] for c in cli.ok("contact", "list", *args, "--json").json()]

    assert names("--stage", "met") == ["Ana"]
    assert names("--tag", "climate") == ["Ana"]
    assert names("--targets") == ["Ana"]
    assert names("--search", "bo@x") == ["Bo"]
    cli.ok("contact", "edit", "2", "--email", "new@x.example", "--tag", "a", "--tag", "b")
    shown = cli.ok("contact", "show", "2", "--json").json()
    assert shown["emails"] == ["new@x.example"]
    assert shown["tags"] == ["a", "b"]
    cli.ok("meeting", "add", "1", "--at", "2026-05-01T10:00")
    text = cli.ok("contact", "show", "1").out
    assert "Ana  (id 1)" in text
    assert "Company: Acme" in text
    assert "Meeting 1: 2026-05-01T10:00:00+02:00 (30 min, meeting)" in text
    # Control characters in user text never reach the terminal raw.
    cli.ok("contact", "edit", "1", "--title", "CTO\x1b[31m")
    assert "\x1b" not in cli.ok("contact", "show", "1").out
    assert "\x1b" not in cli.ok("contact", "list").out
