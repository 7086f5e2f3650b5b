"""One placed contact as the canvas draws it, and where a node without a stored angle sits.

No SQLAlchemy here: the desktop start builds the board's nodes from a raw read before the ORM is
loaded (issue 13, P1; services/start_read.py), and `services.board` reads them through the ORM.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from networkdesk.domain.enums import Stage

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def default_angle(contact_id: int) -> float:
    """A deterministic starting angle, spread by the golden angle so new nodes rarely collide."""
    return (contact_id * GOLDEN_ANGLE) % (2 * math.pi)


@dataclass(frozen=True)
class BoardNode:
    """One placed contact as the canvas draws it."""

    id: int
    name: str
    ring: int
    angle: float
    stage: Stage
    title: str | None
    company_id: int | None
    company: str | None
    is_target: bool
    overdue: bool
    has_photo: bool
    tags: tuple[str, ...]


# A stage as the models write it (its value), by name too (as contact_columns reads either),
# or the member itself (the ORM's rows).
_STAGES: dict[object, Stage] = {
    **{s.name: s for s in Stage},
    **{s.value: s for s in Stage},
    **{s: s for s in Stage},
}


def nodes_from_rows(
    rows: Iterable[Sequence[Any]],
    overdue: Collection[int],
    tags: Mapping[int, Sequence[str]],
) -> list[BoardNode]:
    """Nodes from rows of (id, name, ring, angle, stage, title, company id, company name, is
    target, has photo), with the ids that have an overdue follow-up and each one's tag names
    (services.board.placed_nodes through the ORM, services.start_read raw)."""
    return [
        BoardNode(
            id=cid,
            name=name,
            ring=ring or 0,
            angle=float(angle) if angle is not None else default_angle(cid),
            stage=_STAGES[stage],
            title=title,
            company_id=company_id,
            company=company,
            is_target=bool(is_target),
            overdue=cid in overdue,
            has_photo=bool(has_photo),
            tags=tuple(sorted(tags.get(cid, ()))),
        )
        for cid, name, ring, angle, stage, title, company_id, company, is_target, has_photo in rows
    ]
