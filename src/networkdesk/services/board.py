"""What the bull's-eye canvas and its inbox show, read with a few Core queries (fast with tens of
thousands of contacts). Moves are `services.records.moves` (undone by `contacts.unmove`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.models import (
    Company,
    Contact,
    FollowUp,
    Referral,
    Tag,
    contact_tags,
    utcnow,
)
from networkdesk.services.board_node import BoardNode, nodes_from_rows
from networkdesk.services.inbox_columns import InboxColumns, InboxEntry

__all__ = [
    "BoardNode",
    "InboxColumns",
    "InboxEntry",
    "filter_choices",
    "inbox_entries",
    "photos",
    "placed_nodes",
    "referral_links",
    "ring_counts",
]


def placed_nodes(
    session: Session, now: dt.datetime | None = None, *, ids: Collection[int] | None = None
) -> list[BoardNode]:
    """Every contact on a ring, by id; only those of `ids` when given (the board updating the
    nodes a change names: an id that is gone or back in the inbox is simply absent)."""
    now = now or utcnow()
    overdue_query = select(FollowUp.contact_id).where(
        FollowUp.done_at.is_(None), FollowUp.due < now
    )
    tags_query = (
        select(contact_tags.c.contact_id, Tag.name)
        .join(Tag, Tag.id == contact_tags.c.tag_id)
        .join(Contact, Contact.id == contact_tags.c.contact_id)
        .where(Contact.ring.is_not(None))
    )
    nodes_query = (
        select(
            Contact.id,
            Contact.name,
            Contact.ring,
            Contact.angle,
            Contact.stage,
            Contact.title,
            Contact.company_id,
            Company.name,
            Company.is_target,
            Contact.photo.is_not(None),
        )
        .outerjoin(Company, Company.id == Contact.company_id)
        .where(Contact.ring.is_not(None))
        .order_by(Contact.id)
    )
    if ids is not None:
        wanted = sorted(ids)
        overdue_query = overdue_query.where(FollowUp.contact_id.in_(wanted))
        tags_query = tags_query.where(contact_tags.c.contact_id.in_(wanted))
        nodes_query = nodes_query.where(Contact.id.in_(wanted))
    overdue = set(session.scalars(overdue_query.distinct()))
    tag_map: dict[int, list[str]] = {}
    for cid, tag_name in session.execute(tags_query):
        tag_map.setdefault(cid, []).append(tag_name)
    rows = session.execute(nodes_query)
    return nodes_from_rows(rows, overdue, tag_map)


def photos(session: Session, contact_ids: Sequence[int]) -> dict[int, bytes]:
    if not contact_ids:
        return {}
    rows = session.execute(
        select(Contact.id, Contact.photo).where(
            Contact.id.in_(list(contact_ids)), Contact.photo.is_not(None)
        )
    )
    return {cid: photo for cid, photo in rows if photo is not None}


def inbox_entries(session: Session, *, ids: Collection[int] | None = None) -> InboxColumns:
    """Contacts not placed on a ring yet, newest first (just-imported people on top), as
    compact columns: no object per contact is kept (see services.inbox_columns).

    Newest by id: ids grow with creation, and the rowid order needs no sort of 30,000 rows.
    With `ids`, only those of them still in the inbox."""
    query = (
        select(Contact.id, Contact.name, Company.name, Contact.title)
        .outerjoin(Company, Company.id == Contact.company_id)
        .where(Contact.ring.is_(None))
        .order_by(Contact.id.desc())
    )
    if ids is not None:
        query = query.where(Contact.id.in_(sorted(ids)))
    return InboxColumns.from_driver_rows(session.execute(query))


def referral_links(session: Session) -> list[tuple[int, int]]:
    """(from, to) pairs of referrals between two placed contacts."""
    placed = select(Contact.id).where(Contact.ring.is_not(None))
    return [
        (a, b)
        for a, b in session.execute(
            select(Referral.from_contact_id, Referral.to_contact_id).where(
                Referral.from_contact_id.in_(placed), Referral.to_contact_id.in_(placed)
            )
        )
    ]


def filter_choices(session: Session) -> tuple[list[tuple[int, str, bool]], list[str]]:
    """Companies (id, name, is target) and tag names to filter the board by."""
    companies = [
        (cid, name, bool(target))
        for cid, name, target in session.execute(
            select(Company.id, Company.name, Company.is_target).order_by(Company.name_key)
        )
    ]
    tags = list(session.scalars(select(Tag.name).order_by(Tag.name_key)))
    return companies, tags


def ring_counts(session: Session) -> dict[int | None, int]:
    from sqlalchemy import func

    return {
        ring: int(n)
        for ring, n in session.execute(select(Contact.ring, func.count()).group_by(Contact.ring))
    }
