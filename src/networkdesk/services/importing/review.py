"""Reviewing what imports changed: the job, company and location changes kept as ContactChange
rows until the user has seen them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from networkdesk.domain.models import (
    Contact,
    ContactChange,
)


def pending_changes(session: Session) -> list[dict[str, Any]]:
    """Changes an import made that the user has not reviewed yet, newest first."""
    query = (
        select(ContactChange, Contact.name)
        .join(Contact, Contact.id == ContactChange.contact_id)
        .where(ContactChange.reviewed.is_(False))
        .order_by(ContactChange.changed_at.desc(), ContactChange.id.desc())
    )
    return [
        {
            "id": change.id,
            "contact_id": change.contact_id,
            "contact": name,
            "field": change.field,
            "old": change.old_value,
            "new": change.new_value,
            "source": change.source,
            "changed_at": change.changed_at.isoformat(),
        }
        for change, name in session.execute(query)
    ]


def mark_reviewed(session: Session, change_ids: Iterable[int] | None = None) -> int:
    """Mark changes reviewed (all pending ones when no ids are given); returns how many."""
    statement = update(ContactChange).where(ContactChange.reviewed.is_(False))
    if change_ids is not None:
        ids = list(change_ids)
        if not ids:
            return 0
        statement = statement.where(ContactChange.id.in_(ids))
    result = session.execute(statement.values(reviewed=True))
    return int(getattr(result, "rowcount", 0) or 0)


def mark_unreviewed(session: Session, change_ids: Iterable[int]) -> int:
    """Put changes back in the review list (the undo of `mark_reviewed`); returns how many."""
    ids = list(change_ids)
    if not ids:
        return 0
    result = session.execute(
        update(ContactChange).where(ContactChange.id.in_(ids)).values(reviewed=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
