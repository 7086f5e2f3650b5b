"""Which database errors mean "another writer got there first; run the transaction again"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from networkdesk.storage.database import is_retryable


def _error(kind: type[Exception], sqlstate: str, constraint: str | None = None) -> Exception:
    orig = SimpleNamespace(sqlstate=sqlstate, diag=SimpleNamespace(constraint_name=constraint))
    return kind("INSERT ...", {}, orig)  # type: ignore[call-arg, arg-type]


@pytest.mark.parametrize(
    ("error", "retry"),
    [
        (_error(OperationalError, "40001"), True),  # serialization failure
        (_error(OperationalError, "40P01"), True),  # deadlock
        # An import planned a new company; a concurrent `contact add` created it first.
        (_error(IntegrityError, "23505", "uq_companies_name_key"), True),
        (_error(IntegrityError, "23505", "uq_tags_name_key"), True),
        # Any other duplicate is a real error (a UID, a primary key): never retried.
        (_error(IntegrityError, "23505", "uq_meetings_uid"), False),
        (_error(IntegrityError, "23505", None), False),
        (_error(IntegrityError, "23503"), False),  # foreign key
        (ValueError("not a database error"), False),
    ],
)
def test_retryable(error: Exception, retry: bool) -> None:
    assert is_retryable(error) is retry
