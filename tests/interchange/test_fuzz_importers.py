"""Fuzz harness for every importer: vCard (bytes and text), LinkedIn CSV, generic CSV cells and
the JSON archive. Each input is either parsed or refused with the importer's own error
(ImportFormatError) - never another exception - within a time bounded by its size (a linear
parser handles these in milliseconds; backtracking or a quadratic loop would not).

The mutation corpus is derived from the realistic samples in tests/data: byte edits, and line
edits that real breakage makes (lines dropped, repeated, swapped, cut; hostile tokens spliced
in). The quick run is part of the suite; `-m slow` runs many more and larger examples.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkdesk.interchange import csv_export, json_archive, linkedin, vcard
from networkdesk.interchange.limits import ImportFormatError, ParsedFile, decode_text

DATA = Path(__file__).resolve().parent.parent / "data"
VCARD_SAMPLES = sorted(DATA.glob("*.vcf"))
CSV_SAMPLES = [*sorted(DATA.glob("linkedin*.csv")), DATA / "google_contacts.csv"]
ARCHIVE_SAMPLE = json.dumps(
    {
        "format": "networkdesk-archive",
        "version": 1,
        "tables": {
            "companies": [{"id": 1, "name": "Acme", "name_key": "acme", "is_target": True}],
            "contacts": [
                {
                    "id": 1,
                    "name": "Ann Lee",
                    "name_key": "ann lee",
                    "company_id": 1,
                    "angle": 0.5,
                    "ring": 1,
                    "stage": "identified",
                    "connected_on": "2024-03-15",
                    "created_at": "2026-01-01T10:00:00+00:00",
                    "photo": "iVBORw0KGgo=",
                }
            ],
            "contact_emails": [
                {"id": 1, "contact_id": 1, "address": "ann@example.com", "address_key": "a"}
            ],
        },
    },
    indent=1,
)
# Budget per input: a fixed allowance plus a per-byte one far above what a linear parser needs.
BASE_SECONDS = 1.0
SECONDS_PER_BYTE = 20e-6
QUICK = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HOSTILE = [
    b";P=1" * 40,
    b";" * 300,
    b'"' * 7,
    b":",
    b"=\r\n",
    b"\r\r\n",
    b"\r\n ",
    b"\\",
    b"\\,",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b";CHARSET=SHIFT_JIS",
    b";CHARSET=X-NOPE",
    b";ENCODING=QUOTED-PRINTABLE:=E3=81",
    b";ENCODING=b:@@@",
    b"PHOTO;JPEG;B:/9j/",
    b"data:image/png;base64,",
    b"\xff\xfe",
    b"\xe9\x82",
    b"\x00",
    b'""",,,"',
    b"urn:li:member:1",
    b"1/8/18, 6:14 PM",
    b"9223372036854775808",
    b"1e400",
    b'"\\ud800"',
    b"[" * 50,
]


def _timed(parse: Callable[[], object], size: int) -> object:
    started = time.perf_counter()
    try:
        result = parse()
    except ImportFormatError as exc:
        result = exc
    elapsed = time.perf_counter() - started
    assert elapsed < BASE_SECONDS + SECONDS_PER_BYTE * size, f"{elapsed:.2f}s for {size} bytes"
    return result


def _parsed_or_refused(result: object) -> None:
    if isinstance(result, ImportFormatError):
        assert result.problem  # a message a person can read
        return
    assert isinstance(result, ParsedFile)
    assert result.records, "a success has at least one record"
    for record in result.records:
        assert record.name.strip()


def _line_edits(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    """Real breakage: a line dropped (0), repeated (1), swapped with the next (2), cut in half
    (3), or a hostile token spliced in (4+)."""
    lines = data.split(b"\n")
    for kind, where, token in edits:
        if not lines:
            break
        at = where % len(lines)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[at])
        elif kind == 2 and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif kind == 3:
            lines[at] = lines[at][: len(lines[at]) // 2]
        else:
            line = lines[at]
            cut = token % (len(line) + 1)
            lines[at] = line[:cut] + HOSTILE[token % len(HOSTILE)] + line[cut:]
    return b"\n".join(lines)


def _byte_edits(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    buffer = bytearray(data)
    for position, length, insert in edits:
        at = position % (len(buffer) + 1)
        buffer[at : at + length] = insert
    return bytes(buffer)


LINE_EDITS = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 10_000), st.integers(0, 10_000)), max_size=8
)
BYTE_EDITS = st.lists(
    st.tuples(st.integers(0, 100_000), st.integers(0, 30), st.binary(max_size=16)), max_size=6
)


