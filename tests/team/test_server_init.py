"""`networkdesk server init` and `server add-user` on a throwaway cluster."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from helpers.team import Team, add_user


def test_init_says_what_it_did_and_is_safe_to_run_again(
    team: Team, cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, err = cli("server", "init", "--db-url", team.admin_url)
    assert (code, err) == (0, "")
    assert "schema: current" in out
    assert "role networkdesk_member: already there" in out
    assert "role networkdesk_coach: already there" in out
    assert "row-level security: enforced on 16 tables" in out


def test_users_are_in_one_group_each(team: Team) -> None:
    with team.sql("networkdesk") as admin:
        groups = dict(
            admin.execute(
                "SELECT m.rolname, string_agg(g.rolname, ',') FROM pg_auth_members a"
                " JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid"
                " WHERE m.rolname = ANY(%s) GROUP BY m.rolname",
                ([team.alice, team.bob, team.coach],),
            ).fetchall()
        )
    assert groups == {
        team.alice: "networkdesk_member",
        team.bob: "networkdesk_member",
        team.coach: "networkdesk_coach",
    }


def test_bad_user_names_are_refused(
    team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("Alice", "a-b", "pg_x", "networkdesk_coach", "x" * 64):
        assert add_user(monkeypatch, team.admin_url, name) == 1
        assert "error:" in capsys.readouterr().err


def test_a_password_in_the_url_is_refused(
    team: Team, cli: Callable[..., tuple[int, str, str]]
) -> None:
    url = team.url(team.alice).replace(f"{team.alice}@", f"{team.alice}:pw@")
    code, _out, err = cli("--db-url", url, "contact", "list")
    assert code == 1
    assert "holds a password" in err
    assert "pw@" not in err


def test_a_member_cannot_upgrade_the_schema_and_is_told_who_can(
    team: Team, cli: Callable[..., tuple[int, str, str]]
) -> None:
    with team.sql(team.networkdesk_admin) as admin:
        # As if this networkdesk were newer than the schema the admin last prepared.
        admin.execute("UPDATE alembic_version SET version_num = '0005'")
    code, _, err = cli("--db-url", team.url(team.alice), "contact", "list")
    assert code == 1
    assert "only its owner may run" in err
    assert "networkdesk server init" in err


def test_server_status_names_the_admin(
    team: Team, cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, _ = cli("server", "status", "--db-url", team.admin_url)
    assert code == 0
    assert "you: networkdesk (admin)" in out
    assert "schema revision: " in out
