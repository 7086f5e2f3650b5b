"""The pipeline's edits as undoable commands: contacts, meetings, meeting logs, referrals,
follow-ups, companies and settings.

Each function pushes one ServiceCommand (one undo step) and returns what the first run returned
(e.g. a new id), or raises the service's error with nothing changed. Records created by a command
keep their id across undo/redo: undo captures a snapshot and deletes, redo restores the snapshot,
so later commands on the stack that name the id still find it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from networkdesk.domain.enums import ReferralStatus, Stage
from networkdesk.domain.models import Company, Contact, FollowUp, Meeting, Referral, RingMove
from networkdesk.services import (
    companies,
    contacts,
    followups,
    meeting_log,
    meetings,
    referrals,
    settings,
    snapshots,
)
from networkdesk.ui.controllers.commands import ServiceCommand, push_command
from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    FOLLOWUPS,
    MEETINGS,
    REFERRALS,
    SETTINGS,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace

CONTACT_AREAS = (CONTACTS, COMPANIES, MEETINGS, REFERRALS, FOLLOWUPS)
UNCHANGED: Any = object()
"""A ring argument that was not given (None means: back to the inbox)."""


def contact_fields(contact: Contact) -> dict[str, Any]:
    """The editable fields of a contact, in the shape `contacts.edit` takes."""
    return {
        "name": contact.name,
        "company": contact.company.name if contact.company else None,
        "title": contact.title,
        "emails": [e.address for e in contact.emails],
        "phones": [p.number for p in contact.phones],
        "linkedin": contact.linkedin_url,
        "tag_names": [t.name for t in contact.tags],
        "notes": contact.notes,
        "location": contact.location,
        "how_met": contact.how_met,
        "stage": contact.stage,
    }


# --- ring moves that undo exactly ----------------------------------------------------------


def _move_exactly(session: Session, contact_id: int, ring: int | None) -> tuple[Any, ...] | None:
    """Move and return what undo needs: (old ring, old angle, history row id)."""
    contact = contacts.get(session, contact_id)
    before = (contact.ring, contact.angle)
    record = contacts.move(session, contact_id, ring)
    if record is None:
        return None
    return (*before, record.id)


def _unmove(session: Session, contact_id: int, undo_info: tuple[Any, ...] | None) -> None:
    if undo_info is None:
        return
    ring, angle, record_id = undo_info
    record = session.get(RingMove, record_id)
    if record is not None:
        session.delete(record)
    contact = contacts.get(session, contact_id)
    contact.ring, contact.angle = ring, angle
    session.flush()


# --- creation that keeps its id -----------------------------------------------------------


class _Created:
    """State of a command that creates a record: first run, then snapshot/restore."""

    def __init__(self, create: Callable[[Session], int], model: Any) -> None:
        self.create = create
        self.model = model
        self.record_id: int | None = None
        self.snapshot: Any = None

    def do(self, session: Session) -> int:
        if self.snapshot is None:
            self.record_id = self.create(session)
        elif self.model is Contact:
            snapshots.restore_contact(session, self.snapshot)
        else:
            snapshots.restore_record(session, self.snapshot)
        assert self.record_id is not None
        return self.record_id

    def undo(self, session: Session) -> None:
        assert self.record_id is not None
        if self.model is Contact:
            self.snapshot = snapshots.delete_contact_with_snapshot(session, self.record_id)
        else:
            self.snapshot = snapshots.delete_record_with_snapshot(
                session, self.model, self.record_id
            )


def _push(
    workspace: Workspace,
    text: str,
    do: Callable[[Session], Any],
    undo: Callable[[Session], Any],
    areas: tuple[str, ...],
) -> Any:
    return push_command(workspace, ServiceCommand(workspace, text, do, undo, areas))


def _push_created(
    workspace: Workspace,
    text: str,
    create: Callable[[Session], int],
    model: Any,
    areas: tuple[str, ...],
) -> int:
    state = _Created(create, model)
    return int(_push(workspace, text, state.do, state.undo, areas))


def _push_deleted(
    workspace: Workspace, text: str, model: Any, record_id: int, areas: tuple[str, ...]
) -> None:
    held: dict[str, Any] = {}

    def do(session: Session) -> None:
        if model is Contact:
            held["snapshot"] = snapshots.delete_contact_with_snapshot(session, record_id)
        else:
            held["snapshot"] = snapshots.delete_record_with_snapshot(session, model, record_id)

    def undo(session: Session) -> None:
        if model is Contact:
            snapshots.restore_contact(session, held["snapshot"])
        else:
            snapshots.restore_record(session, held["snapshot"])

    _push(workspace, text, do, undo, areas)


# --- contacts -------------------------------------------------------------------------------


def add_contact(workspace: Workspace, fields: dict[str, Any], ring: int | None = None) -> int:
    """Create a contact (on `ring`, or in the inbox); returns its id."""

    plain = {k: v for k, v in fields.items() if k not in ("photo", "photo_mime")}

    def create(session: Session) -> int:
        contact = contacts.add(session, ring=ring, **plain)
        if fields.get("photo") is not None:
            contacts.edit(
                session, contact.id, photo=fields["photo"], photo_mime=fields.get("photo_mime")
            )
        return contact.id

    name = str(fields.get("name") or "contact").strip()
    return _push_created(workspace, f"Add {name}", create, Contact, CONTACT_AREAS)


def edit_contact(
    workspace: Workspace,
    contact_id: int,
    fields: dict[str, Any],
    ring: int | None = UNCHANGED,
) -> None:
    """Save the editor's fields (and ring) as one undo step."""

    def read_before(session: Session) -> dict[str, Any]:
        contact = contacts.get(session, contact_id)
        state = contact_fields(contact)
        if "photo" in fields:
            state.update(photo=contact.photo, photo_mime=contact.photo_mime)
        return state

    before = workspace.read(read_before)
    held: dict[str, Any] = {}

    def do(session: Session) -> None:
        contacts.edit(session, contact_id, **fields)
        held["move"] = _move_exactly(session, contact_id, ring) if ring is not UNCHANGED else None

    def undo(session: Session) -> None:
        _unmove(session, contact_id, held.get("move"))
        contacts.edit(session, contact_id, **before)

    _push(workspace, f"Edit {before['name']}", do, undo, CONTACT_AREAS)


