"""Merging two contacts that are the same person: everything of OTHER moves to KEEP.

Meetings, follow-ups, interactions, referrals, tags, e-mails, phones, ring history and change
history move to the kept contact. Fields the kept contact lacks are filled from the other; where
both have a different value, the kept one stays and the other's is recorded as a ContactChange
(so nothing is lost and the user can review it). Notes are joined. Then the other contact is
deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import (
    ContactChange,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Interaction,
    Meeting,
    Referral,
    RingMove,
    utcnow,
)
from networkdesk.domain.text import fold
from networkdesk.services import contacts

MERGE_SOURCE = "merge"


@dataclass
class MergeResult:
    kept_id: int
    removed_id: int
    meetings: int
    followups: int
    referrals: int
    dropped_referrals: int
    kept_other_values: int


def _count(session: Session, statement: Any) -> int:
    """Run an UPDATE or DELETE and return how many rows it touched."""
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def merge(session: Session, keep_id: int, other_id: int) -> MergeResult:
    if keep_id == other_id:
        raise ValidationError(f"cannot merge contact {keep_id} with itself")
    keep = contacts.get(session, keep_id)
    other = contacts.get(session, other_id)

    moved_meetings = _count(
        session, update(Meeting).where(Meeting.contact_id == other_id).values(contact_id=keep_id)
    )
    moved_followups = _count(
        session, update(FollowUp).where(FollowUp.contact_id == other_id).values(contact_id=keep_id)
    )
    # A referral between the two would become a referral of the contact to itself: it only
    # said that they are connected, which the merge makes moot.
    dropped = _count(
        session,
        delete(Referral).where(
            ((Referral.from_contact_id == keep_id) & (Referral.to_contact_id == other_id))
            | ((Referral.from_contact_id == other_id) & (Referral.to_contact_id == keep_id))
        ),
    )
    moved_referrals = _count(
        session,
        update(Referral)
        .where(Referral.from_contact_id == other_id)
        .values(from_contact_id=keep_id),
    )
    moved_referrals += _count(
        session,
        update(Referral).where(Referral.to_contact_id == other_id).values(to_contact_id=keep_id),
    )
    _count(
        session, update(RingMove).where(RingMove.contact_id == other_id).values(contact_id=keep_id)
    )
    _count(
        session,
        update(Interaction).where(Interaction.contact_id == other_id).values(contact_id=keep_id),
    )
    _count(
        session,
        update(ContactChange)
        .where(ContactChange.contact_id == other_id)
        .values(contact_id=keep_id),
    )

    # E-mails and phones: the other's that the kept contact lacks, after the kept one's own.
    have_emails = {e.address_key for e in keep.emails}
    position = len(keep.emails)
    for email in list(other.emails):
        if email.address_key not in have_emails:
            have_emails.add(email.address_key)
            _count(
                session,
                update(ContactEmail)
                .where(ContactEmail.id == email.id)
                .values(contact_id=keep_id, position=position),
            )
            position += 1
    have_phones = {_digits(p.number) for p in keep.phones}
    position = len(keep.phones)
    for phone in list(other.phones):
        if _digits(phone.number) not in have_phones:
            have_phones.add(_digits(phone.number))
            _count(
                session,
                update(ContactPhone)
                .where(ContactPhone.id == phone.id)
                .values(contact_id=keep_id, position=position),
            )
            position += 1
    tags = list(keep.tags)
    for tag in other.tags:
        if tag not in tags:
            tags.append(tag)

    kept_values = 0

    def differing(field: str, kept_value: str | None, other_value: str | None) -> None:
        nonlocal kept_values
        if other_value and kept_value and fold(other_value) != fold(kept_value):
            # The other's value is kept in the history, reviewable, instead of disappearing.
            session.add(
                ContactChange(
                    contact_id=keep_id,
                    field=field,
                    old_value=other_value,
                    new_value=kept_value,
                    source=MERGE_SOURCE,
                )
            )
            kept_values += 1

    differing("name", keep.name, other.name)
    differing(
        "company",
        keep.company.name if keep.company else None,
        other.company.name if other.company else None,
    )
    differing("title", keep.title, other.title)
    differing("location", keep.location, other.location)
    differing("linkedin_url", keep.linkedin_url, other.linkedin_url)
    differing("how_met", keep.how_met, other.how_met)
    if keep.company is None and other.company is not None:
        keep.company = other.company
    for name in ("title", "location", "how_met", "connected_on", "source"):
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
    if not keep.linkedin_url and other.linkedin_url:
        keep.linkedin_url, keep.linkedin_key = other.linkedin_url, other.linkedin_key
    if keep.photo is None and other.photo is not None:
        keep.photo, keep.photo_mime = other.photo, other.photo_mime
    if other.notes and other.notes.strip() and other.notes not in (keep.notes or ""):
        keep.notes = f"{keep.notes}\n\n{other.notes}" if keep.notes else other.notes
    if keep.ring is None and other.ring is not None:
        keep.ring, keep.angle = other.ring, other.angle
    elif keep.ring is not None and other.ring is not None and other.ring < keep.ring:
        # The person is as close as the closer of the two records says.
        keep.ring, keep.angle = other.ring, other.angle

    # Forget the ORM's view of moved rows before deleting the other contact: its cascades must
    # not delete what now belongs to the kept one.
    session.flush()
    session.expire(other)
    session.expire(keep)
    session.delete(other)
    session.flush()
    keep = contacts.get(session, keep_id)
    keep.tags = tags
    keep.updated_at = utcnow()
    contacts.refresh_search_text(keep)
    session.flush()
    return MergeResult(
        kept_id=keep_id,
        removed_id=other_id,
        meetings=int(moved_meetings or 0),
        followups=int(moved_followups or 0),
        referrals=int(moved_referrals or 0),
        dropped_referrals=int(dropped or 0),
        kept_other_values=kept_values,
    )
