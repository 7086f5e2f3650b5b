"""LinkedIn Connections.csv: every quirk of the real export, and every way a file can be wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from networkdesk.interchange import linkedin
from networkdesk.interchange.limits import MAX_CSV_BYTES, ImportFormatError

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_current_export_with_preamble_bom_crlf_and_quoting(data_dir: Path) -> None:
    raw = (data_dir / "linkedin_connections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:\r\n")
    assert b"\r\n" in raw
    parsed = linkedin.parse(data_dir / "linkedin_connections.csv")
    by_name = {r.name: r for r in parsed.records}
    assert list(by_name) == [
        "Priya Raman",
        "José Muñoz",
        "Zoë O'Brien",
        "Kwame Mensah",
        "Ingrid Larsen",
        "Chen Wei",
    ]
    priya = by_name["Priya Raman"]
    assert priya.company == "Northwind Traders"
    assert priya.title == "Senior Product Manager"
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman-4a1b2c"
    assert priya.emails == []
    assert priya.connected_on == dt.date(2024, 3, 15)
    assert priya.where == "line 5"
    assert by_name["José Muñoz"].company == "Acme, Inc."  # quoted comma
    assert by_name["José Muñoz"].emails == [("jose.munoz@example.com", None)]
    assert by_name["Zoë O'Brien"].company == 'The "Good" Company'  # doubled quotes
    assert by_name["Zoë O'Brien"].title == "Head of Design, EMEA"
    assert by_name["Chen Wei"].title == 'Director, "Platform" Engineering'
    assert by_name["Kwame Mensah"].connected_on == dt.date(2020, 12, 1)  # one-digit day
    assert by_name["Ingrid Larsen"].company is None
    assert by_name["Ingrid Larsen"].title is None
    # Nameless rows are skipped and counted, with their lines.
    assert [(s.where, s.reason) for s in parsed.skipped] == [
        ("line 8", "no name"),
        ("line 11", "no name"),
    ]
    assert parsed.source == "linkedin"


def test_older_export_without_preamble_or_url_column(data_dir: Path) -> None:
    parsed = linkedin.parse(data_dir / "linkedin_connections_old.csv")
    assert [r.name for r in parsed.records] == ["Priya Raman", "Hannah Schmidt", "Omar Haddad"]
    assert all(r.linkedin_url is None for r in parsed.records)
    assert parsed.records[1].company == "Siemens, AG"
    assert parsed.records[1].emails == [("hannah.schmidt@example.de", None)]
    assert parsed.records[2].connected_on == dt.date(2017, 3, 3)


def test_columns_are_mapped_by_name_not_position(tmp_path: Path) -> None:
    path = tmp_path / "reordered.csv"
    path.write_text(
        "Connected On,Position,Company,Last Name,First Name\n15 Mar 2024,CTO,Acme,Lee,Ann\n",
        encoding="utf-8",
    )
    (record,) = linkedin.parse(path).records
    assert (record.name, record.company, record.title) == ("Ann Lee", "Acme", "CTO")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", dt.date(2024, 3, 15)),
        ("1 Sept 2023", dt.date(2023, 9, 1)),
        ("2024-03-15", dt.date(2024, 3, 15)),
        ("3/15/2024", dt.date(2024, 3, 15)),
        ("", None),
    ],
)
def test_connected_on_dates(text: str, expected: dt.date | None) -> None:
    assert linkedin.parse_connected_on(text) == expected


def test_dates_do_not_depend_on_the_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no German locale installed")
    try:
        assert linkedin.parse_connected_on("15 Mar 2024") == dt.date(2024, 3, 15)
    finally:
        locale.setlocale(locale.LC_TIME, "C")


def test_not_a_linkedin_export_is_an_error(data_dir: Path) -> None:
    with pytest.raises(ImportFormatError, match="not a LinkedIn connections export"):
        linkedin.parse(data_dir / "google_contacts.csv")


def test_a_file_without_valid_rows_is_an_error_never_success(data_dir: Path) -> None:
    with pytest.raises(ImportFormatError, match="no valid row"):
        linkedin.parse(data_dir / "linkedin_only_nameless.csv")


def test_header_only_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="no valid row"):
        linkedin.parse(path)


def test_bad_date_is_a_warning_naming_the_line(data_dir: Path) -> None:
    # Lenient on values (issue 15): one odd date no longer refuses the export.
    parsed = linkedin.parse(data_dir / "linkedin_bad_date.csv")
    assert [r.name for r in parsed.records] == ["Ann Lee", "Bo Ray", "Cy Doe"]
    (warning,) = parsed.warnings
    assert warning.where == "line 3"
    assert "31 Feb 2024" in warning.problem
    assert parsed.records[1].connected_on is None
    assert parsed.records[1].notes == "Connected On from the LinkedIn export: 31 Feb 2024"


def test_wrong_number_of_columns_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text(HEADER + "\nAnn,Lee,,,Acme,CEO,15 Mar 2024\nBo,Ray,Acme\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"line 3: expected 7 columns, found 3"):
        linkedin.parse(path)


def test_unterminated_quote_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + '\nAnn,Lee,,,"Acme,CEO,15 Mar 2024\n', encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"quote\.csv"):
        linkedin.parse(path)


def test_binary_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ImportFormatError, match="binary data"):
        linkedin.parse(path)


def test_huge_line_is_refused_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "\nAnn,Lee,,,Acme," + "x" * 200_000 + ",15 Mar 2024\n")
    with pytest.raises(ImportFormatError, match="line 2: a line of 200,"):
        linkedin.parse(path)


def test_file_of_hundreds_of_megabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: no disk space used, no time spent
        handle.truncate(300 * 1024 * 1024)
    assert path.stat().st_size > MAX_CSV_BYTES
    with pytest.raises(ImportFormatError, match="300 MB"):
        linkedin.parse(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="cannot read the file"):
        linkedin.parse(tmp_path / "nope.csv")


def test_windows_1252_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes((HEADER + "\nJosé,Muñoz,,,Acme,CEO,15 Mar 2024\n").encode("cp1252"))
    assert linkedin.parse(path).records[0].name == "José Muñoz"


def test_url_that_urlsplit_refuses_is_a_clear_error(tmp_path: Path) -> None:
    # Found by the property tests: urlsplit raises ValueError("Invalid IPv6 URL") for this.
    path = tmp_path / "ipv6.csv"
    path.write_text(HEADER + "\nAnn,Lee,https://[linkedin.com/in/ann,,Acme,CEO,15 Mar 2024\n")
    parsed = linkedin.parse(path)  # a warning naming the line; the person is imported
    assert [str(w) for w in parsed.warnings] == [
        "line 2: bad LinkedIn URL 'https://[linkedin.com/in/ann'; kept in the notes"
    ]
    assert parsed.records[0].linkedin_url is None
    assert parsed.records[0].notes == (
        "Profile URL from the LinkedIn export: https://[linkedin.com/in/ann"
    )