def delete_contact(workspace: Workspace, contact_id: int) -> None:
    name = workspace.read(lambda s: contacts.get(s, contact_id).name)
    _push_deleted(workspace, f"Delete {name}", Contact, contact_id, CONTACT_AREAS)


def set_stage(workspace: Workspace, contact_id: int, stage: Stage) -> None:
    before = workspace.read(lambda s: contacts.get(s, contact_id).stage)
    _push(
        workspace,
        f"Set stage to {stage.label}",
        lambda s: contacts.edit(s, contact_id, stage=stage),
        lambda s: contacts.edit(s, contact_id, stage=before),
        (CONTACTS,),
    )


# --- meetings -------------------------------------------------------------------------------


def add_meeting(
    workspace: Workspace,
    contact_id: int,
    fields: dict[str, Any],
    gained: list[meeting_log.ReferralGained] | None = None,
) -> int:
    """Schedule a meeting (with the referrals it brought, if any) as one step."""

    held: dict[str, Any] = {"snapshots": None}

    def do(session: Session) -> int:
        if held["snapshots"] is None:
            before_refs, before_contacts = _referral_ids(session), _contact_ids(session)
            meeting = meetings.add(session, contact_id, **fields)
            _add_referrals(session, contact_id, meeting.id, gained or [])
            held["meeting"] = meeting.id
            held["referrals"] = sorted(_referral_ids(session) - before_refs)
            held["contacts"] = sorted(_contact_ids(session) - before_contacts)
            return meeting.id
        meeting_snap, contact_snaps, referral_snaps = held["snapshots"]
        snapshots.restore_record(session, meeting_snap)
        for snap in contact_snaps:
            snapshots.restore_contact(session, snap)
        for snap in referral_snaps:
            snapshots.restore_record(session, snap)
        held["snapshots"] = None
        return int(held["meeting"])

    def undo(session: Session) -> None:
        referral_snaps = [
            snapshots.delete_record_with_snapshot(session, Referral, rid)
            for rid in held["referrals"]
        ]
        contact_snaps = [
            snapshots.delete_contact_with_snapshot(session, cid) for cid in held["contacts"]
        ]
        meeting_snap = snapshots.delete_record_with_snapshot(session, Meeting, held["meeting"])
        held["snapshots"] = (meeting_snap, contact_snaps, referral_snaps)

    return int(_push(workspace, "Schedule meeting", do, undo, (MEETINGS, CONTACTS, REFERRALS)))


