"""Shared by the packaging tests: where things are, and how to run an installed networkdesk."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from networkdesk import APP_ID, APP_NAME

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
INSTALL_SCRIPT = LINUX / "install-desktop-integration.sh"
MIGRATIONS = ROOT / "src" / "networkdesk" / "storage" / "migrations"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
SMOKE_CLOSE_ENV = "NETWORKDESK_SMOKE_CLOSE_MS"

__all__ = ["APP_ID", "APP_NAME"]


def project_version() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(pyproject["project"]["version"])


def desktop_entry(path: Path = DESKTOP_FILE) -> dict[str, str]:
    """The [Desktop Entry] group of a .desktop file as key -> value."""
    entry: dict[str, str] = {}
    group = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            entry[key.strip()] = value.strip()
    return entry


def desktop_app_built() -> bool:
    """The desktop app (issue 3) provides networkdesk.ui.application.run_desktop."""
    return importlib.util.find_spec("networkdesk.ui.application") is not None


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment for a networkdesk process: private data folders, offscreen Qt, no
    leftovers from this test process (PYTHONPATH, a venv) that could make it import the checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "NETWORKDESK_DB"}
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(extra)
    return env


def run(
    command: Sequence[str | os.PathLike[str]],
    env: dict[str, str],
    cwd: Path,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def described(result: subprocess.CompletedProcess[str]) -> str:
    """What a failed assertion should show about a process."""
    return (
        f"command: {result.args}\nexit code: {result.returncode}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )


def schema_revision(db_path: Path) -> str | None:
    """The Alembic revision a database file is at (None if it has none)."""
    connection = sqlite3.connect(str(db_path))
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def head_revision() -> str:
    from networkdesk.storage.migrate import head_revision as head

    return head()


def check_headless_commands(program: Sequence[str | os.PathLike[str]], tmp: Path) -> None:
    """Add a contact with a non-ASCII name to a new database, read it back, check the schema."""
    db = tmp / "headless" / "networkdesk.db"
    env = clean_env(tmp / "home-headless")
    added = run([*program, "--db", db, "contact", "add", "Zoë Ångström", "--ring", "3"], env, tmp)
    assert added.returncode == 0, described(added)
    listed = run([*program, "--db", db, "contact", "list"], env, tmp)
    assert listed.returncode == 0, described(listed)
    assert "Zoë Ångström" in listed.stdout
    checked = run([*program, "--db", db, "check"], env, tmp)
    assert checked.returncode == 0, described(checked)
    assert schema_revision(db) == head_revision()


def check_desktop_start(
    program: Sequence[str | os.PathLike[str]], tmp: Path, open_file: Path | None = None
) -> None:
    """Start the app offscreen on a new database; the smoke hook closes the main window once the
    database is open (networkdesk.ui.packaging_probe).

    With `open_file`, start it the way the .desktop file's `Exec=networkdesk %f` does: the file
    as the only argument and the database in its default place (here the private XDG data
    folder)."""
    home = tmp / "home-desktop"
    env = clean_env(home, **{SMOKE_CLOSE_ENV: "300"})
    if open_file is None:
        db = tmp / "desktop" / "networkdesk.db"
        arguments: list[str | os.PathLike[str]] = ["--db", db]
    else:
        db = home / "data" / "networkdesk" / "networkdesk.db"
        arguments = [open_file]
    result = run([*program, *arguments], env, tmp, timeout=180)
    assert result.returncode == 0, described(result)
    expected = [
        "smoke: window shown",
        f"smoke: identity: {APP_NAME} {APP_ID}",
        "smoke: window icon drawn",
        "smoke: database open",
        "smoke: closing window",
    ]
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("smoke: ")] == expected, described(result)
    assert schema_revision(db) == head_revision()


def write_vcard(folder: Path) -> Path:
    """A one-contact vCard file, as a desktop's "Open with" would hand to networkdesk."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Zoë Ångström.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\r\n"
        b"N:\xc3\x85ngstr\xc3\xb6m;Zo\xc3\xab;;;\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n"
    )
    return path


def pip_cache_env() -> dict[str, str]:
    """Reuse the user's pip cache: the test session points XDG_CACHE_HOME at a temporary folder,
    which would make pip download every wheel again."""
    if "PIP_CACHE_DIR" in os.environ:
        return {"PIP_CACHE_DIR": os.environ["PIP_CACHE_DIR"]}
    if sys.platform.startswith("linux"):
        return {"PIP_CACHE_DIR": str(Path.home() / ".cache" / "pip")}
    return {}
