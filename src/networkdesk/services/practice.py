"""Practice first, the queries: the meetings held, the ring history and the threshold read from
the database and handed to the pure rule in `domain.method`, which does the counting and decides
whether to remind."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.method import (
    HeldMeeting,
    RingStep,
    count_practice_meetings,
    practice_applies,
    practice_first_message,
)
from networkdesk.domain.models import Company, Contact, Meeting, RingMove, utcnow
from networkdesk.services import contacts, settings


def practice_meetings_held(session: Session, now: dt.datetime | None = None) -> int:
    """Informational meetings held so far with contacts who were on the middle or outer ring
    at the time of the meeting."""
    now = now or utcnow()
    meetings = [
        HeldMeeting(contact_id=cid, start=start)
        for cid, start in session.execute(
            select(Meeting.contact_id, Meeting.start).where(Meeting.start < now)
        )
    ]
    if not meetings:
        return 0
    met = {m.contact_id for m in meetings}
    histories: dict[int, list[RingStep]] = {}
    for cid, moved_at, to_ring in session.execute(
        select(RingMove.contact_id, RingMove.moved_at, RingMove.to_ring)
        .where(RingMove.contact_id.in_(met))
        .order_by(RingMove.contact_id, RingMove.moved_at, RingMove.id)
    ):
        histories.setdefault(cid, []).append(RingStep(moved_at=moved_at, to_ring=to_ring))
    # .all(): a Result has keys(), so dict() would take it for a mapping.
    current: dict[int, int | None] = dict(
        session.execute(select(Contact.id, Contact.ring).where(Contact.id.in_(met))).all()
    )
    return count_practice_meetings(meetings, histories, current, now)


def practice_first_warning(
    session: Session,
    contact_id: int,
    *,
    require_bullseye: bool = True,
    now: dt.datetime | None = None,
) -> str | None:
    """A plain-text reminder when `contact_id` works at a target company (and, with
    `require_bullseye`, is in the bull's-eye) while fewer than the `practice_threshold` setting
    of practice meetings were held; None otherwise. Never blocks anything: callers show it as a
    notice and go on."""
    contact = contacts.get(session, contact_id)
    company = session.get(Company, contact.company_id) if contact.company_id else None
    threshold = settings.PRACTICE_THRESHOLD.get(session)
    is_target = company is not None and company.is_target
    if company is None or not practice_applies(
        contact.ring, is_target, threshold, require_bullseye=require_bullseye
    ):
        return None
    # Counting the meetings is the costly part: only when the rule applies at all.
    held = practice_meetings_held(session, now)
    return practice_first_message(held, threshold, contact.name, company.name)
