"""Coverage of target companies × rings, and the gaps in words."""

from __future__ import annotations

from networkdesk.domain.coverage import (
    CoveragePerson,
    TargetCompany,
    all_gaps,
    coverage,
)


def test_cells_count_contacts_and_met_per_ring() -> None:
    rows = coverage(
        [TargetCompany(1, "Globex"), TargetCompany(2, "Initech")],
        [
            CoveragePerson(10, 1, 3, True),
            CoveragePerson(11, 1, 3, False),
            CoveragePerson(12, 1, 0, False),
            CoveragePerson(13, 1, None, True),
            CoveragePerson(14, 99, 0, True),  # not a target company
        ],
    )
    globex, initech = rows
    assert globex.cells[3].contact_ids == (10, 11)
    assert globex.cells[3].met_ids == (10,)
    assert (globex.cells[0].contacts, globex.cells[0].met) == (1, 0)
    assert globex.unplaced.contact_ids == (13,)
    assert (globex.contacts, globex.met) == (4, 2)
    assert globex.gaps() == [
        "no inner contact at Globex yet",
        "no middle contact at Globex yet",
    ]
    assert initech.contacts == 0
    assert initech.gaps() == ["no contact at Initech yet"]


def test_a_company_where_nobody_was_met() -> None:
    rows = coverage([TargetCompany(1, "Acme")], [CoveragePerson(1, 1, r, False) for r in range(4)])
    assert all_gaps(rows) == ["nobody met at Acme yet"]
