"""The data model: SQLAlchemy 2.0 typed ORM entities.

Every schema change here needs an Alembic revision in `networkdesk/storage/migrations/versions`;
`tests/migrations/test_models_match_migrations.py` fails when the two disagree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from networkdesk.domain.enums import MeetingKind, ReferralStatus, Ring, Stage
from networkdesk.domain.touches import Direction, InteractionKind

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_calendar_uid() -> str:
    """A calendar UID that stays with a meeting or follow-up forever."""
    return f"{uuid.uuid4()}@networkdesk"


def new_contact_uid() -> str:
    """A contact's vCard UID: globally unique, never reused, kept across exports and imports."""
    return f"urn:uuid:{uuid.uuid4()}"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored as UTC.

    SQLite has no time zone type: without this, aware datetimes come back naive. Naive values are
    refused on the way in, so a local time can never be stored by mistake as if it were UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: times are stored timezone-aware")
        utc = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # defensive: text written by another tool
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class RingColumn(TypeDecorator[Ring]):
    """A ring stored as its number (0 = bull's-eye ... 3 = outer), read back as a `Ring`.

    The column stays a plain INTEGER with the range CHECK: the schema is the one the migrations
    made, and other tools read the numbers as before. Plain ints are accepted on the way in.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Ring | int | None, dialect: Dialect) -> int | None:
        return None if value is None else int(Ring(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Ring | None:
        return None if value is None else Ring(int(value))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum_values(enum_type: Any) -> list[str]:
    return [member.value for member in enum_type]


def _enum_column(enum_type: Any, name: str) -> Any:
    # Stored as plain strings with a CHECK: readable in any SQL tool, the same on SQLite and
    # PostgreSQL, and adding a value is a small migration rather than an ALTER TYPE.
    from sqlalchemy import Enum

    return Enum(
        enum_type,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=_enum_values,
        validate_strings=True,
    )


contact_tags = Table(
    "contact_tags",
    Base.metadata,
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class VersionedMixin:
    """A row that people edit: `version` rises by one with every change written to it (storage
    raises it at flush, bulk statements raise it themselves), so an editor or an undo can tell
    that the row moved on since it was read and ask instead of overwriting (revision 0004;
    referrals and interactions since revision 0006)."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Company(VersionedMixin, Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Case- and accent-folded name: companies are matched by it ("ACME" is "Acme").
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    mission: Mapped[str | None] = mapped_column(Text, doc="homework: mission, news, questions")
    notes: Mapped[str | None] = mapped_column(Text)
    is_target: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    priority: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    contacts: Mapped[list[Contact]] = relationship(back_populates="company")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), unique=True)

    contacts: Mapped[list[Contact]] = relationship(secondary=contact_tags, back_populates="tags")


class Contact(VersionedMixin, Base):
    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint("ring IS NULL OR (ring >= 0 AND ring <= 3)", name="ring_range"),
        Index("ix_contacts_ring", "ring"),
        Index("ix_contacts_company_id", "company_id"),
        Index("ix_contacts_linkedin_key", "linkedin_key"),
        Index("ix_contacts_name_key", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), default="")
    # The vCard UID (revision 0003): from the imported card when it had one, else a new UUID.
    uid: Mapped[str] = mapped_column(String(200), unique=True, default=new_contact_uid)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(300))
    linkedin_url: Mapped[str | None] = mapped_column(String(500))
    # Normalised profile URL (no scheme, no www, no trailing slash, lower case): the import key.
    linkedin_key: Mapped[str | None] = mapped_column(String(500))
    location: Mapped[str | None] = mapped_column(String(300))
    how_met: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    ring: Mapped[Ring | None] = mapped_column(RingColumn)
    angle: Mapped[float | None] = mapped_column(Float, doc="radians on its ring, 0 = east")
    stage: Mapped[Stage] = mapped_column(
        _enum_column(Stage, "stage"), default=Stage.IDENTIFIED, server_default="identified"
    )
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_mime: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(100), doc="manual, linkedin, vcard, demo...")
    connected_on: Mapped[dt.date | None] = mapped_column(Date)
    # Folded name, company, title, tags, e-mails and notes: case- and accent-insensitive search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    company: Mapped[Company | None] = relationship(back_populates="contacts")
    emails: Mapped[list[ContactEmail]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="ContactEmail.position",
        passive_deletes=True,
    )
    phones: Mapped[list[ContactPhone]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="ContactPhone.position",
        passive_deletes=True,
    )
    tags: Mapped[list[Tag]] = relationship(
        secondary=contact_tags, back_populates="contacts", order_by="Tag.name_key"
    )
    ring_moves: Mapped[list[RingMove]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="RingMove.moved_at",
        passive_deletes=True,
    )
    # Deleting a contact deletes its meetings and follow-ups; services.contacts.delete leaves
    # their calendar tombstones first.
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="contact",
        order_by="Meeting.start",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    followups: Mapped[list[FollowUp]] = relationship(
        back_populates="contact",
        order_by="FollowUp.due",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    changes: Mapped[list[ContactChange]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="ContactChange.changed_at",
        passive_deletes=True,
    )
    interactions: Mapped[list[Interaction]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="Interaction.at",
        passive_deletes=True,
    )


class ContactEmail(Base):
    __tablename__ = "contact_emails"
    __table_args__ = (Index("ix_contact_emails_address_key", "address_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str] = mapped_column(String(320))
    address_key: Mapped[str] = mapped_column(String(320))
    label: Mapped[str | None] = mapped_column(String(50), doc="work, home, ...")
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="emails")


class ContactPhone(Base):
    __tablename__ = "contact_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(100))
    label: Mapped[str | None] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="phones")


class RingMove(Base):
    """One change of a contact's ring (or its first placement): the journey inward is data."""

    __tablename__ = "ring_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    from_ring: Mapped[int | None] = mapped_column(Integer)
    to_ring: Mapped[int | None] = mapped_column(Integer)
    angle: Mapped[float | None] = mapped_column(Float, doc="angle on to_ring after the move")
    moved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="ring_moves")


