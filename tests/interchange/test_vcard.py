"""vCard 2.1 / 3.0 / 4.0 import quirks, hostile files, and the export format."""

from __future__ import annotations

from pathlib import Path

import pytest

from networkdesk.interchange import vcard
from networkdesk.interchange.limits import ImportFormatError


def test_v21_quoted_printable_charsets_soft_breaks_and_photo(data_dir: Path) -> None:
    parsed = vcard.parse(data_dir / "contacts_v21.vcf")
    jurgen, amara = parsed.records
    assert jurgen.name == "Jürgen Müller"  # UTF-8 quoted-printable
    assert jurgen.company == "Bäckerei Schmidt GmbH"
    assert jurgen.title == "Leiter Vertrieb"
    # ISO-8859-1 quoted-printable with an encoded CRLF and a soft line break ("Kaf=" / "fee.").
    assert (
        jurgen.notes == "Kennengelernt auf der Messe in Köln.\nMag Kaffee.\n\nDepartment: Vertrieb"
    )
    assert jurgen.emails == [
        ("juergen.mueller@example.de", "work"),
        ("jm@example.org", "home"),
    ]
    assert jurgen.phones == [("+49 170 1234567", "mobile"), ("030 123456", "work")]
    assert jurgen.photo == (data_dir / "pixel.png").read_bytes()  # base64 across lines
    assert jurgen.photo_mime == "image/png"
    assert amara.name == "Amara Okafor"  # from N alone (no FN in this 2.1 card)
    assert amara.phones == [("+44 20 7946 0958", "home")]
    assert amara.where == "card 2 (line 17)"


def test_apple_groups_labels_org_department_note_escapes_categories(data_dir: Path) -> None:
    ann, bjorn = vcard.parse(data_dir / "contacts_v30_apple.vcf").records
    assert ann.name == "Ann Lee"
    assert ann.company == "Northwind Traders"
    assert ann.title == "Principal Researcher"
    assert ann.emails == [("ann.lee@example.com", "other"), ("ann@northwind.example", "work")]
    assert ann.phones == [("(555) 010-2030", "mobile"), ("+1 555 010 9999", "assistant")]
    assert ann.linkedin_url == "https://www.linkedin.com/in/ann-lee-research/"
    assert ann.location == "Toronto, ON, Canada"
    assert ann.notes == (
        "Met at the alumni mixer, spring 2024.\nPrefers e-mail; no calls before 10."
        "\n\nDepartment: Research & Development"
    )
    assert ann.tags == ["Alumni", "Research"]
    assert ann.photo == (data_dir / "pixel.png").read_bytes()
    # A folded FN; the same address twice (different case) is kept once.
    assert bjorn.name == (
        "Bjørn Østergaard with a rather long name that gets folded across several lines"
    )
    assert bjorn.emails == [("bjorn@example.dk", None)]


def test_v40_tel_uris_data_uri_photo_and_linkedin_url(data_dir: Path) -> None:
    (sofia,) = vcard.parse(data_dir / "contacts_v40.vcf").records
    assert sofia.phones == [("+39-06-555-0101", "mobile"), ("+39-06-555-0102 ext. 12", "work")]
    assert sofia.photo == (data_dir / "pixel.png").read_bytes()
    assert sofia.photo_mime == "image/png"
    assert sofia.linkedin_url == "https://it.linkedin.com/in/sofiarossi"
    assert sofia.tags == ["Target, maybe", "Engineering"]  # an escaped comma inside a tag
    assert sofia.notes == "Backslash \\ kept, commas too."


def test_bad_value_in_the_middle_is_a_warning_naming_card_and_line(data_dir: Path) -> None:
    # Lenient on values (issue 15): one bad e-mail no longer refuses the whole address book; the
    # value is kept in the notes and the warning names the card and the line it is on.
    parsed = vcard.parse(data_dir / "broken_middle.vcf")
    assert [r.name for r in parsed.records] == ["First Person", "Second Person", "Third Person"]
    assert [str(w) for w in parsed.warnings] == [
        "card 2, line 8: bad e-mail address 'not an address'; kept in the notes"
    ]
    assert parsed.records[1].emails == []
    assert parsed.records[1].notes == "E-mail from the imported card: not an address"


def test_truncated_file_card_without_end(data_dir: Path) -> None:
    with pytest.raises(ImportFormatError, match=r"line 5: card 2 has no END:VCARD"):
        vcard.parse(data_dir / "truncated.vcf")


def test_nested_begin_is_refused(data_dir: Path) -> None:
    with pytest.raises(ImportFormatError, match=r"line 4: BEGIN:VCARD inside card 1"):
        vcard.parse(data_dir / "nested.vcf")


def test_binary_file_is_refused(data_dir: Path) -> None:
    with pytest.raises(ImportFormatError, match="binary data"):
        vcard.parse(data_dir / "pixel.png")


def test_text_that_is_not_a_vcard(tmp_path: Path) -> None:
    path = tmp_path / "notes.vcf"
    path.write_text("Shopping list\nmilk\n")
    with pytest.raises(ImportFormatError, match="line 1: text outside a card"):
        vcard.parse(path)


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_text("")
    with pytest.raises(ImportFormatError, match="no vCard"):
        vcard.parse(path)


def test_cards_without_names_are_skipped_and_all_nameless_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nameless.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:123\r\nEND:VCARD\r\n"
    )
    parsed = vcard.parse(path)
    assert [r.name for r in parsed.records] == ["Ann Lee"]
    assert [(s.where, s.reason) for s in parsed.skipped] == [("card 2 (line 5)", "no name")]
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:123\r\nEND:VCARD\r\n")
    with pytest.raises(ImportFormatError, match="no card with a name"):
        vcard.parse(path)


