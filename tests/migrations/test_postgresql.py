"""The same models, migrations, services and CLI on PostgreSQL (the intended server database).

Starts a throwaway cluster from the system's PostgreSQL binaries (Debian: `apt install
postgresql`) in a temporary folder on a free port; skipped, with the reason, when the binaries or
the psycopg driver are missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from networkdesk.app import main
from networkdesk.domain.models import CalendarTombstone
from networkdesk.services import contacts, demo, followups, meetings, referrals
from networkdesk.storage import checks, migrate
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import location_from_url

T0 = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = open_database(location_from_url(pg_url))
    try:
        yield db
    finally:
        db.close()


def test_migrations_create_the_models_schema(pg_db: Database) -> None:
    assert pg_db.path is None
    assert migrate.current_revision(pg_db.engine) == migrate.head_revision()
    assert checks.schema_differences(pg_db) == []
    assert checks.run_checks(pg_db).ok


def test_services_on_postgresql(pg_db: Database) -> None:
    with pg_db.transaction() as s:
        ana = contacts.add(s, "Ana Müller", company="Société", tag_names=["Alumni"], ring=3).id
        bo = contacts.add(s, "Bo", ring=1).id
        contacts.move(s, ana, 2)
        meeting = meetings.add(s, ana, T0, notes="x")
        meetings.edit(s, meeting.id, notes="y")
        followups.add(s, ana, T0 + dt.timedelta(days=1), meeting_id=meeting.id)
        referrals.add(s, ana, bo)
    with pg_db.reading() as s:
        found = contacts.summaries(s, contacts.ContactFilter(search="MULLER societe"))
        assert [r["name"] for r in found] == ["Ana Müller"]
        assert found[0]["tags"] == ["Alumni"]
        (m,) = meetings.list_meetings(s)
        assert m.start == T0
        assert m.sequence == 1
        assert [(x.from_ring, x.to_ring) for x in contacts.ring_history(s, ana)] == [
            (None, 3),
            (3, 2),
        ]
    with pg_db.transaction() as s:
        contacts.delete(s, ana)
    with pg_db.reading() as s:
        assert [c.name for c in contacts.list_contacts(s)] == ["Bo"]
        assert referrals.list_referrals(s) == []
        stones = sorted(t.sequence for t in s.query(CalendarTombstone))
        assert stones == [1, 2]


def test_demo_then_manual_adds_on_postgresql(pg_db: Database) -> None:
    with pg_db.transaction() as s:
        summary = demo.generate(s, contacts=200, placed=50, seed=2, today=dt.date(2026, 3, 14))
    # demo writes explicit ids: the id sequences must have been moved past them.
    with pg_db.transaction() as s:
        new = contacts.add(s, "After demo", company="Brand New Co")
        meetings.add(s, new.id, T0)
        followups.add(s, new.id, T0)
        referrals.add(s, new.id, 1)
    with pg_db.reading() as s:
        assert contacts.count(s) == summary.contacts + 1


def test_cli_on_postgresql(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db-url", pg_url, "contact", "add", "Zoë", "--ring", "inner"]) == 0
    assert capsys.readouterr().out == "1\n"
    assert main(["--db-url", pg_url, "contact", "list", "--search", "zoe", "--json"]) == 0
    assert '"name": "Zoë"' in capsys.readouterr().out
    assert main(["--db-url", pg_url, "check"]) == 0
    out = capsys.readouterr().out
    assert ": ok" in out.splitlines()[0]
    assert "pg_dump" in out
    for command in (["backup", "create"], ["backup", "list"], ["backup", "restore", "x.db"]):
        assert main(["--db-url", pg_url, *command]) == 1
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1
        assert "pg_dump" in err
