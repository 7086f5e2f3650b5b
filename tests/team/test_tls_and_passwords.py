"""On a cluster that offers TLS and checks passwords: the app's connection is encrypted (libpq's
sslmode=prefer), the password `server add-user` saved in the keyring is the one that logs in,
a wrong one does not, and `server login` keeps only a password that works."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from helpers.keyring_backend import MemoryKeyring
from helpers.postgres import new_database
from helpers.team import Team, make_team

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def tls_team(
    pg_tls_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Team:
    return make_team(new_database(pg_tls_server), monkeypatch, capsys)


def test_the_connection_is_encrypted_and_the_password_comes_from_the_keyring(
    tls_team: Team, cli: Cli, memory_keyring: MemoryKeyring
) -> None:
    team = tls_team
    code, out, err = cli("server", "status", "--db-url", team.url(team.alice))
    assert (code, err) == (0, "")
    assert f"you: {team.alice} (member)" in out
    assert "connection: encrypted (TLS" in out
    code, out, _ = cli("server", "status", "--db-url", team.url(team.coach))
    assert f"you: {team.coach} (coach)" in out
    # Without the saved password the server refuses the login.
    memory_keyring.store.clear()
    code, _, err = cli("--db-url", team.url(team.alice), "contact", "list")
    assert code == 1
    assert "password authentication failed" in err or "no password supplied" in err


def test_server_login_keeps_only_a_password_that_works(
    tls_team: Team, cli: Cli, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    team = tls_team
    memory_keyring.store.clear()
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    code, _, err = cli("server", "login", "--password-stdin", "--db-url", team.url(team.bob))
    assert code == 1
    assert "password authentication failed" in err
    assert memory_keyring.store == {}
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret!\n"))
    code, out, err = cli("server", "login", "--password-stdin", "--db-url", team.url(team.bob))
    assert (code, out, err) == (0, f"{team.bob}: password saved in the keyring\n", "")
    assert "s3cret!" in memory_keyring.store.values()
    code, out, err = cli("--db-url", team.url(team.bob), "contact", "add", "Zoë")
    assert (code, out, err) == (0, "1\n", "")
