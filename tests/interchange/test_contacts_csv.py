"""Google Contacts and Outlook CSV recognised by their headers; any other CSV through a column
mapping (`import csv FILE --map COLUMN=FIELD`); Outlook's Referred By as a referral."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from networkdesk.app import main
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import Contact, Referral
from networkdesk.interchange import contacts_csv
from networkdesk.interchange.limits import ImportFormatError, decode_text
from networkdesk.services import import_file
from networkdesk.services.history import History
from networkdesk.services.records.imported import import_file as import_record

DATA = Path(__file__).resolve().parent.parent / "data"


def _by_name(data_dir: Path, name: str, **kwargs: Any) -> dict[str, Any]:
    parsed = import_file.read_file(data_dir / name, **kwargs)
    return {record.name: record for record in parsed.records}


def test_current_google_export_is_recognised_and_read_whole(data_dir: Path) -> None:
    parsed = import_file.read_file(data_dir / "google_contacts_2024.csv")
    assert parsed.source == contacts_csv.GOOGLE
    people = {record.name: record for record in parsed.records}
    amara = people["Amara Nwosu"]
    assert amara.company == "Umbrella Health"
    assert amara.title == "VP Engineering"
    assert amara.emails == [("amara@umbrella.example", "work"), ("a.nwosu@mail.example", "work")]
    assert amara.phones == [("+49 151 2345678", "mobile")]
    assert amara.tags == ["Mentors", "Berlin"]  # not Google's own "* myContacts"
    assert amara.linkedin_url == "https://www.linkedin.com/in/amara-nwosu"
    assert amara.location == "Berlin"
    assert amara.notes == "Met at the PyData meetup, line one\nline two, with a comma"
    john = people["John Q. Public Jr."]
    assert john.emails == [("john@globex.example", "home")]  # "Name" <address>
    assert john.phones == []
    assert john.notes is not None
    assert "call me maybe" in john.notes  # kept, with a warning
    assert any("call me maybe" in str(w) for w in parsed.warnings)
    assert [row.reason for row in parsed.skipped] == ["no name"]


def test_legacy_google_export_keeps_a_name_with_commas_whole(data_dir: Path) -> None:
    parsed = import_file.read_file(data_dir / "google_contacts_legacy.csv")
    assert parsed.source == contacts_csv.GOOGLE_LEGACY
    people = {record.name: record for record in parsed.records}
    richter = people["Mr. John Richter, James Doe Sr."]
    assert richter.company == "Richter & Doe"
    assert richter.tags == ["Alumni"]
    ann = people["Ann Lee"]
    assert [e for e, _ in ann.emails] == ["ann@example.com", "ann.lee@home.example"]
    assert [p for p, _ in ann.phones] == ["(555) 010-2000", "+1 555 010 2001"]


def test_outlook_dialects_are_recognised(data_dir: Path) -> None:
    web = import_file.read_file(data_dir / "outlook_com.csv")
    assert web.source == contacts_csv.OUTLOOK
    priya = web.records[0]
    assert priya.name == "Priya Raman"  # "Ms." is Outlook's Title, the name's prefix
    assert priya.title == "Senior Product Manager"  # its Job Title
    assert priya.phones == [("+44 20 7946 0000", "work"), ("+44 7700 900123", "mobile")]
    assert priya.location == "London"
    desktop = import_file.read_file(data_dir / "outlook_desktop.csv")  # Windows-1252
    assert desktop.source == contacts_csv.OUTLOOK
    henrik = next(r for r in desktop.records if r.name.startswith("Henrik"))
    assert henrik.name == "Henrik Olsen Jr."
    assert henrik.referred_by == "Priya Raman"
    assert henrik.linkedin_url == "https://www.linkedin.com/in/henrik-olsen"
    priya = desktop.records[0]
    assert priya.tags == ["Mentors", "Target: Northwind"]
    assert priya.notes == "Met at ProductCon 2024.\r\nFollow up in May."
    lena = next(r for r in desktop.records if r.name == "Lena Vogel")
    assert lena.emails == []
    assert lena.notes is not None
    assert "ExchangeLabs" in lena.notes  # an Exchange address is no e-mail: kept, warned


def test_referred_by_becomes_a_referral_and_undo_removes_it(db: Any, data_dir: Path) -> None:
    history = History(db)
    parsed = import_file.read_file(data_dir / "outlook_desktop.csv")
    record = history.apply(lambda s: import_record(s, parsed))
    assert record is not None
    with db.reading() as s:
        names = {c.id: c.name for c in s.scalars(select(Contact))}
        referrals = [
            (names[r.from_contact_id], names[r.to_contact_id]) for r in s.scalars(select(Referral))
        ]
    assert referrals == [("Priya Raman", "Henrik Olsen Jr.")]
    assert any("Nobody Known" in w for w in record.outcome.plan.warnings)
    history.undo()
    with db.reading() as s:
        assert not s.scalars(select(Referral)).all()
        assert not s.scalars(select(Contact)).all()


def test_referred_by_finds_an_existing_contact(db: Any, data_dir: Path) -> None:
    import_file.apply(db, import_file.read_file(data_dir / "outlook_com.csv"))  # Priya
    outcome = import_file.apply(db, import_file.read_file(data_dir / "outlook_desktop.csv"))
    assert len(outcome.added_referral_ids) == 1
    again = import_file.apply(db, import_file.read_file(data_dir / "outlook_desktop.csv"))
    assert again.added_referral_ids == []  # not doubled


def test_an_unknown_csv_asks_for_a_mapping_and_reads_with_one(data_dir: Path) -> None:
    with pytest.raises(contacts_csv.NeedsMapping, match="--map COLUMN=FIELD") as caught:
        import_file.read_file(data_dir / "crm_export.csv")
    assert caught.value.columns[:3] == ["Contact ID", "Full Name", "Employer"]
    mapping = import_file.column_mapping(
        ["Full Name=name", "Employer=company", "Role=title", "Work Email=email", "Cell=phone"]
    )
    people = _by_name(data_dir, "crm_export.csv", mapping=mapping)
    grace = people["Grace Hopper"]
    assert (grace.company, grace.title) == ("US Navy", "Rear Admiral")
    assert grace.emails == [("grace@navy.example", None)]
    assert grace.phones == [("+1 555 0100", None)]
    assert grace.notes is None  # unmapped columns are ignored


def test_a_bad_mapping_says_what_is_wrong(data_dir: Path) -> None:
    with pytest.raises(ValidationError, match="unknown field 'salary'"):
        import_file.column_mapping(["Pay=salary"])
    with pytest.raises(ValidationError, match="COLUMN=FIELD"):
        import_file.column_mapping(["Employer"])
    with pytest.raises(ImportFormatError, match="does not have: nope"):
        import_file.read_file(data_dir / "crm_export.csv", mapping={"nope": "name"})
    with pytest.raises(ImportFormatError, match="no name"):
        import_file.read_file(data_dir / "crm_export.csv", mapping={"employer": "company"})


def test_linkedin_exports_are_still_linkedin(data_dir: Path) -> None:
    for name in ("linkedin_connections.csv", "linkedin_connections_2018.csv"):
        assert import_file.read_file(data_dir / name).source == "linkedin"


def test_cli_imports_google_and_mapped_csv(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "data" / "nd.db")
    assert main(["--db", db, "import", "csv", str(data_dir / "google_contacts_2024.csv")]) == 0
    out = capsys.readouterr().out
    assert "created 2, updated 0, skipped 1" in out
    assert "warning line 4: bad phone number 'call me maybe'" in out  # a real line
    assert main(["--db", db, "import", "csv", str(data_dir / "crm_export.csv")]) == 1
    assert "--map COLUMN=FIELD" in capsys.readouterr().err
    args = ["--db", db, "import", "csv", str(data_dir / "crm_export.csv")]
    args += ["--map", "Full Name=name", "--map", "Employer=company"]
    assert main(args) == 0
    assert "created 2" in capsys.readouterr().out
    assert main(args) == 0
    assert "nothing changed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("Full Name", "name"),
        ("first_name", "first name"),
        ("Surname", "last name"),
        ("Last Activity", "ignore"),
        ("Work Email", "email"),
        ("Cell", "phone"),
        ("Employer", "company"),
        ("LinkedIn Profile", "linkedin"),
        ("Contact ID", "ignore"),
    ],
)
def test_the_mapping_step_guesses_fields_from_column_names(column: str, field: str) -> None:
    assert contacts_csv.guess_field(column) == field


CSV_SAMPLES = ["google_contacts_2024.csv", "google_contacts_legacy.csv", "outlook_com.csv"]


@given(
    sample=st.sampled_from(CSV_SAMPLES),
    cuts=st.lists(st.tuples(st.integers(0, 5000), st.binary(max_size=8)), max_size=6),
)
@settings(max_examples=80, deadline=None)
def test_mutated_contacts_csv_is_parsed_or_refused_in_words(
    sample: str, cuts: list[tuple[int, bytes]]
) -> None:
    data = bytearray((DATA / sample).read_bytes())
    for position, token in cuts:
        at = position % (len(data) + 1)
        data[at : at + len(token)] = token
    try:
        text = decode_text(bytes(data), sample, "contacts CSV")
        contacts_csv.parse_text(text, sample)
    except ImportFormatError:
        pass  # refused with the importer's own message


@given(
    header=st.lists(st.text(max_size=12), min_size=1, max_size=8),
    rows=st.lists(st.lists(st.text(max_size=20), max_size=9), max_size=5),
    fields=st.lists(st.sampled_from(contacts_csv.FIELDS), min_size=1, max_size=8),
)
@settings(max_examples=80, deadline=None)
def test_any_mapped_csv_is_parsed_or_refused_in_words(
    header: list[str], rows: list[list[str]], fields: list[str]
) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    mapping = dict(zip(header, fields, strict=False))
    try:
        contacts_csv.parse_text(out.getvalue(), "any.csv", mapping)
    except ImportFormatError:
        pass


def test_a_linkedin_export_given_as_csv_is_read_as_linkedin(data_dir: Path) -> None:
    parsed = import_file.read_file(data_dir / "linkedin_connections.csv", "csv")
    assert parsed.source == "linkedin"
