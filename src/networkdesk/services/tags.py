"""Tags: matched case- and accent-insensitively, created on first use."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import Tag, contact_tags
from networkdesk.domain.text import fold
from networkdesk.services.bulk import insert_if_missing


def get_or_create_many(session: Session, names: Iterable[str]) -> list[Tag]:
    result: list[Tag] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join((raw or "").split())
        if not name:
            continue
        if len(name) > 100:
            raise ValidationError(f"tag {name[:20]!r}... is longer than 100 characters")
        key = fold(name)
        if key in seen:
            continue
        seen.add(key)
        tag = session.scalar(select(Tag).where(Tag.name_key == key))
        if tag is None:
            # ON CONFLICT: two writers adding the same new tag both succeed.
            insert_if_missing(session, Tag.__table__, {"name": name, "name_key": key}, "name_key")
            tag = session.scalars(select(Tag).where(Tag.name_key == key)).one()
        result.append(tag)
    return result


def list_with_counts(session: Session) -> list[tuple[str, int]]:
    query = (
        select(Tag.name, func.count(contact_tags.c.contact_id))
        .outerjoin(contact_tags, contact_tags.c.tag_id == Tag.id)
        .group_by(Tag.id)
        .order_by(Tag.name_key)
    )
    return [(name, int(n)) for name, n in session.execute(query)]
