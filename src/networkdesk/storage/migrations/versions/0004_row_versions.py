"""row versions on editable rows; no credentials or deleted names left in stored rows

- contacts, companies, meetings and follow-ups get `version` (1 for every existing row): an edit
  whose row changed since it was read is detected instead of silently overwriting.
- the CalDAV ledger's calendar keys lose any `user:password@` written inside a server URL.
- calendar tombstones keep their UID and a neutral summary, not the name of who was deleted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ("companies", "contacts", "meetings", "followups")


def _clean_url(url: str) -> str:
    # The same as domain.credentials.without_credentials, copied: a migration must keep working
    # when the package's code changes later.
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _clean_key(key: str) -> str:
    url, sep, rest = key.partition("|")
    return _clean_url(url) + sep + rest


def _scrub_ledger(connection: sa.Connection) -> None:
    ledger = sa.table(
        "published_events",
        sa.column("id", sa.Integer),
        sa.column("calendar_key", sa.String),
        sa.column("uid", sa.String),
    )
    rows = connection.execute(sa.select(ledger.c.id, ledger.c.calendar_key, ledger.c.uid)).all()
    taken = {(row.calendar_key, row.uid) for row in rows}
    for row in rows:
        clean = _clean_key(row.calendar_key)
        if clean == row.calendar_key:
            continue
        if (clean, row.uid) in taken:
            # The same event is already in the ledger under the clean key: keep that one.
            connection.execute(ledger.delete().where(ledger.c.id == row.id))
            continue
        taken.add((clean, row.uid))
        connection.execute(ledger.update().where(ledger.c.id == row.id).values(calendar_key=clean))


def _scrub_tombstones(connection: sa.Connection) -> None:
    stones = sa.table(
        "calendar_tombstones", sa.column("item_kind", sa.String), sa.column("summary", sa.String)
    )
    connection.execute(
        stones.update()
        .where(stones.c.item_kind == "followup")
        .values(summary="Follow-up (cancelled)")
    )
    connection.execute(
        stones.update()
        .where(stones.c.item_kind != "followup")
        .values(summary="Meeting (cancelled)")
    )


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
    connection = op.get_bind()
    _scrub_ledger(connection)
    _scrub_tombstones(connection)


def downgrade() -> None:
    # The scrubbed credentials and names are not brought back: they should never have been kept.
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
