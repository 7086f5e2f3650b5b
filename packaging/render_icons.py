"""Render the application icon (resources/icons/networkdesk.svg) to the PNG sizes desktops use.

    python packaging/render_icons.py            # rewrite resources/icons/hicolor/*/apps/<id>.png
    python packaging/render_icons.py --check    # exit 1 if a committed PNG no longer matches
    python packaging/render_icons.py --ico build/networkdesk.ico --icns build/networkdesk.icns

Qt's own QSvgRenderer draws the SVG, so no extra tool is needed: PySide6 is already a dependency.
The .ico (Windows) and .icns (macOS) files are containers of PNG images; they are written here
byte by byte rather than through Pillow, which the app does not otherwise need.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "networkdesk.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SIZES = (16, 32, 48, 64, 128, 256)
# Windows shows 16-256; macOS wants its fixed set of icns types (PNG payloads since 10.7).
ICO_SIZES = (16, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512}
# Largest mean per-channel difference (0-255) a committed PNG may have from a fresh rendering:
# anti-aliasing may differ a little between Qt versions, a changed drawing differs a lot.
CHECK_TOLERANCE = 2.0


def app_id() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from networkdesk import APP_ID

    return APP_ID


def png_path(size: int, hicolor: Path = HICOLOR) -> Path:
    return hicolor / f"{size}x{size}" / "apps" / f"{app_id()}.png"


def _ensure_gui() -> object:
    # QPainter on a QImage needs a QGuiApplication; a headless build machine has no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["render_icons"])


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn into a transparent size x size image, as PNG bytes."""
    _ensure_gui()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
    buffer.close()
    return bytes(data.data())


def write_pngs(hicolor: Path = HICOLOR) -> list[Path]:
    written = []
    for size in SIZES:
        target = png_path(size, hicolor)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_png(size))
        written.append(target)
    return written


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows .ico holding one PNG per size (Vista and later read PNG entries)."""
    images = [render_png(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        dimension = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)


def icns_bytes() -> bytes:
    """A macOS .icns: a header, then (type, length, PNG) blocks."""
    blocks = b""
    for kind, size in ICNS_TYPES.items():
        image = render_png(size)
        blocks += kind + struct.pack(">I", 8 + len(image)) + image
    return b"icns" + struct.pack(">I", 8 + len(blocks)) + blocks


def mean_difference(first: bytes, second: bytes) -> float:
    """Mean absolute difference per channel (0-255) between two equally sized PNG images."""
    _ensure_gui()
    from PySide6.QtGui import QImage

    a = QImage.fromData(first).convertToFormat(QImage.Format.Format_RGBA8888)
    b = QImage.fromData(second).convertToFormat(QImage.Format.Format_RGBA8888)
    if a.size() != b.size():
        return 255.0
    raw_a = bytes(a.constBits())
    raw_b = bytes(b.constBits())
    return sum(abs(x - y) for x, y in zip(raw_a, raw_b, strict=True)) / len(raw_a)


def stale_pngs(hicolor: Path = HICOLOR) -> list[str]:
    """What is missing or out of date compared with a fresh rendering of the SVG."""
    problems = []
    for size in SIZES:
        target = png_path(size, hicolor)
        if not target.is_file():
            problems.append(f"{target}: missing")
            continue
        difference = mean_difference(target.read_bytes(), render_png(size))
        if difference > CHECK_TOLERANCE:
            problems.append(f"{target}: differs from the SVG (mean difference {difference:.1f})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed PNGs")
    parser.add_argument("--ico", type=Path, help="also write a Windows .ico here")
    parser.add_argument("--icns", type=Path, help="also write a macOS .icns here")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_pngs()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run: python packaging/render_icons.py", file=sys.stderr)
        return 1 if problems else 0
    for path in write_pngs():
        print(path.relative_to(ROOT))
    for path, make in ((args.ico, ico_bytes), (args.icns, icns_bytes)):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(make())
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
