"""The CLI contract end to end through the installed `networkdesk` console script."""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path

import pytest
from cli_support import CONSOLE_SCRIPT, ConsoleScript, InProcess, Result, dump

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")

CONTACT_KEYS = {
    "id",
    "name",
    "company",
    "title",
    "emails",
    "phones",
    "linkedin",
    "ring",
    "stage",
    "tags",
    "notes",
}
MEETING_KEYS = {"id", "contact_id", "at", "minutes", "kind", "notes", "uid"}
REFERRAL_KEYS = {"id", "from_id", "to_id", "status", "note"}
FOLLOWUP_KEYS = {"id", "contact_id", "title", "notes", "due", "remind_minutes", "done", "uid"}


def new_id(result: Result) -> int:
    """`... add` prints the new id alone: digits and a newline, nothing else."""
    assert result.code == 0, result.err
    assert re.fullmatch(r"[1-9][0-9]*\n", result.out), repr(result.out)
    return int(result.out)


def test_version(cli_script: ConsoleScript) -> None:
    result = cli_script.raw("--version")
    assert result.code == 0
    assert re.fullmatch(r"networkdesk \d+\.\d+\.\d+\S*\n", result.out), result.out
    from networkdesk import __version__

    assert result.out == f"networkdesk {__version__}\n"


@pytest.fixture(params=["console-script", "in-process"])
def runner(
    request: pytest.FixtureRequest, cli_script: ConsoleScript, cli: InProcess
) -> ConsoleScript | InProcess:
    """The same contract, through the real console script and through app.main()."""
    return cli_script if request.param == "console-script" else cli


