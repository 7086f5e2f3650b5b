"""contacts.uid: a stable vCard UID per contact

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=200), nullable=True))
    # Every existing contact gets its own UID now, so the column can be required and unique.
    connection = op.get_bind()
    contacts = sa.table("contacts", sa.column("id", sa.Integer), sa.column("uid", sa.String))
    ids = [row[0] for row in connection.execute(sa.select(contacts.c.id))]
    for contact_id in ids:
        connection.execute(
            contacts.update()
            .where(contacts.c.id == contact_id)
            .values(uid=f"urn:uuid:{uuid.uuid4()}")
        )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=200), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_contacts_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_contacts_uid"), type_="unique")
        batch_op.drop_column("uid")
