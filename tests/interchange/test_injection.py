"""Values that try to break out of the file they are written into: refused at input (checked for
what they are in `domain.value_checks`), and escaped by the writer when older data has them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import vobject

from networkdesk.app import main
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.value_checks import clean_email, clean_mime, clean_phone, clean_url
from networkdesk.interchange import csv_export, vcard

BREAKOUT = "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Injected\r\nEND:VCARD"


def test_cli_refuses_a_linkedin_url_that_would_inject_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "nd.db"
    code = main(
        [
            "--db",
            str(db),
            "contact",
            "add",
            "X",
            f"--linkedin=https://x.linkedin.com/evil{BREAKOUT}",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "bad LinkedIn URL" in err
    assert "control character" in err
    main(["--db", str(db), "contact", "list", "--json"])
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (clean_email, "ann@example.com\r\nBCC: x@example.com"),
        (clean_email, "ann@exa\x00mple.com"),
        (clean_email, '"Ann" <ann@example.com>'),
        (clean_phone, "+1 555 0100\nEND:VCARD"),
        (clean_phone, "+1 555\u2028 0100"),
        (clean_url, "javascript:alert(1)"),
        (clean_url, "file:///etc/passwd"),
        (clean_url, "data:text/html,<b>x</b>"),
        (clean_url, "https://linkedin.com/in/a\tb"),
        (clean_url, "https://linkedin.com/in/a\x85b"),
        (clean_mime, "image/png\r\nX-EVIL:1"),
        (clean_mime, "image/png;charset=x"),
        (clean_mime, "png"),
    ],
)
def test_values_are_checked_for_what_they_are(check: object, value: str) -> None:
    with pytest.raises(ValidationError):
        check(value)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("check", "value", "expected"),
    [
        (clean_email, "mailto:Ann.Lee+jobs@example.co.uk", "Ann.Lee+jobs@example.co.uk"),
        (clean_phone, "+1 (555) 010-2030 ext. 12", "+1 (555) 010-2030 ext. 12"),
        (clean_phone, "5550199p22w33", "5550199p22w33"),
        (clean_phone, "tel:+39-06-555-0101", "+39-06-555-0101"),
        (clean_url, "www.linkedin.com/in/ann", "https://www.linkedin.com/in/ann"),
        (clean_url, "HTTPS://www.linkedin.com/in/ann", "HTTPS://www.linkedin.com/in/ann"),
        (clean_mime, "Image/JPEG", "image/jpeg"),
    ],
)
def test_real_values_pass(check: object, value: str, expected: str) -> None:
    assert check(value) == expected  # type: ignore[operator]


def _hostile_card() -> vcard.ExportCard:
    return vcard.ExportCard(
        name=f"Eve{BREAKOUT}",
        company=f"Evil; Inc.{BREAKOUT}",
        title=f"CEO,{BREAKOUT}",
        emails=((f"eve@example.com{BREAKOUT}", f"work{BREAKOUT}"),),
        phones=((f"+1 555{BREAKOUT}", "Label: with; stuff\r\nX:1"),),
        linkedin_url=f"https://www.linkedin.com/in/eve{BREAKOUT}",
        location=f"Paris{BREAKOUT}",
        notes=f"Note\\n with \\, escapes{BREAKOUT}",
        tags=(f"a,b;c{BREAKOUT}",),
        photo=b"\x89PNG\r\n\x1a\n" + b"\x00" * 10,
        photo_mime="image/png\r\nX-EVIL:1",
        uid=f"uid{BREAKOUT}",
    )


def test_vcard_export_of_hostile_values_stays_one_card_for_every_reader() -> None:
    text = vcard.card_text(_hostile_card())
    lines = text.split("\r\n")
    assert lines.count("BEGIN:VCARD") == 1
    assert lines.count("END:VCARD") == 1
    assert not [line for line in lines if line.startswith(("FN:Injected", "X-EVIL"))]
    # vobject (another reader) sees one card with the values whole.
    (component,) = list(vobject.readComponents(text))
    assert component.fn.value == f"Eve{BREAKOUT}".replace("\r\n", "\n")
    assert component.note.value == f"Note\\n with \\, escapes{BREAKOUT}".replace("\r\n", "\n")
    # ...and so does our own.
    (record,) = vcard.parse_text(text).records
    assert record.notes is not None
    assert record.notes.startswith(f"Note\\n with \\, escapes{BREAKOUT}\n\n".replace("\r\n", "\n"))
    assert record.emails == []  # an address with a line break in it is no address
    assert record.tags == [f"a,b;c{BREAKOUT}".replace("\r\n", "\n")[:100].replace("\n", " ")]


def test_csv_export_keeps_each_value_in_its_cell() -> None:
    text = csv_export.to_text(["name", "notes"], [[f"Eve{BREAKOUT}", 'say "hi",\r\n=1+1']])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [f"Eve{BREAKOUT}", 'say "hi",\r\n=1+1']
    assert len(rows) == 2