def test_the_whole_contract(runner: ConsoleScript | InProcess) -> None:
    nd = runner
    ana = new_id(
        nd(
            "contact", "add", "Ana Müller", "--company", "Acme", "--title", "CTO",
            "--email", "ana@acme.example", "--email", "ana@home.example", "--phone", "+49 30 1",
            "--linkedin", "linkedin.com/in/ana", "--ring", "outer", "--tag", "Alumni",
            "--tag", "Mentor", "--notes", "Loves crème brûlée",
        )
    )  # fmt: skip
    bo = new_id(nd("contact", "add", "Bo"))
    assert nd.db_path.exists()
    assert stat.S_IMODE(nd.db_path.stat().st_mode) == 0o600

    contacts = nd.ok("contact", "list", "--json").json()
    assert isinstance(contacts, list)
    assert [c["id"] for c in contacts] == [ana, bo]
    first = contacts[0]
    assert set(first) >= CONTACT_KEYS
    assert first == first | {
        "id": ana,
        "name": "Ana Müller",
        "company": "Acme",
        "title": "CTO",
        "emails": ["ana@acme.example", "ana@home.example"],
        "phones": ["+49 30 1"],
        "linkedin": "https://linkedin.com/in/ana",
        "ring": 3,
        "stage": "identified",
        "tags": ["Alumni", "Mentor"],
        "notes": "Loves crème brûlée",
    }
    assert contacts[1]["ring"] is None
    assert contacts[1]["company"] is None
    assert contacts[1]["emails"] == []
    assert type(first["ring"]) is int

    # Filters and accent-/case-insensitive search over name, company, title, tags, notes.
    assert [c["id"] for c in nd.ok("contact", "list", "--inbox", "--json").json()] == [bo]
    assert [c["id"] for c in nd.ok("contact", "list", "--ring", "3", "--json").json()] == [ana]
    for text in ("MULLER", "acme", "cto", "alumni", "CREME"):
        found = nd.ok("contact", "list", "--search", text, "--json").json()
        assert [c["id"] for c in found] == [ana], text
    table = nd.ok("contact", "list").out.splitlines()
    assert table[0].split() == ["ID", "NAME", "COMPANY", "TITLE", "RING", "STAGE"]
    assert len(table) == 3

    shown = nd.ok("contact", "show", str(ana), "--json").json()
    assert isinstance(shown, dict)
    assert shown["id"] == ana
    assert set(shown) >= CONTACT_KEYS
    assert "Ana Müller" in nd.ok("contact", "show", str(ana)).out

    assert nd.ok("contact", "edit", str(bo), "--name", "Bo Li", "--company", "Globex").out == ""
    assert nd.ok("contact", "move", str(bo), "--ring", "inner").out == ""
    bo_row = nd.ok("contact", "show", str(bo), "--json").json()
    assert (bo_row["name"], bo_row["company"], bo_row["ring"]) == ("Bo Li", "Globex", 1)
    nd.ok("contact", "move", str(bo), "--ring", "inbox")
    assert nd.ok("contact", "show", str(bo), "--json").json()["ring"] is None

    # company add: creates, or updates the company of that name (case-insensitive).
    acme = new_id(nd("company", "add", "ACME", "--target", "--priority", "1", "--mission", "m"))
    assert new_id(nd("company", "add", "acme")) == acme
    new_id(nd("company", "add", "Initech"))

    # Meetings: an ISO time without an offset is local time (Europe/Berlin in the tests).
    meeting = new_id(
        nd("meeting", "add", str(ana), "--at", "2026-07-01T10:00", "--minutes", "45",
           "--kind", "interview", "--notes", "prep", "--location", "Café")
    )  # fmt: skip
    meetings = nd.ok("meeting", "list", "--json").json()
    assert set(meetings[0]) >= MEETING_KEYS
    assert meetings[0] == meetings[0] | {
        "id": meeting,
        "contact_id": ana,
        "at": "2026-07-01T10:00:00+02:00",
        "minutes": 45,
        "kind": "interview",
        "notes": "prep",
    }
    uid = meetings[0]["uid"]
    assert isinstance(uid, str)
    nd.ok("meeting", "edit", str(meeting), "--at", "2026-07-01T09:00Z", "--notes", "done")
    edited = nd.ok("meeting", "list", "--contact", str(ana), "--json").json()[0]
    assert edited["at"] == "2026-07-01T11:00:00+02:00"
    assert edited["uid"] == uid
    assert nd.ok("meeting", "list", "--contact", str(bo), "--json").json() == []

    referral = new_id(
        nd("referral", "add", str(ana), str(bo), "--status", "intro_requested", "--note", "n")
    )
    (ref,) = nd.ok("referral", "list", "--json").json()
    assert set(ref) >= REFERRAL_KEYS
    assert ref == ref | {
        "id": referral,
        "from_id": ana,
        "to_id": bo,
        "status": "intro_requested",
        "note": "n",
    }

    followup = new_id(
        nd("followup", "add", str(ana), "--due", "2026-01-10T09:00", "--title", "Thank-you note",
           "--remind", "30", "--notes", "x")
    )  # fmt: skip
    (fu,) = nd.ok("followup", "list", "--json").json()
    assert set(fu) >= FOLLOWUP_KEYS
    assert fu == fu | {
        "id": followup,
        "contact_id": ana,
        "title": "Thank-you note",
        "notes": "x",
        "due": "2026-01-10T09:00:00+01:00",
        "remind_minutes": 30,
        "done": False,
    }
    nd.ok("followup", "edit", str(followup), "--title", "Send article", "--remind", "0")
    nd.ok("followup", "done", str(followup))
    (fu,) = nd.ok("followup", "list", "--json").json()
    assert (fu["title"], fu["remind_minutes"], fu["done"]) == ("Send article", 0, True)
    assert fu["done"] is True
    assert nd.ok("followup", "list", "--open", "--json").json() == []
    for key in ("due",):
        assert ISO_WITH_OFFSET.match(fu[key])

    # Everything checks out; then backups.
    check = nd.ok("check")
    assert check.out.splitlines()[0] == f"{nd.db_path}: ok"
    created = Path(nd.ok("backup", "create").out.strip())
    assert created.is_file()
    assert created.parent == nd.db_path.parent / "backups"
    listed = nd.ok("backup", "list").out.splitlines()
    assert [line.split("\t")[0] for line in listed] == [str(created)]

    # Deletions.
    nd.ok("followup", "delete", str(followup))
    nd.ok("meeting", "delete", str(meeting))
    nd.ok("contact", "delete", str(bo))
    assert nd.ok("referral", "list", "--json").json() == []
    assert [c["id"] for c in nd.ok("contact", "list", "--json").json()] == [ana]

    # Restore: the data as it was at the backup, and the current state kept first.
    restored = nd.ok("backup", "restore", str(created))
    assert str(created) in restored.out
    assert [c["id"] for c in nd.ok("contact", "list", "--json").json()] == [ana, bo]
    assert len(nd.ok("backup", "list").out.splitlines()) == 2


