"""Referrals: who referred the user on to whom, and how far the introduction has got."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from networkdesk.domain.enums import ReferralStatus
from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.domain.fields import UNSET, Unset
from networkdesk.domain.models import Referral, utcnow
from networkdesk.services import contacts, meetings
from networkdesk.services.validation import check_enum, clean_optional


def get(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFoundError(f"no referral with id {referral_id}")
    return referral


def add(
    session: Session,
    from_id: int,
    to_id: int,
    *,
    status: ReferralStatus = ReferralStatus.SUGGESTED,
    note: str | None = None,
    meeting_id: int | None = None,
) -> Referral:
    if from_id == to_id:
        raise ValidationError(f"contact {from_id} cannot refer the user to themselves")
    contacts.get(session, from_id)
    contacts.get(session, to_id)
    if meeting_id is not None:
        meetings.get(session, meeting_id)
    referral = Referral(
        from_contact_id=from_id,
        to_contact_id=to_id,
        meeting_id=meeting_id,
        status=check_enum(ReferralStatus, status, "referral status"),
        note=clean_optional(note, strip=False),
    )
    session.add(referral)
    session.flush()
    return referral


def edit(
    session: Session,
    referral_id: int,
    *,
    status: ReferralStatus | Unset = UNSET,
    note: str | Unset | None = UNSET,
    meeting_id: int | Unset | None = UNSET,
) -> Referral:
    referral = get(session, referral_id)
    if status is not UNSET:
        referral.status = check_enum(ReferralStatus, status, "referral status")
    if note is not UNSET:
        referral.note = clean_optional(note, strip=False)
    if meeting_id is not UNSET:
        if meeting_id is not None:
            meetings.get(session, meeting_id)
        referral.meeting_id = meeting_id
    referral.updated_at = utcnow()
    session.flush()
    return referral


def delete(session: Session, referral_id: int) -> None:
    session.delete(get(session, referral_id))
    session.flush()


def list_referrals(session: Session, *, contact_id: int | None = None) -> list[Referral]:
    query = select(Referral).options(
        selectinload(Referral.from_contact), selectinload(Referral.to_contact)
    )
    if contact_id is not None:
        contacts.get(session, contact_id)
        query = query.where(
            or_(Referral.from_contact_id == contact_id, Referral.to_contact_id == contact_id)
        )
    return list(session.scalars(query.order_by(Referral.created_at, Referral.id)))