def _referral_ids(session: Session) -> set[int]:
    from sqlalchemy import select

    return set(session.scalars(select(Referral.id)))


def _add_referrals(
    session: Session, contact_id: int, meeting_id: int, gained: list[meeting_log.ReferralGained]
) -> None:
    for item in gained:
        if item.contact_id is not None:
            to_id = item.contact_id
        else:
            to_id = contacts.add(
                session,
                item.new_name or "",
                company=item.new_company or None,
                title=item.new_title,
                how_met=f"Referred by {contacts.get(session, contact_id).name}",
            ).id
        referrals.add(
            session, contact_id, to_id, status=item.status, note=item.note, meeting_id=meeting_id
        )


def edit_meeting(
    workspace: Workspace,
    meeting_id: int,
    fields: dict[str, Any],
    gained: list[meeting_log.ReferralGained] | None = None,
) -> None:
    def read_before(session: Session) -> dict[str, Any]:
        m = meetings.get(session, meeting_id)
        return {
            "start": m.start,
            "minutes": m.minutes,
            "kind": m.kind,
            "location": m.location,
            "preparation": m.preparation,
            "checklist": dict(m.checklist or {}),
            "questions": list(m.questions or []),
            "notes": m.notes,
            "outcome": m.outcome,
        }

    before = workspace.read(read_before)
    contact_id = workspace.read(lambda s: meetings.get(s, meeting_id).contact_id)
    held: dict[str, Any] = {}

    def do(session: Session) -> None:
        before_ids = _referral_ids(session)
        before_contacts = _contact_ids(session)
        meetings.edit(session, meeting_id, **fields)
        _add_referrals(session, contact_id, meeting_id, gained or [])
        held["referrals"] = sorted(_referral_ids(session) - before_ids)
        held["contacts"] = sorted(_contact_ids(session) - before_contacts)

    def undo(session: Session) -> None:
        for rid in held.get("referrals", []):
            if session.get(Referral, rid) is not None:
                referrals.delete(session, rid)
        for cid in held.get("contacts", []):
            if session.get(Contact, cid) is not None:
                contacts.delete(session, cid)
        meetings.edit(session, meeting_id, **before)

    _push(workspace, "Edit meeting", do, undo, (MEETINGS, CONTACTS, REFERRALS))


def _contact_ids(session: Session) -> set[int]:
    from sqlalchemy import select

    return set(session.scalars(select(Contact.id)))


def delete_meeting(workspace: Workspace, meeting_id: int) -> None:
    _push_deleted(
        workspace, "Delete meeting", Meeting, meeting_id, (MEETINGS, CONTACTS, REFERRALS, FOLLOWUPS)
    )


def log_meeting(workspace: Workspace, log: meeting_log.MeetingLog) -> meeting_log.LogResult:
    """The whole log-a-meeting flow as one transaction and one undo step."""
    held: dict[str, meeting_log.LogResult] = {}

    def do(session: Session) -> meeting_log.LogResult:
        held["result"] = meeting_log.log_meeting(session, log)
        return held["result"]

    def undo(session: Session) -> None:
        meeting_log.undo_log(session, held["result"])

    result: meeting_log.LogResult = _push(workspace, "Log meeting", do, undo, CONTACT_AREAS)
    return result


# --- referrals ------------------------------------------------------------------------------


def add_referral(
    workspace: Workspace,
    from_id: int,
    to_id: int,
    status: ReferralStatus = ReferralStatus.SUGGESTED,
    note: str | None = None,
) -> int:
    def create(session: Session) -> int:
        return referrals.add(session, from_id, to_id, status=status, note=note).id

    return _push_created(workspace, "Add referral", create, Referral, (REFERRALS, CONTACTS))


def edit_referral(
    workspace: Workspace, referral_id: int, status: ReferralStatus, note: str | None
) -> None:
    before = workspace.read(
        lambda s: (referrals.get(s, referral_id).status, referrals.get(s, referral_id).note)
    )
    _push(
        workspace,
        "Edit referral",
        lambda s: referrals.edit(s, referral_id, status=status, note=note),
        lambda s: referrals.edit(s, referral_id, status=before[0], note=before[1]),
        (REFERRALS,),
    )


