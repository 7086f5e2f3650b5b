"""P7: the longest stall of the GUI thread after one change, at 30,000 contacts (1,000 placed).

A 5 ms heartbeat timer runs inside the real main window (offscreen); the longest gap between two
beats is the stall. Measured for: a drag (MoveController.move of one placed contact), an edit
in the window (edits.edit_contact), and a `networkdesk contact move` from the command line (a
subprocess) that the window picks up by polling. Printed next to the floor measured in the
same run: the longest gap of the same heartbeat while the window is idle. Goal: <= 50 ms.

    python benchmarks/bench_stall.py [--contacts 30000] [--placed 1000] [--sizes 1000,30000]
                                     [--profile]

--profile prints, per change, where the GUI thread spent it (cProfile of the GUI thread only;
worker threads are not in it): the slowest functions by cumulative time. --sample prints the
GUI thread's innermost frames sampled (every millisecond) during each change's longest gap.
--handlers prints the wall time of each call of the slots that answer a change.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_gui_start import prepare_database

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")


class Heartbeat:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.beat)
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.gap = (self.last, self.last)

    def beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self.last > self.longest:
            self.longest = now - self.last
            self.gap = (self.last, now)
            # The GUI thread's own CPU time in that gap: the rest it waited (for a core on a
            # shared machine, for the GIL, for the disk).
            self.longest_cpu = cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu

    def reset(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.gap = (self.last, self.last)


class CollectorPasses:
    """Every pass of the cyclic garbage collector (gc.callbacks): when, which generation, on
    which thread. A full (generation-2) pass visits every tracked object with the GIL held, so
    whichever thread runs it, the GUI thread waits for it."""

    def __init__(self) -> None:
        import gc
        import threading

        self._threading = threading
        self.passes: list[tuple[float, float, int, str]] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._started = now
        else:
            thread = self._threading.current_thread().name
            self.passes.append((self._started, now, info["generation"], thread))

    def full_in(self, gap: tuple[float, float]) -> float:
        """Milliseconds of full passes inside `gap`."""
        start, end = gap
        return 1000 * sum(
            min(b, end) - max(a, start)
            for a, b, generation, _thread in self.passes
            if generation == 2 and b > start and a < end
        )


_VIEW_PARTS = ("/ui/views/", "/ui/board/", "/ui/progress/", "/ui/today/", "/ui/calendar/")


def _handler_and_leaf(stack: tuple[str, ...]) -> str:
    if not stack:
        return "(no Python frame: Qt's own work, or waiting for the GIL)"
    handler = next((f for f in stack if any(part in f for part in _VIEW_PARTS)), "")
    handler = handler or next((f for f in stack if "networkdesk" in f), "")
    return f"{handler.split('/src/')[-1]}  ...  {stack[-1].split('/')[-1]}"


#: The slots that answer `Workspace.changed` (and the reads they start), timed by --handlers.
HANDLERS: tuple[tuple[str, str | None, str], ...] = (
    ("networkdesk.ui.controllers.edits", None, "edit_contact"),
    ("networkdesk.ui.board.canvas", "RingCanvas", "_workspace_changed"),
    ("networkdesk.ui.board.canvas", "RingCanvas", "refresh_readiness"),
    ("networkdesk.ui.views.contacts_panel", "ContactsPanel", "_on_changed"),
    ("networkdesk.ui.views.inbox_panel", "InboxPanel", "_workspace_changed"),
    ("networkdesk.ui.views.inbox_panel", "InboxPanel", "_patch"),
    ("networkdesk.ui.views.companies_panel", "CompaniesPanel", "_on_changed"),
    ("networkdesk.ui.views.companies_panel", "CompaniesPanel", "_show"),
    ("networkdesk.ui.views.referrals_panel", "ReferralsPanel", "_on_changed"),
    ("networkdesk.ui.views.followups_agenda", "FollowupsAgenda", "_on_changed"),
    ("networkdesk.ui.views.board_summary", "BoardSummary", "refresh"),
    ("networkdesk.ui.progress.refresh", "LazyRefresh", "_on_changed"),
    ("networkdesk.ui.progress.refresh", "LazyRefresh", "reload_if_shown"),
    ("networkdesk.ui.progress.progress_view", "ProgressView", "show_data"),
    ("networkdesk.ui.progress.coverage_view", "CoverageView", "show_data"),
    ("networkdesk.ui.today.panel", "TodayPanel", "_changed"),
    ("networkdesk.ui.today.panel", "TodayPanel", "show_view"),
    ("networkdesk.ui.calendar.reminders", "ReminderScheduler", "_on_changed"),
    ("networkdesk.ui.workspace", "Workspace", "check_external_changes"),
    ("networkdesk.ui.controllers.commands", "RecordCommand", "redo"),
    ("networkdesk.ui.controllers.moves", "MoveController", "move"),
    ("networkdesk.ui.board.canvas", "RingCanvas", "_mirror_nodes"),
    ("networkdesk.ui.board.canvas", "RingCanvas", "show_readiness"),
    ("networkdesk.ui.board.name_labels", "BoardLabels", "relayout"),
    ("networkdesk.ui.views.board_summary", "BoardSummary", "_show_counts"),
    ("networkdesk.ui.views.followups_agenda", "FollowupsAgenda", "_show"),
    ("networkdesk.ui.views.referrals_panel", "ReferralsPanel", "_show"),
)


class HandlerTimes:
    """Wall time per call of each slot in HANDLERS (wrapped on the class before the window is
    built, so the connections made by the window call the wrappers)."""

    def __init__(self) -> None:
        import importlib

        self.times: dict[str, list[float]] = {}
        for module_name, class_name, method in HANDLERS:
            try:
                module = importlib.import_module(module_name)
                owner = module if class_name is None else getattr(module, class_name)
            except (ImportError, AttributeError):
                continue
            if hasattr(owner, method):
                label = f"{class_name or module_name.rsplit('.', 1)[-1]}.{method}"
                setattr(owner, method, self._timed(label, getattr(owner, method)))

    def _timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        import functools

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.times.setdefault(name, []).append(time.perf_counter() - start)

        return timed

    def report(self, name: str) -> None:
        print(f"--- GUI-thread time per handler, {name} (ms per call)")
        for handler, calls in sorted(self.times.items(), key=lambda kv: -sum(kv[1])):
            print(f"    {handler:42s} " + ", ".join(f"{t * 1000:.1f}" for t in calls))
        self.times.clear()


class StackSampler:
    """Samples the GUI thread's stack every millisecond (from another thread), to tell what it
    was doing during the longest gap: the innermost networkdesk frames, counted."""

    def __init__(self) -> None:
        import threading

        self.main = threading.main_thread().ident
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self.running = False
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.running = True
        self.thread.start()

    def stop(self) -> None:
        self.running = False
        self.thread.join()

    def _run(self) -> None:
        import traceback

        while self.running:
            frame = sys._current_frames().get(self.main or 0)
            if frame is not None:
                stack = tuple(
                    f"{f.filename}:{f.lineno} {f.name}"
                    for f in traceback.extract_stack(frame)
                    if "bench_stall" not in f.filename
                )
                self.samples.append((time.perf_counter(), stack))
            time.sleep(0.001)

    def report(self, name: str, gap: tuple[float, float], top: int = 8) -> None:
        from collections import Counter

        inside = [stack for at, stack in self.samples if gap[0] <= at <= gap[1]]
        print(f"--- samples in the longest gap of {name}: {len(inside)}")
        # Per sample: the first frame of the view that handles the change, and the innermost.
        counts = Counter(_handler_and_leaf(stack) for stack in inside)
        for where, n in counts.most_common(top):
            print(f"    {n:4d}  {where}")
        self.samples.clear()


def spin(seconds: float, until: Callable[[], bool] | None = None) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        QApplication.processEvents()
        if until is not None and until():
            return
        time.sleep(0.001)


def print_profile(name: str, profile: Any, top: int = 30) -> None:
    """The GUI thread's time during one change, slowest (cumulative) networkdesk and Qt calls."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("tottime")
    stats.print_stats(
        r"networkdesk/ui/(?!workspace|controllers)|resizeColumnsToContents|expandAll", top
    )
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    print(f"--- profile: {name}")
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    for line in lines[start:]:
        print("   ", line[:150])


