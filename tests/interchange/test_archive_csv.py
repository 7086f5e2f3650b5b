"""The JSON archive round trip (every table, field by field) and the CSV export's safety."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from networkdesk.domain.errors import ConflictError
from networkdesk.domain.models import Base, PublishedEvent
from networkdesk.interchange import csv_export, json_archive
from networkdesk.interchange.limits import ImportFormatError
from networkdesk.services import archive, contacts, demo, exporting, importing, meetings, settings


def _fill(session: Any) -> None:
    demo.generate(session, contacts=120, placed=50, seed=11, today=dt.date(2026, 3, 2))
    ann = contacts.add(session, "Ann Lee", company="Acme", emails=["ann@example.com"], ring=1)
    ann.photo, ann.photo_mime = bytes(range(256)) * 4, "image/png"
    contacts.record_change(session, ann, "title", "Analyst", "Lead", "linkedin")
    meeting = meetings.add(session, ann.id, dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC))
    meeting.bump_sequence()
    meetings.delete(session, meeting.id)  # leaves a calendar tombstone with UID and SEQUENCE
    session.add(
        PublishedEvent(calendar_key="https://dav.example/u/cal", uid="abc@networkdesk", sequence=3)
    )
    settings.set_value(session, "practice_threshold", 4)
    session.flush()


def _rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, every column, in primary-key order."""
    result = {}
    with db.reading() as session:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            result[table.name] = [tuple(r) for r in session.execute(select(table).order_by(*order))]
    return result


def test_archive_round_trip_is_identical_field_by_field(
    db: Any, tmp_path: Path, open_fresh_db: Any
) -> None:
    with db.transaction() as session:
        _fill(session)
    with db.reading() as session:
        data = archive.export_archive(session)
    path = tmp_path / "all.json"
    json_archive.write(path, data)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    target = open_fresh_db(tmp_path / "new" / "nd.db")
    try:
        loaded = json_archive.read(path)
        with target.transaction() as session:
            counts = archive.import_archive(session, loaded)
        original, copy = _rows(db), _rows(target)
        assert counts["contacts"] == 121
        for name, rows in original.items():
            assert len(copy[name]) == len(rows), name
            for before, after in zip(rows, copy[name], strict=True):
                assert before == after, name  # ids, UIDs, SEQUENCEs, photos, times: all equal
        assert original["calendar_tombstones"]
        assert original["published_events"]
        assert original["settings"]
        assert original["ring_moves"]
        assert original["contact_changes"]
    finally:
        target.close()


def test_archive_import_refuses_a_non_empty_database(db: Any, db_path: Path) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ann Lee")
        data = archive.export_archive(session)
    with pytest.raises(ConflictError, match="not empty"), db.transaction() as session:
        archive.import_archive(session, data)


def test_archive_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"format": "networkdesk-archive", "version": 99, "tables": {}}))
    with pytest.raises(ImportFormatError, match="newer networkdesk"):
        json_archive.read(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a networkdesk JSON archive"),
        ('{"format": "networkdesk-archive", "version": 1, "tables": []}', '"tables" must map'),
        ('{"format": "networkdesk-archive", "version": 1, "tables": {"x": [1]}}', '"tables" must'),
        ('{"format": "networkdesk-archive", "version": 1, "tables": {"a": NaN}}', "NaN"),
    ],
)
def test_malformed_archives(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ImportFormatError, match=message):
        json_archive.read(path)


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"nope": [{}]}, "unknown table 'nope'"),
        ({"contacts": [{"id": 1, "name": "A", "shoe_size": 9}]}, "contacts row 1: unknown column"),
        ({"contacts": [{"id": "x", "name": "A"}]}, "contacts row 1: bad id"),
        (
            {"contacts": [{"id": 1, "name": "A", "created_at": "2026-01-01T10:00"}]},
            "without a zone",
        ),
        ({"contacts": [{"id": 1, "name": "A", "company_id": 5}]}, "contradict"),
    ],
)
def test_archive_rows_are_checked_and_nothing_is_half_written(
    db: Any, db_path: Path, tables: dict[str, Any], message: str
) -> None:
    from helpers.dbdump import dump

    before = dump(db_path)
    data = {"format": "networkdesk-archive", "version": 1, "tables": tables}
    with pytest.raises(ImportFormatError, match=message), db.transaction() as session:
        archive.import_archive(session, data)
    assert dump(db_path) == before


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(start: str) -> None:
    value = f'{start}HYPERLINK("http://evil.example","click")'
    text = csv_export.to_text(["a"], [[value], ["plain"], [None], [42]])
    cells = [row[0] for row in csv.reader(io.StringIO(text))]
    assert cells == ["a", "'" + value, "plain", "", "42"]


