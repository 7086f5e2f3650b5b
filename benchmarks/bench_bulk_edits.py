"""Bulk actions on a selection of contacts (one change record each): set the stage, add a tag,
move to a ring, delete — and their undo — for N selected contacts of a larger database.

Next to each figure, a floor measured in the same run: one single-contact edit of the same kind
times N (what the action would cost without its shared loading), so the figures read the same
on a fast and on a busy machine.

    python benchmarks/bench_bulk_edits.py [--contacts 2000] [--selected 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--selected", type=int, default=300)
    args = parser.parse_args()

    from networkdesk.domain.enums import Stage
    from networkdesk.services import contacts, demo
    from networkdesk.services.history import History
    from networkdesk.services.records import bulk_edits
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(sqlite_location(Path(folder) / "bench.db"))
        with db.transaction() as session:
            demo.generate(session, contacts=args.contacts, placed=args.contacts // 2, seed=7)
        with db.reading() as session:
            ids = [c.id for c in contacts.list_contacts(session)][: args.selected]
        history = History(db)

        def seconds(work: Callable[[Any], object]) -> float:
            start = time.perf_counter()
            history.apply(work)
            return time.perf_counter() - start

        def undo_seconds() -> float:
            start = time.perf_counter()
            history.undo()
            return time.perf_counter() - start

        # Floor: the same edit on one contact at a time, 20 of them, scaled to N.
        sample = ids[:20]
        start = time.perf_counter()
        for cid in sample:
            history.apply(lambda s, c=cid: bulk_edits.set_stage(s, [c], Stage.DORMANT))
        floor = (time.perf_counter() - start) / len(sample) * len(ids)
        for _ in sample:
            history.undo()

        n = len(ids)
        print(f"{n} selected of {args.contacts} contacts; floor (one by one, scaled) {floor:.2f} s")
        for name, work in (
            ("set stage", lambda s: bulk_edits.set_stage(s, ids, Stage.CONTACTED)),
            ("add tag", lambda s: bulk_edits.add_tag(s, ids, "bench")),
            ("move to ring", lambda s: bulk_edits.move_to_ring(s, ids, 1)),
            ("delete", lambda s: bulk_edits.delete(s, ids)),
        ):
            done = seconds(work)
            undone = undo_seconds()
            print(
                f"{name:<14} do {done:6.2f} s   undo {undone:6.2f} s   "
                f"({done / floor:.2f} x the floor)",
                flush=True,
            )
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
