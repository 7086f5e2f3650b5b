"""The LinkedIn parser makes records a batch at a time, with per-column checks and a fast path
for plain rows: what it returns (records, skipped rows, warnings in order) and the error it
raises must be exactly what making each row a record as it is read gives (`_row_by_row`, the
parser as it was)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkdesk.interchange import linkedin
from networkdesk.interchange.limits import (
    MAX_FIELD_CHARS,
    ImportFormatError,
    ImportRecord,
    SkippedRow,
)

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _row_by_row(text: str, path: str = "Connections.csv") -> object:
    """The parser before batches: each row through `_record` as soon as it is read. Returns
    (records, skipped, warnings) or the error's message."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[ImportRecord] = []
    skipped: list[SkippedRow] = []
    warnings = linkedin._Warnings()
    columns = None
    pick = tuple
    width = 0
    previous_line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            line = previous_line + 1
            previous_line = reader.line_num
            if columns is None:
                columns = linkedin._header_columns(cells)
                if columns is None:
                    if number >= linkedin.HEADER_SEARCH_RECORDS:
                        break
                    continue
                width = len(cells)
                pick = linkedin._picker(tuple(columns.get(n, -1) for n in linkedin._FIELDS))
                continue
            if not "".join(cells).strip():
                continue
            if len(records) + len(skipped) >= linkedin.MAX_ROWS:
                raise ImportFormatError(path, f"more than {linkedin.MAX_ROWS:,} rows", line=line)
            if len(cells) < width or (len(cells) > width and "".join(cells[width:]).strip()):
                raise ImportFormatError(
                    path, f"expected {width} columns, found {len(cells)}", line=line
                )
            if max(map(len, cells)) > MAX_FIELD_CHARS:
                raise ImportFormatError(
                    path, f"a field is longer than {MAX_FIELD_CHARS:,}", line=line
                )
            record = linkedin._record(cells, pick, path, line, warnings)
            if record is None:
                skipped.append(SkippedRow(f"line {line}", "no name"))
            else:
                records.append(record)
    except csv.Error as exc:
        return str(ImportFormatError(path, f"broken CSV: {exc}", line=reader.line_num))
    except ImportFormatError as exc:
        return str(exc)
    if not records:
        return "no records"
    return records, skipped, [str(w) for w in warnings.finish()]


def _batched(text: str, batch_rows: int) -> object:
    saved = linkedin.BATCH_ROWS
    linkedin.BATCH_ROWS = batch_rows
    try:
        parsed = linkedin.parse_text(text, "Connections.csv")
    except ImportFormatError as exc:
        return "no records" if "no valid row" in str(exc) else str(exc)
    finally:
        linkedin.BATCH_ROWS = saved
    return parsed.records, parsed.skipped, [str(w) for w in parsed.warnings]


# Cells that take each of `_record`'s paths: plain values, whitespace to normalise (in any
# column), e-mails that need cleaning, member ids, bad URLs, bad or odd dates, no name, a name
# too long, quoted commas.
NAMES = ["Ann", "Bo", "", " Cy ", "Dee  Dee", "José", "Zoë\u00a0X", "N" * 301, '"Lee, Jr."']
EMAILS = ["", "a@example.com", "A@Example.COM ", "not an address", "urn:li:member:12", "a@b"]
EMAILS += ["a" * 310 + "@example.com"]  # matches the plain pattern, but too long
URLS = [
    "",
    "https://www.linkedin.com/in/ann",
    "www.linkedin.com/in/bo",
    "https://www.linkedin.com/in/x y",
    "ftp://example.com",
    "https://",
]
COMPANIES = ["", "Acme", '"Acme, Inc."', "  Big   Co ", "C" * 310]
DATES = ["", "15 Mar 2024", "31 Feb 2024", "2024-03-15", "soon", "1/8/18, 6:14 PM", " 15 Mar 2024"]
ROW = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.sampled_from(URLS),
    st.sampled_from(EMAILS),
    st.sampled_from(COMPANIES),
    st.sampled_from(["", "CEO", " Head  of X"]),
    st.sampled_from(DATES),
)
SPECIAL_LINES = st.sampled_from(["", ",,,,,,", "Ann,Lee,,,Acme", "Ann,Lee,,,Acme,CEO,,extra"])
LINES = st.lists(st.one_of(ROW.map(",".join), SPECIAL_LINES), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES, batch_rows=st.sampled_from([1, 2, 3, 7, 4096]))
def test_batches_give_what_row_by_row_gives(lines: list[str], batch_rows: int) -> None:
    text = "\r\n".join([HEADER, *lines]) + "\r\n"
    assert _batched(text, batch_rows) == _row_by_row(text)


PLAIN = "Ann,Lee,https://www.linkedin.com/in/ann,ann@example.com,Acme,CEO,15 Mar 2024"


