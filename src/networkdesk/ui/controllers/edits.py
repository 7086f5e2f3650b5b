"""The pipeline's edits as undo steps: contacts, meetings, meeting logs, referrals,
interactions, follow-ups, companies and settings.

Each function runs one record-returning service call (`networkdesk.services.records`) in one
transaction, pushes the record as one undo step, and returns what the caller needs (e.g. a new
id); a service error propagates with nothing changed. Undo and redo are the record's own, so
rows created by a step keep their id across undo/redo and later steps that name the id still
find it.

Payloads are the typed field classes of `domain/fields.py` (the editors build them from their
forms with `XFields.from_values`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from networkdesk.domain.enums import ReferralStatus, Stage
from networkdesk.domain.fields import (
    UNSET,
    CompanyFields,
    ContactFields,
    FollowUpFields,
    MeetingFields,
    ReferralFields,
    Unset,
)
from networkdesk.domain.plural import count_of
from networkdesk.services import companies, contacts
from networkdesk.services.records import adding, small_edits
from networkdesk.services.records import interactions as interaction_records
from networkdesk.services.records.base import ChangeRecord, Composite
from networkdesk.services.records.logged_meeting import log as log_meeting_record
from networkdesk.services.records.moves import move_contact
from networkdesk.services.records.rows import (
    Entity,
    RowCreated,
    delete_row,
    delete_rows,
    edit_row,
    edit_rows,
)
from networkdesk.ui.controllers.commands import apply

R = TypeVar("R", bound=ChangeRecord)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.domain.models import Contact
    from networkdesk.services import meeting_log
    from networkdesk.ui.workspace import Workspace


def contact_fields(contact: Contact) -> dict[str, Any]:
    """The editable fields of a contact as the editor's form holds them (to compare with)."""
    given = ContactFields.of(contact).given()
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in given.items()
        if key not in ("photo", "photo_mime")
    }


def _run(workspace: Workspace, work: Callable[[Session], R]) -> R:
    """Apply a call that always returns a record (one undo step); the record."""
    record = apply(workspace, work)
    assert record is not None
    return record


# --- contacts -------------------------------------------------------------------------------


def add_contact(workspace: Workspace, fields: ContactFields, ring: int | None = None) -> int:
    """Create a contact (on `ring`, or in the inbox); returns its id."""
    record = _run(workspace, lambda s: adding.add_contact(s, fields, ring))
    return int(record.row_id)


def edit_contact(
    workspace: Workspace,
    contact_id: int,
    fields: ContactFields,
    ring: int | Unset | None = UNSET,
) -> None:
    """Save the editor's fields (and ring, unless UNSET) as one undo step."""

    def work(session: Session) -> ChangeRecord | None:
        text = f"Edit {contacts.get(session, contact_id).name}"
        parts: list[ChangeRecord] = []
        if fields:
            parts.append(edit_row(session, contact_id, fields, text))
        if not isinstance(ring, Unset):
            moved = move_contact(session, contact_id, ring, text=text)
            if moved is not None:
                parts.append(moved)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Composite(tuple(parts), text)

    apply(workspace, work)


def delete_contact(workspace: Workspace, contact_id: int) -> None:
    def work(session: Session) -> ChangeRecord:
        text = f"Delete {contacts.get(session, contact_id).name}"
        return delete_row(session, Entity.CONTACT, contact_id, text)

    _run(workspace, work)


def delete_contacts(workspace: Workspace, contact_ids: Sequence[int]) -> None:
    """Delete several contacts as one undo step."""
    text = f"Delete {count_of(len(contact_ids), 'contact')}"
    _run(workspace, lambda s: delete_rows(s, Entity.CONTACT, list(contact_ids), text))


def edit_contacts(workspace: Workspace, contact_ids: Sequence[int], fields: ContactFields) -> None:
    """The same fields on several contacts (a stage, a company...) as one undo step."""
    text = f"Edit {count_of(len(contact_ids), 'contact')}"
    _run(workspace, lambda s: edit_rows(s, list(contact_ids), fields, text))


def set_stage(workspace: Workspace, contact_id: int, stage: Stage) -> None:
    fields = ContactFields(stage=stage)
    _run(workspace, lambda s: edit_row(s, contact_id, fields, f"Set stage to {stage.label}"))


# --- meetings -------------------------------------------------------------------------------


def add_meeting(
    workspace: Workspace,
    contact_id: int,
    fields: MeetingFields,
    gained: Sequence[meeting_log.ReferralGained] | None = None,
) -> int:
    """Schedule a meeting (with the referrals it brought, if any) as one step."""
    record = _run(workspace, lambda s: adding.add_meeting(s, contact_id, fields, gained or ()))
    first = record.parts[0] if isinstance(record, Composite) else record
    assert isinstance(first, RowCreated)  # the meeting itself comes first
    return first.row_id


