"""The import/export/duplicates commands end to end (in-process `networkdesk.app.main`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.dbdump import dump
from networkdesk.app import main


class Run:
    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path = db_path
        self.capsys = capsys

    def __call__(self, *args: str, db: Path | None = None) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--db", str(db or self.db_path), *args])
        out = self.capsys.readouterr()
        return code, out.out, out.err


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(tmp_path / "data" / "nd.db", capsys)


def test_linkedin_dry_run_then_import_then_reimport(run: Run, data_dir: Path) -> None:
    csv = str(data_dir / "linkedin_connections.csv")
    code, out, err = run("contact", "list")  # creates the database
    before = dump(run.db_path)
    code, out, err = run("import", "linkedin", csv, "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "dry run, nothing written: would have created 6, updated 0, skipped 2"
    assert "new       line 5: Priya Raman" in lines
    assert "skipped line 8: no name" in lines
    assert dump(run.db_path) == before

    code, out, err = run("import", "linkedin", csv)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "created 6, updated 0, skipped 2"
    code, out, _ = run("contact", "list", "--inbox", "--json")
    assert len(json.loads(out)) == 6

    code, out, err = run("import", "linkedin", str(data_dir / "linkedin_connections_newer.csv"))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "created 0, updated 3, unchanged 3, skipped 2"
    assert "update    line 5: Priya Raman - changed since last import: company Northwind" in out
    assert "3 contacts changed since the last import" in out

    code, out, _ = run("contact", "changes", "--json")
    changes = json.loads(out)
    assert len(changes) == 5
    code, out, _ = run("contact", "changes", "--reviewed", str(changes[0]["id"]))
    assert out.strip() == "marked 1 change reviewed"
    code, out, _ = run("contact", "changes", "--all-reviewed")
    assert out.strip() == "marked 4 changes reviewed"
    code, out, _ = run("contact", "changes")
    assert out.strip() == "no changes waiting for review"


def test_dry_run_json_lists_the_rows(run: Run, data_dir: Path) -> None:
    _code, out, _ = run(
        "import", "vcard", str(data_dir / "contacts_v21.vcf"), "--dry-run", "--json"
    )
    data = json.loads(out)
    assert data["dry_run"] is True
    assert (data["created"], data["updated"], data["skipped"]) == (2, 0, 0)
    assert [row["name"] for row in data["rows"]] == ["Jürgen Müller", "Amara Okafor"]


def test_bad_input_exits_1_with_one_line_and_an_unchanged_database(
    run: Run, data_dir: Path
) -> None:
    run("import", "linkedin", str(data_dir / "linkedin_connections.csv"))
    before = dump(run.db_path)
    for args, message in (
        (("import", "vcard", str(data_dir / "hostile_params.vcf")), "line 8: not a vCard property"),
        (("import", "vcard", str(data_dir / "truncated.vcf")), "has no END:VCARD"),
        (("import", "linkedin", str(data_dir / "google_contacts.csv")), "not a LinkedIn"),
        (("import", "linkedin", str(data_dir / "linkedin_short_row.csv")), "line 3: expected 7"),
        (("import", "linkedin", str(data_dir / "pixel.png")), "binary data"),
        (("import", "json", str(data_dir / "contacts_v40.vcf")), "not valid JSON"),
        (("import", "vcard", str(data_dir / "nope.vcf")), "cannot read the file"),
        (("import", "linkedin", "x.csv", "--ring", "7"), "unknown ring '7'"),
    ):
        code, out, err = run(*args)
        assert code == 1, args
        assert len(err.splitlines()) == 1, err
        assert err.startswith("networkdesk: error: ")
        assert message in err, err
        assert out == ""
        assert dump(run.db_path) == before


def test_vcard_import_onto_a_ring(run: Run, data_dir: Path) -> None:
    code, out, _ = run("import", "vcard", str(data_dir / "contacts_v40.vcf"), "--ring", "outer")
    assert code == 0
    assert out.splitlines()[0] == "created 1, updated 0, skipped 0"
    code, out, _ = run("contact", "list", "--ring", "outer", "--json")
    assert code == 0
    assert [c["name"] for c in json.loads(out)] == ["Sofia Rossi"]


def test_exports_and_json_archive_into_an_empty_database(
    run: Run, data_dir: Path, tmp_path: Path
) -> None:
    run("import", "vcard", str(data_dir / "contacts_v30_apple.vcf"))
    run("contact", "add", "=HYPERLINK(1)", "--company", "Acme")
    code, out, _ = run("export", "vcard", "--out", str(tmp_path / "all.vcf"))
    assert out.strip() == f"exported 3 contacts to {tmp_path / 'all.vcf'}"
    code, out, _ = run("export", "vcard", "--out", str(tmp_path / "one.vcf"), "--ids", "1")
    assert (tmp_path / "one.vcf").read_text().count("BEGIN:VCARD") == 1
    code, out, err = run("export", "vcard", "--out", str(tmp_path / "x.vcf"), "--ids", "1,99")
    assert (code, err.strip()) == (1, "networkdesk: error: no contact with id 99")
    code, out, _ = run("export", "csv", "--out", str(tmp_path / "all.csv"))
    assert "'=HYPERLINK(1)" in (tmp_path / "all.csv").read_text(encoding="utf-8-sig")
    code, out, _ = run("export", "json", "--out", str(tmp_path / "all.json"))
    assert code == 0

    code, out, err = run("import", "json", str(tmp_path / "all.json"))
    assert code == 1
    assert "the database is not empty" in err
    fresh = tmp_path / "fresh" / "nd.db"
    code, out, err = run("import", "json", str(tmp_path / "all.json"), db=fresh)
    assert (code, err) == (0, "")
    assert out.startswith("imported ")
    assert _same_rows(fresh, run.db_path)


def _same_rows(a: Path, b: Path) -> bool:
    rows_a = [line for line in dump(a) if line.startswith("INSERT")]
    rows_b = [line for line in dump(b) if line.startswith("INSERT")]
    return len(rows_a) > 10 and rows_a == rows_b


def test_duplicates_and_merge(run: Run) -> None:
    run("contact", "add", "Robert Müller", "--company", "Globex")
    run("contact", "add", "Bob Mueller", "--company", "globex", "--email", "bob@x.example")
    code, out, _ = run("contact", "duplicates", "--json")
    assert json.loads(out) == [
        {
            "ids": [1, 2],
            "reason": "similar names at Globex",
            "names": ["Robert Müller", "Bob Mueller"],
        }
    ]
    code, out, _ = run("contact", "duplicates")
    assert out.splitlines()[0] == "similar names at Globex: #1 Robert Müller, #2 Bob Mueller"
    code, out, err = run("contact", "merge", "1", "2")
    assert (code, err) == (0, "")
    assert out.startswith("merged #2 into #1")
    code, out, _ = run("contact", "show", "1", "--json")
    assert json.loads(out)["emails"] == ["bob@x.example"]
    code, out, _ = run("contact", "duplicates", "--json")
    assert json.loads(out) == []
    code, out, err = run("contact", "merge", "1", "2")
    assert (code, err.strip()) == (1, "networkdesk: error: no contact with id 2")


def test_an_import_backs_the_database_up_first(run: Run, data_dir: Path) -> None:
    from networkdesk.storage.backups import list_backups

    run("contact", "add", "Ann Lee")
    assert list_backups(run.db_path) == []
    code, _out, _err = run("import", "vcard", str(data_dir / "contacts_v40.vcf"))
    assert code == 0
    (backup,) = list_backups(run.db_path)
    assert backup.reason == "before-import"
