"""A team database on a throwaway cluster: prepared with `server init` as the admin, with two
members (alice, bob) and a coach added with `server add-user`. Logins are the cluster's, not the
database's: each team gets a suffix of its own."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import Any

import pytest

from networkdesk.app import main

_suffix = itertools.count(1)


@dataclass(frozen=True)
class Team:
    admin_url: str
    alice: str
    bob: str
    coach: str
    #: The cluster's superuser: sees every row (superusers bypass row-level security).
    networkdesk_admin: str = "networkdesk"

    def url(self, login: str) -> str:
        """The database URL as `login` (no password: trust, or the keyring)."""
        return self.admin_url.replace("://networkdesk@", f"://{login}@", 1)

    def dsn(self, login: str) -> str:
        prefix, database = self.admin_url.rsplit("/", 1)
        port = prefix.rsplit(":", 1)[1]
        return f"host=127.0.0.1 port={port} user={login} dbname={database}"

    def sql(self, login: str) -> Any:
        """A plain psycopg connection as `login` (autocommit): what any SQL tool would do."""
        import psycopg

        return psycopg.connect(self.dsn(login), autocommit=True)


def add_user(
    monkeypatch: pytest.MonkeyPatch, url: str, name: str, *extra: str, password: str = "s3cret!"
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["server", "add-user", name, *extra, "--password-stdin", "--db-url", url])


def make_team(
    admin_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Team:
    n = next(_suffix)
    team = Team(admin_url, f"alice_{n}", f"bob_{n}", f"coach_{n}")
    assert main(["server", "init", "--db-url", admin_url]) == 0
    for name in (team.alice, team.bob):
        assert add_user(monkeypatch, admin_url, name) == 0
    assert add_user(monkeypatch, admin_url, team.coach, "--coach") == 0
    capsys.readouterr()
    return team
