"""LinkedIn exports of every era: the 2018 one (dates with times, member ids in the e-mail
column), headers named differently, unknown columns; re-importing reports nothing changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from networkdesk.app import main
from networkdesk.interchange import linkedin, vcard


def test_2018_export_with_times_and_member_ids(data_dir: Path) -> None:
    parsed = linkedin.parse(data_dir / "linkedin_connections_2018.csv")
    by_name = {r.name: r for r in parsed.records}
    assert list(by_name) == [
        "Priya Raman",
        "Hannah Schmidt",
        "Omar Haddad",
        "Léa Durand",
        "Tomás Ruiz",
    ]
    assert by_name["Priya Raman"].connected_on == dt.date(2018, 1, 8)
    assert by_name["Priya Raman"].emails == []  # urn:li:member:... is not an address
    assert by_name["Hannah Schmidt"].connected_on == dt.date(2017, 12, 24)
    assert by_name["Hannah Schmidt"].emails == [("hannah.schmidt@example.de", None)]
    assert by_name["Léa Durand"].title == "Analyste Senior"
    assert by_name["Tomás Ruiz"].company == "Globex Corp"
    assert [str(w) for w in parsed.warnings] == [
        "the file: 2 rows have a LinkedIn member id (urn:li:...) in the e-mail column, not an "
        "address: those cells were not imported"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/8/18, 6:14 PM", dt.date(2018, 1, 8)),
        ("12/24/17, 11:02 AM", dt.date(2017, 12, 24)),
        ("2024-03-15T10:00:00Z", dt.date(2024, 3, 15)),
        ("2024-03-15 10:00", dt.date(2024, 3, 15)),
        ("Mar 15, 2024", dt.date(2024, 3, 15)),
        ("15 Mar 2024", dt.date(2024, 3, 15)),
    ],
)
def test_dates_of_every_era(text: str, expected: dt.date) -> None:
    assert linkedin.parse_connected_on(text) == expected


def test_columns_by_any_eras_name_unknown_columns_ignored(data_dir: Path) -> None:
    (ann,) = linkedin.parse(data_dir / "linkedin_other_header.csv").records
    assert (ann.name, ann.company, ann.title) == ("Ann Lee", "Acme", "CTO")
    assert ann.emails == [("ann@example.com", None)]
    assert ann.linkedin_url == "https://www.linkedin.com/in/annlee"
    assert ann.connected_on == dt.date(2024, 3, 15)


def test_one_odd_value_is_a_warning_and_the_rest_imports(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,,ann at example,Acme,CEO,15 Mar 2024\n"
        "Bo,Ray,javascript:alert(1),,Acme,CTO,someday\n"
        "Cy,Doe,,cy@example.com,Acme,CFO,15 Mar 2024\n"
    )
    parsed = linkedin.parse(path)
    assert [r.name for r in parsed.records] == ["Ann Lee", "Bo Ray", "Cy Doe"]
    assert [w.where for w in parsed.warnings] == ["line 2", "line 3", "line 3"]
    assert parsed.records[0].notes == "E-mail from the LinkedIn export: ann at example"
    assert parsed.records[1].notes == (
        "Profile URL from the LinkedIn export: javascript:alert(1)\n"
        "Connected On from the LinkedIn export: someday"
    )


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("linkedin", "linkedin_connections.csv"),
        ("linkedin", "linkedin_connections_2018.csv"),
        ("linkedin", "linkedin_connections_old.csv"),
        ("vcard", "contacts_v21.vcf"),
        ("vcard", "contacts_v30_apple.vcf"),
        ("vcard", "one_bad_value_each.vcf"),
        ("vcard", "charsets_v21.vcf"),
    ],
)
def test_reimporting_an_unchanged_file_reports_nothing_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path, kind: str, name: str
) -> None:
    db = str(tmp_path / "nd.db")
    assert main(["--db", db, "import", kind, str(data_dir / name)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "contact", "list", "--json"]) == 0
    before = capsys.readouterr().out
    assert main(["--db", db, "import", kind, str(data_dir / name)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("created 0, updated ")
    assert lines[1].startswith("nothing changed: the ")
    assert not [line for line in lines if line.startswith("update ")]
    assert main(["--db", db, "contact", "list", "--json"]) == 0
    assert capsys.readouterr().out == before


def test_vcard_reimport_after_export_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    db = str(tmp_path / "nd.db")
    main(["--db", db, "import", "vcard", str(data_dir / "contacts_v30_apple.vcf")])
    out = tmp_path / "out.vcf"
    main(["--db", db, "export", "vcard", "--out", str(out)])
    capsys.readouterr()
    assert main(["--db", db, "import", "vcard", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "created 0, updated 0, unchanged 2, skipped 0",
        "nothing changed: the 2 matching contacts already have it all",
    ]
    assert len(vcard.parse(out).records) == 2
