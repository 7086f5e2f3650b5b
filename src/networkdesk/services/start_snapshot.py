"""What the window's first paint shows, read in one read transaction (issue 13, P1): the contacts
table's rows, the placed contacts and their referral links, the ring names and the readiness
badge — and, at the same moment, what external-change polling compares with later
(`data_version`, `external_changes.look`). `read_start` reads it through the ORM;
services/start_read.py reads it raw at the desktop start, the table's first rows first.

The inbox (the contacts on no ring) is derived from the table's rows instead of a query of its
own: the same strings, newest first.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import TYPE_CHECKING

from networkdesk.services import external_changes, settings
from networkdesk.services.board_node import BoardNode
from networkdesk.services.contact_columns import NO_RING, ContactColumns
from networkdesk.services.inbox_columns import InboxColumns

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.board_readiness import BoardReadiness


@dataclass(frozen=True)
class StartSnapshot:
    #: Every contact in the table's order — or, read raw at start-up (services/start_read.py),
    #: only the first of them (`complete` False): the rest follows (`completed`).
    rows: ContactColumns
    ring_names: list[str]
    nodes: list[BoardNode]
    links: list[tuple[int, int]]
    #: None when the start was read raw (services/start_read.py): the board asks for it.
    readiness: BoardReadiness | None
    #: The database's change counter before the read, and the picture external-change
    #: polling starts from (None where the database cannot tell).
    data_version: int
    picture: external_changes.Picture | None
    #: Contacts per ring (None: the inbox), when `rows` may be only the first rows; else
    #: counted from them.
    counts: dict[int | None, int] | None = None
    #: The inbox's first entries, newest first, when `rows` may be only the first rows.
    inbox_head: InboxColumns | None = None
    _inbox: InboxColumns = field(init=False, repr=False, compare=False)
    _ring_counts: dict[int | None, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived where the snapshot is read (the opener's worker thread, while the window's
        # modules import), not on the GUI thread at the first paint: ~15 ms at 30,000.
        counts = self.counts if self.counts is not None else _ring_counts_of(self.rows)
        object.__setattr__(self, "_ring_counts", counts)
        if self.inbox_head is not None and not self.complete:
            object.__setattr__(self, "_inbox", self.inbox_head)
        else:
            object.__setattr__(self, "_inbox", _inbox_of(self.rows))

    @property
    def contact_count(self) -> int:
        return sum(self._ring_counts.values())

    @property
    def complete(self) -> bool:
        """`rows` holds every contact (else the first `len(rows)` in the table's order)."""
        return len(self.rows) >= self.contact_count

    def completed(self, rows: ContactColumns) -> StartSnapshot:
        """This snapshot with every row (read in the same transaction as the first)."""
        return replace(self, rows=rows, counts=None, inbox_head=None)

    def ring_counts(self) -> dict[int | None, int]:
        """Contacts per ring (None: the inbox), as services.board.ring_counts."""
        return dict(self._ring_counts)

    @property
    def inbox_count(self) -> int:
        return self._ring_counts.get(None, 0)

    def inbox(self) -> InboxColumns:
        """The contacts on no ring, newest first (as services.board.inbox_entries), sharing
        the table's strings — the first `inbox_count` of them unless `complete`. The same
        columns on every call: the inbox takes them."""
        return self._inbox


def _ring_counts_of(rows: ContactColumns) -> dict[int | None, int]:
    counts = Counter(rows.rings)
    return {(None if ring == NO_RING else ring): n for ring, n in counts.items()}


def _inbox_of(rows: ContactColumns) -> InboxColumns:
    ids = rows.ids
    waiting = [p for p, ring in enumerate(rows.rings) if ring == NO_RING]
    waiting.sort(key=ids.__getitem__, reverse=True)
    inbox = InboxColumns()
    if not waiting:
        return inbox
    # One C-level gather per column (itemgetter of many positions returns a tuple).
    gather = itemgetter(*waiting) if len(waiting) > 1 else (lambda column: (column[waiting[0]],))
    inbox.ids = array("q", gather(ids))
    inbox.names = list(gather(rows.names))
    inbox.companies = list(gather(rows.companies))
    inbox.titles = list(gather(rows.titles))
    return inbox


def read_start(session: Session, data_version: Callable[[], int]) -> StartSnapshot:
    """Everything the first paint shows, in this one session's read transaction.
    `data_version` is asked before the first query, so a write that lands during the read
    is noticed by the first poll."""
    # The ORM's reads, imported here: the snapshot's type is used by the window before
    # SQLAlchemy is loaded (services/start_read.py reads it raw).
    from networkdesk.services import board
    from networkdesk.services.board_readiness import board_readiness
    from networkdesk.services.contact_rows import table_rows

    version = data_version()
    try:
        picture: external_changes.Picture | None = external_changes.look(session)
    except Exception:  # no picture: the first external change reloads everything
        picture = None
    return StartSnapshot(
        rows=table_rows(session),
        ring_names=list(settings.RING_NAMES.get(session)),
        nodes=board.placed_nodes(session),
        links=board.referral_links(session),
        readiness=board_readiness(session),
        data_version=version,
        picture=picture,
    )
