"""Build the networkdesk bundle (a folder with the `networkdesk` program and all it needs) in dist/.

    pip install -e ".[package]"          # once: networkdesk and PyInstaller in this Python
    python packaging/build.py            # -> dist/networkdesk/
    python packaging/build.py --archive  # and dist/networkdesk-<version>-<os>-<machine>.tar.gz/.zip

On Linux the folder also gets the desktop integration (share/applications, share/metainfo,
share/icons) and `install-desktop-integration.sh`, which adds networkdesk to the launcher.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "networkdesk.spec"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"


def app_id() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from networkdesk import APP_ID

    return APP_ID


def version() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(pyproject["project"]["version"])


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    try:
        subprocess.run(command, check=True, cwd=ROOT)
    except FileNotFoundError:
        raise SystemExit(f"build: cannot run {sys.executable}") from None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"build: PyInstaller failed (exit code {exc.returncode})") from None
    return dist / "networkdesk"


def add_linux_integration(bundle: Path) -> None:
    """The files install-desktop-integration.sh copies, in the XDG layout, inside the bundle."""
    ident = app_id()
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX / f"{ident}.desktop", share / "applications" / f"{ident}.desktop")
    shutil.copy2(LINUX / f"{ident}.metainfo.xml", share / "metainfo" / f"{ident}.metainfo.xml")
    hicolor = share / "icons" / "hicolor"
    shutil.copytree(ICONS / "hicolor", hicolor, dirs_exist_ok=True)
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ICONS / "networkdesk.svg", scalable / f"{ident}.svg")
    script = bundle / "install-desktop-integration.sh"
    shutil.copy2(LINUX / "install-desktop-integration.sh", script)
    script.chmod(0o755)


def unresolved_xcb_libraries(bundle: Path) -> list[str]:
    """Libraries Qt's X11 (xcb) platform plugin needs that neither the bundle nor this machine
    has: the bundle then relies on the user's system having them (most desktops do)."""
    internal = bundle / "_internal"
    plugin = internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    ldd = shutil.which("ldd")
    if not plugin.is_file() or ldd is None:
        return []
    result = subprocess.run(
        [ldd, str(plugin), *map(str, internal.glob("libQt6XcbQpa.so*"))],
        capture_output=True,
        text=True,
        check=False,
        env={"LD_LIBRARY_PATH": str(internal), "PATH": "/usr/bin:/bin"},
    )
    return sorted({line.split()[0] for line in result.stdout.splitlines() if "not found" in line})


def make_archive(bundle: Path) -> Path:
    system = platform.system().lower()
    machine = platform.machine().lower()
    base = bundle.parent / f"networkdesk-{version()}-{system}-{machine}"
    fmt = "zip" if system == "windows" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=bundle.parent, base_dir=bundle.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's scratch"
    )
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    parser.add_argument("--archive", action="store_true", help="also pack the folder")
    args = parser.parse_args(argv)
    bundle = run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.clean)
    if sys.platform.startswith("linux"):
        add_linux_integration(bundle)
        missing = unresolved_xcb_libraries(bundle)
        if missing:
            print(
                "build: warning: not bundled (not installed here), so the X11 window needs them "
                f"on the user's system: {', '.join(missing)}. On Debian/Ubuntu install "
                "libxcb-icccm4 libxcb-keysyms1 (and rebuild) to bundle them.",
                file=sys.stderr,
            )
    print(f"built {bundle}")
    if args.archive:
        print(f"packed {make_archive(bundle)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
