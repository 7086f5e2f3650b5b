"""Bulk writes shared by imports, the JSON archive and demo data: Core inserts of many rows at
once with explicit ids (never one ORM object per row), and the PostgreSQL id sequences moved past
them afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import bindparam, func, insert, select, text
from sqlalchemy.orm import Session

CHUNK = 5000


#: Ids a bulk writer may hand out on PostgreSQL after `next_id`, reserved from the table's
#: sequence at once so that concurrent single-row inserts (which take `nextval`) never collide.
RESERVED_IDS = 1_000_000


def next_id(session: Session, column: Any) -> int:
    """The first id of a block a bulk writer numbers itself (max + 1 on SQLite, where the
    writer holds the database's write lock).

    On PostgreSQL other writers insert at the same time with ids from the table's sequence:
    the table is locked against other inserts until this transaction ends, the block starts past
    both the rows and the sequence, and the sequence is moved past the whole block at once.
    """
    if session.get_bind().dialect.name != "postgresql":
        return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1
    table = column.table.name
    session.execute(text(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE'))
    relation = _sequence_relation(session, table, column.name)
    start = int(
        session.scalar(
            text(
                f'SELECT GREATEST(COALESCE((SELECT MAX({column.name}) FROM "{table}"), 0),'
                f" (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END"
                f" FROM {relation})) + 1"
            )
        )
        or 1
    )
    session.execute(
        text("SELECT setval(CAST(:seq AS regclass), :end, false)"),
        {"seq": relation, "end": start + RESERVED_IDS},
    )
    session.info.setdefault(_RESERVED_FROM, {})[table] = start
    return start


#: session.info key: per table, the first id of the block `next_id` reserved in this
#: transaction (`advance_id_sequences` never hands back ids below it).
_RESERVED_FROM = "networkdesk.reserved_id_starts"


def _sequence_relation(session: Session, table: str, column: str) -> str:
    name = session.scalar(text(f"SELECT pg_get_serial_sequence('{table}', '{column}')"))
    if not name:
        raise RuntimeError(f"{table}.{column} has no sequence")
    return str(name)


def insert_if_missing(session: Session, table: Any, values: dict[str, Any], key: str) -> bool:
    """INSERT ... ON CONFLICT (key) DO NOTHING: get-or-create that two writers can run at the
    same time (a select-then-insert fails with a duplicate key for one of them). True when this
    call inserted the row.

    On PostgreSQL the key is unique per owner (storage/team_schema.py): the conflict target is
    (owner, key), and the owner is the default, the login writing."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        result = session.execute(
            postgresql.insert(table)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["owner", key])
        )
    elif dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        result = session.execute(
            sqlite.insert(table).values(**values).on_conflict_do_nothing(index_elements=[key])
        )
    else:  # pragma: no cover - the two databases networkdesk supports
        raise RuntimeError(f"no INSERT ... ON CONFLICT for {dialect}")
    return int(getattr(result, "rowcount", 0) or 0) == 1


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) with Core `insert()`, one executemany per chunk."""
    if not rows:
        return
    columns = list(rows[0])
    if len(columns) == 1:
        tuples = [(row[columns[0]],) for row in rows]
    else:
        values_of = itemgetter(*columns)  # by key: rows need not list their keys in one order
        tuples = [values_of(row) for row in rows]
    bulk_insert_rows(session, table, columns, tuples)


def bulk_insert_rows(
    session: Session, table: Any, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows given as tuples of the values of `columns`, one executemany per chunk (the
    importer builds its rows so: a dict per row costs more than SQLite's own work).

    On SQLite the compiled INSERT is run through `exec_driver_sql` with each row's values passed
    through the columns' own bind processors (computed once, not per row): the same values
    SQLAlchemy would bind, without its per-row bookkeeping, which otherwise costs more than
    SQLite's own work at 30,000 rows. Columns left out get their Python-side defaults (a UID per
    row, `version` 1), as Core would give them.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    defaults = _missing_defaults(table, columns)
    names = [*columns, *(column.key for column in defaults)]
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        for start in range(0, len(rows), CHUNK):
            by_column = _by_column(rows[start : start + CHUNK], defaults)
            dicts = [dict(zip(names, row, strict=True)) for row in zip(*by_column, strict=True)]
            session.execute(insert(table), dicts)
        return
    statement = insert(table).values({key: bindparam(key) for key in names})
    compiled = statement.compile(dialect=dialect)
    sql = str(compiled)
    # The compiled statement lists columns in table order: bind values in its own order.
    keys = list(compiled.positiontup or ())
    if sorted(keys) != sorted(names):
        raise RuntimeError(f"unexpected parameters {keys} for {table.name}")
    order = [names.index(key) for key in keys]
    processors = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys]
    for start in range(0, len(rows), CHUNK):
        # Column by column (one zip transposes the chunk): most columns need no conversion, are
        # all None, or hold one value for every row (the import's `now`), so almost nothing is
        # converted per row.
        by_column = _by_column(rows[start : start + CHUNK], defaults)
        values: list[Sequence[Any]] = [by_column[index] for index in order]
        for position, processor in enumerate(processors):
            if processor is not None:
                values[position] = _processed(values[position], processor)
        connection.exec_driver_sql(sql, list(zip(*values, strict=True)))


def _missing_defaults(table: Any, columns: Sequence[str]) -> list[Any]:
    """The columns left out that have a Python-side default, which the compiled statement
    expects as parameters (a UID per row, `version` 1)."""
    return [
        column
        for column in table.columns
        if column.key not in columns
        and column.default is not None
        and (column.default.is_scalar or column.default.is_callable)
    ]


def _by_column(rows: list[tuple[Any, ...]], defaults: list[Any]) -> list[Sequence[Any]]:
    """The rows' values column by column, then the defaults' columns: a constant once, a
    callable per row (as Core evaluates them)."""
    by_column: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for column in defaults:
        default = column.default
        if default.is_callable:
            by_column.append([default.arg(None) for _ in rows])
        else:
            by_column.append((default.arg,) * len(rows))
    return by_column


def _processed(values: Sequence[Any], processor: Callable[[Any], Any]) -> Sequence[Any]:
    first = values[0]
    if first is None and values.count(None) == len(values):
        return values  # bind processors leave None alone
    if values.count(first) == len(values):
        return [processor(first)] * len(values)
    if set(map(type, values)) <= _REPEATING:
        # Dates repeat (a network has a few thousand connection days over tens of thousands of
        # rows): each distinct one converted once. Only for plain dates, where equal values
        # convert alike (equal datetimes in two time zones, or 1 and True, would not).
        converted = {value: processor(value) for value in set(values) if value is not None}
        converted[None] = None
        return list(map(converted.__getitem__, values))
    return [None if value is None else processor(value) for value in values]


_REPEATING = frozenset({dt.date, type(None)})


def advance_id_sequences(session: Session, tables: Iterable[Any]) -> None:
    """Rows were written with explicit ids: on PostgreSQL, move each table's id sequence past
    them, or the next ordinary insert would reuse an id. (SQLite takes max + 1 by itself.)"""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        # Never behind an id another writer took from the sequence meanwhile (is_called: the
        # block next_id reserved was entered by someone); otherwise back to max + 1, so the
        # reservation costs no ids.
        # Nor below the block's start: the transaction reads at REPEATABLE READ, so its
        # MAX(id) misses rows other writers committed after its snapshot was taken, while the
        # start was computed past them (from the sequence, which no snapshot hides). Without
        # it a concurrent `contact edit` got an id another edit had already committed.
        relation = _sequence_relation(session, table.name, "id")
        reserved_from = session.info.get(_RESERVED_FROM, {}).get(table.name, 0)
        session.execute(
            text(
                f"SELECT setval('{relation}', GREATEST("
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1,"
                f" CAST(:reserved_from AS bigint),"
                f" (SELECT CASE WHEN is_called THEN last_value + 1 ELSE 0 END"
                f" FROM {relation})), false)"
            ),
            {"reserved_from": reserved_from},
        )
