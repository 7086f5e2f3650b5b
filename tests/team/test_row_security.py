"""Each person's rows are theirs alone, enforced by PostgreSQL: checked with plain SQL as each
login, the way any SQL tool would connect, not through networkdesk."""

from __future__ import annotations

import pytest

from helpers.team import Team
from helpers.team_data import fill_pipeline
from networkdesk.storage.team_schema import OWNED_TABLES, SHARES_TABLE


@pytest.fixture
def filled(team: Team) -> Team:
    for login in (team.alice, team.bob):
        fill_pipeline(team.url(login), login)
    return team


def test_each_login_sees_its_own_rows_and_none_of_the_others(filled: Team) -> None:
    team = filled
    with team.sql(team.networkdesk_admin) as admin:
        everyone = {
            table: dict(admin.execute(f"SELECT owner, count(*) FROM {table} GROUP BY owner"))
            for table in OWNED_TABLES
        }
    for login, other in ((team.alice, team.bob), (team.bob, team.alice)):
        with team.sql(login) as conn:
            for table in OWNED_TABLES:
                assert everyone[table].get(login, 0) > 0, f"no {table} row of {login}"
                seen = dict(conn.execute(f"SELECT owner, count(*) FROM {table} GROUP BY owner"))
                assert seen == {login: everyone[table][login]}, table
                # Not even by naming the other's owner, nor by id.
                assert conn.execute(
                    f"SELECT count(*) FROM {table} WHERE owner = %s", (other,)
                ).fetchone() == (0,)


def test_a_row_cannot_be_written_for_someone_else(filled: Team) -> None:
    import psycopg

    team = filled
    with team.sql(team.alice) as alice:
        for statement in (
            "INSERT INTO companies (owner, name, name_key, is_target, created_at, updated_at,"
            " version) VALUES (%s, 'X', 'x', false, now(), now(), 1)",
            "UPDATE contacts SET owner = %s",
            "INSERT INTO settings (owner, key, value) VALUES (%s, 'k', '1')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                alice.execute(statement, (team.bob,))
        # Changing or deleting bob's rows finds none of them.
        assert (
            alice.execute("UPDATE contacts SET notes = 'x' WHERE owner = %s", (team.bob,)).rowcount
            == 0
        )
        assert alice.execute("DELETE FROM meetings WHERE owner = %s", (team.bob,)).rowcount == 0
        # TRUNCATE would skip the policies: members may not.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute("TRUNCATE contacts CASCADE")
    with team.sql(team.bob) as bob:
        assert bob.execute("SELECT count(*) FROM contacts").fetchone() == (2,)


def test_rows_point_only_at_rows_their_writer_sees(filled: Team) -> None:
    import psycopg

    team = filled
    with team.sql(team.networkdesk_admin) as admin:
        (bobs_contact,) = admin.execute(
            "SELECT id FROM contacts WHERE owner = %s LIMIT 1", (team.bob,)
        ).fetchone()
        (bobs_company,) = admin.execute(
            "SELECT id FROM companies WHERE owner = %s", (team.bob,)
        ).fetchone()
    with team.sql(team.alice) as alice:
        (own,) = alice.execute("SELECT id FROM contacts LIMIT 1").fetchone()
        for statement, args in (
            (
                "INSERT INTO meetings (contact_id, start, minutes, kind, checklist, questions,"
                " created_at, updated_at, uid, sequence, version)"
                " VALUES (%s, now(), 30, 'meeting', '{}', '[]', now(), now(), 'u', 0, 1)",
                (bobs_contact,),
            ),
            ("UPDATE contacts SET company_id = %s WHERE id = %s", (bobs_company, own)),
            (
                "INSERT INTO referrals (from_contact_id, to_contact_id, status, created_at,"
                " updated_at) VALUES (%s, %s, 'suggested', now(), now())",
                (own, bobs_contact),
            ),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                alice.execute(statement, args)


def test_two_people_may_have_the_same_company_tag_and_uids(filled: Team) -> None:
    team = filled
    with team.sql(team.networkdesk_admin) as admin:
        for query in (
            "SELECT count(DISTINCT owner) FROM companies WHERE name_key = 'acme'",
            "SELECT count(DISTINCT owner) FROM tags WHERE name_key = 'alumni'",
            "SELECT count(DISTINCT owner) FROM published_events WHERE uid = 'same-uid@networkdesk'",
            "SELECT count(DISTINCT owner) FROM settings WHERE key = 'practice_threshold'",
        ):
            assert admin.execute(query).fetchone() == (2,), query


def test_the_shares_table_is_held_to_the_same_rules(filled: Team) -> None:
    import psycopg

    team = filled
    with team.sql(team.alice) as alice:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            alice.execute(
                f"INSERT INTO {SHARES_TABLE} (owner, coach) VALUES (%s, %s)", (team.bob, team.coach)
            )
        # Only a coach can be shared with: a member reads every column (notes included).
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            alice.execute(f"INSERT INTO {SHARES_TABLE} (coach) VALUES (%s)", (team.bob,))
        alice.execute(f"INSERT INTO {SHARES_TABLE} (coach) VALUES (%s)", (team.coach,))
    with team.sql(team.bob) as bob:
        assert bob.execute(f"SELECT count(*) FROM {SHARES_TABLE}").fetchone() == (0,)
