"""How long `demo --contacts 30000 --placed 1000` and `contact list --json` take, next to floors
measured in the same run on the same machine.

    python benchmarks/bench_cli.py [--contacts 30000] [--placed 1000] [--repeat 3]
    python benchmarks/bench_cli.py --sizes 1000,10000,30000     # P8 once, P9 at each size

Prints, for each, the best of --repeat runs:
  * through the console script (a subprocess: wall clock, interpreter start-up included),
  * in-process (the work alone, no start-up),
and the floors: `python -c pass` (start-up), a raw sqlite3 `executemany` of the same contact
rows into the same table, and a raw `SELECT` + `json.dumps` of them.
Nothing here asserts a time: shared machines are noisy; compare the figures with their floors.

The package's bytecode is compiled first (as an installer does): with PYTHONDONTWRITEBYTECODE
set, every run would otherwise compile networkdesk's modules again, which no installed copy does.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def run(*args: str) -> bytes:
    completed = subprocess.run(args, capture_output=True, check=True)
    return completed.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--placed", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--sizes", help="comma-separated contact counts: P9 at each (placed: min(1000, n))"
    )
    options = parser.parse_args()
    if not CONSOLE_SCRIPT.exists():
        print(f"no console script at {CONSOLE_SCRIPT}: pip install -e . first", file=sys.stderr)
        return 1
    os.environ.setdefault("TZ", "UTC")
    import networkdesk

    compileall.compile_dir(Path(networkdesk.__file__).parent, quiet=1)
    if options.sizes:
        sizes = [int(size) for size in options.sizes.split(",")]
        results = [measure(n, min(options.placed, n), options.repeat) for n in sizes]
        print()
        print("contacts  list --json  --version  work   SELECT * floor  P9 (goal <= 2 x)")
        for n, (list_cli, version, floor) in zip(sizes, results, strict=True):
            print(
                f"{n:>8,}  {list_cli:9.2f} s  {version:7.2f} s  {list_cli - version:5.2f} s"
                f"  {floor:11.2f} s  {(list_cli - version) / floor:7.2f} x"
            )
        return 0
    measure(options.contacts, options.placed, options.repeat)
    return 0


def measure(n: int, placed: int, repeat: int) -> tuple[float, float, float]:
    """Print every figure for n contacts; return P9's (list --json, --version, its floor)."""
    from networkdesk.services import contacts, demo
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    demo_args = ("demo", "--contacts", str(n), "--placed", str(placed))
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="networkdesk-bench-") as folder:
        base = Path(folder)
        counter = iter(range(1_000_000))

        def fresh(prefix: str) -> Path:
            return base / f"{prefix}-{next(counter)}.db"

        # Start-up floor and --version.
        startup = best_of(repeat, lambda: run(sys.executable, "-c", "pass"))
        # P8's two, taken in turns so that a change in the machine's load hits both alike; at
        # least ten rounds: a tenth of a second each, where one busy moment would decide.
        p8 = interleaved(
            max(repeat, 10),
            {
                "version": lambda: run(str(CONSOLE_SCRIPT), "--version"),
                "help": lambda: run(str(CONSOLE_SCRIPT), "--help"),
            },
        )
        help_time = p8["help"]
        # An empty database, migrated, so the demo runs below time the work, not the creation.

        def migrated() -> Path:
            path = fresh("demo")
            open_database(sqlite_location(path)).close()
            return path

        demo_paths = [migrated() for _ in range(repeat)]
        demo_cli = min(
            _timed(lambda p=p: run(str(CONSOLE_SCRIPT), "--db", str(p), *demo_args))
            for p in demo_paths
        )

        inprocess_paths = [migrated() for _ in range(repeat)]

        def demo_in_process(path: Path) -> None:
            db = open_database(sqlite_location(path))
            try:
                with db.transaction() as session:
                    demo.generate(session, contacts=n, placed=placed, today=today)
            finally:
                db.close()

        demo_work = min(_timed(lambda p=p: demo_in_process(p)) for p in inprocess_paths)

        full = demo_paths[0]
        size = len(run(str(CONSOLE_SCRIPT), "--db", str(full), "contact", "list", "--json"))

        def list_in_process() -> str:
            db = open_database(sqlite_location(full))
            try:
                with db.reading() as session:
                    rows = contacts.summaries(session)
            finally:
                db.close()
            return json.dumps(rows, ensure_ascii=False, indent=2)

        list_work = best_of(repeat, list_in_process)

        # Floors: the same contact rows, raw sqlite3.
        source = sqlite3.connect(full)
        schema = source.execute("SELECT sql FROM sqlite_master WHERE name = 'contacts'").fetchone()
        cursor = source.execute("SELECT * FROM contacts")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        source.close()
        insert_sql = (
            f"INSERT INTO contacts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        )

        def raw_insert() -> None:
            target = sqlite3.connect(fresh("raw"))
            target.execute("PRAGMA journal_mode = WAL")
            target.execute(schema[0])
            with target:
                target.executemany(insert_sql, rows)
            target.close()

        insert_floor = best_of(repeat, raw_insert)

        def raw_select_json() -> str:
            connection = sqlite3.connect(full)
            cur = connection.execute(
                "SELECT c.id, c.name, co.name, c.title, c.linkedin_url, c.ring, c.stage, c.notes "
                "FROM contacts c LEFT JOIN companies co ON co.id = c.company_id "
                "ORDER BY c.name_key, c.id"
            )
            keys = ["id", "name", "company", "title", "linkedin", "ring", "stage", "notes"]
            data = [dict(zip(keys, row, strict=True)) for row in cur]
            connection.close()
            return json.dumps(data, ensure_ascii=False, indent=2)

        select_floor = best_of(repeat, raw_select_json)

        def raw_select_all_json() -> str:
            # P9's floor: every column of every contact, as the indented JSON the command prints.
            connection = sqlite3.connect(full)
            cur = connection.execute("SELECT * FROM contacts")
            keys = [d[0] for d in cur.description]
            data = [dict(zip(keys, row, strict=True)) for row in cur]
            connection.close()
            return json.dumps(data, ensure_ascii=False, indent=2)

        # P9's three in turns, like P8's.
        p9_times = interleaved(
            repeat,
            {
                "version": lambda: run(str(CONSOLE_SCRIPT), "--version"),
                "list": lambda: run(
                    str(CONSOLE_SCRIPT), "--db", str(full), "contact", "list", "--json"
                ),
                "floor": raw_select_all_json,
            },
        )
        version = min(p8["version"], p9_times["version"])
        list_cli, select_all_floor = p9_times["list"], p9_times["floor"]

    print(f"networkdesk benchmark: {n:,} contacts, {placed:,} placed; best of {repeat}")
    print(f"  python -c pass (start-up floor)              {startup:7.2f} s")
    print(f"  networkdesk --version                        {version:7.2f} s")
    print(f"  demo, console script (wall clock)            {demo_cli:7.2f} s")
    print(f"  demo, in-process (work only)                 {demo_work:7.2f} s")
    print(f"  floor: raw sqlite3 executemany, {len(rows):,} rows {insert_floor:7.2f} s")
    print(f"  contact list --json, console script          {list_cli:7.2f} s   ({size:,} bytes)")
    print(f"  contact list --json, in-process              {list_work:7.2f} s")
    print(f"  floor: raw SELECT + json.dumps               {select_floor:7.2f} s")
    print(f"  floor: raw SELECT * + json.dumps             {select_all_floor:7.2f} s")
    print(f"  networkdesk --help                           {help_time:7.2f} s")
    print(
        f"P8  --help / --version                        {help_time / version:7.2f} x"
        "   (goal <= 1.5 x)"
    )
    p9 = (list_cli - version) / select_all_floor
    print(f"P9  (list --json - --version) / SELECT * floor {p9:7.2f} x   (goal <= 2 x)")
    return list_cli, version, select_all_floor


def interleaved(repeat: int, works: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The best time of each work over `repeat` rounds, each round running every work once."""
    best = dict.fromkeys(works, float("inf"))
    for _ in range(repeat):
        for name, work in works.items():
            best[name] = min(best[name], _timed(work))
    return best


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
