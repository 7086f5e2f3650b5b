"""Memory: resident set size of the main window shown with its data at 30,000 contacts (1,000
placed), next to the floor measured in the same run: a bare PySide6 window holding an empty
QGraphicsView. Target: at most 80 MB above the floor.

Both are measured (VmRSS) in a child process at the moment the window is shown with its data,
as benchmarks/bench_gui_start.py defines it, and once it has settled (every feature installed,
every panel loaded): the goal is judged on the settled figure.

    python benchmarks/bench_memory.py [--contacts 30000] [--placed 1000] [--runs 3]
        [--sizes 1000,10000,30000,100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui_start import child_env, compile_package, prepare_database, run_child

#: How long after settling the second reading is taken: the panels' first reads (on the reads
#: thread) arrive within ~0.5 s of it, and the memory then stays flat.
STEADY_MS = 3000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--placed", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--sizes",
        help="comma-separated contact counts, e.g. 1000,10000,30000,100000: the cost curve "
        "(placed = min(--placed, size)); default: --contacts alone",
    )
    args = parser.parse_args()
    compile_package()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.contacts]
    home = Path(tempfile.mkdtemp(prefix="networkdesk-bench-"))
    env = child_env(home)
    os.environ.update({k: env[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")})
    curve = [measure(home, env, size, min(args.placed, size), args.runs) for size in sizes]
    if len(curve) > 1:
        print("cost curve: contacts, MB above the bare window at first paint / settled (<= 80)")
        for line in curve:
            print(line)
    return 0


def measure(home: Path, env: dict[str, str], contacts: int, placed: int, runs: int) -> str:
    db = home / f"memory-{contacts}-{placed}.db"
    prepare_database(db, contacts, placed)
    bare = [run_child("bare", db, contacts, placed, env, STEADY_MS) for _ in range(runs)]
    ours = [run_child("app", db, contacts, placed, env, STEADY_MS) for _ in range(runs)]
    floor_mb = statistics.median(r.ready_kb for r in bare) / 1024
    bare_steady_mb = statistics.median(r.steady_kb for r in bare) / 1024
    steady_mb = statistics.median(r.steady_kb for r in ours) / 1024
    ready_mb = statistics.median(r.ready_kb for r in ours) / 1024
    settled_mb = statistics.median(r.settled_kb for r in ours) / 1024
    above = settled_mb - floor_mb
    print(
        f"memory with {contacts:,} contacts / {placed:,} placed (contacts table: {ours[-1].table})"
    )
    print(f"  bare PySide6 window + empty QGraphicsView (floor): {floor_mb:6.1f} MB")
    print(f"  networkdesk main window with its data:            {ready_mb:6.1f} MB (first paint)")
    print(f"  networkdesk main window settled (every panel):    {settled_mb:6.1f} MB")
    verdict = "met" if above <= 80 else "NOT met"
    print(f"  above the floor, settled: {above:.1f} MB   target <= 80 MB: {verdict}")
    print(
        f"  {STEADY_MS / 1000:.0f} s later (the panels' first reads arrived): {steady_mb:.1f} MB,"
        f" bare window {bare_steady_mb:.1f} MB: {steady_mb - bare_steady_mb:+.1f} MB"
    )
    return f"  {contacts:>8,}  {ready_mb - floor_mb:+6.1f} / {above:+6.1f} MB"


if __name__ == "__main__":
    sys.exit(main())
