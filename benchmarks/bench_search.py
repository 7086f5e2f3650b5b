"""Search-as-you-type latency in the contacts table at 30,000 contacts.

Types a few queries one keystroke at a time into the real ContactsPanel (model + QTableView,
offscreen) and times each keystroke from the text change to the view having processed the
resulting events. Prints p50/p95 next to two floors measured in the same run:
  - a plain Python `in` scan over a prepared list of the same folded strings;
  - a bare model reset of the same view (no search at all).
Target: p95 <= 10 ms per keystroke.

    python benchmarks/bench_search.py [--contacts 30000] [--sizes 1000,10000,30000,100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ["müller", "MÜLLER", "priya", "acme eng", "berlin python", "zoë", "referred"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def profile_keystrokes(panel: Any, app: Any) -> None:
    """One more round of typing under cProfile: where a keystroke's time goes."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for query in QUERIES:
        for n in range(1, len(query) + 1):
            panel.search.setText(query[:n])
            app.processEvents()
        panel.search.clear()
        app.processEvents()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--sizes", help="comma-separated contact counts (the cost curve)")
    parser.add_argument("--rounds", type=int, default=5, help="times each query is typed")
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of the typed keystrokes"
    )
    parser.add_argument(
        "--slowest", type=int, default=0, help="also print the N slowest keystrokes"
    )
    args = parser.parse_args()

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    # The offscreen platform warns on every layout change of a top-level; keep the output clean.
    qInstallMessageHandler(lambda *_args: None)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else [args.contacts]
    for size in sizes:
        measure(app, size, args.rounds, args.profile, args.slowest)
    return 0


def measure(app: Any, contacts: int, rounds: int, profile: bool, slowest: int) -> None:
    """Type the queries at `contacts` contacts and print the figures next to the floors."""
    from networkdesk.domain.text import fold
    from networkdesk.services import demo
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui.views.contacts_panel import ContactsPanel
    from networkdesk.ui.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="bench-search-"))
    db = open_database(sqlite_location(folder / "networkdesk.db"))
    t0 = time.perf_counter()
    with db.transaction() as s:
        demo.generate(s, contacts=contacts, placed=min(1000, contacts), today=dt.date(2026, 3, 14))
    print(f"demo data: {contacts:,} contacts in {time.perf_counter() - t0:.1f} s")

    ws = Workspace()
    ws.db = db
    panel = ContactsPanel(ws)
    panel.resize(1000, 700)
    panel.show()
    t0 = time.perf_counter()
    panel.reload()
    app.processEvents()
    print(f"table load (query + model + first layout): {(time.perf_counter() - t0) * 1000:.0f} ms")

    keystrokes: list[float] = []
    typed: list[str] = []
    for _ in range(rounds):
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                start = time.perf_counter()
                panel.search.setText(query[:n])
                app.processEvents()
                keystrokes.append((time.perf_counter() - start) * 1000)
                typed.append(query[:n])
            panel.search.clear()
            app.processEvents()
    if profile:
        profile_keystrokes(panel, app)

    # The search work alone (index + model, before Qt repaints the view).
    search_only: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                start = time.perf_counter()
                panel.model.set_search(query[:n])
                search_only.append((time.perf_counter() - start) * 1000)
            panel.model.set_search("")
            app.processEvents()

    # Floor 1: the same substring scan in plain Python, over the same prepared strings.
    texts = panel.model.search_texts()
    scans: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                words = fold(query[:n]).split()
                start = time.perf_counter()
                _ = [t for t in texts if all(w in t for w in words)]
                scans.append((time.perf_counter() - start) * 1000)

    # Floor 2: a bare model reset of the same view (what any search must at least cost).
    resets: list[float] = []
    for _ in range(len(keystrokes)):
        start = time.perf_counter()
        panel.model.beginResetModel()
        panel.model.endResetModel()
        app.processEvents()
        resets.append((time.perf_counter() - start) * 1000)

    def line(label: str, values: list[float]) -> str:
        return (
            f"{label:<44} p50 {statistics.median(values):6.2f} ms   "
            f"p95 {percentile(values, 0.95):6.2f} ms   (n={len(values)})"
        )

    print(f"search-as-you-type at {contacts:,} contacts")
    print(line("  keystroke (panel: index + model + view)", keystrokes))
    print(line("  of which search alone (index + model)", search_only))
    print(line("  floor: plain `in` scan, no narrowing", scans))
    print(line("  floor: bare model reset + events", resets))
    if slowest:
        print(f"  slowest {slowest} keystrokes:")
        for ms, text in sorted(zip(keystrokes, typed, strict=True), reverse=True)[:slowest]:
            print(f"    {ms:6.2f} ms  {text!r}")
    p95 = percentile(keystrokes, 0.95)
    print(f"  target p95 <= 10 ms: {'met' if p95 <= 10 else 'NOT met'} ({p95:.2f} ms)")
    ws.db = None
    db.close()
    panel.close()
    panel.deleteLater()


if __name__ == "__main__":
    sys.exit(main())
