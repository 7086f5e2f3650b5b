"""The rows of the contacts table read through the ORM, one query, into compact columns
(`services.contact_columns`, which the desktop start's raw read fills too).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from networkdesk.domain.models import Company, Contact, FollowUp, Meeting
from networkdesk.services.contact_columns import (
    NO_RING,
    STAGES,
    ContactColumns,
    ContactRow,
)

__all__ = ["NO_RING", "STAGES", "ContactColumns", "ContactRow", "contact_choices", "table_rows"]


def table_rows(session: Session, *, ids: Collection[int] | None = None) -> ContactColumns:
    """Every contact, placed or not, ordered by folded name then id; only those of `ids` when
    given (a view updating the rows a change names; an id that no longer exists is simply
    absent)."""
    last_query = select(Meeting.contact_id, func.max(Meeting.start).label("last_meeting"))
    upcoming_query = select(
        FollowUp.contact_id, func.min(FollowUp.due).label("next_followup")
    ).where(FollowUp.done_at.is_(None))
    wanted = sorted(int(i) for i in ids) if ids is not None else None
    if wanted is not None:
        last_query = last_query.where(Meeting.contact_id.in_(wanted))
        upcoming_query = upcoming_query.where(FollowUp.contact_id.in_(wanted))
    last = last_query.group_by(Meeting.contact_id).subquery()
    upcoming = upcoming_query.group_by(FollowUp.contact_id).subquery()
    query = (
        select(
            Contact.id,
            Contact.name,
            Company.name,
            Contact.title,
            Contact.ring,
            type_coerce(Contact.stage, String),
            last.c.last_meeting,
            upcoming.c.next_followup,
            Contact.search_text,
        )
        .outerjoin(Company, Company.id == Contact.company_id)
        .outerjoin(last, last.c.contact_id == Contact.id)
        .outerjoin(upcoming, upcoming.c.contact_id == Contact.id)
        .order_by(Contact.name_key, Contact.id)
    )
    if wanted is not None:
        query = query.where(Contact.id.in_(wanted))
    # Every row: a scan of the table is faster than a walk of the name index (_scanning).
    scan = "contacts" if wanted is None else None
    return ContactColumns.from_driver_batches(_driver_batches(session, query, scan=scan))


#: Rows taken from the driver at a time. The columns grow batch by batch, so the driver's row
#: tuples for every contact never exist at once: fetched whole, they were most of the read's
#: peak (about 10 MB of resident memory at 30,000 contacts that the process kept; issue 13, P6).
FETCH_BATCH = 2_000


def _driver_batches(
    session: Session, query: Any, *, scan: str | None = None
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of a Core query as the database driver returns them, in batches: at 30,000
    rows the Result's per-row objects and type processing took as long as the query itself.
    The only bound values are ids (integers), so the statement is compiled with them inline.
    `scan`: a table to read whole rather than through an index (SQLite; `_scanning`)."""
    connection = session.connection()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    if scan is not None and connection.dialect.name == "sqlite":
        sql = _scanning(sql, scan)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(FETCH_BATCH):
            yield batch
    finally:
        cursor.close()


def _scanning(sql: str, table: str) -> str:
    """`sql` reading `table` in rowid order (SQLite's NOT INDEXED), the result then sorted in
    memory, instead of walking the ORDER BY's index: that walk reads the table's pages in name
    order, about one page read per row once the file outgrows the 2 MB page cache (120-135 ms
    at 30,000 contacts, against 60-100 ms for the scan and the sort; issue 13, P1). Rowid
    look-ups (an `IN` of ids) still work. Where the statement's text is not as expected the
    query is unchanged: the same rows, only slower."""
    return sql.replace(f"\nFROM {table} ", f"\nFROM {table} NOT INDEXED ", 1)


def contact_choices(session: Session) -> list[tuple[int, str, str | None]]:
    """(id, name, company) of every contact, by name: what contact pickers offer."""
    query = (
        select(Contact.id, Contact.name, Company.name)
        .outerjoin(Company, Company.id == Contact.company_id)
        .order_by(Contact.name_key, Contact.id)
    )
    return [(cid, name, company) for cid, name, company in session.execute(query)]
