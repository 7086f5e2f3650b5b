"""Logging a meeting, as one transaction: notes and outcome -> referrals gained -> a thank-you
follow-up due within 24 hours -> the contact's stage and, if wanted, its ring.

`log_meeting` returns what it did (`LogResult`) and what was there before, so `undo_log` can put
every row back as it was: created rows are removed, the logged meeting's fields and the contact's
stage and ring are restored, and the ring history row the log added is dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from networkdesk.domain.enums import MeetingKind, ReferralStatus, Ring, Stage
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.followup_rules import THANK_YOU_TITLE, thank_you_due
from networkdesk.domain.models import Contact, FollowUp, Meeting
from networkdesk.domain.stages import stage_after_logged_meeting
from networkdesk.services import contacts, followups, meetings, referrals


@dataclass
class ReferralGained:
    """A person the contact referred the user to: an existing contact or a new one."""

    contact_id: int | None = None
    new_name: str | None = None
    new_company: str | None = None
    new_title: str | None = None
    note: str | None = None
    status: ReferralStatus = ReferralStatus.SUGGESTED


@dataclass
class MeetingLog:
    contact_id: int
    # Log a meeting that was scheduled, or (None) record one that was not.
    meeting_id: int | None = None
    start: dt.datetime | None = None
    minutes: int = meetings.DEFAULT_MINUTES
    kind: MeetingKind = MeetingKind.MEETING
    notes: str | None = None
    outcome: str | None = None
    referrals: list[ReferralGained] = field(default_factory=list)
    thank_you: bool = True
    thank_you_due: dt.datetime | None = None
    new_stage: Stage | None = Stage.MET
    # Move the contact to this ring (None leaves the ring as it is).
    new_ring: Ring | int | None = None


@dataclass
class LogResult:
    meeting_id: int
    created_meeting: bool
    referral_ids: list[int] = field(default_factory=list)
    new_contact_ids: list[int] = field(default_factory=list)
    followup_id: int | None = None
    ring_move_id: int | None = None
    # What was there before, for undo.
    before_meeting: dict[str, Any] | None = None
    before_stage: Stage | None = None
    before_ring: int | None = None
    before_angle: float | None = None


def default_thank_you_due(meeting_end: dt.datetime, now: dt.datetime | None = None) -> dt.datetime:
    """The thank-you's due time (`domain.followup_rules.thank_you_due`), now by default."""
    return thank_you_due(meeting_end, now or dt.datetime.now(dt.UTC))


def _meeting_fields(meeting: Meeting) -> dict[str, Any]:
    return {"notes": meeting.notes, "outcome": meeting.outcome, "kind": meeting.kind}


