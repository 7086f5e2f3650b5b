"""The use cases the window and the CLI share: import a file, export a file, publish the
calendar, back up and restore (services/import_file.py, export_files.py, publish_calendar.py,
backing_up.py)."""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from networkdesk.domain.errors import ConflictError, StorageError, ValidationError
from networkdesk.interchange import caldav_publish
from networkdesk.interchange.caldav_publish import StoredEvent
from networkdesk.services import (
    backing_up,
    contacts,
    export_files,
    followups,
    import_file,
    publish_calendar,
)
from networkdesk.services.changes import COMPANIES, CONTACTS
from networkdesk.storage.database import Database, make_engine
from networkdesk.storage.paths import location_from_url

DATA = Path(__file__).resolve().parent.parent / "data"


def contact_names(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(c.name for c in contacts.list_contacts(session))


# --- import a file ---------------------------------------------------------------------------


def test_the_format_is_detected_from_the_suffix() -> None:
    assert import_file.detect_format("people.VCF") is import_file.PeopleFormat.VCARD
    assert import_file.detect_format(Path("a/b.vcard")) is import_file.PeopleFormat.VCARD
    assert import_file.detect_format("Connections.csv") is import_file.PeopleFormat.LINKEDIN


def test_plan_reads_and_apply_backs_up_then_writes(db: Database) -> None:
    with db.transaction() as session:
        contacts.add(session, "Someone Already Here")
    parsed = import_file.read_file(DATA / "linkedin_connections.csv")
    plan = import_file.plan(db, parsed)
    assert plan.created > 0
    assert contact_names(db) == ["Someone Already Here"]  # a plan writes nothing

    outcome = import_file.apply(db, parsed)
    assert outcome.plan.created == plan.created
    assert len(contact_names(db)) == 1 + plan.created
    assert [b.reason for b in backing_up.list_backups(db)] == ["before-import"]

    changes = import_file.import_changes(outcome)
    assert changes.created_ids(CONTACTS) == frozenset(outcome.created_contact_ids)
    assert changes.created_ids(COMPANIES) == frozenset(outcome.created_company_ids)
    assert COMPANIES in changes
    assert CONTACTS in changes


def test_undo_and_redo_of_an_applied_import(db: Database) -> None:
    parsed = import_file.read_file(DATA / "contacts_v30_apple.vcf", "vcard")
    outcome = import_file.apply(db, parsed, ring=2)
    imported = contact_names(db)
    assert imported
    with db.transaction() as session:
        import_file.undo(session, outcome)
    assert contact_names(db) == []
    with db.transaction() as session:
        again = import_file.redo(session, parsed, outcome.plan.ring)
    assert contact_names(db) == imported
    assert again.plan.ring == 2


def test_an_archive_goes_only_into_an_empty_database(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ana Lima", company="Acme")
    archive = tmp_path / "all.json"
    export_files.export_file(db, "json", archive)
    with pytest.raises(ConflictError, match="the database is not empty"):
        import_file.import_archive_file(db, archive)


# --- export a file ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(export_files.ExportFormat))
def test_every_export_is_owner_only_and_counted(db: Database, tmp_path: Path, kind: str) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ana Lima", company="Acme", emails=["ana@example.com"])
        contacts.add(session, "Bo Chen")
    out = tmp_path / f"export.{kind}"
    outcome = export_files.export_file(db, kind, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert outcome.path == out
    if kind == "json":
        assert outcome.tables > 5
        assert outcome.rows >= 3
    else:
        assert outcome.contacts == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_vcard_export_of_chosen_contacts(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        ana = contacts.add(session, "Ana Lima").id
        contacts.add(session, "Bo Chen")
    out = tmp_path / "one.vcf"
    assert export_files.export_file(db, "vcard", out, contact_ids=[ana]).contacts == 1
    assert "Ana Lima" in out.read_text(encoding="utf-8")


def test_calendar_export_is_owner_only_and_says_where_it_failed(
    db: Database, tmp_path: Path
) -> None:
    with db.transaction() as session:
        who = contacts.add(session, "Ana Lima").id
        followups.add(session, who, dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC), title="thanks")
    out = tmp_path / "cal.ics"
    result = export_files.export_calendar_file(db, out)
    assert result.followups == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert result.size == len(out.read_bytes())
    with pytest.raises(ValidationError, match=r"cannot write .*does not exist"):
        export_files.export_calendar_file(db, tmp_path / "missing" / "cal.ics")


def test_a_single_event_file_for_add_to_calendar(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        who = contacts.add(session, "Ana Lima").id
        item = followups.add(session, who, dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)).id
    path = export_files.write_single_event(db, "followup", item, tmp_path)
    assert path.parent == tmp_path
    assert path.name.startswith("networkdesk-followup-")
    assert path.read_bytes().count(b"BEGIN:VEVENT") == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- publish the calendar --------------------------------------------------------------------


class FakeCalendar:
    def __init__(self) -> None:
        self.created: list[str] = []

    def create(self, uid: str, data: bytes) -> StoredEvent:
        self.created.append(uid)
        return StoredEvent(href=f"/cal/{uid}.ics", etag='"1"')

    def replace(self, href: str, data: bytes, uid: str) -> StoredEvent:
        raise AssertionError("nothing to replace")

    def delete(self, href: str, uid: str) -> bool:
        raise AssertionError("nothing to delete")


def _fake_server(
    monkeypatch: pytest.MonkeyPatch, calendar: FakeCalendar, *, accept: bool
) -> list[tuple[str, str, str, str]]:
    logins: list[tuple[str, str, str, str]] = []

    @contextmanager
    def connect(url: str, user: str, password: str, name: str) -> Iterator[FakeCalendar]:
        logins.append((url, user, password, name))
        if not accept:
            raise caldav_publish.CalendarServerError("login refused")
        yield calendar

    monkeypatch.setattr(caldav_publish.CalDavCalendar, "connect", staticmethod(connect))
    return logins


def test_publish_keeps_the_password_only_after_the_server_accepted_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.transaction() as session:
        who = contacts.add(session, "Ana Lima").id
        followups.add(session, who, dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC))
    account = publish_calendar.CalendarAccount("https://dav.example.com/", "ana", "Networking")
    calendar = FakeCalendar()

    _fake_server(monkeypatch, calendar, accept=False)
    with pytest.raises(caldav_publish.CalendarServerError):
        publish_calendar.publish_calendar(db, account, "wrong", save_password=True)
    assert publish_calendar.saved_password(account.url, account.user) is None

    logins = _fake_server(monkeypatch, calendar, accept=True)
    said: list[bool] = []
    report = publish_calendar.publish_calendar(
        db, account, "s3cret", save_password=True, on_connected=said.append
    )
    assert logins == [("https://dav.example.com/", "ana", "s3cret", "Networking")]
    assert said == [True]
    assert publish_calendar.saved_password(account.url, account.user) == "s3cret"
    assert report.created == 1
    assert len(calendar.created) == 1
    # The ledger now has it: a second run sends nothing.
    again = publish_calendar.publish_calendar(db, account, "s3cret", save_password=False)
    assert (again.created, again.unchanged) == (0, 1)
    assert publish_calendar.forget_password(account.url, account.user)
    assert not publish_calendar.forget_password(account.url, account.user)


# --- back up and restore ---------------------------------------------------------------------


def test_backups_and_restore_through_the_use_case(db: Database) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ana Lima")
    first = backing_up.create_backup(db)
    with db.transaction() as session:
        contacts.add(session, "Bo Chen")
    assert backing_up.backup_on_close(db) is not None  # changed since the last backup
    assert backing_up.backup_on_close(db) is None  # nothing new since
    safety = backing_up.restore_in_place(db, first.path)
    assert safety is not None
    assert safety.reason == "before-restore"
    assert contact_names(db) == ["Ana Lima"]


def test_restore_and_upgrade_closes_restores_and_reopens(db: Database) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ana Lima")
    first = backing_up.create_backup(db)
    with db.transaction() as session:
        contacts.add(session, "Bo Chen")
    location = db.location
    safety = backing_up.restore_and_upgrade(db, first.path)
    assert safety is not None
    from networkdesk.storage.database import open_database

    reopened = open_database(location)
    try:
        assert contact_names(reopened) == ["Ana Lima"]
    finally:
        reopened.close()


def test_a_server_database_is_backed_up_with_the_servers_tools() -> None:
    location = location_from_url("postgresql://nobody@localhost:1/none")
    server = Database(location, make_engine(location))
    try:
        assert backing_up.backup_if_due(server) is None
        assert backing_up.backup_before_import(server) is None
        assert backing_up.backup_on_close(server) is None
        assert backing_up.list_backups(server) == []
        with pytest.raises(StorageError, match="pg_dump"):
            backing_up.create_backup(server)
    finally:
        server.close()