def delete_referral(workspace: Workspace, referral_id: int) -> None:
    _push_deleted(workspace, "Delete referral", Referral, referral_id, (REFERRALS,))


# --- follow-ups -----------------------------------------------------------------------------


def add_followup(workspace: Workspace, contact_id: int, due: dt.datetime, **fields: Any) -> int:
    def create(session: Session) -> int:
        return followups.add(session, contact_id, due, **fields).id

    return _push_created(workspace, "Add follow-up", create, FollowUp, (FOLLOWUPS, CONTACTS))


def _followup_state(session: Session, followup_id: int) -> dict[str, Any]:
    f = followups.get(session, followup_id)
    return {"due": f.due, "title": f.title, "remind_minutes": f.remind_minutes, "notes": f.notes}


def edit_followup(workspace: Workspace, followup_id: int, fields: dict[str, Any]) -> None:
    before = workspace.read(lambda s: _followup_state(s, followup_id))
    _push(
        workspace,
        "Edit follow-up",
        lambda s: followups.edit(s, followup_id, **fields),
        lambda s: followups.edit(s, followup_id, **before),
        (FOLLOWUPS, CONTACTS),
    )


def set_followup_done(workspace: Workspace, followup_id: int, done: bool = True) -> None:
    _push(
        workspace,
        "Mark follow-up done" if done else "Mark follow-up open",
        lambda s: followups.set_done(s, followup_id, done),
        lambda s: followups.set_done(s, followup_id, not done),
        (FOLLOWUPS, CONTACTS),
    )


def snooze_followup(workspace: Workspace, followup_id: int, delta: dt.timedelta) -> None:
    before = workspace.read(lambda s: followups.get(s, followup_id).due)
    _push(
        workspace,
        "Snooze follow-up",
        lambda s: followups.snooze(s, followup_id, delta),
        lambda s: followups.edit(s, followup_id, due=before),
        (FOLLOWUPS, CONTACTS),
    )


def delete_followup(workspace: Workspace, followup_id: int) -> None:
    _push_deleted(workspace, "Delete follow-up", FollowUp, followup_id, (FOLLOWUPS, CONTACTS))


# --- companies ------------------------------------------------------------------------------


def _company_state(session: Session, company_id: int) -> dict[str, Any]:
    c = companies.get(session, company_id)
    return {
        "name": c.name,
        "target": c.is_target,
        "priority": c.priority,
        "mission": c.mission,
        "website": c.website,
        "notes": c.notes,
    }


def add_company(workspace: Workspace, fields: dict[str, Any]) -> int:
    def create(session: Session) -> int:
        company, created = companies.upsert(
            session,
            fields["name"],
            target=fields.get("target"),
            priority=fields.get("priority"),
            mission=fields.get("mission"),
            website=fields.get("website"),
            notes=fields.get("notes"),
        )
        if not created:
            from networkdesk.domain.errors import ValidationError

            raise ValidationError(f"a company named {company.name!r} exists already")
        return company.id

    return _push_created(workspace, f"Add {fields['name']}", create, Company, (COMPANIES, CONTACTS))


def edit_company(workspace: Workspace, company_id: int, fields: dict[str, Any]) -> None:
    before = workspace.read(lambda s: _company_state(s, company_id))
    _push(
        workspace,
        f"Edit {before['name']}",
        lambda s: companies.edit(s, company_id, **fields),
        lambda s: companies.edit(s, company_id, **before),
        (COMPANIES, CONTACTS),
    )


def delete_company(workspace: Workspace, company_id: int) -> None:
    name = workspace.read(lambda s: companies.get(s, company_id).name)
    _push_deleted(workspace, f"Delete {name}", Company, company_id, (COMPANIES, CONTACTS))


# --- settings -------------------------------------------------------------------------------


def change_settings(workspace: Workspace, values: dict[str, Any]) -> None:
    before = workspace.read(lambda s: {key: settings.get(s, key) for key in values})

    def apply(new: dict[str, Any]) -> Callable[[Session], None]:
        def work(session: Session) -> None:
            for key, value in new.items():
                settings.set_value(session, key, value)

        return work

    _push(workspace, "Change settings", apply(values), apply(before), (SETTINGS, CONTACTS))
