"""The Today panel's read at the demo size (30,000 contacts): how long `read_today` takes (it
runs on the panel's loader thread, so this is how long the list takes to refresh, not a freeze),
next to a reference measured in the same run: one `SELECT id, ring, company_id, stage` over
all contacts. The day used to read that much; it now reads only the contacts with a touch and
their colleagues, so it comes in well under that scan.

    python benchmarks/bench_today.py [--contacts 30000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from sqlalchemy import select

    from networkdesk.domain.models import Contact
    from networkdesk.services import demo
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui.today.agenda_items import read_today

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(sqlite_location(Path(folder) / "bench.db"))
        try:
            with db.transaction() as s:
                demo.generate(s, contacts=args.contacts)
            floor: list[float] = []
            today: list[float] = []
            items = 0
            for _ in range(args.rounds):
                started = time.perf_counter()
                with db.reading() as s:
                    s.execute(
                        select(Contact.id, Contact.ring, Contact.company_id, Contact.stage)
                    ).all()
                floor.append(time.perf_counter() - started)
                started = time.perf_counter()
                with db.reading() as s:
                    items = read_today(s).item_count
                today.append(time.perf_counter() - started)
        finally:
            db.close()
    print(f"contacts: {args.contacts}, items listed: {items}, rounds: {args.rounds}")
    for label, times in (("read_today   ", today), ("every contact", floor)):
        median, worst = statistics.median(times) * 1000, max(times) * 1000
        print(f"{label} median {median:7.1f} ms  max {worst:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