BAD_INPUT = [
    (["contact", "show", "999"], "no contact with id 999"),
    (["contact", "edit", "999", "--name", "X"], "no contact with id 999"),
    (["contact", "move", "999", "--ring", "1"], "no contact with id 999"),
    (["contact", "delete", "999"], "no contact with id 999"),
    (["contact", "add", "Cy", "--ring", "7"], "unknown ring '7'"),
    (["contact", "add", "Cy", "--ring", "inbox"], "unknown ring"),
    (["contact", "move", "1", "--ring", "centre"], "unknown ring"),
    (["contact", "list", "--ring", "9"], "unknown ring"),
    (["contact", "add", ""], "contact name is empty"),
    (["contact", "add", "   "], "contact name is empty"),
    (["contact", "edit", "1", "--name", ""], "contact name is empty"),
    (["contact", "add", "Cy", "--email", "nope"], "bad e-mail"),
    (["contact", "add", "Cy", "--company", "NewCo", "--email", "nope"], "bad e-mail"),
    (["contact", "show", "abc"], "bad id 'abc'"),
    (["meeting", "add", "1", "--at", "next tuesday"], "bad time 'next tuesday'"),
    (["meeting", "add", "1", "--at", "2026-02-30T10:00"], "bad time"),
    (["meeting", "add", "999", "--at", "2026-03-01T10:00"], "no contact with id 999"),
    (["meeting", "add", "1", "--at", "2026-03-01T10:00", "--minutes", "0"], "greater than 0"),
    (["meeting", "add", "1", "--at", "2026-03-01T10:00", "--kind", "lunch"], "meeting kind"),
    (["meeting", "edit", "999", "--notes", "x"], "no meeting with id 999"),
    (["meeting", "delete", "999"], "no meeting with id 999"),
    (["referral", "add", "1", "1"], "themselves"),
    (["referral", "add", "1", "999"], "no contact with id 999"),
    (["referral", "add", "1", "2", "--status", "maybe"], "referral status"),
    (["followup", "add", "1", "--due", "soon"], "bad time 'soon'"),
    (["followup", "add", "999", "--due", "2026-03-01T10:00"], "no contact with id 999"),
    (["followup", "add", "1", "--due", "2026-03-01", "--remind", "-5"], "must not be negative"),
    (["followup", "done", "999"], "no follow-up with id 999"),
    (["followup", "edit", "999", "--title", "x"], "no follow-up with id 999"),
    (["followup", "delete", "999"], "no follow-up with id 999"),
    (["company", "add", ""], "company name is empty"),
    (["company", "add", "X", "--priority", "500"], "priority"),
    (["backup", "restore", "/nonexistent/backup.db"], "no backup file"),
    (["demo", "--contacts", "5", "--placed", "6"], "more than --contacts"),
]


# Through the console script: one of each kind the issue names (the rest run in-process).
CONSOLE_BAD_INPUT = [BAD_INPUT[i] for i in (0, 4, 8, 12, 14, 21, 24)]


def check_bad_input(nd: ConsoleScript | InProcess, cases: list[tuple[list[str], str]]) -> None:
    """Each bad value: one line on stderr, exit 1, the data byte-for-byte unchanged."""
    new_id(nd("contact", "add", "Ana", "--company", "Acme"))
    new_id(nd("contact", "add", "Bo"))
    before = dump(nd.db_path)
    for args, message in cases:
        result = nd(*args)
        assert result.code == 1, (args, result)
        assert result.out == "", (args, result.out)
        assert len(result.err_lines) == 1, (args, result.err)
        assert result.err.startswith("networkdesk: error: "), (args, result.err)
        assert message in result.err, (args, result.err)
        assert "Traceback" not in result.err
        assert dump(nd.db_path) == before, args