class ContactChange(Base):
    """An earlier value of a contact's field, kept when an import or an edit replaced it
    (e.g. a job change seen in a newer LinkedIn export). `reviewed` is False until the user has
    looked at it."""

    __tablename__ = "contact_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(100))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    contact: Mapped[Contact] = relationship(back_populates="changes")


class CalendarItemMixin:
    """A stable calendar identity: one UID forever, SEQUENCE raised on every change."""

    uid: Mapped[str] = mapped_column(String(200), unique=True, default=new_calendar_uid)
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    def bump_sequence(self) -> None:
        self.sequence = (self.sequence or 0) + 1


class Meeting(CalendarItemMixin, VersionedMixin, Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        Index("ix_meetings_start", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int] = mapped_column(Integer, default=30)
    kind: Mapped[MeetingKind] = mapped_column(
        _enum_column(MeetingKind, "meeting_kind"), default=MeetingKind.MEETING
    )
    location: Mapped[str | None] = mapped_column(String(500), doc="place or video link")
    preparation: Mapped[str | None] = mapped_column(Text)
    # {"mission_researched": true, "questions_prepared": false, ...}
    checklist: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    # Questions picked from the question bank (their text, so editing the bank loses nothing).
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="meetings")
    referrals: Mapped[list[Referral]] = relationship(back_populates="meeting")
    followups: Mapped[list[FollowUp]] = relationship(back_populates="meeting")

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


class Referral(VersionedMixin, Base):
    __tablename__ = "referrals"
    __table_args__ = (CheckConstraint("from_contact_id <> to_contact_id", name="not_self"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    to_contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ReferralStatus] = mapped_column(
        _enum_column(ReferralStatus, "referral_status"), default=ReferralStatus.SUGGESTED
    )
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    from_contact: Mapped[Contact] = relationship(foreign_keys=[from_contact_id])
    to_contact: Mapped[Contact] = relationship(foreign_keys=[to_contact_id])
    meeting: Mapped[Meeting | None] = relationship(back_populates="referrals")


class FollowUp(CalendarItemMixin, VersionedMixin, Base):
    __tablename__ = "followups"
    __table_args__ = (
        CheckConstraint("remind_minutes IS NULL OR remind_minutes >= 0", name="remind_positive"),
        Index("ix_followups_due", "due"),
        Index("ix_followups_done_at", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    due: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    remind_minutes: Mapped[int | None] = mapped_column(Integer, default=15)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="followups")
    meeting: Mapped[Meeting | None] = relationship(back_populates="followups")

    @property
    def done(self) -> bool:
        return self.done_at is not None


class CalendarTombstone(Base):
    """What remains of a deleted meeting or follow-up, so a calendar export or sync can cancel
    the event it once produced. Kept until the user clears it."""

    __tablename__ = "calendar_tombstones"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    sequence: Mapped[int] = mapped_column(Integer)
    item_kind: Mapped[str] = mapped_column(String(20), doc="meeting or followup")
    summary: Mapped[str | None] = mapped_column(String(500))
    start: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    minutes: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PublishedEvent(Base):
    """The CalDAV ledger: what networkdesk published to which calendar, as the server confirmed
    it. A publish compares SEQUENCEs against it and never touches events that are not in it."""

    __tablename__ = "published_events"
    __table_args__ = (UniqueConstraint("calendar_key", "uid", name="calendar_uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_key: Mapped[str] = mapped_column(String(1000), doc="server URL, user and calendar")
    uid: Mapped[str] = mapped_column(String(200))
    sequence: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(300))
    href: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Setting(Base):
    """Preferences shared by the window and the CLI (practice threshold, default reminder...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Interaction(VersionedMixin, Base):
    """A touch that is not a meeting: an e-mail, call, message or chat, sent or received."""

    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[InteractionKind] = mapped_column(
        _enum_column(InteractionKind, "interaction_kind"), default=InteractionKind.EMAIL
    )
    direction: Mapped[Direction] = mapped_column(_enum_column(Direction, "direction"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="interactions")
