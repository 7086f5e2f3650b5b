"""The smoke-check hook the packaging tests use to open and close an installed app's window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from packaging_support import clean_env
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from networkdesk.storage.database import Database
from networkdesk.ui import packaging_probe as smoke_check
from networkdesk.ui.workspace import Workspace


def test_not_armed_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(smoke_check.CLOSE_ENV, raising=False)
    assert smoke_check.arm_from_environment() is None


def test_closes_the_main_window_once_its_database_is_open(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: Database
) -> None:
    monkeypatch.setenv(smoke_check.CLOSE_ENV, "20")
    window = QMainWindow()
    window.setObjectName(smoke_check.MAIN_WINDOW_NAME)
    workspace = Workspace(window)
    qtbot.addWidget(window)
    check = smoke_check.arm_from_environment()
    assert check is not None
    try:
        window.show()
        qtbot.waitUntil(lambda: "smoke: window icon" in capsys.readouterr().out, timeout=10_000)
        qtbot.wait(4 * smoke_check.POLL_MS)
        assert window.isVisible(), "closed before the database was open"
        workspace.attach(db)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
        assert capsys.readouterr().out.splitlines() == [
            "smoke: database open",
            "smoke: closing window",
        ]
    finally:
        check.stop()
        workspace.close()


TIMEOUT_SCRIPT = """
from PySide6.QtWidgets import QApplication
from networkdesk.ui.packaging_probe import arm_from_environment
arm_from_environment()
raise SystemExit(QApplication.instance().exec())
"""


def test_gives_up_with_exit_code_3_when_no_window_appears(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path / "home",
        **{smoke_check.CLOSE_ENV: "10", smoke_check.TIMEOUT_ENV: "300"},
    )
    result = subprocess.run(
        [sys.executable, "-c", TIMEOUT_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == smoke_check.EXIT_TIMED_OUT, result.stderr
    assert result.stdout.splitlines() == ["smoke: timed out waiting for the window"]
