"""PostgreSQL: every committed write to the data tables sends NOTIFY networkdesk_changes

A window on a server database LISTENs on the channel and shows changes made by others (another
window, the CLI, a teammate) within a second, without querying for them. SQLite needs nothing:
the window reads `PRAGMA data_version` there.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "networkdesk_changes"
TABLES = (
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
    "interactions",
    "settings",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # One notification per statement (not per row): a bulk import of 30,000 rows sends one.
    # PostgreSQL folds identical notifications of one transaction into one.
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION networkdesk_notify_change() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION networkdesk_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS networkdesk_notify_change()")
