"""The application icon: the SVG, the PNG sizes rendered from it, the .ico/.icns containers,
and the identity the desktop app gives itself (name, desktop file, window icon)."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_support import APP_ID, APP_NAME, ICON_SIZES, ICONS, PACKAGING, desktop_app_built
from PySide6.QtGui import QColor, QImage

sys.path.insert(0, str(PACKAGING))
import render_icons  # packaging/render_icons.py

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_has_its_size_and_shows_the_bullseye(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable PNG"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    centre = QColor(image.pixel(size // 2, size // 2))
    # The bull's-eye is orange-red: red well above blue, and opaque.
    assert centre.red() > 200, centre.name()
    assert centre.blue() < 120, centre.name()
    assert image.pixelColor(size // 2, size // 2).alpha() == 255
    # The rounded tile leaves the very corner transparent.
    assert image.pixelColor(0, 0).alpha() == 0


def test_pngs_match_the_svg() -> None:
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "render_icons.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_check_notices_a_stale_png(tmp_path: Path) -> None:
    hicolor = tmp_path / "hicolor"
    render_icons.write_pngs(hicolor)
    assert render_icons.stale_pngs(hicolor) == []
    other = tmp_path / "other.svg"
    other.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">'
        '<rect width="8" height="8" fill="#00ff00"/></svg>',
        encoding="utf-8",
    )
    render_icons.png_path(48, hicolor).write_bytes(render_icons.render_png(48, other))
    render_icons.png_path(64, hicolor).unlink()
    problems = render_icons.stale_pngs(hicolor)
    assert len(problems) == 2
    assert "48x48" in problems[0]
    assert "differs from the SVG" in problems[0]
    assert "64x64" in problems[1]
    assert "missing" in problems[1]


def test_ico_holds_every_size_as_png() -> None:
    data = render_icons.ico_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(render_icons.ICO_SIZES))
    for index, size in enumerate(render_icons.ICO_SIZES):
        entry = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        width, height, length, offset = entry[0], entry[1], entry[6], entry[7]
        assert width == height == (0 if size == 256 else size)
        image = QImage.fromData(data[offset : offset + length])
        assert (image.width(), image.height()) == (size, size)


def test_icns_blocks_cover_the_declared_length() -> None:
    data = render_icons.icns_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        image = QImage.fromData(data[offset + 8 : offset + length])
        assert image.width() == render_icons.ICNS_TYPES[kind]
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == list(render_icons.ICNS_TYPES)


def test_application_identity() -> None:
    """What the desktop app sets before its first window (networkdesk.ui.application)."""
    from PySide6.QtWidgets import QApplication

    if not desktop_app_built():
        pytest.skip("the desktop app (networkdesk.ui.application) is not in the tree yet")
    from networkdesk.ui.application import configure_application

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # The QApplication is shared by the whole session: put back whatever this changes.
    saved = (app.applicationName(), app.organizationName(), app.desktopFileName(), app.windowIcon())
    saved_display_name, saved_sheet = app.applicationDisplayName(), app.styleSheet()
    try:
        configure_application(app)
        assert app.applicationName() == APP_NAME
        assert app.desktopFileName() == APP_ID  # Wayland matches windows to the .desktop by it
        assert not app.windowIcon().pixmap(16, 16).isNull()
    finally:
        app.setApplicationName(saved[0])
        app.setOrganizationName(saved[1])
        app.setDesktopFileName(saved[2])
        app.setWindowIcon(saved[3])
        app.setApplicationDisplayName(saved_display_name)
        app.setStyleSheet(saved_sheet)
