"""Where the window's memory above the bare floor goes (P6's profile): an import ladder.

One child process starts a bare QApplication, then imports, step by step, what the settled
window holds, printing the resident set (VmRSS) after each step next to the floor the same child
measured first (QApplication + an empty QGraphicsView window, as benchmarks/bench_memory.py's
floor). Each step's figure is cumulative, so the difference between two lines is that step's cost.

The ladder shows the share the data cannot explain: SQLAlchemy 2.x imports asyncio (which loads
ssl and OpenSSL), hashlib and importlib.metadata in `sqlalchemy.util.compat` whatever the dialect,
before networkdesk asks for anything.

    python benchmarks/bench_memory_ladder.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

STEPS: list[tuple[str, list[str]]] = [
    ("ssl (loaded by asyncio)", ["ssl"]),
    ("asyncio (imported by sqlalchemy.util.compat)", ["asyncio"]),
    ("importlib.metadata (imported by sqlalchemy.util.compat)", ["importlib.metadata"]),
    ("sqlalchemy (core, sqlite dialect)", ["sqlalchemy", "sqlalchemy.dialects.sqlite"]),
    ("sqlalchemy.orm", ["sqlalchemy.orm"]),
    ("networkdesk storage (models, mappers configured)", ["networkdesk.storage.database"]),
    ("networkdesk first-paint window modules", ["networkdesk.ui.application"]),
    (
        "networkdesk features installed at settle",
        [
            "networkdesk.ui.pipeline",
            "networkdesk.ui.calendar.actions",
            "networkdesk.ui.calendar.reminders",
            "networkdesk.ui.import_ui",
            "networkdesk.ui.today.feature",
        ],
    ),
]

CHILD = r"""
import sys, importlib
def rss():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow
qInstallMessageHandler(lambda *a: None)
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QGraphicsView(QGraphicsScene(window)))
window.resize(1400, 900)
window.show()
app.processEvents()
window.repaint()
print("floor", rss(), flush=True)
for step in sys.argv[1:]:
    for name in step.split(","):
        importlib.import_module(name)
    if step.startswith("networkdesk.storage"):
        from sqlalchemy.orm import configure_mappers
        configure_mappers()
    print("step", rss(), flush=True)
"""


def one_run() -> list[int]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = [",".join(modules) for _, modules in STEPS]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith(("floor", "step"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    figures = [statistics.median(run[i] for run in runs) / 1024 for i in range(len(runs[0]))]
    floor = figures[0]
    print(f"memory ladder, median of {args.runs} runs (VmRSS; each line cumulative)")
    print(f"  bare PySide6 window + empty QGraphicsView (floor): {floor:6.1f} MB")
    previous = floor
    for (label, _), figure in zip(STEPS, figures[1:], strict=True):
        print(f"  + {label:55s} {figure - previous:+6.1f} MB  ({figure - floor:+6.1f} over floor)")
        previous = figure
    # The last step that loads only libraries: everything up to and including the ORM.
    orm_step = next(i for i, (_, modules) in enumerate(STEPS) if "sqlalchemy.orm" in modules)
    library = figures[orm_step + 1] - floor
    print(
        f"  libraries before any networkdesk module or row: {library:+.1f} MB of the goal's 80 MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
