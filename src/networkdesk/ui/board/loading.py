"""What the bull's-eye reads from the database, through `services.board` and the settings: the
whole board, or only the nodes a change names, and the photos drawn on nodes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap

from networkdesk.ui.workspace import Workspace

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.services.board_node import BoardNode


@dataclass(frozen=True)
class BoardData:
    """The placed contacts, the ring names and the referral links between placed contacts."""

    nodes: list[BoardNode]
    ring_names: list[str]
    links: list[tuple[int, int]]


def read_board(workspace: Workspace) -> BoardData:
    from networkdesk.services import board, settings

    return workspace.read(
        lambda s: BoardData(
            board.placed_nodes(s), list(settings.RING_NAMES.get(s)), board.referral_links(s)
        )
    )


def read_nodes(
    workspace: Workspace, ids: Collection[int]
) -> tuple[list[BoardNode], list[tuple[int, int]]]:
    """The nodes of `ids` that are on a ring now, and the referral links (a contact placed or
    unplaced changes which links the board draws)."""
    return workspace.read(lambda s: nodes_of(s, ids))


def nodes_of(
    session: Session, ids: Collection[int]
) -> tuple[list[BoardNode], list[tuple[int, int]]]:
    """`read_nodes` in a session of its own (a worker thread's)."""
    from networkdesk.services import board

    return board.placed_nodes(session, ids=ids), board.referral_links(session)


def read_photos(workspace: Workspace, ids: Collection[int]) -> dict[int, QPixmap]:
    """Photos of `ids` that decode; contacts without one (or with a broken one) are absent."""
    if not ids:
        return {}
    from networkdesk.services import board

    data = workspace.read(lambda s: board.photos(s, list(ids)))
    pixmaps: dict[int, QPixmap] = {}
    for cid, raw in data.items():
        pixmap = QPixmap()
        if pixmap.loadFromData(raw):
            pixmaps[cid] = pixmap
    return pixmaps
