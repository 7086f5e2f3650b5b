"""Property tests: parsers fed random and mutated input either parse it or raise the importer's
own error (ImportFormatError) - never another exception, never a hang."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkdesk.interchange import json_archive, linkedin, vcard
from networkdesk.interchange.limits import ImportFormatError, ParsedFile, decode_text

DATA = Path(__file__).resolve().parent.parent / "data"
VCARDS = [
    (DATA / name).read_bytes()
    for name in ("contacts_v21.vcf", "contacts_v30_apple.vcf", "contacts_v40.vcf")
]
CSVS = [
    (DATA / name).read_bytes()
    for name in ("linkedin_connections.csv", "linkedin_connections_old.csv")
]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VCARD_TOKENS = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "VERSION:4.0",
        "FN:",
        "N:;;;;",
        "ORG:;",
        "EMAIL:",
        "TEL;VALUE=uri:tel:",
        "PHOTO;ENCODING=b:",
        "PHOTO:data:image/png;base64,",
        "NOTE;ENCODING=QUOTED-PRINTABLE:=",
        "item1.X-ABLabel:",
        "ADR:;;;;;;",
        "CATEGORIES:,",
        "\r\n",
        "\n ",
        "=\r\n",
        ";",
        ":",
        "\\",
        ",",
        "=C3",
        "\x00",
        "é",
    ]
)


def _ok_or_own_error(parse: object, data: bytes) -> None:
    try:
        text = decode_text(data, "fuzz", "file")
        result = parse(text, "fuzz")  # type: ignore[operator]
    except ImportFormatError:
        return
    assert isinstance(result, ParsedFile)
    assert result.records, "a success always has at least one record"


def _mutate(original: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    data = bytearray(original)
    for position, length, insert in cuts:
        at = position % (len(data) + 1)
        data[at : at + length] = insert
    return bytes(data)


MUTATIONS = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.binary(max_size=20)), max_size=6
)


@FUZZ
@given(st.binary(max_size=2000))
def test_vcard_random_bytes(data: bytes) -> None:
    _ok_or_own_error(vcard.parse_text, data)


@FUZZ
@given(st.sampled_from(VCARDS), MUTATIONS)
def test_vcard_mutated_samples(original: bytes, cuts: list[tuple[int, int, bytes]]) -> None:
    _ok_or_own_error(vcard.parse_text, _mutate(original, cuts))


@FUZZ
@given(st.lists(VCARD_TOKENS | st.text(max_size=8), max_size=60))
def test_vcard_structured_noise(tokens: list[str]) -> None:
    _ok_or_own_error(vcard.parse_text, "".join(tokens).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary(max_size=2000))
def test_linkedin_random_bytes(data: bytes) -> None:
    _ok_or_own_error(linkedin.parse_text, data)


@FUZZ
@given(st.sampled_from(CSVS), MUTATIONS)
def test_linkedin_mutated_samples(original: bytes, cuts: list[tuple[int, int, bytes]]) -> None:
    _ok_or_own_error(linkedin.parse_text, _mutate(original, cuts))


@FUZZ
@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=12), max_size=8),
        max_size=12,
    )
)
def test_linkedin_random_rows_under_a_real_header(rows: list[list[str]]) -> None:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [",".join(row) for row in rows]
    _ok_or_own_error(linkedin.parse_text, "\n".join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_archive_envelope_random_json(value: object) -> None:
    text = json.dumps({"format": "networkdesk-archive", "version": 1, "tables": value})
    try:
        data = json_archive.loads(text)
    except ImportFormatError:
        return
    assert isinstance(data["tables"], dict)
