"""The editable fields of each entity, as typed payloads (never `dict[str, Any]`).

One dataclass per editable entity. A field left at `UNSET` was not given: an edit leaves it as
it is (None, where a field allows it, means "clear it"). The same classes carry a full state
(every field given) when the history keeps what was there before an edit.

Pure: reading an ORM object already loaded is fine, no session is used here.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Final, TypeVar

from networkdesk.domain.enums import MeetingKind, ReferralStatus, Stage

if TYPE_CHECKING:
    from networkdesk.domain.models import Company, Contact, FollowUp, Meeting, Referral


class Unset(enum.Enum):
    """The one "not given" marker: a single enum member, so mypy narrows `x is not UNSET`."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = Unset.UNSET

F = TypeVar("F", bound="_Fields")
T = TypeVar("T")


def given(value: T | None) -> T | Unset:
    """An optional argument as a payload field: None (not given on a command line) is UNSET."""
    return UNSET if value is None else value


class _Fields:
    """What every fields class can say about itself."""

    def given(self) -> dict[str, Any]:
        """The fields that were given, as keyword arguments for the entity's edit service."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)  # type: ignore[arg-type]
            if getattr(self, f.name) is not UNSET
        }

    @classmethod
    def from_values(cls: type[F], values: Mapping[str, object]) -> F:
        """A payload from a form's values by field name (lists become tuples, a checklist
        mapping its items), so the payload stays immutable."""
        typed: dict[str, object] = {}
        for key, value in values.items():
            if isinstance(value, list):
                typed[key] = tuple(value)
            elif isinstance(value, Mapping):
                typed[key] = tuple(value.items())
            else:
                typed[key] = value
        return cls(**typed)

    def given_names(self) -> frozenset[str]:
        return frozenset(self.given())

    def only(self: F, names: frozenset[str]) -> F:
        """A copy with every field outside `names` left unset (the "before" of a partial edit)."""
        values = {
            f.name: (getattr(self, f.name) if f.name in names else UNSET)
            for f in fields(self)  # type: ignore[arg-type]
        }
        return type(self)(**values)

    def __bool__(self) -> bool:
        return bool(self.given())


@dataclass(frozen=True)
class ContactFields(_Fields):
    name: str | Unset = UNSET
    company: str | Unset | None = UNSET
    title: str | Unset | None = UNSET
    emails: tuple[str, ...] | Unset = UNSET
    phones: tuple[str, ...] | Unset = UNSET
    linkedin: str | Unset | None = UNSET
    tag_names: tuple[str, ...] | Unset = UNSET
    notes: str | Unset | None = UNSET
    location: str | Unset | None = UNSET
    how_met: str | Unset | None = UNSET
    stage: Stage | Unset = UNSET
    photo: bytes | Unset | None = UNSET
    photo_mime: str | Unset | None = UNSET

    @classmethod
    def of(cls, contact: Contact) -> ContactFields:
        """Every editable field of a loaded contact."""
        return cls(
            name=contact.name,
            company=contact.company.name if contact.company else None,
            title=contact.title,
            emails=tuple(e.address for e in contact.emails),
            phones=tuple(p.number for p in contact.phones),
            linkedin=contact.linkedin_url,
            tag_names=tuple(t.name for t in contact.tags),
            notes=contact.notes,
            location=contact.location,
            how_met=contact.how_met,
            stage=contact.stage,
            photo=contact.photo,
            photo_mime=contact.photo_mime,
        )


@dataclass(frozen=True)
class CompanyFields(_Fields):
    name: str | Unset = UNSET
    target: bool | Unset = UNSET
    priority: int | Unset | None = UNSET
    mission: str | Unset | None = UNSET
    website: str | Unset | None = UNSET
    notes: str | Unset | None = UNSET

    @classmethod
    def of(cls, company: Company) -> CompanyFields:
        return cls(
            name=company.name,
            target=company.is_target,
            priority=company.priority,
            mission=company.mission,
            website=company.website,
            notes=company.notes,
        )


@dataclass(frozen=True)
class MeetingFields(_Fields):
    start: dt.datetime | Unset = UNSET
    minutes: int | Unset = UNSET
    kind: MeetingKind | Unset = UNSET
    location: str | Unset | None = UNSET
    preparation: str | Unset | None = UNSET
    checklist: tuple[tuple[str, bool], ...] | Unset = UNSET
    questions: tuple[str, ...] | Unset = UNSET
    notes: str | Unset | None = UNSET
    outcome: str | Unset | None = UNSET

    def given(self) -> dict[str, Any]:
        # The service takes the checklist as a mapping; the payload keeps it hashable.
        values = super().given()
        if "checklist" in values:
            values["checklist"] = dict(values["checklist"])
        return values

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingFields:
        return cls(
            start=meeting.start,
            minutes=meeting.minutes,
            kind=meeting.kind,
            location=meeting.location,
            preparation=meeting.preparation,
            checklist=tuple((meeting.checklist or {}).items()),
            questions=tuple(meeting.questions or ()),
            notes=meeting.notes,
            outcome=meeting.outcome,
        )


@dataclass(frozen=True)
class ReferralFields(_Fields):
    status: ReferralStatus | Unset = UNSET
    note: str | Unset | None = UNSET

    @classmethod
    def of(cls, referral: Referral) -> ReferralFields:
        return cls(status=referral.status, note=referral.note)


@dataclass(frozen=True)
class FollowUpFields(_Fields):
    due: dt.datetime | Unset = UNSET
    title: str | Unset = UNSET
    remind_minutes: int | Unset | None = UNSET
    notes: str | Unset | None = UNSET

    @classmethod
    def of(cls, followup: FollowUp) -> FollowUpFields:
        return cls(
            due=followup.due,
            title=followup.title,
            remind_minutes=followup.remind_minutes,
            notes=followup.notes,
        )


EntityFields = ContactFields | CompanyFields | MeetingFields | ReferralFields | FollowUpFields
