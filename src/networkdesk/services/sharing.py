"""A person shares their pipeline with a coach, or stops (`networkdesk share`).

A row of `networkdesk_shares` (revision 0007) under the person's own login: its policies let
only them write their rows, and only to name a login of the coach group. What the coach then
reads is the policies' and the coach group's privileges' business, not this module's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from networkdesk.domain.errors import NotFoundError, ValidationError
from networkdesk.storage.database import Database
from networkdesk.storage.team_schema import COACH_GROUP, MEMBER_GROUP, SHARES_TABLE


@dataclass(frozen=True, slots=True)
class Share:
    owner: str
    coach: str
    shared_at: dt.datetime


def _require_team_database(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ValidationError(
            "sharing needs a team database on PostgreSQL (--db-url postgresql+psycopg://...); "
            "this one is a file only you use"
        )


_IS_COACH_LOGIN = text(
    "SELECT pg_has_role(r.rolname, :coach_group, 'MEMBER')"
    " AND NOT pg_has_role(r.rolname, :member_group, 'MEMBER')"
    " FROM pg_roles r WHERE r.rolname = :coach"
    " AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :coach_group)"
    " AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :member_group)"
)


def share_with(db: Database, coach: str) -> bool:
    """Share the pipeline of the login connected with `coach`. False when it already was."""
    _require_team_database(db)
    with db.transaction() as session:
        is_coach = session.execute(
            _IS_COACH_LOGIN,
            {"coach": coach, "coach_group": COACH_GROUP, "member_group": MEMBER_GROUP},
        ).scalar()
        if not is_coach:
            raise ValidationError(
                f"{coach!r} is not a coach on this server (an admin adds one with "
                f"`networkdesk server add-user {coach} --coach`)"
            )
        try:
            result = session.execute(
                text(
                    f"INSERT INTO {SHARES_TABLE} (coach) VALUES (:coach)"
                    " ON CONFLICT (owner, coach) DO NOTHING"
                ),
                {"coach": coach},
            )
        except ProgrammingError as exc:  # the policy's own refusal, e.g. sharing with oneself
            raise ValidationError(f"cannot share with {coach!r}: {exc.orig}") from None
        return int(getattr(result, "rowcount", 0) or 0) == 1


def stop_sharing(db: Database, coach: str) -> None:
    _require_team_database(db)
    with db.transaction() as session:
        result = session.execute(
            text(f"DELETE FROM {SHARES_TABLE} WHERE coach = :coach AND owner = current_user"),
            {"coach": coach},
        )
        if not int(getattr(result, "rowcount", 0) or 0):
            raise NotFoundError(f"you do not share your pipeline with {coach!r}")


def shares(db: Database) -> list[Share]:
    """The shares the connected login can see: its own, and those made with it as the coach."""
    _require_team_database(db)
    with db.reading() as session:
        rows = session.execute(
            text(f"SELECT owner, coach, shared_at FROM {SHARES_TABLE} ORDER BY owner, coach")
        )
        return [Share(owner, coach, shared_at) for owner, coach, shared_at in rows]