def test_bad_photo_base64_names_the_card(tmp_path: Path) -> None:
    path = tmp_path / "photo.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nPHOTO;ENCODING=b;TYPE=JPEG:@@@not base64@@@\r\n"
        "END:VCARD\r\n"
    )
    parsed = vcard.parse(path)  # one broken photo: a warning, never the whole file refused
    assert [r.name for r in parsed.records] == ["A", "B"]
    assert parsed.records[1].photo is None
    assert [str(w) for w in parsed.warnings] == [
        "card 2, line 8: PHOTO is not valid base64; the photo was not imported"
    ]


def test_remote_photo_links_are_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "remote.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nPHOTO:https://example.com/a.jpg\r\nEND:VCARD\r\n"
    )
    assert vcard.parse(path).records[0].photo is None


def test_huge_property_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.vcf"
    folded = "\r\n ".join(["x" * 74] * 160_000)  # 11.8 M characters once unfolded
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE:{folded}\r\nEND:VCARD\r\n")
    with pytest.raises(ImportFormatError, match="line 4: a property longer than"):
        vcard.parse(path)


def test_export_is_folded_escaped_crlf_vcard_30(tmp_path: Path) -> None:
    card = vcard.ExportCard(
        name="Zoë O'Brien",
        company="The Good; Company",
        title="Head of Design, EMEA",
        emails=(("zoe@example.com", "work"), ("z@example.org", "Side project")),
        phones=(("+1 555 0100", "mobile"),),
        linkedin_url="https://www.linkedin.com/in/zoe",
        location="Dublin, Ireland",
        notes="Line one\nLine two; with \\ backslash, and comma. " + "long " * 30,
        tags=("Alumni", "Design, UX"),
        photo=b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        photo_mime="image/png",
    )
    text = vcard.card_text(card)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCARD"
    assert lines[1] == "VERSION:3.0"
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line ends
    assert all(len(line.encode()) <= 75 for line in lines)  # folded at 75 octets
    assert "FN:Zoë O'Brien" in lines
    assert "ORG:The Good\\; Company" in lines
    assert "EMAIL;TYPE=INTERNET,WORK:zoe@example.com" in lines
    assert "item2.X-ABLabel:Side project" in lines  # a custom label, Apple/Google style
    assert "TEL;TYPE=CELL:+1 555 0100" in lines
    assert "CATEGORIES:Alumni,Design\\, UX" in lines
    assert any(line.startswith("PHOTO;ENCODING=b;TYPE=PNG:") for line in lines)


def test_export_then_parse_keeps_every_field(tmp_path: Path) -> None:
    card = vcard.ExportCard(
        name="José Muñoz",
        company="Acme, Inc.",
        title="Staff Engineer",
        emails=(("jose@example.com", "work"), ("jm@example.org", None)),
        phones=(("+34 600 000 000", "mobile"), ("+34 91 000 00 00", "assistant")),
        linkedin_url="https://www.linkedin.com/in/josemunoz",
        location="Madrid, Spain",
        notes="Multi-line\nnote; with, punctuation \\ and ünïcödé",
        tags=("Alumni", "Target, maybe"),
        photo=b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20,
        photo_mime="image/jpeg",
    )
    path = tmp_path / "out.vcf"
    assert vcard.write(path, [card, vcard.ExportCard(name="Solo")]) == 2
    first, second = vcard.parse(path).records
    assert first.name == card.name
    assert first.company == card.company
    assert first.title == card.title
    assert first.emails == list(card.emails)
    assert first.phones == list(card.phones)
    assert first.linkedin_url == card.linkedin_url
    assert first.location == card.location
    assert first.notes == card.notes
    assert first.tags == list(card.tags)
    assert first.photo == card.photo
    assert first.photo_mime == card.photo_mime
    assert second.name == "Solo"


def test_long_name_like_properties_are_refused_before_vobject(tmp_path: Path) -> None:
    path = tmp_path / "n.vcf"
    path.write_text("BEGIN:VCARD\r\nFN:A\r\nN:" + ";" * 5_000 + "\r\nEND:VCARD\r\n")
    with pytest.raises(ImportFormatError, match="line 3: a N property longer than 4,000"):
        vcard.parse(path)


def test_too_many_properties_in_one_card(tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    path.write_text("BEGIN:VCARD\r\nFN:A\r\n" + "EMAIL:a@b.co\r\n" * 2_500 + "END:VCARD\r\n")
    with pytest.raises(ImportFormatError, match="more than 2,000 properties in one card"):
        vcard.parse(path)


def test_overlong_parameters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "params.vcf"
    path.write_text("BEGIN:VCARD\r\nFN:A\r\nNOTE" + ";X=y" * 400 + ":hi\r\nEND:VCARD\r\n")
    with pytest.raises(ImportFormatError, match="name and parameters longer than 1,000"):
        vcard.parse(path)


def test_text_budget_of_a_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vcard, "MAX_STRUCTURED_CHARS", 1_000)
    path = tmp_path / "budget.vcf"
    path.write_text(("BEGIN:VCARD\r\nFN:A\r\nORG:" + "x" * 600 + "\r\nEND:VCARD\r\n") * 2)
    with pytest.raises(
        ImportFormatError,
        match="card 2, line 5: more than 0 M characters of names, companies and addresses",
    ):
        vcard.parse(path)


def test_progress_is_reported_while_reading_many_cards() -> None:
    text = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P{i}\r\nEND:VCARD\r\n" for i in range(1200))
    calls: list[tuple[int, int]] = []
    parsed = vcard.parse_text(text, "many.vcf", lambda done, total: calls.append((done, total)))
    assert len(parsed.records) == 1200
    assert calls == [(500, 1200), (1000, 1200)]
