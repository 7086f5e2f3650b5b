"""Export fidelity: vCard N keeps suffixes and particles, CSV leaves phone numbers alone but
never a formula, and list cells use a format that reads back exactly."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from networkdesk.interchange import csv_export, vcard
from networkdesk.services import contacts, exporting


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ann Lee", ("Lee", "Ann", "", "", "")),
        ("Martin Luther King Jr.", ("King", "Martin", "Luther", "", "Jr.")),
        ("John Richter, James Doe Sr.", ("Doe", "John", "Richter James", "", "Sr.")),
        ("Ann Lee, PhD", ("Lee", "Ann", "", "", "PhD")),
        ("Dr. Amara Okafor", ("Okafor", "Amara", "", "Dr.", "")),
        ("Ludwig van Beethoven", ("van Beethoven", "Ludwig", "", "", "")),
        ("Henry Ford II", ("Ford", "Henry", "", "", "II")),
        ("Madonna", ("Madonna", "", "", "", "")),
        ("Jr.", ("Jr.", "", "", "", "")),
    ],
)
def test_n_is_split_carefully(name: str, parts: tuple[str, ...]) -> None:
    assert vcard.split_name(name) == parts
    (card,) = list(vobject.readComponents(vcard.card_text(vcard.ExportCard(name=name))))
    n = card.n.value
    assert (n.family, n.given, n.additional, n.prefix, n.suffix) == parts
    assert card.fn.value == name


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("+1 555 0100", True),
        ("+44 20 7946 0958", True),
        ("+15550100", True),
        ("+1-555-0100", False),  # a spreadsheet computes 1 - 555 - 100
        ("+1 555 0100)", False),
        ("+A1", False),
        ("+", False),
        ("+ 1", False),
        ('+HYPERLINK("http://evil")', False),
        ("+1 555\n=1", False),
    ],
)
def test_only_a_phone_number_may_start_with_plus(value: str, kept: bool) -> None:
    assert (csv_export.neutralise(value) == value) is kept


@given(st.lists(st.text(min_size=1).filter(lambda t: t.strip() == t and t), max_size=6))
def test_list_cells_round_trip(items: list[str]) -> None:
    assert csv_export.split_list(csv_export.join_list(items)) == items


def test_tags_with_semicolons_survive_the_csv_export(db: Any) -> None:
    with db.transaction() as session:
        contacts.add(
            session, "Ann Lee", phones=["555 0199;22", "+1 555 0100"], tag_names=["a; b", "c\\d"]
        )
        rows = exporting.csv_rows(session)
    text = csv_export.to_text(exporting.CSV_HEADERS, rows)
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    cells = dict(zip(header, row, strict=True))
    tags_column = next(h for h in header if h.lower().startswith("tag"))
    phones_column = next(h for h in header if h.lower().startswith("phone"))
    assert sorted(csv_export.split_list(cells[tags_column])) == ["a; b", "c\\d"]
    assert csv_export.split_list(cells[phones_column]) == ["555 0199;22", "+1 555 0100"]
