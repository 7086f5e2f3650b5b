"""Warm path, funnel and coverage at 30,000 contacts: what "Show warm path" and the Progress and
Coverage panels cost on each use or reload.

Prints p50/p95 for:
  - `services.warm_path.find` for contacts on the board (three queries + the pure search);
  - the pure search alone (`domain.warm_path.warm_path`) on facts read once;
  - `services.progress.funnel_at`, `weekly_touches`, `coverage_at`;
  - a Progress view reload (the reads + the charts' update, offscreen);
next to a floor measured in the same run: a raw `sqlite3` read of the contact columns the funnel
and the path need (what any answer must at least read).

    python benchmarks/bench_progress.py [--contacts 30000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def timed(work: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def line(label: str, values: list[float]) -> None:
    print(
        f"  {label:<46} p50 {statistics.median(values):7.1f} ms   "
        f"p95 {percentile(values, 0.95):7.1f} ms   (n={len(values)})",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(lambda *_args: None)

    from networkdesk.domain.warm_path import warm_path
    from networkdesk.services import demo, progress
    from networkdesk.services import warm_path as warm_path_service
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui.progress.progress_view import ProgressView
    from networkdesk.ui.workspace import Workspace

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    path = folder / "networkdesk.db"
    db = open_database(sqlite_location(path))
    t0 = time.perf_counter()
    with db.transaction() as s:
        demo.generate(
            s, contacts=args.contacts, placed=min(1000, args.contacts), today=dt.date(2026, 3, 14)
        )
    print(f"demo data: {args.contacts:,} contacts in {time.perf_counter() - t0:.1f} s")
    now = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)

    raw = sqlite3.connect(path)
    floor = timed(
        lambda: raw.execute("SELECT id, ring, company_id, source, stage FROM contacts").fetchall(),
        args.rounds,
    )
    placed = [cid for (cid,) in raw.execute("SELECT id FROM contacts WHERE ring IS NOT NULL")]
    raw.close()
    targets = random.Random(7).sample(placed, min(args.rounds, len(placed)))

    with db.reading() as s:
        finds = []
        for cid in targets:
            start = time.perf_counter()
            warm_path_service.find(s, cid, now)
            finds.append((time.perf_counter() - start) * 1000)
        met = progress.last_met(s, now)
        links = [(a, b) for a, b in s.execute(warm_path_service.select_referrals())]
        facts = warm_path_service.path_people(s, met)
        searches = []
        for cid in targets:
            start = time.perf_counter()
            warm_path(facts, links, cid)
            searches.append((time.perf_counter() - start) * 1000)
        funnel = timed(lambda: progress.funnel_at(s, now), args.rounds)
        weeks = timed(lambda: progress.weekly_touches(s, now), args.rounds)
        coverage = timed(lambda: progress.coverage_at(s, now), args.rounds)

    ws = Workspace()
    ws.db = db
    view = ProgressView(ws)
    view.resize(420, 700)
    view.show()
    app.processEvents()

    def reload() -> None:
        view.reload()
        app.processEvents()

    reloads = timed(reload, args.rounds)

    print(f"warm path, funnel and coverage at {args.contacts:,} contacts")
    line("warm path: services.warm_path.find", finds)
    line("  of which the pure search (domain.warm_path)", searches)
    line("funnel: services.progress.funnel_at", funnel)
    line("touches per week: weekly_touches", weeks)
    line("coverage: coverage_at", coverage)
    line("Progress view reload (reads + charts)", reloads)
    line("floor: raw sqlite3 read of the contact columns", floor)
    ws.db = None
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
