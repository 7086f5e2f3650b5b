"""Turning a change that names ids into the smallest model update: which rows leave, which
arrive, which are redrawn — instead of a model reset that makes every view start over (losing
scroll position and costing a full relayout at 30,000 rows).

Qt-free: `change_ids` reads a change announcement, `plan_patch` compares the ids a list showed
with the ids it shows now; the item models apply the plan with beginRemoveRows / beginInsertRows
/ dataChanged.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from networkdesk.services.changes import Changes


def change_ids(changes: object, area: str, also_shown: Iterable[str] = ()) -> frozenset[int] | None:
    """The ids of `area` a view may update on its own, or None when it must reload everything.

    None when the payload is not a `Changes` (the plain set of area names the workspace emitted
    before changes carried ids), when it names no ids for `area` (`is_precise`), or when it also
    names another area the view shows (`also_shown`): a change to a meeting moves a contact's
    "last meeting" without naming the contact.
    """
    if not isinstance(changes, Changes) or not changes.is_precise(area):
        return None
    if any(other in changes for other in also_shown if other != area):
        return None
    return changes.ids(area)


@dataclass(frozen=True)
class RowPatch:
    """Steps that turn the old list of rows into the new one, in the order to apply them.

    `removals`: (first, last) row ranges, each in the numbering left by the previous removal
    (they come bottom-up, so the numbers are also those of the old list). `insertions`:
    (first, last) ranges in the new list's numbering, top-down. `refreshed`: rows of the new
    list that stayed in place but whose content changed.
    """

    removals: tuple[tuple[int, int], ...]
    insertions: tuple[tuple[int, int], ...]
    refreshed: tuple[int, ...]

    @property
    def empty(self) -> bool:
        return not (self.removals or self.insertions or self.refreshed)


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers (ascending input) grouped into (first, last) ranges."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def plan_patch(
    old_ids: Sequence[int],
    new_ids: Sequence[int],
    changed: Collection[int],
    moved: Collection[int] = (),
) -> RowPatch:
    """The steps from `old_ids` to `new_ids` (the ids shown, in order).

    `changed`: ids whose content changed (redrawn where they stay). `moved`: changed ids whose
    place in the order may have changed (their sort key did): they leave and arrive again.
    Every other id must keep its relative order, as in a list sorted by a key that did not change
    for them; the plan is then exact.
    """
    new_set = set(new_ids)
    leaving = [row for row, cid in enumerate(old_ids) if cid not in new_set or cid in moved]
    leaving_set = set(leaving)
    staying = [cid for row, cid in enumerate(old_ids) if row not in leaving_set]
    arriving: list[int] = []
    position = 0
    for row, cid in enumerate(new_ids):
        if position < len(staying) and staying[position] == cid:
            position += 1
        else:
            arriving.append(row)
    if position != len(staying):
        raise ValueError("the rows that stay are not in the same order in the new list")
    stayed = set(staying)
    refreshed = tuple(row for row, cid in enumerate(new_ids) if cid in stayed and cid in changed)
    return RowPatch(tuple(reversed(_runs(leaving))), tuple(_runs(arriving)), refreshed)
