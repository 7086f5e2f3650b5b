"""Row-level security changes nothing for one person who owns their PostgreSQL database (no
`server init`): the policies hold for the tables' owner too (FORCE), and pass, since every row
is theirs. And a member's bulk writer (the demo) numbers its rows past everyone's, rows it
cannot see included."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

import pytest

from helpers.team import Team, add_user

Cli = Callable[..., tuple[int, str, str]]
_solo = itertools.count(1)


def test_one_login_owning_its_database_works_as_before(pg_server: str, cli: Cli) -> None:
    import psycopg

    login = f"solo_{next(_solo)}"
    port = pg_server.rsplit(":", 1)[1]
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=networkdesk dbname=postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE ROLE {login} LOGIN")  # not a superuser: policies apply
        admin.execute(f"CREATE DATABASE {login} OWNER {login}")
    url = f"postgresql+psycopg://{login}@127.0.0.1:{port}/{login}"
    assert cli("--db-url", url, "demo", "--contacts", "60", "--placed", "10")[0] == 0
    code, out, err = cli("--db-url", url, "contact", "add", "Zoë Quixwell", "--company", "Acme")
    assert (code, err) == (0, "")
    new_id = int(out)
    code, out, _ = cli("--db-url", url, "contact", "list", "--search", "zoe quixwell", "--json")
    assert [c["id"] for c in json.loads(out)] == [new_id]
    code, out, _ = cli("--db-url", url, "check")
    assert code == 0, out
    assert ": ok" in out.splitlines()[0]
    code, out, _ = cli("--db-url", url, "server", "status")
    assert f"you: {login} (single user)" in out
    with psycopg.connect(f"host=127.0.0.1 port={port} user={login} dbname={login}") as conn:
        assert conn.execute("SELECT DISTINCT owner FROM contacts").fetchall() == [(login,)]
        forced = conn.execute(
            "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'contacts'"
        ).fetchone()
        assert forced == (True,)


def test_a_members_demo_beside_another_members_rows(team: Team, cli: Cli) -> None:
    alice, bob = team.url(team.alice), team.url(team.bob)
    first = [int(cli("--db-url", alice, "contact", "add", name)[1]) for name in ("A1", "A2")]
    code, _, err = cli("--db-url", bob, "demo", "--contacts", "100", "--placed", "20")
    assert (code, err) == (0, "")
    code, out, err = cli("--db-url", alice, "contact", "add", "A3")
    assert (code, err) == (0, "")
    with team.sql(team.networkdesk_admin) as admin:
        ids = [row[0] for row in admin.execute("SELECT id FROM contacts")]
        assert len(ids) == len(set(ids)) == 103
        assert int(out) not in first
    code, out, _ = cli("--db-url", alice, "contact", "list", "--json")
    assert sorted(c["name"] for c in json.loads(out)) == ["A1", "A2", "A3"]
    code, out, _ = cli("--db-url", bob, "check")
    assert code == 0, out


def test_server_init_warns_when_a_member_owns_the_tables(
    pg_server: str, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One person's database becoming a team's: their rows stay theirs, but as the tables'
    owner they could turn the policies off - init says so."""
    import psycopg

    login = f"solo_{next(_solo)}"
    port = pg_server.rsplit(":", 1)[1]
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=networkdesk dbname=postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE ROLE {login} LOGIN")
        admin.execute(f"CREATE DATABASE {login} OWNER {login}")
    url = f"postgresql+psycopg://{login}@127.0.0.1:{port}/{login}"
    admin_url = f"{pg_server}/{login}"
    assert cli("--db-url", url, "contact", "add", "Mine")[0] == 0
    code, out, _ = cli("server", "init", "--db-url", admin_url)
    assert code == 0
    assert "WARNING" not in out
    assert add_user(monkeypatch, admin_url, login) == 0
    code, out, _ = cli("server", "init", "--db-url", admin_url)
    assert code == 0
    assert f"WARNING: the tables belong to {login}, a member of the team" in out
    code, out, _ = cli("--db-url", url, "contact", "list", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Mine"]
