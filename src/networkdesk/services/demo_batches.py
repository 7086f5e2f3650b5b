"""A large demo written in batches, each its own short write transaction.

One transaction for `demo --contacts 30000` held SQLite's write lock for the whole run (13 s),
longer than any other writer waits (the 5 s busy timeout): a `contact add` from the CLI or the
window failed with "database is locked". In batches, every other writer waits at most one batch
(about a second). Each batch is complete in itself (contacts with their e-mails, tags, meetings
and referrals), so a run that is interrupted leaves whole batches, never half of one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from networkdesk.services import demo
from networkdesk.services.demo import DemoSummary
from networkdesk.services.history import Transactions
from networkdesk.storage.database import retrying

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Contacts per write transaction: well under a second of SQLite's time each.
BATCH = 2_500


def generate_in_batches(
    db: Transactions,
    *,
    contacts: int = 200,
    placed: int = 60,
    seed: int = 7,
    today: dt.date | None = None,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
    before: Callable[[Session], object] | None = None,
) -> DemoSummary:
    """`demo.generate` in transactions of at most `batch` contacts (one when it fits). The
    placed contacts all come in the first batch, so the rings are laid out once. `before` runs
    inside the first batch's transaction (a check that must hold when the writing starts)."""
    if contacts <= max(batch, placed):
        with db.transaction() as session:
            if before is not None:
                before(session)
            return demo.generate(session, contacts=contacts, placed=placed, seed=seed, today=today)
    total = DemoSummary(companies=0, contacts=0, placed=0, meetings=0, referrals=0, followups=0)
    first = max(batch, placed)
    done = 0
    number = 0
    while done < contacts:
        size = min(first if number == 0 else batch, contacts - done)

        def one_batch(size: int = size, number: int = number) -> DemoSummary:
            with db.transaction() as session:
                if number == 0 and before is not None:
                    before(session)
                return demo.generate(
                    session,
                    contacts=size,
                    placed=placed if number == 0 else 0,
                    # Each batch its own seed, so batches are not copies of each other; the
                    # same seed still gives the same data.
                    seed=seed * 1_000 + number,
                    today=today,
                )

        # A batch the server rolled back for a concurrent writer (PostgreSQL) runs again.
        part = retrying(one_batch)
        total = DemoSummary(
            *(
                a + b
                for a, b in zip(dataclasses.astuple(total), dataclasses.astuple(part), strict=True)
            )
        )
        done += size
        number += 1
        if progress is not None:
            progress(done, contacts)
    return total