def test_csv_export_of_contacts_is_safe_and_complete(db: Any, tmp_path: Path) -> None:
    with db.transaction() as session:
        contacts.add(
            session,
            "=cmd|' /C calc'!A0",
            company="@SUM(1+1)",
            title="-2+3",
            phones=["+1 555 0100"],
            notes="line one\nline two, with comma",
            tag_names=["Alumni"],
            ring=0,
        )
        contacts.add(session, "Plain Person")
        headers, rows = exporting.CSV_HEADERS, exporting.csv_rows(session)
    path = tmp_path / "contacts.csv"
    csv_export.write(path, headers, rows)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert parsed[0] == list(exporting.CSV_HEADERS)
    assert len(parsed) == 3
    for row in parsed[1:]:
        for cell in row:
            # A phone number (+ digits and spaces) is the one start that is never a formula.
            phone = cell.startswith("+") and cell[1:].replace(" ", "").isdigit()
            assert phone or not cell.startswith(csv_export.FORMULA_STARTS), cell
    hostile = next(row for row in parsed if "calc" in row[1])
    assert hostile[1] == "'=cmd|' /C calc'!A0"
    assert hostile[2] == "'@SUM(1+1)"
    assert hostile[3] == "'-2+3"
    assert hostile[5] == "+1 555 0100"  # a phone number, not a formula: no quote (issue 14)
    assert hostile[8] == "Bull's-eye"
    assert hostile[12] == "line one\nline two, with comma"


def test_vcard_export_of_selected_contacts(db: Any, tmp_path: Path) -> None:
    from networkdesk.domain.errors import NotFoundError

    with db.transaction() as session:
        ann = contacts.add(session, "Ann Lee").id
        contacts.add(session, "Bo Ray")
        assert [c.name for c in exporting.vcard_cards(session, [ann])] == ["Ann Lee"]
        assert len(exporting.vcard_cards(session)) == 2
        with pytest.raises(NotFoundError, match="no contact with id 999"):
            exporting.vcard_cards(session, [ann, 999])


def test_vcard_round_trip_through_the_database_keeps_every_field(
    db: Any, tmp_path: Path, open_fresh_db: Any
) -> None:
    from networkdesk.interchange import vcard

    with db.transaction() as session:
        original = contacts.add(
            session,
            "Zoë O'Brien",
            company="The Good; Company",
            title="Head of Design, EMEA",
            emails=["zoe@example.com", "z@home.example"],
            phones=["+353 1 555 0100"],
            linkedin="https://www.linkedin.com/in/zoe-obrien",
            location="Dublin, Ireland",
            notes="Met at a meetup.\nLikes typography; hates Comic Sans.",
            tag_names=["Design", "Alumni"],
        )
        original.photo, original.photo_mime = b"\xff\xd8\xff\xe0JPEGDATA" * 50, "image/jpeg"
        session.flush()
        before = exporting.vcard_cards(session)
    path = tmp_path / "all.vcf"
    vcard.write(path, before)
    target = open_fresh_db(tmp_path / "empty" / "nd.db")
    try:
        with target.transaction() as session:
            importing.import_records(session, vcard.parse(path))
        with target.reading() as session:
            after = exporting.vcard_cards(session)
        assert len(after) == 1
        assert after[0] == before[0].__class__(**{**vars(before[0]), "uid": after[0].uid})
    finally:
        target.close()
