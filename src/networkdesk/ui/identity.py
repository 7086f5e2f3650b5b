"""Who the app is to the desktop: name, organisation, desktop file and icon.

The desktop file name must equal `APP_ID` (packaging/linux/<APP_ID>.desktop): Wayland compositors
match windows to launchers by it, and X11 ones by the WM_CLASS Qt derives from the application
name (the .desktop file's StartupWMClass). The icon is read from the PNGs shipped in
`resources/icons/hicolor` (rendered from networkdesk.svg by packaging/render_icons.py), as bytes,
so it works from a wheel, a checkout and a PyInstaller bundle alike.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

from networkdesk import APP_ID, APP_NAME, __version__
from networkdesk.resources_access import resource

ICON_SIZES = (16, 32, 48, 64, 128, 256)
ORGANIZATION_NAME = "networkdesk"
ORGANIZATION_DOMAIN = "networkdesk.github.io"


def application_icon() -> QIcon:
    """The app's icon at every shipped size; an empty QIcon if none of the files is there."""
    icon = QIcon()
    for size in ICON_SIZES:
        node = resource("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
        if not node.is_file():
            continue
        pixmap = QPixmap()
        if pixmap.loadFromData(node.read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def apply_identity(app: QGuiApplication) -> None:
    """Set the names the desktop shows and the window icon; call once, before the first window."""
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setDesktopFileName(APP_ID)
    icon = application_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
