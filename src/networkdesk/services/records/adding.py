"""Adding rows (contacts, companies, meetings, referrals, follow-ups) as change records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from networkdesk.domain.enums import ReferralStatus, Ring
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.fields import UNSET, CompanyFields, ContactFields, MeetingFields, Unset
from networkdesk.services import companies, contacts, followups, meetings, referrals
from networkdesk.services.records.base import ChangeRecord, Composite
from networkdesk.services.records.rows import Entity, RowCreated, edit_row

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.meeting_log import ReferralGained


def add_contact(
    session: Session,
    fields: ContactFields,
    ring: Ring | int | None = None,
    *,
    source: str = "manual",
) -> RowCreated:
    """Create a contact (on `ring`, or in the inbox)."""
    given = fields.given()
    photo, photo_mime = given.pop("photo", None), given.pop("photo_mime", None)
    name = given.pop("name", "")
    contact = contacts.add(session, name, ring=ring, source=source, **given)
    if photo is not None:
        contacts.edit(session, contact.id, photo=photo, photo_mime=photo_mime)
    label = str(name or "contact").strip()
    return RowCreated(Entity.CONTACT, contact.id, f"Add {label}")


def add_company(session: Session, fields: CompanyFields) -> RowCreated:
    """Create a company; a company of that name already there is an error."""
    given = fields.given()
    name = str(given.pop("name", ""))
    company, created = companies.upsert(session, name, **given)
    if not created:
        raise ValidationError(f"a company named {company.name!r} exists already")
    return RowCreated(Entity.COMPANY, company.id, f"Add {name}")


def _gained(
    session: Session, contact_id: int, meeting_id: int, gained: Sequence[ReferralGained]
) -> list[ChangeRecord]:
    """The referrals a meeting brought (and the new people they name), as records."""
    parts: list[ChangeRecord] = []
    for item in gained:
        if item.contact_id is not None:
            to_id = item.contact_id
        else:
            person = contacts.add(
                session,
                item.new_name or "",
                company=item.new_company or None,
                title=item.new_title,
                how_met=f"Referred by {contacts.get(session, contact_id).name}",
            )
            to_id = person.id
            parts.append(RowCreated(Entity.CONTACT, person.id, f"Add {person.name}"))
        referral = referrals.add(
            session, contact_id, to_id, status=item.status, note=item.note, meeting_id=meeting_id
        )
        parts.append(RowCreated(Entity.REFERRAL, referral.id, "Add referral"))
    return parts


def add_meeting(
    session: Session,
    contact_id: int,
    fields: MeetingFields,
    gained: Sequence[ReferralGained] = (),
) -> ChangeRecord:
    """Schedule a meeting, with the referrals it brought, as one step."""
    given = fields.given()
    start = given.pop("start", UNSET)
    if not isinstance(start, dt.datetime):
        raise ValidationError("give the meeting's date and time")
    meeting = meetings.add(session, contact_id, start, **given)
    parts: list[ChangeRecord] = [RowCreated(Entity.MEETING, meeting.id, "Schedule meeting")]
    parts += _gained(session, contact_id, meeting.id, gained)
    return parts[0] if len(parts) == 1 else Composite(tuple(parts), "Schedule meeting")


def edit_meeting(
    session: Session,
    meeting_id: int,
    fields: MeetingFields,
    gained: Sequence[ReferralGained] = (),
) -> ChangeRecord:
    contact_id = meetings.get(session, meeting_id).contact_id
    parts: list[ChangeRecord] = [edit_row(session, meeting_id, fields, "Edit meeting")]
    parts += _gained(session, contact_id, meeting_id, gained)
    return parts[0] if len(parts) == 1 else Composite(tuple(parts), "Edit meeting")


def add_referral(
    session: Session,
    from_id: int,
    to_id: int,
    status: ReferralStatus = ReferralStatus.SUGGESTED,
    note: str | None = None,
) -> RowCreated:
    referral = referrals.add(session, from_id, to_id, status=status, note=note)
    return RowCreated(Entity.REFERRAL, referral.id, "Add referral")


def add_followup(
    session: Session,
    contact_id: int,
    due: dt.datetime,
    *,
    title: str | None = None,
    remind_minutes: int | Unset | None = UNSET,
    notes: str | None = None,
    meeting_id: int | None = None,
) -> RowCreated:
    followup = followups.add(
        session,
        contact_id,
        due,
        title=title,
        remind_minutes=remind_minutes,
        notes=notes,
        meeting_id=meeting_id,
    )
    return RowCreated(Entity.FOLLOWUP, followup.id, "Add follow-up")
