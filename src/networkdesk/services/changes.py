"""What a write changed, said with ids: the one shape every change announcement takes.

A service call that writes returns (inside its change record) a `Changes`; the workspace announces
it once; views update the rows and nodes named here instead of reloading everything. An external
change that cannot be attributed (another process committed) is `Changes.everything()`.

`Changes` iterates over its area names, so code that only asks "does this concern contacts?"
(`CONTACTS in changes`, `set(changes) & wanted`) reads it like the plain set of areas it replaces.

Where a write knows which fields of its updated rows it wrote, it says so (`fields`, per area:
for contacts the names of `ContactFields`, plus `ring` and `angle` for a move), so a view that
shows none of them skips the change (`concerns`): a title edit does not recount the rings.
An area without `fields` may have changed in any field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

# Areas: a view refreshes when one it shows is named.
CONTACTS = "contacts"
COMPANIES = "companies"
MEETINGS = "meetings"
REFERRALS = "referrals"
FOLLOWUPS = "followups"
INTERACTIONS = "interactions"
SETTINGS = "settings"
ALL_AREAS = frozenset({CONTACTS, COMPANIES, MEETINGS, REFERRALS, FOLLOWUPS, INTERACTIONS, SETTINGS})

# Fields of a contact a move writes (the others are the names of ContactFields).
RING = "ring"
ANGLE = "angle"

_EMPTY: frozenset[int] = frozenset()


def _freeze(ids: Mapping[str, Iterable[int]] | None) -> Mapping[str, frozenset[int]]:
    if not ids:
        return {}
    return {area: frozenset(values) for area, values in ids.items() if values}


def _freeze_fields(fields: Mapping[str, Iterable[str]] | None) -> Mapping[str, frozenset[str]]:
    # Kept when empty: "no field a view shows" is something a write can say.
    return {area: frozenset(names) for area, names in (fields or {}).items()}


@dataclass(frozen=True)
class Changes:
    """The areas a write touched and, per area, the ids it created, updated and deleted.

    `everything` is True only for a change nobody can attribute (another process wrote):
    then every view reloads what it shows. An area may be named without ids (e.g. settings, or
    a derived count that changed); a view then refreshes that area as a whole. `fields` names,
    per area, the fields written on its updated rows (an area missing from it: any field).
    """

    areas: frozenset[str] = frozenset()
    created: Mapping[str, frozenset[int]] = field(default_factory=dict)
    updated: Mapping[str, frozenset[int]] = field(default_factory=dict)
    deleted: Mapping[str, frozenset[int]] = field(default_factory=dict)
    everything: bool = False
    fields: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        *areas: str,
        created: Mapping[str, Iterable[int]] | None = None,
        updated: Mapping[str, Iterable[int]] | None = None,
        deleted: Mapping[str, Iterable[int]] | None = None,
        fields: Mapping[str, Iterable[str]] | None = None,
    ) -> Changes:
        """Changes in `areas` (plus every area that has ids); `fields`: per area, the fields
        the updated rows had written (leave an area out when any may have changed)."""
        c, u, d = _freeze(created), _freeze(updated), _freeze(deleted)
        named = frozenset(areas) | c.keys() | u.keys() | d.keys()
        f = {area: names for area, names in _freeze_fields(fields).items() if area in named}
        return cls(frozenset(named), c, u, d, fields=f)

    @classmethod
    def everything_changed(cls) -> Changes:
        return cls(ALL_AREAS, everything=True)

    @classmethod
    def none(cls) -> Changes:
        return cls()

    # --- reading ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[str]:
        return iter(self.areas)

    def __contains__(self, area: object) -> bool:
        return area in self.areas

    def __bool__(self) -> bool:
        return bool(self.areas) or self.everything

    def touches(self, *areas: str) -> bool:
        return self.everything or bool(self.areas.intersection(areas))

    def created_ids(self, area: str) -> frozenset[int]:
        return self.created.get(area, _EMPTY)

    def updated_ids(self, area: str) -> frozenset[int]:
        return self.updated.get(area, _EMPTY)

    def deleted_ids(self, area: str) -> frozenset[int]:
        return self.deleted.get(area, _EMPTY)

    def ids(self, area: str) -> frozenset[int]:
        """Every id of `area` this change names, whatever happened to it."""
        return self.created_ids(area) | self.updated_ids(area) | self.deleted_ids(area)

    def fields_of(self, area: str) -> frozenset[str] | None:
        """The fields written on `area`'s updated rows; None when any may have changed."""
        if self.everything:
            return None
        return self.fields.get(area)

    def concerns(self, area: str, *names: str) -> bool:
        """True when this change may alter the fields `names` of `area` (no names: any field).

        Rows created or deleted in the area concern every field; so does an area whose written
        fields are not known. A view asks with the fields it shows and skips the rest.
        """
        if not self.touches(area):
            return False
        if not names or self.created_ids(area) or self.deleted_ids(area):
            return True
        written = self.fields_of(area)
        return written is None or not written.isdisjoint(names)

    def is_precise(self, area: str) -> bool:
        """True when a view of `area` can update only the named ids: the area is concerned,
        the change is attributable, and it names ids for that area."""
        return not self.everything and area in self.areas and bool(self.ids(area))

    # --- combining --------------------------------------------------------------------------

    def merged(self, other: Changes) -> Changes:
        """One announcement for two writes (e.g. the steps of one bulk action).

        An id created by one and deleted by the other stays in both sets: a view that sees it
        deleted drops it, and reloading a row that no longer exists finds nothing.
        """

        def join(
            a: Mapping[str, frozenset[int]], b: Mapping[str, frozenset[int]]
        ) -> dict[str, frozenset[int]]:
            out = dict(a)
            for area, ids in b.items():
                out[area] = out.get(area, _EMPTY) | ids
            return out

        return Changes(
            self.areas | other.areas,
            join(self.created, other.created),
            join(self.updated, other.updated),
            join(self.deleted, other.deleted),
            self.everything or other.everything,
            self._joined_fields(other),
        )

    def _joined_fields(self, other: Changes) -> dict[str, frozenset[str]]:
        """Fields known for an area only when each side that names the area knows them."""
        out: dict[str, frozenset[str]] = {}
        for area in self.areas | other.areas:
            sides = [c for c in (self, other) if area in c.areas]
            if all(area in c.fields for c in sides):
                out[area] = frozenset().union(*(c.fields[area] for c in sides))
        return out

    def inverted(self) -> Changes:
        """What undoing this change changes: created rows are deleted and deleted ones return."""
        return Changes(
            self.areas, self.deleted, self.updated, self.created, self.everything, self.fields
        )