def test_bad_input_through_the_console_script(cli_script: ConsoleScript) -> None:
    check_bad_input(cli_script, CONSOLE_BAD_INPUT)


def test_bad_input_in_process(cli: InProcess) -> None:
    check_bad_input(cli, BAD_INPUT)


USAGE_ERRORS = [
    ["frobnicate"],
    ["contact"],
    ["contact", "add"],
    ["contact", "add", "X", "--bogus"],
    ["contact", "move", "1"],
    ["contact", "list", "--ring", "1", "--inbox"],
    ["meeting", "add", "1"],
    ["followup", "add", "1"],
    ["backup", "restore"],
    ["--db"],
]


def check_usage_errors(nd: ConsoleScript | InProcess, cases: list[list[str]]) -> None:
    new_id(nd("contact", "add", "Ana"))
    before = dump(nd.db_path)
    for args in cases:
        result = nd.raw(*args) if args == ["--db"] else nd(*args)
        assert result.code == 2, (args, result)
        assert "usage:" in result.err
        assert dump(nd.db_path) == before


def test_usage_errors_exit_2_through_the_console_script(cli_script: ConsoleScript) -> None:
    check_usage_errors(cli_script, [USAGE_ERRORS[0], USAGE_ERRORS[3], USAGE_ERRORS[-1]])


def test_usage_errors_exit_2_in_process(cli: InProcess) -> None:
    check_usage_errors(cli, USAGE_ERRORS)


def test_where_the_database_lives(cli_script: ConsoleScript, tmp_path: Path) -> None:
    env = dict(cli_script.env)
    # The default: $XDG_DATA_HOME/networkdesk/networkdesk.db, folder 0700, file 0600.
    new_id(cli_script.raw("contact", "add", "Default", env=env))
    default = Path(env["XDG_DATA_HOME"]) / "networkdesk" / "networkdesk.db"
    assert default.is_file()
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    # $NETWORKDESK_DB
    by_env = tmp_path / "by-env" / "x.db"
    new_id(cli_script.raw("contact", "add", "Env", env=env | {"NETWORKDESK_DB": str(by_env)}))
    # --db-url sqlite:///...
    by_url = tmp_path / "by-url" / "y.db"
    new_id(cli_script.raw("--db-url", f"sqlite:///{by_url}", "contact", "add", "Url", env=env))
    for path, name in ((default, "Default"), (by_env, "Env"), (by_url, "Url")):
        listed = cli_script.raw("--db", str(path), "contact", "list", "--json", env=env)
        assert [c["name"] for c in listed.json()] == [name]
    assert stat.S_IMODE(by_url.stat().st_mode) == 0o600


def test_headless_command_never_imports_pyside6(cli_script: ConsoleScript) -> None:
    """-X importtime of the real console script: every imported module is listed on stderr."""
    env = cli_script.env | {"PYTHONPROFILEIMPORTTIME": "1"}
    result = cli_script.raw("--db", str(cli_script.db_path), "contact", "list", env=env)
    assert result.code == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.err_lines]
    assert "networkdesk.cli" in imported  # the list is real
    assert "sqlalchemy" in imported
    assert not [name for name in imported if name.startswith(("PySide6", "shiboken6"))]


def test_version_does_not_load_the_cli(cli_script: ConsoleScript) -> None:
    """`--version` answers before SQLAlchemy and Alembic are imported: it stays fast."""
    env = cli_script.env | {"PYTHONPROFILEIMPORTTIME": "1"}
    result = cli_script.raw("--version", env=env)
    assert result.code == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.err_lines}
    assert "networkdesk.app" in imported
    assert "sqlalchemy" not in imported
    assert "alembic" not in imported
    assert not any(name.startswith("PySide6") for name in imported)


def test_console_script_is_the_venvs() -> None:
    assert CONSOLE_SCRIPT.parent == Path(sys.executable).parent
