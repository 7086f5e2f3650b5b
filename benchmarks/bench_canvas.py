"""Bull's-eye canvas speed with thousands of placed contacts (offscreen, raster).

Measures, next to floors taken in the same run on an empty QGraphicsView of the same size:
  - one full repaint of the board fitted in the window (level of detail: dots from one item);
  - one full repaint zoomed in to reading size (every visible node drawn in detail);
  - one frame while dragging a node (mouse move on the viewport + the repaint it causes),
    both zoomed out and zoomed in;
  - the refresh after a change (reading the board and laying it out again).
Targets: full repaint <= 16 ms, one drag frame <= 8 ms.

    python benchmarks/bench_canvas.py [--placed 5000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WINDOW = (1400, 900)


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


def report(
    name: str, samples: list[float], floor: list[float] | None, target: float | None
) -> None:
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    line = f"{name:<44} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms"
    if floor is not None:
        line += f"   floor p50 {statistics.median(floor):6.2f} ms"
    if target is not None:
        line += f"   target <= {target:g} ms: {'met' if p95 <= target else 'NOT met'}"
    print(line, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placed", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import QPoint, QPointF, QStandardPaths, Qt, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow

    qInstallMessageHandler(lambda *_args: None)
    QStandardPaths.setTestModeEnabled(True)
    home = Path(tempfile.mkdtemp(prefix="networkdesk-bench-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    app = QApplication.instance() or QApplication(sys.argv[:1])

    from networkdesk.services import demo
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui.application import build_main_window

    db = open_database(sqlite_location(home / "bench.db"))
    with db.transaction() as session:
        demo.generate(session, contacts=args.placed + 500, placed=args.placed, seed=3)

    # Floor: an empty QGraphicsView filling the same window.
    bare = QMainWindow()
    bare_view = QGraphicsView(QGraphicsScene(bare))
    bare.setCentralWidget(bare_view)
    bare.resize(*WINDOW)
    bare.show()
    app.processEvents()
    floor_paint = timed(bare_view.viewport().repaint, args.rounds)

    def bare_move() -> None:
        QTest.mouseMove(bare_view.viewport(), QPoint(300 + len(floor_move) % 50, 300))
        app.processEvents()

    floor_move: list[float] = []
    floor_move.extend(timed(bare_move, args.rounds))
    bare.hide()

    window = build_main_window(db)
    window.resize(*WINDOW)
    window.show()
    for _ in range(10):
        app.processEvents()
    view = window.canvas
    view.fit()
    app.processEvents()
    print(
        f"{len(view.nodes):,} placed nodes; board radius {view.geometry_.outer_radius:,.0f}; "
        f"viewport {view.viewport().width()}x{view.viewport().height()}; "
        f"fitted scale {view.current_scale():.3f} (detail: {view.detail})",
        flush=True,
    )
    report(
        "full repaint, whole board fitted",
        timed(view.viewport().repaint, args.rounds),
        floor_paint,
        16,
    )

    def zoom_and_repaint() -> None:
        view.zoom_by(1.1 if len(first_after_zoom) % 2 else 1 / 1.1)
        view.viewport().repaint()

    # The first repaint after a zoom step redraws the cached bands and dots.
    first_after_zoom: list[float] = []
    for _ in range(args.rounds):
        first_after_zoom.extend(timed(zoom_and_repaint, 1))
    view.fit()
    app.processEvents()
    report("first repaint after a zoom step (fitted)", first_after_zoom, floor_paint, 16)

    def drag_frames(label: str) -> None:
        # A node near the middle of the viewport.
        centre = view.mapToScene(view.viewport().rect().center())
        node = min(
            view.nodes.values(),
            key=lambda n: (n.pos().x() - centre.x()) ** 2 + (n.pos().y() - centre.y()) ** 2,
        )
        start = view.mapFromScene(node.pos())
        viewport = view.viewport()
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        app.processEvents()
        step = [0]

        def frame() -> None:
            step[0] += 1
            offset = (step[0] % 40) - 20
            QTest.mouseMove(viewport, QPoint(start.x() + offset * 3, start.y() + offset))
            app.processEvents()

        samples = timed(frame, args.rounds * 2)
        QTest.mouseMove(viewport, QPoint(start.x() + 30, start.y() + 10))
        app.processEvents()
        grabbed = view.scene().mouseGrabberItem() is node
        moved = node.pos() != node.home
        if not (grabbed and moved):
            print(f"  warning: the drag did not move the node ({label})", flush=True)
        # Put it back where it was: release on the start point (a click, nothing written).
        QTest.mouseMove(viewport, start)
        QTest.mouseRelease(
            viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start
        )
        app.processEvents()
        report(f"one drag frame, {label}", samples, floor_move, 8)

    drag_frames("board fitted")
    # Reading size: nodes and names at their natural size.
    view.zoom_by(1.0 / view.current_scale())
    view.centerOn(QPointF(0, -view.geometry_.bands[2].outer))
    app.processEvents()
    view.viewport().repaint()  # the first paint at this zoom fills the node caches
    report(
        f"full repaint, zoomed in (scale 1, detail: {view.detail})",
        timed(view.viewport().repaint, args.rounds),
        floor_paint,
        16,
    )
    drag_frames("zoomed in")
    report("refresh after a change (read + layout)", timed(view.refresh, 5), None, None)
    window.workspace._poll.stop()
    window.hide()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
