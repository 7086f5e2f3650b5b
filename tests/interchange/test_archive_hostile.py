"""Hostile JSON archives: every field checked against the schema before anything is written,
the error naming the record and the field (never a traceback, never half an import)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from networkdesk.app import main
from networkdesk.interchange import json_archive
from networkdesk.interchange.limits import ImportFormatError
from networkdesk.services import archive, contacts, meetings

ENVELOPE = '{"format": "networkdesk-archive", "version": 1, "tables": {"contacts": [%s]}}'


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            '{"id": 9223372036854775808, "name": "A"}',
            "contacts row 1, field id: the number is too large",
        ),
        ('{"id": -9223372036854775809, "name": "A"}', "field id: the number is too large"),
        ('{"id": 1, "name": "\\ud800"}', "contacts row 1, field name: text with a lone surrogate"),
        ('{"id": 1, "name": "A", "angle": 1e400}', "field angle: inf is not a finite number"),
        ('{"id": 1, "name": "A", "angle": -1e400}', "field angle: -inf is not a finite number"),
        ('{"id": 1, "name": "A\\u0000B"}', "field name: text with a NUL character"),
        ('{"id": 1, "name": "A", "notes": "x\\u0000"}', "field notes: text with a NUL"),
        ('{"id": 1, "name": null}', "field name: a value is required"),
        ('{"id": 1, "name": 5}', "field name: 5 is not text"),
        ('{"id": true, "name": "A"}', "field id: True is not a whole number"),
        ('{"id": 1, "name": "A", "ring": 1.5}', "field ring: 1.5 is not a whole number"),
        ('{"id": 1, "name": "A", "stage": "hired!"}', "field stage: 'hired!' is not one of"),
        ('{"id": 1, "name": "%s"}' % ("x" * 301), "field name: text of 301 characters"),
        ('{"id": 1, "name": "A", "photo": "@@"}', "field photo: not valid base64"),
        ('{"id": 1, "name": "A", "connected_on": "2024-02-30"}', "field connected_on: '2024-02"),
        ('{"id": 1, "name": "A", "created_at": "yesterday"}', "field created_at: 'yesterday'"),
        ('{"id": 1, "name": "A", "created_at": "2026-01-01T10:00"}', "without a zone"),
        (
            '{"id": 1, "name": "A"}, {"id": 2, "name": "B", "angle": "0.5"}',
            "contacts row 2, field angle",
        ),
    ],
)
def test_hostile_fields_are_refused_naming_record_and_field(row: str, message: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        json_archive.loads(ENVELOPE % row, "a.json")
    assert message in str(caught.value)


def test_json_values_in_json_columns_are_checked_too() -> None:
    nested: Any = "x"
    for _ in range(30):
        nested = [nested]
    text = json.dumps(
        {
            "format": "networkdesk-archive",
            "version": 1,
            "tables": {"meetings": [{"id": 1, "questions": nested}]},
        }
    )
    with pytest.raises(ImportFormatError, match="meetings row 1, field questions: nested"):
        json_archive.loads(text)
    text = text.replace(json.dumps(nested), '{"q": 1e999}')
    with pytest.raises(ImportFormatError, match="field questions: inf is not a finite number"):
        json_archive.loads(text)


def test_cli_refuses_each_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number, row in enumerate(
        [
            '{"id": 9223372036854775808, "name": "A"}',
            '{"id": 1, "name": "\\ud800"}',
            '{"id": 1, "name": "A", "angle": 1e400}',
            '{"id": 1, "name": "A\\u0000"}',
        ]
    ):
        path = tmp_path / f"bad{number}.json"
        path.write_text(ENVELOPE % row)
        db = tmp_path / f"db{number}.db"
        code = main(["--db", str(db), "import", "json", str(path)])
        err = capsys.readouterr().err
        assert code == 1, row
        assert len(err.splitlines()) == 1, err
        assert "contacts row 1, field" in err
        assert main(["--db", str(db), "contact", "list", "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == []


def test_a_real_archive_passes_the_check(db: Any) -> None:
    with db.transaction() as session:
        ann = contacts.add(session, "Ann Lee", company="Acme", emails=["ann@example.com"], ring=1)
        ann.angle = 1.25
        meetings.add(session, ann.id, dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC))
        session.flush()
        data = archive.export_archive(session)
    loaded = json_archive.loads(json.dumps(data))
    assert loaded["tables"]["contacts"][0]["angle"] == 1.25
