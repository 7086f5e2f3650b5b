"""Moving contacts on the bull's-eye: the undo command and the controller the canvas, the inbox
and the keyboard shortcuts share.

One gesture (a drag, a drop of several contacts, a Ctrl+1) is one change record
(`services.records.moves.move_contacts`) and one undo step. Undo goes through the one reversal
of a ring move (`contacts.unmove`): the old places come back and the ring-history rows the
gesture wrote are removed, so the history reads as if the move never happened (practice-first
counting relies on it).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.ui.controllers.commands import apply

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)

#: Mime type of dragged contacts (canvas, inbox, contacts table): a JSON list of ids.
CONTACT_IDS_MIME = "application/x-networkdesk-contact-ids"

#: (contact id, ring or None for the inbox, angle or None to keep/choose one): the
#: `Move` of services.records.moves, spelt out so that this module (imported before the window
#: is shown) does not load the ORM.
Move = tuple[int, int | None, float | None]


def contact_ids_mime(contact_ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CONTACT_IDS_MIME, json.dumps([int(i) for i in contact_ids]).encode())
    return mime


def contact_ids_from_mime(mime: QMimeData | None) -> list[int]:
    """The contact ids a drag carries ([] when it carries none or garbage)."""
    if mime is None or not mime.hasFormat(CONTACT_IDS_MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(CONTACT_IDS_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(data, list):
        return []
    return [int(i) for i in data if isinstance(i, int) and not isinstance(i, bool) and i > 0]


def describe_moves(moves: Sequence[Move], ring_names: Sequence[str] | None = None) -> str:
    from networkdesk.services.records import moves as records_moves

    return records_moves.describe_moves(list(moves), list(ring_names) if ring_names else None)


class MoveController:
    """Turns gestures into move records (one undo step each), then says "practice first" when
    it applies.

    `warn(text)` shows a non-modal notice; `report_error(text)` shows an expected error without
    interrupting a drag (both are the main window's notice bar in the app).
    """

    def __init__(
        self,
        workspace: Workspace,
        warn: Callable[[str], object] | None = None,
        report_error: Callable[[str], object] | None = None,
        ring_names: Callable[[], Sequence[str]] | None = None,
    ) -> None:
        self.workspace = workspace
        self.warn: Callable[[str], object] = warn or (lambda text: None)
        self.report_error: Callable[[str], object] = report_error or workspace.failed.emit
        self.ring_names = ring_names

    def move(self, moves: Sequence[Move]) -> bool:
        """Apply moves as one undo step; True when something was written."""
        if not moves or not self.workspace.is_open:
            return False
        from networkdesk.services.records import moves as records_moves

        names = self.ring_names() if self.ring_names else None
        text = describe_moves(moves, names)
        try:
            record = apply(self.workspace, lambda s: records_moves.move_contacts(s, moves, text))
        except NetworkdeskError as exc:
            self.report_error(f"Could not move: {exc}")
            return False
        before = {move.contact_id: move.old[0] for move in records_moves.moved(record)}
        # Only contacts that did move can have just reached the bull's-eye.
        self._practice_first([m for m in moves if m[0] in before], list(before.items()))
        return True

    def move_to_ring(self, contact_id: int, ring: int | None) -> bool:
        """Keyboard and menu moves: keep the contact's angle (the service chooses one for a
        contact coming out of the inbox)."""
        if not contact_id:
            return False
        return self.move([(contact_id, ring, None)])

    def unplace(self, contact_ids: Sequence[int]) -> bool:
        return self.move([(cid, None, None) for cid in contact_ids])

    def _practice_first(
        self, moves: Sequence[Move], before: list[tuple[int, int | None]] | None
    ) -> None:
        from networkdesk.services.practice import practice_first_warning

        old_rings = dict(before or [])
        for cid, ring, _angle in moves:
            if ring != 0 or old_rings.get(cid) == 0:
                continue
            try:
                text = self.workspace.read(partial(practice_first_warning, contact_id=cid))
            except NetworkdeskError:
                log.exception("practice-first check failed")
                continue
            if text:
                self.warn(text)
