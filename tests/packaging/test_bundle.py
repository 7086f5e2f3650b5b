"""The PyInstaller bundle: built with packaging/build.py, it runs on its own — --version, a
headless command against a temporary database, and the main window opened and closed offscreen."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_support import (
    APP_ID,
    MIGRATIONS,
    PACKAGING,
    RESOURCES,
    ROOT,
    check_desktop_start,
    check_headless_commands,
    clean_env,
    described,
    desktop_app_built,
    desktop_entry,
    project_version,
    run,
    write_vcard,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle tests are Linux's"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install '.[package]'")
    out = tmp_path_factory.mktemp("bundle")
    env = clean_env(out / "home")
    # PyInstaller keeps a cache of processed libraries; the user's makes a rebuild faster.
    env.setdefault("PYINSTALLER_CONFIG_DIR", str(Path.home() / ".cache" / "pyinstaller"))
    built = run(
        [sys.executable, PACKAGING / "build.py", "--dist", out / "dist", "--work", out / "work"],
        env,
        ROOT,
        timeout=1500,
    )
    assert built.returncode == 0, described(built)
    folder = out / "dist" / "networkdesk"
    assert (folder / "networkdesk").is_file(), described(built)
    # From here on nothing may come from the build's scratch folder.
    shutil.rmtree(out / "work")
    return folder


def test_bundle_reports_the_package_version(bundle: Path, tmp_path: Path) -> None:
    for launcher in ("networkdesk", "networkdesk-gui"):
        result = run([bundle / launcher, "--version"], clean_env(tmp_path), tmp_path)
        assert result.returncode == 0, described(result)
        assert result.stdout.strip() == f"networkdesk {project_version()}"


def test_bundle_holds_resources_migrations_and_zone_files(bundle: Path) -> None:
    package = bundle / "_internal" / "networkdesk"
    shipped = sorted(path.relative_to(RESOURCES) for path in RESOURCES.rglob("*") if path.is_file())
    assert shipped, "resources/ is empty"
    missing = [str(p) for p in shipped if not (package / "resources" / p).is_file()]
    assert missing == []
    revisions = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    assert sorted(p.name for p in (package / "storage/migrations/versions").glob("*.py")) == (
        revisions
    )
    # zoneinfo's fallback where the system has no zone files (Windows).
    assert (bundle / "_internal" / "tzdata" / "zoneinfo" / "Europe" / "Berlin").is_file()


def test_bundle_holds_the_qt_plugins_the_app_needs(bundle: Path) -> None:
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    for plugin in (
        "platforms/libqoffscreen.so",  # headless start (tests, CI)
        "platforms/libqxcb.so",  # X11 desktops
        "platforms/libqwayland.so",  # Wayland desktops
        "iconengines/libqsvgicon.so",  # the SVG icons in resources/icons
        "imageformats/libqsvg.so",
    ):
        assert (plugins / plugin).is_file(), plugin


def test_bundle_runs_headless_commands(bundle: Path, tmp_path: Path) -> None:
    # Includes `check`: the schema revision proves the migrations were bundled and ran.
    check_headless_commands([bundle / "networkdesk"], tmp_path)


def test_bundle_opens_and_closes_the_main_window(bundle: Path, tmp_path: Path) -> None:
    if not desktop_app_built():
        pytest.skip("the desktop app (networkdesk.ui.application) is not in the tree yet")
    check_desktop_start([bundle / "networkdesk"], tmp_path)


def test_bundle_adds_itself_to_the_launcher(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "share"
    env = clean_env(tmp_path / "home")
    script = bundle / "install-desktop-integration.sh"
    result = run(["sh", script, "--prefix", prefix], env, tmp_path)
    assert result.returncode == 0, described(result)
    entry = desktop_entry(prefix / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{bundle / "networkdesk"}" %f'
    assert (prefix / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    validator = shutil.which("desktop-file-validate")
    if validator:
        checked = subprocess.run(
            [validator, str(prefix / "applications" / f"{APP_ID}.desktop")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout


def test_bundle_does_not_need_the_checkout(bundle: Path, tmp_path: Path) -> None:
    """A copy of the folder somewhere else, with the source tree out of reach, still starts."""
    moved = tmp_path / "elsewhere" / "networkdesk"
    shutil.copytree(bundle, moved, symlinks=True)
    env = clean_env(tmp_path / "home")
    env["PATH"] = os.defpath
    result = run([moved / "networkdesk", "--db", tmp_path / "x.db", "check"], env, tmp_path)
    assert result.returncode == 0, described(result)
    assert "schema revision" in result.stdout


def test_bundle_opens_a_vcard_like_the_launcher_does(bundle: Path, tmp_path: Path) -> None:
    if not desktop_app_built():
        pytest.skip("the desktop app (networkdesk.ui.application) is not in the tree yet")
    vcard = write_vcard(tmp_path / "Downloads")
    check_desktop_start([bundle / "networkdesk"], tmp_path, open_file=vcard)
