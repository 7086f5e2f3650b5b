"""PostgreSQL team mode: every row has an owner, and PostgreSQL itself keeps each person's rows
theirs alone (row-level security); a coach reads the pipelines shared with them

- every user-data table gets `owner` (NOT NULL DEFAULT current_user): no insert of the app names
  it. The rows already there belong to the table's owner - the one person who used the database
  until now, who usually runs this migration too by opening it; when an admin upgrades a
  person's database instead (`server init`), the rows stay that person's, not the admin's.
- keys that were unique in the whole database become unique per owner (two people may both have
  a company "Acme", or import the same vCard UID).
- ENABLE and FORCE ROW LEVEL SECURITY on each table, with the policy `owner = current_user` for
  reading and writing (FORCE: the table owner, i.e. the single user who ran the migrations, is
  held to it too, and passes it, since every row's owner is them). Superusers bypass it.
- rows that point at other rows (a meeting's contact, a contact's company...) may point only at
  rows their writer can see: a foreign key check itself ignores row security, so without this a
  member could attach rows to another person's contact, or probe which ids exist.
- `networkdesk_shares(owner, coach)`: a person shares their pipeline with a coach; the pipeline
  tables get a read policy for the coaches their owners shared with. What a coach may read of
  those rows (no notes) and that they cannot write are privileges of the `networkdesk_coach`
  role, granted by `networkdesk server init`: roles are cluster-wide and creating them needs
  CREATEROLE, which the single user of a database need not have - so nothing here names a role.

SQLite is one local person: nothing changes there (no owner column, no table rebuilds).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The revision's own copy of the lists (a migration must not change when the package does).
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
# (table, old constraint, new constraint, columns after owner)
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
# Columns pointing at other rows: (table, column, parent table, nullable)
REFERENCES = (
    ("contacts", "company_id", "companies", True),
    ("contact_tags", "contact_id", "contacts", False),
    ("contact_tags", "tag_id", "tags", False),
    ("contact_emails", "contact_id", "contacts", False),
    ("contact_phones", "contact_id", "contacts", False),
    ("ring_moves", "contact_id", "contacts", False),
    ("contact_changes", "contact_id", "contacts", False),
    ("meetings", "contact_id", "contacts", False),
    ("referrals", "from_contact_id", "contacts", False),
    ("referrals", "to_contact_id", "contacts", False),
    ("referrals", "meeting_id", "meetings", True),
    ("followups", "contact_id", "contacts", False),
    ("followups", "meeting_id", "meetings", True),
    ("interactions", "contact_id", "contacts", False),
)
# What a coach may read: the pipeline, not the private tables (e-mail addresses, phones, old
# values of edited fields, calendar ledgers, settings). Which columns: server init's grants.
SHARED_TABLES = (
    "companies",
    "contacts",
    "ring_moves",
    "meetings",
    "referrals",
    "followups",
    "interactions",
)
SHARES = "networkdesk_shares"
COACH_GROUP = "networkdesk_coach"
OWN = "owner = current_user"
MEMBER_GROUP = "networkdesk_member"


def _logins_of(group: str) -> str:
    # Read from the catalogs, not pg_has_role(): the policy holds (and refuses every share)
    # before server init has created the groups.
    return (
        "SELECT m.rolname FROM pg_catalog.pg_auth_members a"
        " JOIN pg_catalog.pg_roles m ON m.oid = a.member"
        f" JOIN pg_catalog.pg_roles g ON g.oid = a.roleid WHERE g.rolname = '{group}'"
    )


# A share names a login of the coach group, never a member: members read every column, so a
# share with one would show them the notes.
IS_COACH = f"coach IN ({_logins_of(COACH_GROUP)}) AND coach NOT IN ({_logins_of(MEMBER_GROUP)})"
# And a share is read only by a login that is not (or no longer) a member: a coach made a
# member later would otherwise read the shared rows whole. pg_has_role follows indirect
# membership; the subquery is NULL, not an error, while the group does not exist.
NOT_A_MEMBER = (
    "NOT COALESCE((SELECT pg_has_role(current_user, r.oid, 'MEMBER') FROM pg_catalog.pg_roles r"
    f" WHERE r.rolname = '{MEMBER_GROUP}'), false)"
)
SHARED_WITH_ME = (
    f"{NOT_A_MEMBER} AND owner IN (SELECT s.owner FROM {SHARES} s WHERE s.coach = current_user)"
)


def _write_check(table: str) -> str:
    conditions = [OWN]
    for child, column, parent, nullable in REFERENCES:
        if child != table:
            continue
        # The subquery runs under the parent's own policies: only rows the writer may see. A
        # correlated EXISTS is one primary-key lookup per row written (an IN list would read
        # every visible parent row once per statement, and a bulk insert runs many).
        visible = f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{column})"
        conditions.append(f"({column} IS NULL OR {visible})" if nullable else visible)
    return " AND ".join(conditions)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    bind = op.get_bind()
    for table in OWNED_TABLES:
        # A constant default fills the existing rows without rewriting the table; then the
        # default for new rows.
        holder = bind.exec_driver_sql(
            f"SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '{table}'::regclass"
        ).scalar()
        literal = "'" + str(holder).replace("'", "''") + "'"
        op.execute(f"ALTER TABLE {table} ADD COLUMN owner VARCHAR(63) NOT NULL DEFAULT {literal}")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN owner SET DEFAULT current_user")
    for table, old, new, columns in PER_OWNER_UNIQUE:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {old}")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {new} UNIQUE (owner, {', '.join(columns)})")
    op.execute("ALTER TABLE settings DROP CONSTRAINT pk_settings")
    op.execute("ALTER TABLE settings ADD CONSTRAINT pk_settings PRIMARY KEY (owner, key)")
    op.execute(
        f"""
        CREATE TABLE {SHARES} (
            owner VARCHAR(63) NOT NULL DEFAULT current_user,
            coach VARCHAR(63) NOT NULL,
            shared_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            CONSTRAINT pk_{SHARES} PRIMARY KEY (owner, coach),
            CONSTRAINT ck_{SHARES}_not_self CHECK (owner <> coach)
        )
        """
    )
    for table in (*OWNED_TABLES, SHARES):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    for table in OWNED_TABLES:
        op.execute(
            f"CREATE POLICY {table}_own ON {table} USING ({OWN}) WITH CHECK ({_write_check(table)})"
        )
    for table in SHARED_TABLES:
        op.execute(f"CREATE POLICY {table}_shared ON {table} FOR SELECT USING ({SHARED_WITH_ME})")
    op.execute(
        f"CREATE POLICY {SHARES}_own ON {SHARES} USING ({OWN}) WITH CHECK ({OWN} AND {IS_COACH})"
    )
    op.execute(f"CREATE POLICY {SHARES}_coach ON {SHARES} FOR SELECT USING (coach = current_user)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in SHARED_TABLES:  # they read the shares table: first
        op.execute(f"DROP POLICY {table}_shared ON {table}")
    op.execute(f"DROP TABLE {SHARES}")
    for table in OWNED_TABLES:
        op.execute(f"DROP POLICY {table}_own ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    # Back to one key for the whole database: fails (and changes nothing) when two owners now
    # share a name or UID - they would have to be merged by hand first.
    op.execute("ALTER TABLE settings DROP CONSTRAINT pk_settings")
    op.execute("ALTER TABLE settings ADD CONSTRAINT pk_settings PRIMARY KEY (key)")
    for table, old, new, columns in PER_OWNER_UNIQUE:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {new}")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {old} UNIQUE ({', '.join(columns)})")
    for table in OWNED_TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN owner")
