"""Coverage of the target companies: for each one and each ring, how many contacts and how many
of them met, and the gaps in words ("no inner contact at Globex yet").

The method works from the outside in, so a target company with people only on the outer ring
is a plan, not a gap; one with nobody nearer than the outer ring still lacks the insiders who
can introduce the user to its decision-makers, and the sentences say which rings are empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

RINGS = (0, 1, 2, 3)
_RING_WORDS = {0: "bull's-eye", 1: "inner", 2: "middle", 3: "outer"}


@dataclass(frozen=True)
class CoveragePerson:
    contact_id: int
    company_id: int
    ring: int | None
    met: bool


@dataclass(frozen=True)
class TargetCompany:
    company_id: int
    name: str


@dataclass(frozen=True)
class CoverageCell:
    contact_ids: tuple[int, ...] = ()
    met_ids: tuple[int, ...] = ()

    @property
    def contacts(self) -> int:
        return len(self.contact_ids)

    @property
    def met(self) -> int:
        return len(self.met_ids)


@dataclass(frozen=True)
class CompanyCoverage:
    company_id: int
    name: str
    #: Rings 0-3, each always present.
    cells: dict[int, CoverageCell]
    #: Contacts at the company not on the board (the inbox).
    unplaced: CoverageCell = field(default_factory=CoverageCell)

    @property
    def contacts(self) -> int:
        return sum(cell.contacts for cell in self.cells.values()) + self.unplaced.contacts

    @property
    def met(self) -> int:
        return sum(cell.met for cell in self.cells.values()) + self.unplaced.met

    def gaps(self) -> list[str]:
        """What is missing at this company, most important first."""
        if self.contacts == 0:
            return [f"no contact at {self.name} yet"]
        found: list[str] = []
        for ring in RINGS:
            if self.cells[ring].contacts == 0:
                found.append(f"no {_RING_WORDS[ring]} contact at {self.name} yet")
        if self.met == 0:
            found.append(f"nobody met at {self.name} yet")
        return found


def coverage(
    targets: Iterable[TargetCompany], people: Iterable[CoveragePerson]
) -> list[CompanyCoverage]:
    """One row per target company, in the order given; people at other companies are ignored."""
    ordered = list(targets)
    wanted = {t.company_id for t in ordered}
    grouped: dict[tuple[int, int | None], list[CoveragePerson]] = {}
    for person in people:
        if person.company_id in wanted:
            grouped.setdefault((person.company_id, person.ring), []).append(person)

    def cell(company_id: int, ring: int | None) -> CoverageCell:
        found = sorted(grouped.get((company_id, ring), []), key=lambda p: p.contact_id)
        return CoverageCell(
            tuple(p.contact_id for p in found), tuple(p.contact_id for p in found if p.met)
        )

    return [
        CompanyCoverage(
            t.company_id,
            t.name,
            {ring: cell(t.company_id, ring) for ring in RINGS},
            cell(t.company_id, None),
        )
        for t in ordered
    ]


def all_gaps(rows: Iterable[CompanyCoverage]) -> list[str]:
    return [gap for row in rows for gap in row.gaps()]
