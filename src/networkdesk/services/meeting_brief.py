"""A meeting's one-screen brief: who, when, the company's mission, who introduced you, the last
notes about them, the questions chosen, and how far the preparation is.

`meeting_brief` reads it (a few queries); `brief_text` writes it as plain text, the same text
the Today panel shows and the meeting's calendar event carries in its DESCRIPTION.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.errors import NotFoundError
from networkdesk.domain.models import Company, Contact, Interaction, Meeting, Referral
from networkdesk.domain.readiness import preparation_progress
from networkdesk.domain.timeutil import local_zone

#: How many earlier notes the brief shows (newest first): one screen, not the whole history.
LAST_NOTES = 3
#: A note longer than this is cut (with an ellipsis) so that the brief stays one screen.
NOTE_CHARS = 280


@dataclass(frozen=True)
class EarlierNote:
    at: dt.datetime
    text: str


@dataclass(frozen=True)
class MeetingBrief:
    meeting_id: int
    contact_id: int
    contact_name: str
    title: str | None
    company: str | None
    start: dt.datetime
    minutes: int
    location: str | None
    mission: str | None
    introduced_by: tuple[str, ...]
    how_met: str | None
    last_notes: tuple[EarlierNote, ...]
    questions: tuple[str, ...]
    prep_done: int
    prep_total: int


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NOTE_CHARS else flat[: NOTE_CHARS - 1].rstrip() + "…"


def meeting_brief(session: Session, meeting_id: int) -> MeetingBrief:
    """The brief for one meeting (raises NotFoundError for an unknown id)."""
    # Read directly, not through services.meetings: the calendar export (which meetings
    # imports) uses the brief, and the services must not import each other in a circle.
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    contact: Contact = meeting.contact
    company = session.get(Company, contact.company_id) if contact.company_id else None
    introducers = tuple(
        session.scalars(
            select(Contact.name)
            .join(Referral, Referral.from_contact_id == Contact.id)
            .where(Referral.to_contact_id == contact.id)
            .order_by(Referral.created_at, Referral.id)
        )
    )
    notes: list[EarlierNote] = []
    for start, text, outcome in session.execute(
        select(Meeting.start, Meeting.notes, Meeting.outcome).where(
            Meeting.contact_id == contact.id,
            Meeting.id != meeting.id,
            Meeting.start < meeting.start,
        )
    ):
        joined = " ".join(part.strip() for part in (text, outcome) if part and part.strip())
        if joined:
            notes.append(EarlierNote(start, _short(joined)))
    for at, text in session.execute(
        select(Interaction.at, Interaction.note).where(
            Interaction.contact_id == contact.id,
            Interaction.note.is_not(None),
            Interaction.at < meeting.start,
        )
    ):
        if text and text.strip():
            notes.append(EarlierNote(at, _short(text)))
    notes.sort(key=lambda note: note.at, reverse=True)
    done, total = preparation_progress(meeting.checklist)
    return MeetingBrief(
        meeting_id=meeting.id,
        contact_id=contact.id,
        contact_name=contact.name,
        title=contact.title,
        company=company.name if company else None,
        start=meeting.start,
        minutes=meeting.minutes,
        location=meeting.location,
        mission=(company.mission or "").strip() or None if company else None,
        introduced_by=introducers,
        how_met=(contact.how_met or "").strip() or None,
        last_notes=tuple(notes[:LAST_NOTES]),
        questions=tuple(q.strip() for q in meeting.questions or [] if q.strip()),
        prep_done=done,
        prep_total=total,
    )


def _when(moment: dt.datetime, zone: dt.tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a %d %b %Y, %H:%M}"


def brief_text(brief: MeetingBrief, zone: dt.tzinfo | None = None) -> str:
    """The brief as plain text, one heading per part; every part says when it is empty, so
    the gap is the homework."""
    where = zone or local_zone()
    who = brief.contact_name
    role = ", ".join(part for part in (brief.title, brief.company) if part)
    lines = [f"{who} — {role}" if role else who]
    lines.append(f"{_when(brief.start, where)} · {brief.minutes} min")
    if brief.location:
        lines.append(f"Where: {brief.location}")
    lines.append(f"Preparation: {brief.prep_done} of {brief.prep_total} done")
    lines += ["", "Company mission"]
    lines.append(brief.mission or "Not written yet: look it up before the meeting.")
    lines += ["", "Introduced by"]
    if brief.introduced_by:
        lines.append(", ".join(brief.introduced_by))
    elif brief.how_met:
        lines.append(f"No referral recorded. How you met: {brief.how_met}")
    else:
        lines.append("No referral recorded.")
    lines += ["", "Last notes"]
    if brief.last_notes:
        lines += [f"{note.at.astimezone(where):%d %b %Y}: {note.text}" for note in brief.last_notes]
    else:
        lines.append("None yet: this is your first conversation.")
    lines += ["", "Your questions"]
    if brief.questions:
        lines += [f"{n}. {q}" for n, q in enumerate(brief.questions, 1)]
    else:
        lines.append("None chosen yet: pick two or three in the meeting editor.")
    return "\n".join(lines)