@pytest.mark.parametrize(
    "odd_row",
    [
        "Bo,Ray,,{},Acme,CEO,15 Mar 2024".format("b" * 310 + "@example.com"),  # too long
        "Bo,Ray,,urn:li:member:7,Acme,CEO,15 Mar 2024",
        "Bo,Ray,www.linkedin.com/in/bo,,Acme,CEO,15 Mar 2024",
        "Bo,Ray,,,Acme,CEO,31 Feb 2024",
        "{},Ray,,,Acme,CEO,15 Mar 2024".format("N" * 300),
        ",,,bo@example.com,Acme,CEO,15 Mar 2024",
        "Bo,  Ray,,,Acme,CEO,15 Mar 2024",
        "Bo,Ray,,,{},CEO,15 Mar 2024".format("C" * 400),
    ],
)
def test_one_odd_row_among_plain_ones(odd_row: str) -> None:
    """A batch of plain rows is made records per column; one row that needs `_record` (in the
    middle of a large batch) must still get exactly its treatment."""
    lines = [PLAIN] * 5 + [odd_row] + [PLAIN] * 5
    text = "\n".join([HEADER, *lines]) + "\n"
    assert _batched(text, 4096) == _row_by_row(text)


@pytest.mark.parametrize("batch_rows", [1, 2, 3, 4096])
@pytest.mark.parametrize("rows", [3, 4, 6])
def test_too_many_rows_at_any_batch_size(
    monkeypatch: pytest.MonkeyPatch, batch_rows: int, rows: int
) -> None:
    monkeypatch.setattr(linkedin, "MAX_ROWS", 3)
    lines = [f"P{i},Lee,,,Acme,CEO,15 Mar 2024" for i in range(rows)]
    lines.insert(1, ",,,,,,")  # a blank line is no row
    text = "\n".join([HEADER, *lines]) + "\n"
    expected = _row_by_row(text)
    assert _batched(text, batch_rows) == expected
    if rows > 3:
        assert expected == "Connections.csv, line 6: more than 3 rows"


def test_the_first_error_in_the_file_is_reported_whatever_its_kind(tmp_path: Path) -> None:
    long_name = "N" * 301
    # A record's own error (a name too long, line 3) comes before the reader's (line 5) ...
    text = f"{HEADER}\nAnn,Lee,,,,,\n{long_name},Lee,,,,,\nBo,Ray,,,,,\nCy,Doe,,\n"
    with pytest.raises(ImportFormatError, match=r"line 3: the name is longer"):
        linkedin.parse_text(text)
    # ... and the reader's error on an earlier line comes before a record's on a later one.
    text = f"{HEADER}\nAnn,Lee,,,,,\nCy,Doe,,\n{long_name},Lee,,,,,\n"
    with pytest.raises(ImportFormatError, match=r"line 3: expected 7 columns, found 4"):
        linkedin.parse_text(text)
    text = f'{HEADER}\n{long_name},Lee,,,,,\nAnn,"Lee,,,,,\n'
    with pytest.raises(ImportFormatError, match=r"line 2: the name is longer"):
        linkedin.parse_text(text)


def test_batch_boundaries_keep_order_and_line_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin, "BATCH_ROWS", 2)
    rows = [f"P{i},Lee,https://www.linkedin.com/in/p{i},,Acme,CEO,15 Mar 2024" for i in range(5)]
    rows.insert(2, ",,,,,,")  # blank: no record, no line number taken
    rows.insert(4, "Bo,Ray,,,,,31 Feb 2024")
    parsed = linkedin.parse_text("\n".join([HEADER, *rows]) + "\n")
    assert [r.where for r in parsed.records] == [
        "line 2",
        "line 3",
        "line 5",
        "line 6",
        "line 7",
        "line 8",
    ]
    assert [r.name for r in parsed.records][3] == "Bo Ray"
    (warning,) = parsed.warnings
    assert (warning.where, warning.problem[:35]) == (
        "line 6",
        "bad Connected On date '31 Feb 2024'",
    )


DATE_PARTS = st.sampled_from(
    [
        *(
            "15",
            "1",
            "031",
            "",
            "0",
            "٣",
            "99",
            "24",
            "2",
            "202",
            "2024",
            "0099",
            "3/15",
            "2024-03-15",
        ),
        *("Mar", "mar", "MARCH", "Sept", "Foo", "Mär", "PM", "10:00"),
        *(" ", "-", ",", ".", "T", ":", "/"),
    ]
)


def _patterns_only(text: str) -> object:
    """parse_connected_on before its quick path: every date through the patterns."""
    value = text.strip()
    if not value:
        return None
    try:
        if len(value) > 40:
            raise ValueError(value)
        return linkedin._by_patterns(value)
    except ValueError:
        return ValueError


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(DATE_PARTS, max_size=6), separator=st.sampled_from([" ", "-", ", ", ""]))
def test_the_quick_date_path_agrees_with_the_patterns(parts: list[str], separator: str) -> None:
    text = separator.join(parts)
    try:
        got: object = linkedin.parse_connected_on(text)
    except ValueError:
        got = ValueError
    assert got == _patterns_only(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", dt.date(2024, 3, 15)),
        ("1 march 2019", dt.date(2019, 3, 1)),
        ("15 Mar 0099", dt.date(2099, 3, 15)),  # as the pattern's two-digit years
        ("15 Mar 24", dt.date(2024, 3, 15)),
        ("15 Mar 202", ValueError),
        ("115 Mar 2024", ValueError),
        ("31 Feb 2024", ValueError),
        ("15 Foo 2024", ValueError),
        ("15 Mär 2024", ValueError),
        ("١٥ Mar 2024", dt.date(2024, 3, 15)),  # digits the quick path leaves to the patterns
    ],
)
def test_the_quick_date_path(text: str, expected: object) -> None:
    if expected is ValueError:
        with pytest.raises(ValueError):
            linkedin.parse_connected_on(text)
    else:
        assert linkedin.parse_connected_on(text) == expected