def log_meeting(
    session: Session,
    log: MeetingLog,
    *,
    now: dt.datetime | None = None,
    allow_future: bool = False,
) -> LogResult:
    """Record the meeting and everything that follows from it; all or nothing (the caller's
    transaction). A meeting that has not started yet is refused unless `allow_future` (the
    window asks the user first)."""
    contact = contacts.get(session, log.contact_id)
    _check_not_future(session, log, now or dt.datetime.now(dt.UTC), allow_future)
    before_stage, before_ring, before_angle = contact.stage, contact.ring, contact.angle
    if log.meeting_id is not None:
        meeting = meetings.get(session, log.meeting_id)
        if meeting.contact_id != contact.id:
            raise ValidationError(
                f"meeting {meeting.id} is with {meeting.contact.name}, not with {contact.name}"
            )
        before_meeting = _meeting_fields(meeting)
        changes: dict[str, Any] = {"notes": log.notes, "outcome": log.outcome, "kind": log.kind}
        if log.start is not None:
            changes["start"] = log.start
            changes["minutes"] = log.minutes
            before_meeting.update(start=meeting.start, minutes=meeting.minutes)
        meeting = meetings.edit(session, meeting.id, **changes)
        created = False
    else:
        if log.start is None:
            raise ValidationError("give the time the meeting took place")
        meeting = meetings.add(
            session,
            contact.id,
            log.start,
            minutes=log.minutes,
            kind=log.kind,
            notes=log.notes,
            outcome=log.outcome,
        )
        before_meeting = None
        created = True
    result = LogResult(
        meeting_id=meeting.id,
        created_meeting=created,
        before_meeting=before_meeting,
        before_stage=before_stage,
        before_ring=before_ring,
        before_angle=before_angle,
    )
    for gained in log.referrals:
        if gained.contact_id is not None:
            to_id = gained.contact_id
        elif gained.new_name and gained.new_name.strip():
            new_contact = contacts.add(
                session,
                gained.new_name,
                company=gained.new_company or None,
                title=gained.new_title,
                how_met=f"Referred by {contact.name}",
            )
            result.new_contact_ids.append(new_contact.id)
            to_id = new_contact.id
        else:
            raise ValidationError("a referral needs an existing contact or the new person's name")
        referral = referrals.add(
            session,
            contact.id,
            to_id,
            status=gained.status,
            note=gained.note,
            meeting_id=meeting.id,
        )
        result.referral_ids.append(referral.id)
    if log.thank_you:
        due = log.thank_you_due or default_thank_you_due(meeting.end, now)
        followup = followups.add(
            session,
            contact.id,
            due,
            title=THANK_YOU_TITLE,
            notes=f"Thank {contact.name} for the meeting"
            + (" and for the introductions." if log.referrals else "."),
            meeting_id=meeting.id,
        )
        result.followup_id = followup.id
    if log.new_stage is not None:
        stage = Stage(log.new_stage)
        if stage is Stage.MET:
            # The default: stage follows what you do, never backwards (domain.stages).
            stage = stage_after_logged_meeting(before_stage, with_referrals=bool(log.referrals))
        contacts.edit(session, contact.id, stage=stage)
    if log.new_ring is not None:
        move = contacts.move(session, contact.id, Ring(log.new_ring))
        result.ring_move_id = move.id if move is not None else None
    session.flush()
    return result


def _check_not_future(
    session: Session, log: MeetingLog, now: dt.datetime, allow_future: bool
) -> None:
    if allow_future:
        return
    start = log.start
    if start is None and log.meeting_id is not None:
        start = meetings.get(session, log.meeting_id).start
    if start is not None and start > now:
        raise ValidationError(
            f"the meeting starts {start.isoformat(timespec='minutes')}, which is still to come:"
            " a meeting is logged after it happened (confirm to log it anyway)"
        )


def undo_log(session: Session, result: LogResult) -> None:
    """Reverse `log_meeting`: every row as it was before (created rows removed outright, since
    they existed only for the moments in between)."""
    from networkdesk.domain.models import Referral

    for referral_id in result.referral_ids:
        row = session.get(Referral, referral_id)
        if row is not None:
            session.delete(row)
    session.flush()
    if result.followup_id is not None:
        _remove_calendar_row(session, FollowUp, result.followup_id)
    for contact_id in result.new_contact_ids:
        if session.get(Contact, contact_id) is not None:
            contacts.delete(session, contact_id)
    contact = session.get(Contact, _contact_of(session, result))
    if result.ring_move_id is not None and contact is not None:
        # The one reversal of a ring move (it also drops the history row the log wrote).
        contacts.unmove(
            session, contact.id, result.before_ring, result.before_angle, result.ring_move_id
        )
    if contact is not None and result.before_stage is not None:
        contacts.edit(session, contact.id, stage=result.before_stage)
    if result.created_meeting:
        _remove_calendar_row(session, Meeting, result.meeting_id)
    elif result.before_meeting is not None:
        meetings.edit(session, result.meeting_id, **result.before_meeting)
    session.flush()


def _contact_of(session: Session, result: LogResult) -> int | None:
    meeting = session.get(Meeting, result.meeting_id)
    return meeting.contact_id if meeting is not None else None


def _remove_calendar_row(session: Session, model: Any, row_id: int) -> None:
    """Delete a meeting or follow-up the log created, through its service: it may have been
    exported or published in between, so it leaves a tombstone that cancels the event."""
    if session.get(model, row_id) is None:
        return
    if model is Meeting:
        meetings.delete(session, row_id)
    else:
        followups.delete(session, row_id)
