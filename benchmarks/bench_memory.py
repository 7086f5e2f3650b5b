"""Memory: resident set size of the main window shown with its data at 30,000 contacts (1,000
placed), next to the floor measured in the same run: a bare PySide6 window holding an empty
QGraphicsView. Target: at most 80 MB above the floor.

Both are measured (VmRSS) in a child process at the moment the window is shown with its data,
as benchmarks/bench_gui_start.py defines it.

    python benchmarks/bench_memory.py [--contacts 30000] [--placed 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui_start import child_env, prepare_database, run_child


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--placed", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="networkdesk-bench-"))
    env = child_env(home)
    os.environ.update({k: env[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")})
    db = home / f"memory-{args.contacts}-{args.placed}.db"
    prepare_database(db, args.contacts, args.placed)
    bare = [run_child("bare", db, args.contacts, args.placed, env)[2] for _ in range(args.runs)]
    ours = []
    table = "-"
    for _ in range(args.runs):
        _wall, _shown, rss, table = run_child("app", db, args.contacts, args.placed, env)
        ours.append(rss)
    floor_mb = statistics.median(bare) / 1024
    ours_mb = statistics.median(ours) / 1024
    above = ours_mb - floor_mb
    print(
        f"memory with {args.contacts:,} contacts / {args.placed:,} placed (contacts table: {table})"
    )
    print(f"  bare PySide6 window + empty QGraphicsView (floor): {floor_mb:6.1f} MB")
    print(f"  networkdesk main window with its data:            {ours_mb:6.1f} MB")
    verdict = "met" if above <= 80 else "NOT met"
    print(f"  above the floor: {above:.1f} MB   target <= 80 MB: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
