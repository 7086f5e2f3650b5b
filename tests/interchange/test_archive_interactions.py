"""The JSON archive and interactions: the demo's whole story (interactions included) goes
through a file and back identical, and a hostile interaction row is refused naming the row and
the field, with nothing written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from networkdesk.interchange import json_archive
from networkdesk.interchange.limits import ImportFormatError
from networkdesk.services import archive, demo
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import sqlite_location

NOW = dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.UTC)


def test_demo_archive_round_trip_through_a_file_is_identical(db: Any, tmp_path: Path) -> None:
    with db.transaction() as s:
        demo.generate(s, contacts=120, placed=60, seed=3, today=NOW.date(), now=NOW)
    with db.reading() as s:
        first = archive.export_archive(s)
    assert len(first["tables"]["interactions"]) >= 8
    path = tmp_path / "archive.json"
    json_archive.write(path, first)
    copy = open_database(sqlite_location(tmp_path / "copy" / "copy.db"))
    try:
        with copy.transaction() as s:
            counts = archive.import_archive(s, json_archive.read(path))
        assert counts["interactions"] == len(first["tables"]["interactions"])
        with copy.reading() as s:
            second = archive.export_archive(s)
    finally:
        copy.close()
    assert second["tables"] == first["tables"]


INTERACTION = {
    "id": 1,
    "contact_id": 1,
    "kind": "email",
    "direction": "out",
    "at": "2026-03-02T10:00:00+00:00",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"direction": "sideways"}, "interactions row 1, field direction: 'sideways' is not one"),
        ({"kind": "telegram"}, "interactions row 1, field kind: 'telegram' is not one of"),
        ({"at": "2026-03-02T10:00"}, "interactions row 1, field at: '2026-03-02T10:00' is a time"),
        ({"contact_id": "1"}, "interactions row 1, field contact_id: '1' is not a whole number"),
        ({"note": "a\u0000b"}, "interactions row 1, field note: text with a NUL"),
        ({"mood": "happy"}, "interactions row 1: unknown column 'mood'"),
    ],
)
def test_hostile_interaction_fields_are_refused(
    change: dict[str, Any], message: str, tmp_path: Path
) -> None:
    row = {**INTERACTION, **change}
    text = json.dumps(
        {
            "format": "networkdesk-archive",
            "version": 1,
            "tables": {"contacts": [{"id": 1, "name": "Ana"}], "interactions": [row]},
        }
    )
    with pytest.raises(ImportFormatError, match=message.replace("(", r"\(")):
        json_archive.loads(text, tmp_path / "a.json")
