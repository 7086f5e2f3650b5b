"""install-desktop-integration.sh: puts the launcher entry, icons and metadata in a data folder,
pointing at the program it was given, and takes them away again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import APP_ID, ICON_SIZES, INSTALL_SCRIPT, desktop_entry

DESKTOP_FILE_VALIDATE = shutil.which("desktop-file-validate")


def _fake_program(folder: Path) -> Path:
    folder.mkdir(parents=True)
    program = folder / "networkdesk"
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(INSTALL_SCRIPT), *(str(a) for a in args)],
        capture_output=True,
        text=True,
        check=False,
    )


def _installed(prefix: Path) -> list[Path]:
    return sorted(p for p in prefix.rglob("*") if p.is_file())


def test_install_then_uninstall(tmp_path: Path) -> None:
    # A folder name with a space: the Exec key must quote it.
    program = _fake_program(tmp_path / "My Apps" / "networkdesk")
    prefix = tmp_path / "share"

    result = _run("--exec", program, "--prefix", prefix)
    assert result.returncode == 0, result.stderr

    desktop = prefix / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(desktop)
    assert entry["Exec"] == f'"{program}" %f'
    assert entry["TryExec"] == str(program)
    assert entry["MimeType"] == "text/vcard;text/x-vcard;"
    assert (prefix / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    hicolor = prefix / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    if DESKTOP_FILE_VALIDATE:
        validated = subprocess.run(
            [DESKTOP_FILE_VALIDATE, str(desktop)], capture_output=True, text=True, check=False
        )
        assert validated.returncode == 0, validated.stdout

    result = _run("--uninstall", "--prefix", prefix)
    assert result.returncode == 0, result.stderr
    # Only caches the desktop tools may have written remain (mimeinfo.cache).
    assert [p for p in _installed(prefix) if p.name != "mimeinfo.cache"] == []


@pytest.mark.parametrize("name", ["net$desk", "net%desk", 'net"desk'])
def test_refuses_a_path_the_exec_key_cannot_hold(tmp_path: Path, name: str) -> None:
    program = _fake_program(tmp_path / name)
    prefix = tmp_path / "share"
    result = _run("--exec", program, "--prefix", prefix)
    assert result.returncode == 1
    assert "move it" in result.stderr
    assert not prefix.exists()


def test_refuses_a_program_that_is_not_there(tmp_path: Path) -> None:
    result = _run("--exec", tmp_path / "nowhere" / "networkdesk", "--prefix", tmp_path / "share")
    assert result.returncode == 1
    assert "is not an executable program" in result.stderr
