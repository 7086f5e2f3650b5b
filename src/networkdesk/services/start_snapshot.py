"""What the window's first paint shows, read in one read transaction on the opener's worker
thread (issue 13, P1): the contacts table's rows, the placed contacts and their referral
links, the ring names and the readiness badge — and, at the same moment, what external-change
polling compares with later (`data_version`, `external_changes.look`).

The inbox (the contacts on no ring) is derived from the table's rows instead of a query of its
own: the same strings, newest first.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
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

    def ring_counts(self) -> dict[int | None, int]:
        """Contacts per ring (None: the inbox), as services.board.ring_counts."""
        counts = Counter(self.rows.rings)
        return {(None if ring == NO_RING else ring): n for ring, n in counts.items()}

    def inbox(self) -> InboxColumns:
        """The contacts on no ring, newest first (as services.board.inbox_entries), sharing
        the table's strings."""
        rows = self.rows
        ids = rows.ids
        waiting = [p for p, ring in enumerate(rows.rings) if ring == NO_RING]
        waiting.sort(key=ids.__getitem__, reverse=True)
        inbox = InboxColumns()
        inbox.ids = array("q", [ids[p] for p in waiting])
        inbox.names = [rows.names[p] for p in waiting]
        inbox.companies = [rows.companies[p] for p in waiting]
        inbox.titles = [rows.titles[p] for p in waiting]
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