def measure(
    home: Path,
    contacts: int,
    placed: int,
    profile: bool = False,
    sample: bool = False,
    handlers: bool = False,
) -> dict[str, tuple[float, float, float]]:
    from PySide6.QtWidgets import QApplication

    from networkdesk.domain.fields import ContactFields
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui.application import build_main_window, collect_after_opening
    from networkdesk.ui.controllers import edits
    from networkdesk.ui.controllers.moves import MoveController

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    path = home / f"stall-{contacts}.db"
    prepare_database(path, contacts, placed)
    times = HandlerTimes() if handlers else None
    db = open_database(sqlite_location(path))
    window: Any = build_main_window(db)
    window.resize(1400, 900)
    window.show()
    spin(60, lambda: len(window.canvas.nodes) >= placed)
    spin(1.0)
    # As the desktop start does once its window has opened (ui/application.py).
    collect_after_opening()
    spin(0.3)
    ws = window.workspace
    heard: list[object] = []
    ws.changed.connect(heard.append)
    beat = Heartbeat()
    beat.timer.start()
    sampler = StackSampler() if sample else None
    if sampler is not None:
        sampler.start()
    results: dict[str, float] = {}
    on_cpu: dict[str, float] = {}
    collector = CollectorPasses()
    in_gc: dict[str, float] = {}

    def scenario(name: str, act: Callable[[], object], settle: float = 0.6) -> None:
        import cProfile

        spin(0.3)
        profiler = cProfile.Profile() if profile else None
        beat.reset()
        if profiler is not None:
            profiler.enable()
        before = len(heard)
        act()
        spin(3.0, lambda: len(heard) > before)
        spin(settle)
        if profiler is not None:
            profiler.disable()
        results[name] = beat.longest * 1000
        on_cpu[name] = beat.longest_cpu * 1000
        in_gc[name] = collector.full_in(beat.gap)
        if profiler is not None:
            print_profile(name, profiler)
        if sampler is not None:
            sampler.report(name, beat.gap)
        if times is not None:
            times.report(name)

    spin(0.3)
    beat.reset()
    spin(1.0)
    results["idle (floor)"] = beat.longest * 1000
    on_cpu["idle (floor)"] = beat.longest_cpu * 1000
    in_gc["idle (floor)"] = collector.full_in(beat.gap)
    if times is not None:
        times.times.clear()
    node_ids = sorted(window.canvas.nodes)
    first, second = node_ids[0], node_ids[1]
    mover = MoveController(ws)
    # Each twice: the first of a kind also pays for importing what it needs.
    scenario("drag (move one node), first", lambda: mover.move([(first, 2, 0.3)]))
    scenario("drag (move one node), again", lambda: mover.move([(first, 3, 0.6)]))
    scenario(
        "edit in the window, first",
        lambda: edits.edit_contact(ws, second, ContactFields(title="Lead")),
    )
    scenario(
        "edit in the window, again",
        lambda: edits.edit_contact(ws, second, ContactFields(title="Head")),
    )
    command = [str(CONSOLE_SCRIPT), "--db", str(path), "contact", "move", str(first), "--ring", "1"]
    # Run to completion first (its start-up is not the window's stall); the window's poll
    # (every second) then picks the change up while the heartbeat runs.
    subprocess.run(command, check=True, capture_output=True)
    scenario("CLI contact move, picked up", lambda: None, settle=0.6)
    beat.timer.stop()
    if sampler is not None:
        sampler.stop()
    window.workspace._poll.stop()
    window.close()
    db.close()
    return {name: (ms, on_cpu[name], in_gc[name]) for name, ms in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--placed", type=int, default=1_000)
    parser.add_argument("--sizes", help="comma-separated contact counts (the cost curve)")
    parser.add_argument("--profile", action="store_true", help="where each change's time goes")
    parser.add_argument(
        "--sample", action="store_true", help="the GUI thread's stacks in each longest gap"
    )
    parser.add_argument("--handlers", action="store_true", help="time each change handler")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.contacts]
    home = Path(tempfile.mkdtemp(prefix="networkdesk-stall-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    for size in sizes:
        results = measure(
            home, size, min(args.placed, size), args.profile, args.sample, args.handlers
        )
        print(f"longest GUI-thread stall, 5 ms heartbeat, {size:,} contacts")
        print(f"  {'':32s} {'stall':>8s}    {'on CPU':>6s}    {'full GC':>7s}")
        for name, (ms, cpu, full) in results.items():
            verdict = "" if name.startswith("idle") else ("  met" if ms <= 50 else "  NOT met")
            print(f"  {name:32s} {ms:8.1f} ms {cpu:6.1f} ms {full:7.1f} ms{verdict}")
        print("  goal <= 50 ms per change; on CPU: the GUI thread's own CPU time in that gap;")
        print("  full GC: time in that gap spent in generation-2 collector passes (any thread)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