def _vcard(data: bytes) -> None:
    _parsed_or_refused(_timed(lambda: vcard.parse_bytes(data, "fuzz.vcf"), len(data)))


def _linkedin(data: bytes) -> None:
    def parse() -> ParsedFile:
        return linkedin.parse_text(decode_text(data, "fuzz.csv", "CSV"), "fuzz.csv")

    _parsed_or_refused(_timed(parse, len(data)))


def _archive(data: bytes) -> None:
    def parse() -> dict[str, Any]:
        return json_archive.loads(decode_text(data, "fuzz.json", "archive"), "fuzz.json")

    result = _timed(parse, len(data))
    if not isinstance(result, ImportFormatError):
        assert isinstance(result, dict)
        # What passed the check can be written back out (no infinities, no lone surrogates).
        json.dumps(result, allow_nan=False).encode("utf-8")


def _samples(paths: list[Path]) -> st.SearchStrategy[bytes]:
    return st.sampled_from([path.read_bytes() for path in paths])


def _mutated(samples: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.builds(_line_edits, samples, LINE_EDITS),
        st.builds(_byte_edits, samples, BYTE_EDITS),
        st.builds(
            lambda d, e, b: _byte_edits(_line_edits(d, e), b), samples, LINE_EDITS, BYTE_EDITS
        ),
    )


VCARDS = _mutated(_samples(VCARD_SAMPLES))
CSVS = _mutated(_samples(CSV_SAMPLES))
ARCHIVES = _mutated(st.just(ARCHIVE_SAMPLE.encode("utf-8")))
CELLS = st.text(alphabet=st.sampled_from(list("ab ;\\,\"'=+-@\t\r\n1")), max_size=40)


@QUICK
@given(VCARDS)
def test_vcard_mutations(data: bytes) -> None:
    _vcard(data)


@QUICK
@given(CSVS)
def test_linkedin_mutations(data: bytes) -> None:
    _linkedin(data)


@QUICK
@given(ARCHIVES)
def test_archive_mutations(data: bytes) -> None:
    _archive(data)


@QUICK
@given(st.lists(st.lists(CELLS, max_size=8), max_size=10), st.permutations(range(8)))
def test_generic_csv_under_any_eras_header(rows: list[list[str]], order: list[int]) -> None:
    names = ["First Name", "Last Name", "E-mail Address", "Profile URL"]
    names += ["Company Name", "Job Title", "Connected On", "Unknown"]
    header = [names[i] for i in order]
    text = csv_export.to_text(header, rows)
    _linkedin(text.encode("utf-8"))


@QUICK
@given(CELLS)
def test_csv_cells_never_run_and_list_cells_read_back(cell: str) -> None:
    shown = csv_export.neutralise(cell)
    assert shown == cell or shown == "'" + cell
    if shown == cell:
        assert not cell.startswith(csv_export.FORMULA_STARTS) or cell.startswith("+")
    items = [item for item in (part.strip() for part in cell.split("\n")) if item]
    assert csv_export.split_list(csv_export.join_list(items)) == items


def test_hostile_tokens_at_scale_stay_linear() -> None:
    # Each hostile token repeated to a large file: the time must stay within the size budget.
    for token in HOSTILE:
        body = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE" + token * (4_000 // len(token))
        _vcard(body + b":x\r\nEND:VCARD\r\n")
        _linkedin(b"First Name,Last Name,Connected On\r\nA,B," + token * (4_000 // len(token)))


@pytest.mark.slow
@LONG
@given(st.one_of(VCARDS, st.binary(max_size=20_000)))
def test_vcard_mutations_long(data: bytes) -> None:
    _vcard(data)


@pytest.mark.slow
@LONG
@given(st.one_of(CSVS, st.binary(max_size=20_000)))
def test_linkedin_mutations_long(data: bytes) -> None:
    _linkedin(data)


@pytest.mark.slow
@LONG
@given(ARCHIVES)
def test_archive_mutations_long(data: bytes) -> None:
    _archive(data)
