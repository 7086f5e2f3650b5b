"""The schema as PostgreSQL holds it in team mode (revision 0007), beside the models.

The ORM models stay the one-person schema both databases share: no model names `owner`, since
on PostgreSQL it defaults to `current_user` (no insert has to say it) and row-level security
shows each login its own rows only, and SQLite has neither. This module says what PostgreSQL has
on top - the owner columns, the per-owner unique keys, the shares table - so `networkdesk check`
compares the server against what it should be, the coach's read-only view can name the columns,
and `server init` grants exactly the columns a coach may read.
"""

from __future__ import annotations

import functools

from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    text,
)

from networkdesk.domain.models import NAMING_CONVENTION, Base

SHARES_TABLE = "networkdesk_shares"
MEMBER_GROUP = "networkdesk_member"
COACH_GROUP = "networkdesk_coach"
#: Longest role name PostgreSQL keeps (NAMEDATALEN - 1).
ROLE_NAME_LENGTH = 63

#: Tables with an owner column and the policy `owner = current_user`.
OWNED_TABLES = (
    "companies",
    "tags",
    "contacts",
    "contact_tags",
    "contact_emails",
    "contact_phones",
    "ring_moves",
    "contact_changes",
    "meetings",
    "referrals",
    "followups",
    "calendar_tombstones",
    "published_events",
    "interactions",
    "settings",
)

#: The unique keys that hold per owner on PostgreSQL: (table, model's constraint, server's
#: constraint, columns after owner).
PER_OWNER_UNIQUE = (
    ("companies", "uq_companies_name_key", "uq_companies_owner_name_key", ("name_key",)),
    ("tags", "uq_tags_name_key", "uq_tags_owner_name_key", ("name_key",)),
    ("contacts", "uq_contacts_uid", "uq_contacts_owner_uid", ("uid",)),
    ("meetings", "uq_meetings_uid", "uq_meetings_owner_uid", ("uid",)),
    ("followups", "uq_followups_uid", "uq_followups_owner_uid", ("uid",)),
    (
        "calendar_tombstones",
        "uq_calendar_tombstones_uid",
        "uq_calendar_tombstones_owner_uid",
        ("uid",),
    ),
    (
        "published_events",
        "calendar_uid",
        "uq_published_events_owner_calendar_uid",
        ("calendar_key", "uid"),
    ),
)

#: What a coach reads of the pipelines shared with them: rings, stages, meetings and their
#: outcomes, referrals, follow-ups, touches - never notes, preparation, how they met, search text
#: (it holds the notes, folded), photos or contact details. Column-level grants: `SELECT notes`
#: as a coach is "permission denied", not an empty column.
COACH_COLUMNS: dict[str, tuple[str, ...]] = {
    "companies": ("id", "owner", "name", "is_target", "priority"),
    "contacts": (
        "id",
        "owner",
        "name",
        "company_id",
        "title",
        "ring",
        "stage",
        "connected_on",
        "created_at",
        "updated_at",
    ),
    "ring_moves": ("id", "owner", "contact_id", "from_ring", "to_ring", "moved_at"),
    "meetings": ("id", "owner", "contact_id", "start", "minutes", "kind", "outcome"),
    "referrals": (
        "id",
        "owner",
        "from_contact_id",
        "to_contact_id",
        "meeting_id",
        "status",
        "created_at",
    ),
    "followups": ("id", "owner", "contact_id", "meeting_id", "title", "due", "done_at"),
    "interactions": ("id", "owner", "contact_id", "kind", "direction", "at"),
}

#: The columns the unique keys of PER_OWNER_UNIQUE are named after, by constraint.
_RENAMED = {old: (table, new, columns) for table, old, new, columns in PER_OWNER_UNIQUE}


def owner_column() -> Column[str]:
    return Column(
        "owner", String(ROLE_NAME_LENGTH), nullable=False, server_default=text("CURRENT_USER")
    )


@functools.cache
def server_metadata() -> MetaData:
    """The models' tables as revision 0007 left them on PostgreSQL, and the shares table (built
    once: read it, never change it)."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    for model_table in Base.metadata.sorted_tables:
        table = model_table.to_metadata(metadata)
        if table.name not in OWNED_TABLES:
            continue
        table.append_column(owner_column())
        for constraint in list(table.constraints):
            if isinstance(constraint, UniqueConstraint) and constraint.name in _RENAMED:
                _, new, columns = _RENAMED[str(constraint.name)]
                table.constraints.remove(constraint)
                for column in constraint.columns:
                    column.unique = False
                table.append_constraint(UniqueConstraint("owner", *columns, name=new))
        # settings' primary key is (owner, key) there; Alembic does not compare primary keys,
        # and no query here looks a setting up by anything but its key (its owner's row).
    Table(
        SHARES_TABLE,
        metadata,
        owner_column(),
        Column("coach", String(ROLE_NAME_LENGTH), nullable=False),
        Column("shared_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
        PrimaryKeyConstraint("owner", "coach", name=f"pk_{SHARES_TABLE}"),
    )
    return metadata
