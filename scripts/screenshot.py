"""Render the main window with demo data offscreen to docs/screenshot.png.

    python scripts/screenshot.py [--out docs/screenshot.png] [--size 1400x900]

Runs in private temporary data/config folders: the user's database and settings are never read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--dark", action="store_true", help="render with a dark palette")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    home = Path(tempfile.mkdtemp(prefix="networkdesk-shot-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ.pop("NETWORKDESK_DB", None)

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if args.dark:
        palette = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#23272e"),
            (QPalette.ColorRole.WindowText, "#e6e9ee"),
            (QPalette.ColorRole.Base, "#1d2127"),
            (QPalette.ColorRole.AlternateBase, "#262b33"),
            (QPalette.ColorRole.Text, "#e6e9ee"),
            (QPalette.ColorRole.Button, "#2c313a"),
            (QPalette.ColorRole.ButtonText, "#e6e9ee"),
            (QPalette.ColorRole.Highlight, "#3b82c4"),
            (QPalette.ColorRole.PlaceholderText, "#8a94a3"),
        ):
            palette.setColor(role, QColor(colour))
        app.setPalette(palette)

    from networkdesk.services import demo
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui.application import build_main_window

    db = open_database(sqlite_location(home / "data" / "networkdesk.db"))
    with db.transaction() as session:
        # A fixed day: the same picture on every run.
        demo.generate(session, contacts=200, placed=60, seed=7, today=dt.date(2026, 3, 16))
    window = build_main_window(db)
    window.resize(width, height)
    window.show()
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    window.canvas.fit()
    # Show a selection, as a person at work would have one.
    inner = sorted(n.id for n in window.canvas.board if n.ring == 1)
    if inner:
        window.workspace.select_contact(inner[0])
    for _ in range(20):
        app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({width}x{height})")
    window.workspace._poll.stop()
    window.hide()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
