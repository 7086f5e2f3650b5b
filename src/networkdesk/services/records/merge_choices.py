"""Merging two duplicates with a choice per field, as one undo step.

The merge itself is `records.merged.merge_contacts` (everything of the other contact moves to
the kept one; the kept one's values win, the other's are kept in its change history). The fields
the user chose from the other contact are then written on the kept one (`rows.edit_row`). Both
parts form one Composite: undo reverses the chosen fields, then the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from networkdesk.domain.enums import Stage
from networkdesk.domain.fields import ContactFields
from networkdesk.services import contacts, duplicates
from networkdesk.services.records.base import ChangeRecord, Composite
from networkdesk.services.records.merged import merge_contacts
from networkdesk.services.records.rows import edit_row

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The fields a merge lets the user choose, with their labels, in the order they are shown.
CHOOSABLE: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("company", "Company"),
    ("title", "Title"),
    ("linkedin", "LinkedIn profile"),
    ("location", "Location"),
    ("how_met", "How you met"),
    ("stage", "Stage"),
)


@dataclass(frozen=True)
class Side:
    """One contact of a pair as the merge view shows it: id and the choosable values."""

    contact_id: int
    values: dict[str, str]
    emails: tuple[str, ...]
    ring: int | None
    meetings: int


@dataclass(frozen=True)
class Pair:
    first: Side
    second: Side
    reason: str


def side(session: Session, contact_id: int) -> Side:
    contact = contacts.get(session, contact_id)
    fields = ContactFields.of(contact)
    values: dict[str, str] = {}
    for name, _label in CHOOSABLE:
        value = getattr(fields, name)
        values[name] = value.label if isinstance(value, Stage) else str(value or "")
    return Side(
        contact_id=contact.id,
        values=values,
        emails=tuple(e.address for e in contact.emails),
        ring=contact.ring,
        meetings=len(contact.meetings),
    )


def duplicate_pairs(session: Session) -> list[Pair]:
    """Every likely duplicate as pairs (a group of three is two pairs with its first contact)."""
    pairs: list[Pair] = []
    seen: set[tuple[int, int]] = set()
    for group in duplicates.find_duplicates(session):
        first = group.ids[0]
        for other in group.ids[1:]:
            if (first, other) in seen:
                continue
            seen.add((first, other))
            pairs.append(Pair(side(session, first), side(session, other), group.reason))
    return pairs


def merge_with_choices(
    session: Session, keep_id: int, other_id: int, from_other: tuple[str, ...] = ()
) -> ChangeRecord:
    """Merge OTHER into KEEP, then take the fields named in `from_other` from OTHER."""
    known = {name for name, _label in CHOOSABLE}
    unknown = set(from_other) - known
    if unknown:
        raise ValueError(f"cannot choose {sorted(unknown)} in a merge")
    keep_name = contacts.get(session, keep_id).name
    other_fields = ContactFields.of(contacts.get(session, other_id)).only(frozenset(from_other))
    text = f"Merge {keep_name} with {contacts.get(session, other_id).name}"
    merged = merge_contacts(session, keep_id, other_id)
    if not from_other:
        return Composite((merged,), text)
    chosen = edit_row(session, keep_id, other_fields, text)
    return Composite((merged, chosen), text)
