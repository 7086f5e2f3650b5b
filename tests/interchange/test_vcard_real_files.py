"""vCard files as real exporters write them (Gmail, Outlook, Mac Address Book, iOS, Android,
Lotus Notes, old phones) and hostile ones: each test names the defect it guards against."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from networkdesk.interchange import vcard
from networkdesk.interchange.limits import ImportFormatError


def _pixel(data_dir: Path) -> bytes:
    return (data_dir / "pixel.png").read_bytes()


def test_colon_less_line_of_parameters_is_refused_at_once_naming_the_line(
    data_dir: Path,
) -> None:
    # 202 bytes that sent vobject's line regex into exponential backtracking.
    started = time.perf_counter()
    with pytest.raises(ImportFormatError, match=r"line 8: not a vCard property \(no ':'\)"):
        vcard.parse(data_dir / "hostile_params.vcf")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("count", [40, 400, 4_000])
def test_parameter_scanning_is_linear(count: int) -> None:
    # Parameters of every shape, many of them, with and without the colon: a few ms each.
    for tail in ("", ":x"):
        line = "TEL" + ';P="a;b:c"' * (count // 10) + ";P=1" * count + tail
        text = f"BEGIN:VCARD\r\nFN:A\r\n{line}\r\nEND:VCARD\r\n"
        started = time.perf_counter()
        problem = ""
        try:
            vcard.parse_text(text)
        except ImportFormatError as exc:
            problem = exc.problem
        # Refused: the colon-less line, and heads longer than any real property's.
        assert bool(problem) == (not tail or count >= 100), problem
        assert time.perf_counter() - started < 0.5


def test_text_values_are_kept_whole_with_their_commas(data_dir: Path) -> None:
    (john,) = vcard.parse(data_dir / "gmail_commas.vcf").records
    assert john.name == "Mr. John Richter, James Doe Sr."
    assert john.title == "VP, Sales and Marketing"
    assert john.notes == (
        "Met at the Lisbon offsite, row 3, next to the coffee. Follow up in May, maybe June."
    )
    assert john.tags == ["myContacts", "Starred"]


def test_outlook_21_quoted_printable_note_is_read_whole(data_dir: Path) -> None:
    (marta,) = vcard.parse(data_dir / "outlook_v21_note.vcf").records
    note = (data_dir / "outlook_v21_note.txt").read_text(encoding="utf-8")
    assert len(note) == 731
    assert marta.notes == note + "\n\nDepartment: Analytics"
    assert marta.company == "Contoso, Ltd."
    assert marta.location == "Lisboa, Portugal"  # from `ADR;HOME;PREF;:` (an empty parameter)
    assert marta.emails == [("marta.almeida@contoso.example", None)]
    assert marta.phones == [("+351 21 000 0000", "work")]


def test_every_charset_python_knows(data_dir: Path) -> None:
    parsed = vcard.parse(data_dir / "charsets_v21.vcf")
    assert [(r.name, r.company) for r in parsed.records] == [
        ("山田 太郎", "株式会社サンプル"),
        ("Γιώργος Παπαδόπουλος", "Αθήνα Σύμβουλοι"),
        ("Олена Коваленко", "Київ Консалтинг"),
        ("דוד כהן", "תל אביב"),
        ("Łukasz Żółć", "Kraków Sp. z o.o."),
        ("鈴木 花子", None),
    ]
    assert parsed.warnings == []


def test_utf16_with_a_byte_order_mark_is_text(data_dir: Path) -> None:
    (zoe,) = vcard.parse(data_dir / "utf16_bom.vcf").records
    assert (zoe.name, zoe.company) == ("Zoë Ångström", "Café Ü")


def test_unknown_charset_is_a_warning_not_a_refusal(tmp_path: Path) -> None:
    path = tmp_path / "x.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-NOPE:Ren\xe9\r\nEND:VCARD\r\n")
    parsed = vcard.parse(path)
    assert parsed.records[0].name == "René"
    assert [str(w) for w in parsed.warnings] == [
        "card 1, line 3: FN: unknown CHARSET 'X-NOPE': read as UTF-8"
    ]


def test_photos_in_every_encoding_seen_in_the_wild(data_dir: Path) -> None:
    parsed = vcard.parse(data_dir / "photos_in_the_wild.vcf")
    assert [r.name for r in parsed.records] == [
        "Mac Base64",
        "Mac Jpeg B",
        "Nokia Unindented",
        "Mediatype Uri",
        "Type Mime",
    ]
    for record in parsed.records:
        assert record.photo == _pixel(data_dir), record.name
        assert record.photo_mime == "image/png", record.name
    assert parsed.warnings == []


def test_one_bad_value_per_card_is_kept_and_warned_never_refused(data_dir: Path) -> None:
    parsed = vcard.parse(data_dir / "one_bad_value_each.vcf")
    sip, dial, placeholder, omega, photo, fine = parsed.records
    assert sip.phones == []
    assert sip.notes == "Phone from the imported card: sip:sip.person@voip.example"
    assert dial.phones == [("+1 555 0100,,1234#", "work"), ("5550199p22w33", None)]
    assert placeholder.notes == "Phone from the imported card: ask reception"
    assert omega.emails == [("omega@example.com", None)]
    assert photo.photo is None
    assert fine.emails == [("fine@example.com", None)]
    assert [str(w) for w in parsed.warnings] == [
        "card 1, line 4: bad phone number 'sip:sip.person@voip.example'; kept in the notes",
        "card 3, line 15: bad phone number 'ask reception'; kept in the notes",
        "card 5, line 25: PHOTO is not valid base64; the photo was not imported",
    ]


def test_ios_cr_cr_lf_line_ends_and_real_line_numbers(data_dir: Path) -> None:
    yuki, second = vcard.parse(data_dir / "ios_crcrlf.vcf").records
    assert yuki.name == "Yuki Tanaka"
    assert yuki.phones == [("+81 90 0000 0000", "mobile")]
    assert second.where == "card 2 (line 7)"  # the 7th line as an editor shows it
    truncated = data_dir / "ios_crcrlf_truncated.vcf"
    lines = truncated.read_bytes().count(b"\n") + 1
    with pytest.raises(ImportFormatError, match=r"line 7: card 2 has no END:VCARD") as caught:
        vcard.parse(truncated)
    assert caught.value.line is not None
    assert caught.value.line <= lines


def test_lotus_notes_profile_comments_and_soft_break_before_a_fold(data_dir: Path) -> None:
    (person,) = vcard.parse(data_dir / "lotus_notes.vcf").records
    assert person.name == "Lotus Person"
    assert person.notes == "First half, second half."  # no stray "="


def test_error_positions_are_lines_of_the_file(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\r\nFN:A\r\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\r\nb\r\r\nBAD LINE\r\r\n"
    path = tmp_path / "x.vcf"
    path.write_bytes(text.encode())
    with pytest.raises(ImportFormatError, match=r"line 5: not a vCard property") as caught:
        vcard.parse(path)
    assert text.split("\n")[4].startswith("BAD LINE")
    assert caught.value.line == 5
