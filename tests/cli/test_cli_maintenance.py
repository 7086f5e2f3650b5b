"""backup, check, demo and server databases through app.main (in-process, fast)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_support import InProcess, dump

from networkdesk.app import main


def test_backup_restore_refuses_a_corrupt_file_and_changes_nothing(
    cli: InProcess, tmp_path: Path
) -> None:
    cli.ok("contact", "add", "Ana")
    before = dump(cli.db_path)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    foreign = tmp_path / "foreign.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    for bad, message in ((garbage, "not a sound database"), (foreign, "not a networkdesk")):
        result = cli("backup", "restore", str(bad))
        assert result.code == 1
        assert message in result.err
        assert len(result.err.splitlines()) == 1
        assert dump(cli.db_path) == before
    assert cli.ok("backup", "list").out == ""  # no safety backup was made either


def test_backup_list_format_and_order(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana")
    first = cli.ok("backup", "create").out.strip()
    second = cli.ok("backup", "create").out.strip()
    lines = cli.ok("backup", "list").out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [second, first]
    path, created, size, reason = lines[0].split("\t")
    assert Path(path).is_absolute()
    assert int(size) > 0
    assert reason == "manual"
    assert "T" in created


def test_check_reports_problems_with_exit_1(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana")
    assert cli.ok("check").out.splitlines()[0].endswith(": ok")
    connection = sqlite3.connect(cli.db_path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("INSERT INTO contact_emails (contact_id, address, address_key, position) "
                       "VALUES (99, 'x@y.example', 'x@y.example', 0)")  # fmt: skip
    connection.commit()
    connection.close()
    result = cli("check")
    assert result.code == 1
    assert "PROBLEMS FOUND" in result.out
    assert "contact_emails" in result.out


def test_demo_command(cli: InProcess) -> None:
    out = cli.ok("demo", "--contacts", "120", "--placed", "30", "--seed", "5").out
    assert out.startswith("added 120 contacts (30 on rings)")
    listed = cli.ok("contact", "list", "--json").json()
    assert len(listed) == 120
    assert sum(1 for c in listed if c["ring"] is not None) == 30
    assert cli.ok("check").code == 0


def test_demo_refuses_a_database_that_holds_data_and_changes_nothing(cli: InProcess) -> None:
    cli.ok("contact", "add", "Ana", "--company", "Acme")
    before = dump(cli.db_path)
    result = cli("demo", "--contacts", "20", "--placed", "5")
    assert result.code == 1
    assert len(result.err.splitlines()) == 1
    assert "already holds 1 contact and 1 company" in result.err
    assert "only into an empty database" in result.err
    assert "Nothing was changed" in result.err
    assert result.out == ""
    assert dump(cli.db_path) == before
    assert [c["name"] for c in cli.ok("contact", "list", "--json").json()] == ["Ana"]


def test_demo_twice_refuses_the_second_time(cli: InProcess) -> None:
    cli.ok("demo", "--contacts", "10", "--placed", "3")
    before = dump(cli.db_path)
    result = cli("demo", "--contacts", "10", "--placed", "3")
    assert result.code == 1
    assert "already holds 10 contacts" in result.err
    assert dump(cli.db_path) == before


@pytest.mark.parametrize(
    "command",
    [["backup", "create"], ["backup", "list"], ["backup", "restore", "/tmp/x.db"]],
)
def test_server_database_backups_point_at_the_servers_tools(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # No server is needed to say so: nothing connects.
    code = main(["--db-url", "postgresql+psycopg://me@127.0.0.1:1/nd", *command])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.splitlines()) == 1
    assert "pg_dump" in err
    assert "me@127.0.0.1:1/nd" in err


def test_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    code = main(["--db-url", "postgresql+psycopg://me@127.0.0.1:1/nd", "contact", "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.splitlines()) == 1
    assert err.startswith("networkdesk: error: cannot open postgresql+psycopg://me@127.0.0.1:1/nd")


def test_environment_variable_and_history(
    cli: InProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETWORKDESK_DB", str(cli.db_path))
    assert cli.raw("contact", "add", "Ana", "--ring", "outer").out == "1\n"
    cli.ok("contact", "move", "1", "--ring", "1")
    history = cli.ok("contact", "history", "1", "--json").json()
    assert [(h["from_ring"], h["to_ring"]) for h in history] == [(None, 3), (3, 1)]
    text = cli.ok("contact", "history", "1").out.splitlines()
    assert text[-1].endswith("Outer -> Inner")
