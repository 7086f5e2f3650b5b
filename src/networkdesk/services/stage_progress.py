"""Applying "stage follows what you do" (domain.stages) to a contact row."""

from __future__ import annotations

from networkdesk.domain.enums import Stage
from networkdesk.domain.models import Contact, utcnow
from networkdesk.domain.stages import StageEvent, stage_after


def advance_stage(contact: Contact, event: StageEvent) -> Stage | None:
    """Move the contact's stage forward for `event`; returns the stage it had before when it
    changed (for undo), None when it stayed."""
    before = contact.stage
    after = stage_after(before, event)
    if after is before:
        return None
    contact.stage = after
    contact.updated_at = utcnow()
    return before
