"""Change records for the small edits that are not a row's fields: settings, follow-up done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from networkdesk.domain.fields import FollowUpFields
from networkdesk.services import followups, settings
from networkdesk.services.changes import CONTACTS, FOLLOWUPS, SETTINGS, Changes
from networkdesk.services.records.base import ChangeRecord
from networkdesk.services.records.rows import FieldsEdited

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: (setting key, value) pairs: frozen, in the order they were given.
SettingValues = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class SettingsChanged(ChangeRecord):
    before: SettingValues
    after: SettingValues

    @property
    def label(self) -> str:
        return "Change settings"

    @property
    def changes(self) -> Changes:
        # Ring names and keep-in-touch periods show on contacts too.
        return Changes.of(SETTINGS, CONTACTS)

    @property
    def undo_changes(self) -> Changes:
        return self.changes

    @staticmethod
    def _write(session: Session, values: SettingValues) -> None:
        for key, value in values:
            settings.set_value(session, key, value)

    def undo(self, session: Session) -> Self:
        self._write(session, self.before)
        return self

    def redo(self, session: Session) -> Self:
        self._write(session, self.after)
        return self


def change_settings(session: Session, values: dict[str, Any]) -> SettingsChanged:
    before = tuple((key, settings.get(session, key)) for key in values)
    after = tuple(values.items())
    SettingsChanged._write(session, after)
    return SettingsChanged(before, after)


@dataclass(frozen=True)
class FollowUpDone(ChangeRecord):
    followup_id: int
    done: bool
    #: When it was marked done (a redo marks it done at the same moment).
    done_at: dt.datetime | None = None

    @property
    def label(self) -> str:
        return "Mark follow-up done" if self.done else "Mark follow-up open"

    @property
    def changes(self) -> Changes:
        return Changes.of(CONTACTS, updated={FOLLOWUPS: [self.followup_id]})

    @property
    def undo_changes(self) -> Changes:
        return self.changes

    def undo(self, session: Session) -> Self:
        followups.set_done(session, self.followup_id, not self.done)
        return self

    def redo(self, session: Session) -> Self:
        followups.set_done(session, self.followup_id, self.done, when=self.done_at)
        return self


def set_followup_done(session: Session, followup_id: int, done: bool = True) -> FollowUpDone:
    followup = followups.set_done(session, followup_id, done)
    return FollowUpDone(followup_id, done, followup.done_at)


def snooze_followup(session: Session, followup_id: int, delta: dt.timedelta) -> FieldsEdited:
    """Push a follow-up later; undo puts back the due time it had."""
    before = FollowUpFields(due=followups.get(session, followup_id).due)
    after = FollowUpFields(due=followups.snooze(session, followup_id, delta).due)
    return FieldsEdited(followup_id, before, after, "Snooze follow-up")
