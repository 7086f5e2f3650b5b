"""Bull's-eye canvas speed with thousands of placed contacts (offscreen, raster).

Measures, next to floors taken in the same run on an empty QGraphicsView of the same size:
  - one full repaint of the board fitted in the window (level of detail: dots from one item);
  - one full repaint zoomed in to reading size (every visible node drawn in detail);
  - one frame while dragging a node (mouse move on the viewport + the repaint it causes),
    both zoomed out and zoomed in;
  - the refresh after a change (reading the board and laying it out again);
  - the time to lay out the name labels at 100, 1,000 and 5,000 placed (the board fitted in the
    window), and on this board fitted and zoomed in (what the canvas runs after a zoom or pan).
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


def label_layout(placed: int, width: int, height: int) -> tuple[list[float], int]:
    """Time `place_labels` on a board of `placed` contacts spread like the demo's, fitted in a
    viewport of width x height pixels; also how many got a name."""
    import random

    from networkdesk.ui.board.labels import LabelRequest, first_name_and_initial, place_labels
    from networkdesk.ui.board.layout import NODE_DIAMETER, TAU, layout_all

    rng = random.Random(placed)
    shares = (0.06, 0.16, 0.30, 0.48)
    triples = [
        (i, ring, rng.random() * TAU)
        for i, ring in enumerate(
            ring for ring, share in enumerate(shares) for _ in range(round(placed * share))
        )
    ]
    geometry, places = layout_all(triples)
    scale = min(width, height) / (2 * (geometry.outer_radius + 12))
    requests = []
    for cid, ring, _angle in triples:
        name = f"Person{cid % 97} Surname{cid}"
        short = first_name_and_initial(name)
        texts = ((name, len(name) * 6.3 + 6), (short, len(short) * 6.3 + 6))
        place = places[cid]
        requests.append(LabelRequest(cid, place.x, place.y, NODE_DIAMETER / 2, float(ring), texts))
    result: dict[int, object] = {}

    def run() -> None:
        result.clear()
        result.update(place_labels(requests, scale, 14.0))

    samples = timed(run, 5)
    return samples, len(result)


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
    report(
        "name labels, this board zoomed in (relayout)",
        timed(view.labels.relayout, 10),
        None,
        None,
    )
    view.fit()
    app.processEvents()
    report("name labels, this board fitted (relayout)", timed(view.labels.relayout, 5), None, None)
    labelled = len(view.labels.placed)
    print(f"  {labelled:,} of {len(view.nodes):,} nodes named when fitted", flush=True)
    for placed in (100, 1000, 5000):
        samples, named = label_layout(placed, view.viewport().width(), view.viewport().height())
        report(f"label layout, {placed:,} placed (fitted)", samples, None, None)
        print(f"  {named:,} of {placed:,} named", flush=True)
    window.workspace._poll.stop()
    window.hide()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
