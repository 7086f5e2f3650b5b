"""Row versions: nothing is silently overwritten.

Every editable row carries `version` (revisions 0004 and 0006), raised once per write (storage
raises it at flush). Whoever read a row and wants to write it back - an editor, an undo,
`edit --if-version` - says which version it read; when the row moved on since, `RowChanged` says
so with both sides (what the writer would write, what the row holds now), and nothing is
written. The front end then lets the person choose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from networkdesk.domain.errors import ConflictError, NotFoundError
from networkdesk.domain.models import VersionedMixin

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class FieldClash:
    """One field both sides wrote: what this writer has, and what the row holds now."""

    name: str
    mine: Any
    theirs: Any


class RowChanged(ConflictError):
    """The row changed since it was read: `clashes` holds both versions of each field."""

    what: str
    row_id: int
    read_version: int | None
    current_version: int
    clashes: tuple[FieldClash, ...]

    @classmethod
    def of(
        cls,
        what: str,
        row_id: int,
        read_version: int | None,
        current_version: int,
        clashes: tuple[FieldClash, ...] = (),
    ) -> RowChanged:
        read = "" if read_version is None else f" since version {read_version} was read"
        fields = f" ({', '.join(c.name for c in clashes)})" if clashes else ""
        error = cls(
            f"{what} {row_id} was changed elsewhere{read} (it is now version "
            f"{current_version}){fields}; nothing was written"
        )
        error.what = what
        error.row_id = row_id
        error.read_version = read_version
        error.current_version = current_version
        error.clashes = clashes
        return error


def version_of(session: Session, model: type[VersionedMixin], row_id: int) -> int:
    """The row's version now (NotFoundError when it is gone)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"no {model.__tablename__.rstrip('s')} {row_id}")  # type: ignore[attr-defined]
    if not isinstance(row, VersionedMixin):  # a row that carries no version (a tag)
        return 0
    session.refresh(row, ["version"])  # another connection may have written it since
    return int(row.version)


def require_version(
    session: Session, model: type[VersionedMixin], row_id: int, read_version: int, what: str
) -> None:
    """RowChanged unless the row is still at `read_version`."""
    current = version_of(session, model, row_id)
    if current != read_version:
        raise RowChanged.of(what, row_id, read_version, current)


def clashes_between(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> tuple[FieldClash, ...]:
    """The fields of `mine` whose value differs from `theirs` (what the row holds now)."""
    return tuple(
        FieldClash(name, value, theirs.get(name))
        for name, value in mine.items()
        if theirs.get(name) != value
    )
