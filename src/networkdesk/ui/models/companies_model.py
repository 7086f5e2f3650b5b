"""Companies with their target flag, priority and the number of contacts on each ring."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from networkdesk.services import companies
from networkdesk.ui.models.record_table import Column, RecordTableModel


@dataclass(frozen=True)
class CompanyRow:
    id: int
    name: str
    is_target: bool
    priority: int | None
    website: str | None
    mission: str | None
    notes: str | None
    ring_counts: dict[int | None, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.ring_counts.values())


def load_companies(session: Session) -> list[CompanyRow]:
    return [
        CompanyRow(
            row.company.id,
            row.company.name,
            row.company.is_target,
            row.company.priority,
            row.company.website,
            row.company.mission,
            row.company.notes,
            dict(row.ring_counts),
        )
        for row in companies.list_companies(session)
    ]


def _count(ring: int | None) -> Column[CompanyRow]:
    return Column(
        "",
        lambda r: str(r.ring_counts.get(ring, 0) or ""),
        lambda r: r.ring_counts.get(ring, 0),
        align_right=True,
    )


class CompaniesModel(RecordTableModel[CompanyRow]):
    """Name, target, priority, then one count column per ring (named by the settings)."""

    def __init__(self, ring_names: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_ring_names(ring_names)

    def set_ring_names(self, ring_names: Sequence[str]) -> None:
        rings = []
        for ring, name in enumerate(ring_names):
            column = _count(ring)
            column.header = name
            rings.append(column)
        unplaced = _count(None)
        unplaced.header = "Inbox"
        self.beginResetModel()
        self.columns = (
            Column("Company", lambda r: r.name),
            Column("Target", lambda r: "Yes" if r.is_target else "", lambda r: not r.is_target),
            Column(
                "Priority",
                lambda r: "" if r.priority is None else str(r.priority),
                lambda r: (r.priority is None, r.priority or 0),
                align_right=True,
            ),
            *rings,
            unplaced,
            Column("Total", lambda r: str(r.total), lambda r: r.total, align_right=True),
        )
        self.endResetModel()

    def tooltip(self, row: CompanyRow, column: int) -> str | None:
        return row.mission or None
