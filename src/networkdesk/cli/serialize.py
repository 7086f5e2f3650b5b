"""The JSON shapes printed by `--json` (and read by scripts): plain dicts of plain values."""

from __future__ import annotations

from typing import Any

from networkdesk.domain.models import Company, Contact, FollowUp, Meeting, Referral, RingMove
from networkdesk.domain.timeutil import iso_local


def contact_dict(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "company": contact.company.name if contact.company else None,
        "title": contact.title,
        "emails": [e.address for e in contact.emails],
        "phones": [p.number for p in contact.phones],
        "linkedin": contact.linkedin_url,
        "location": contact.location,
        "how_met": contact.how_met,
        "ring": contact.ring,
        "angle": contact.angle,
        "stage": contact.stage.value,
        "tags": [t.name for t in contact.tags],
        "notes": contact.notes,
        "source": contact.source,
        "created_at": iso_local(contact.created_at),
        "updated_at": iso_local(contact.updated_at),
    }


def contact_detail(contact: Contact) -> dict[str, Any]:
    """A contact with its meetings, follow-ups and ring history (`contact show`)."""
    data = contact_dict(contact)
    data["version"] = contact.version  # for `contact edit --if-version`
    data["ring_history"] = [ring_move_dict(m) for m in contact.ring_moves]
    data["meetings"] = [meeting_dict(m) for m in contact.meetings]
    data["followups"] = [followup_dict(f) for f in contact.followups]
    return data


def ring_move_dict(move: RingMove) -> dict[str, Any]:
    return {
        "from_ring": move.from_ring,
        "to_ring": move.to_ring,
        "angle": move.angle,
        "at": iso_local(move.moved_at),
    }


def company_dict(company: Company) -> dict[str, Any]:
    return {
        "id": company.id,
        "name": company.name,
        "target": company.is_target,
        "priority": company.priority,
        "website": company.website,
        "mission": company.mission,
        "notes": company.notes,
        "version": company.version,  # for `company edit --if-version`
    }


def meeting_dict(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "contact_id": meeting.contact_id,
        "at": iso_local(meeting.start),
        "minutes": meeting.minutes,
        "kind": meeting.kind.value,
        "location": meeting.location,
        "preparation": meeting.preparation,
        "checklist": dict(meeting.checklist or {}),
        "questions": list(meeting.questions or []),
        "notes": meeting.notes,
        "outcome": meeting.outcome,
        "uid": meeting.uid,
        "sequence": meeting.sequence,
        "version": meeting.version,  # for `meeting edit --if-version`
    }


def referral_dict(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.id,
        "from_id": referral.from_contact_id,
        "to_id": referral.to_contact_id,
        "meeting_id": referral.meeting_id,
        "status": referral.status.value,
        "note": referral.note,
        "version": referral.version,  # for `referral edit --if-version`
    }


def followup_dict(followup: FollowUp) -> dict[str, Any]:
    return {
        "id": followup.id,
        "contact_id": followup.contact_id,
        "meeting_id": followup.meeting_id,
        "title": followup.title,
        "notes": followup.notes,
        "due": iso_local(followup.due),
        "remind_minutes": followup.remind_minutes,
        "done": followup.done_at is not None,
        "done_at": iso_local(followup.done_at),
        "uid": followup.uid,
        "sequence": followup.sequence,
        "version": followup.version,  # for `followup edit --if-version`
    }
