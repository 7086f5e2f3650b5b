"""The wheel (`pip install .`, not editable) carries everything the app reads at run time, and
networkdesk installed from it into a fresh venv runs: --version, a headless command, the window."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging_support import (
    APP_ID,
    ICON_SIZES,
    MIGRATIONS,
    RESOURCES,
    ROOT,
    check_desktop_start,
    check_headless_commands,
    clean_env,
    described,
    desktop_app_built,
    pip_cache_env,
    project_version,
    run,
    write_vcard,
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--wheel-dir", str(out), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, described(result)
    (built,) = out.glob("networkdesk-*.whl")
    return built


def _members(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


def test_wheel_is_named_for_the_package_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"networkdesk-{project_version()}-")


def test_wheel_holds_every_resource_file(wheel: Path) -> None:
    members = _members(wheel)
    shipped = _files_under(RESOURCES)
    # Every file resources/ holds at test time: icons, style sheets, the question bank.
    missing = [
        str(path.relative_to(ROOT))
        for path in shipped
        if f"networkdesk/resources/{path.relative_to(RESOURCES).as_posix()}" not in members
    ]
    assert missing == []
    # What the app cannot start without, named so an empty resources/ cannot pass vacuously.
    assert "networkdesk/resources/icons/networkdesk.svg" in members
    for size in ICON_SIZES:
        assert f"networkdesk/resources/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in members


def test_wheel_holds_the_migrations(wheel: Path) -> None:
    members = _members(wheel)
    for name in ("env.py", "script.py.mako"):
        assert f"networkdesk/storage/migrations/{name}" in members
    revisions = [p for p in (MIGRATIONS / "versions").glob("*.py") if p.name != "__init__.py"]
    assert revisions, "no migrations in the checkout"
    for path in revisions:
        assert f"networkdesk/storage/migrations/versions/{path.name}" in members


def test_wheel_declares_both_launchers(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "networkdesk = networkdesk.app:run" in text
    assert "networkdesk-gui = networkdesk.app:run" in text


# --- installed into a fresh venv -------------------------------------------------------------


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv (no system site-packages) with the wheel and its dependencies installed."""
    base = tmp_path_factory.mktemp("venv")
    venv = base / "venv"
    env = clean_env(base / "home", **pip_cache_env())
    created = run([sys.executable, "-m", "venv", venv], env, base)
    assert created.returncode == 0, described(created)
    pip = run(
        [venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], env, base, timeout=900
    )
    assert pip.returncode == 0, described(pip)
    return venv


@pytest.mark.slow
def test_installed_version(installed: Path, tmp_path: Path) -> None:
    result = run([installed / "bin" / "networkdesk", "--version"], clean_env(tmp_path), tmp_path)
    assert result.returncode == 0, described(result)
    assert result.stdout.strip() == f"networkdesk {project_version()}"


@pytest.mark.slow
def test_installed_reads_resources_from_the_installed_package(
    installed: Path, tmp_path: Path
) -> None:
    script = (
        "from networkdesk.resources_access import resources_root, resource\n"
        "from networkdesk.storage.migrate import head_revision\n"
        "print(resources_root())\n"
        "print(len(resource('icons', 'networkdesk.svg').read_bytes()))\n"
        "print(head_revision())\n"
    )
    result = run([installed / "bin" / "python", "-c", script], clean_env(tmp_path), tmp_path)
    assert result.returncode == 0, described(result)
    root, svg_size, head = result.stdout.split()
    assert Path(root).is_relative_to(installed), "resources came from outside the venv"
    assert int(svg_size) == (RESOURCES / "icons" / "networkdesk.svg").stat().st_size
    from packaging_support import head_revision

    assert head == head_revision()


@pytest.mark.slow
def test_installed_headless_commands(installed: Path, tmp_path: Path) -> None:
    check_headless_commands([installed / "bin" / "networkdesk"], tmp_path)


@pytest.mark.slow
def test_installed_desktop_app_opens_and_closes(installed: Path, tmp_path: Path) -> None:
    if not desktop_app_built():
        pytest.skip("the desktop app (networkdesk.ui.application) is not in the tree yet")
    check_desktop_start([installed / "bin" / "networkdesk"], tmp_path)


@pytest.mark.slow
def test_installed_opens_a_vcard_like_the_launcher_does(installed: Path, tmp_path: Path) -> None:
    if not desktop_app_built():
        pytest.skip("the desktop app (networkdesk.ui.application) is not in the tree yet")
    vcard = write_vcard(tmp_path / "Downloads")
    check_desktop_start([installed / "bin" / "networkdesk"], tmp_path, open_file=vcard)