def edit_meeting(
    workspace: Workspace,
    meeting_id: int,
    fields: MeetingFields,
    gained: Sequence[meeting_log.ReferralGained] | None = None,
) -> None:
    _run(workspace, lambda s: adding.edit_meeting(s, meeting_id, fields, gained or ()))


def delete_meeting(workspace: Workspace, meeting_id: int) -> None:
    _run(workspace, lambda s: delete_row(s, Entity.MEETING, meeting_id, "Delete meeting"))


def log_meeting(
    workspace: Workspace, log: meeting_log.MeetingLog, *, allow_future: bool = False
) -> meeting_log.LogResult:
    """The whole log-a-meeting flow as one transaction and one undo step."""
    return _run(workspace, lambda s: log_meeting_record(s, log, allow_future=allow_future)).result


# --- referrals ------------------------------------------------------------------------------


def add_referral(
    workspace: Workspace,
    from_id: int,
    to_id: int,
    status: ReferralStatus = ReferralStatus.SUGGESTED,
    note: str | None = None,
) -> int:
    record = _run(workspace, lambda s: adding.add_referral(s, from_id, to_id, status, note))
    return int(record.row_id)


def edit_referral(workspace: Workspace, referral_id: int, fields: ReferralFields) -> None:
    """Save the given fields of a referral (the dialog gives those the person changed)."""
    _run(workspace, lambda s: edit_row(s, referral_id, fields, "Edit referral"))


def delete_referral(workspace: Workspace, referral_id: int) -> None:
    _run(workspace, lambda s: delete_row(s, Entity.REFERRAL, referral_id, "Delete referral"))


# --- interactions ---------------------------------------------------------------------------


def edit_interaction(workspace: Workspace, interaction_id: int, fields: dict[str, Any]) -> None:
    """Save the given fields (kind, direction, at, note) of an interaction as one undo step
    (none when nothing changed)."""
    apply(workspace, lambda s: interaction_records.edit_interaction(s, interaction_id, **fields))


def delete_interaction(workspace: Workspace, interaction_id: int) -> None:
    _run(workspace, lambda s: interaction_records.delete_interaction(s, interaction_id))


# --- follow-ups -----------------------------------------------------------------------------


def add_followup(
    workspace: Workspace,
    contact_id: int,
    due: dt.datetime,
    *,
    title: str | None = None,
    remind_minutes: int | Unset | None = UNSET,
    notes: str | None = None,
    meeting_id: int | None = None,
) -> int:
    record = _run(
        workspace,
        lambda s: adding.add_followup(
            s,
            contact_id,
            due,
            title=title,
            remind_minutes=remind_minutes,
            notes=notes,
            meeting_id=meeting_id,
        ),
    )
    return int(record.row_id)


def edit_followup(workspace: Workspace, followup_id: int, fields: FollowUpFields) -> None:
    _run(workspace, lambda s: edit_row(s, followup_id, fields, "Edit follow-up"))


def set_followup_done(workspace: Workspace, followup_id: int, done: bool = True) -> None:
    _run(workspace, lambda s: small_edits.set_followup_done(s, followup_id, done))


def snooze_followup(workspace: Workspace, followup_id: int, delta: dt.timedelta) -> None:
    _run(workspace, lambda s: small_edits.snooze_followup(s, followup_id, delta))


def delete_followup(workspace: Workspace, followup_id: int) -> None:
    _run(workspace, lambda s: delete_row(s, Entity.FOLLOWUP, followup_id, "Delete follow-up"))


# --- companies ------------------------------------------------------------------------------


def add_company(workspace: Workspace, fields: CompanyFields) -> int:
    record = _run(workspace, lambda s: adding.add_company(s, fields))
    return int(record.row_id)


def edit_company(workspace: Workspace, company_id: int, fields: CompanyFields) -> None:
    def work(session: Session) -> ChangeRecord:
        text = f"Edit {companies.get(session, company_id).name}"
        return edit_row(session, company_id, fields, text)

    _run(workspace, work)


def delete_company(workspace: Workspace, company_id: int) -> None:
    def work(session: Session) -> ChangeRecord:
        text = f"Delete {companies.get(session, company_id).name}"
        return delete_row(session, Entity.COMPANY, company_id, text)

    _run(workspace, work)


# --- settings -------------------------------------------------------------------------------


def change_settings(workspace: Workspace, values: dict[str, Any]) -> None:
    _run(workspace, lambda s: small_edits.change_settings(s, values))
