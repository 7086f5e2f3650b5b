"""A coach reads the pipelines of the people who shared theirs - rings, stages, meetings and
outcomes - never notes, never to write; nothing of anyone who did not share, nothing after the
share stops. Checked with plain SQL as the coach and through `networkdesk coach pipelines`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from helpers.team import Team, add_user
from helpers.team_data import fill_pipeline, note

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def shared(team: Team, cli: Cli) -> Team:
    for login in (team.alice, team.bob):
        fill_pipeline(team.url(login), login)
    code, out, err = cli("share", "--with", team.coach, "--db-url", team.url(team.alice))
    assert (code, err) == (0, "")
    assert out == f"now sharing your pipeline with {team.coach}\n"
    return team


def test_the_coach_reads_the_shared_pipeline_with_plain_sql(shared: Team) -> None:
    team = shared
    with team.sql(team.coach) as coach:
        contacts = coach.execute(
            "SELECT owner, name, ring, stage FROM contacts ORDER BY name"
        ).fetchall()
        assert contacts == [
            (team.alice, "Ann Star", 2, "contacted"),
            (team.alice, "Ben Other", 1, "identified"),
        ]
        assert coach.execute("SELECT owner, outcome FROM meetings").fetchall() == [
            (team.alice, "met; intro to Ben")
        ]
        moves = coach.execute("SELECT from_ring, to_ring FROM ring_moves ORDER BY id").fetchall()
        assert (3, 2) in moves
        for table in ("companies", "referrals", "followups", "interactions"):
            owners = coach.execute(f"SELECT DISTINCT owner FROM {table}").fetchall()
            assert owners == [(team.alice,)], table


@pytest.mark.parametrize(
    "query",
    [
        "SELECT notes FROM contacts",
        "SELECT * FROM contacts",
        "SELECT search_text FROM contacts",  # holds the notes, folded
        "SELECT how_met FROM contacts",
        "SELECT notes FROM meetings",
        "SELECT preparation FROM meetings",
        "SELECT note FROM referrals",
        "SELECT notes FROM followups",
        "SELECT note FROM interactions",
        "SELECT notes FROM companies",
        "SELECT old_value FROM contact_changes",
        "SELECT address FROM contact_emails",
        "SELECT number FROM contact_phones",
        "SELECT value FROM settings",
    ],
)
def test_the_coach_is_refused_notes_and_private_tables(shared: Team, query: str) -> None:
    import psycopg

    with (
        shared.sql(shared.coach) as coach,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"),
    ):
        coach.execute(query)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE contacts SET ring = 0",
        "DELETE FROM meetings",
        "INSERT INTO ring_moves (contact_id, moved_at) SELECT id, now() FROM contacts",
        "INSERT INTO contacts (name) VALUES ('x')",
        "TRUNCATE contacts CASCADE",
        "DELETE FROM networkdesk_shares",
    ],
)
def test_the_coach_cannot_write(shared: Team, statement: str) -> None:
    import psycopg

    with (
        shared.sql(shared.coach) as coach,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"),
    ):
        coach.execute(statement)


def test_coach_pipelines_shows_the_pipeline_without_notes(shared: Team, cli: Cli) -> None:
    team = shared
    code, out, err = cli("coach", "pipelines", "--json", "--db-url", team.url(team.coach))
    assert (code, err) == (0, "")
    assert "private words" not in out
    (pipeline,) = json.loads(out)
    assert pipeline["person"] == team.alice
    by_name = {c["name"]: c for c in pipeline["contacts"]}
    assert sorted(by_name) == ["Ann Star", "Ben Other"]
    ann = by_name["Ann Star"]
    assert (ann["ring"], ann["stage"], ann["company"]) == ("middle", "contacted", "Acme")
    assert [m["outcome"] for m in ann["meetings"]] == ["met; intro to Ben"]
    assert [f["title"] for f in ann["open_followups"]] == ["Thank Ann"]
    assert ann["referred_to"] == [{"name": "Ben Other", "status": "suggested"}]
    code, out, _ = cli("coach", "pipelines", "--db-url", team.url(team.coach))
    assert code == 0
    assert f"{team.alice} (2 contacts)" in out
    assert "Ann Star at Acme: middle, contacted" in out
    assert note(team.alice) not in out


def test_after_share_stop_the_coach_sees_nothing(shared: Team, cli: Cli) -> None:
    team = shared
    code, out, _ = cli("share", "--db-url", team.url(team.alice))
    assert (code, out.split(" since ")[0]) == (0, f"{team.alice} shares with {team.coach}")
    code, out, err = cli("share", "--with", team.coach, "--stop", "--db-url", team.url(team.alice))
    assert (code, out, err) == (0, f"stopped sharing with {team.coach}\n", "")
    with team.sql(team.coach) as coach:
        for table in ("contacts", "meetings", "ring_moves", "referrals"):
            assert coach.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    code, out, _ = cli("coach", "pipelines", "--json", "--db-url", team.url(team.coach))
    assert (code, json.loads(out)) == (0, [])
    code, _, err = cli("share", "--with", team.coach, "--stop", "--db-url", team.url(team.alice))
    assert code == 1
    assert "you do not share your pipeline with" in err


def test_sharing_only_with_a_coach(team: Team, cli: Cli) -> None:
    for target in (team.bob, "nobody_here"):
        code, _, err = cli("share", "--with", target, "--db-url", team.url(team.alice))
        assert code == 1
        assert "is not a coach on this server" in err
    assert cli("share", "--with", team.coach, "--db-url", team.url(team.alice))[0] == 0
    code, out, _ = cli("share", "--with", team.coach, "--db-url", team.url(team.alice))
    assert (code, out) == (0, f"already sharing your pipeline with {team.coach}\n")


def test_a_coach_made_a_member_no_longer_reads_the_shares(
    shared: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Members read every column: once the coach's login is moved to the members, the share
    (still there, alice's to stop) shows them nothing."""
    team = shared
    assert add_user(monkeypatch, team.admin_url, team.coach) == 0  # without --coach
    with team.sql(team.coach) as former:
        assert former.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
        assert former.execute("SELECT count(*) FROM meetings").fetchone() == (0,)
    with team.sql(team.alice) as alice:
        assert alice.execute("SELECT count(*) FROM networkdesk_shares").fetchone() == (1,)
