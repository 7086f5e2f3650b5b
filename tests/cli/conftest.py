"""Fixtures for the CLI tests (helpers in cli_support.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import CONSOLE_SCRIPT, ConsoleScript, InProcess


@pytest.fixture
def script_env(isolated_dirs: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETWORKDESK_")}
    env["XDG_DATA_HOME"] = str(isolated_dirs / "data")
    env["XDG_CONFIG_HOME"] = str(isolated_dirs / "config")
    env["TZ"] = "Europe/Berlin"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


@pytest.fixture
def cli_script(tmp_path: Path, script_env: dict[str, str]) -> ConsoleScript:
    if not CONSOLE_SCRIPT.exists():
        pytest.fail(f"the console script {CONSOLE_SCRIPT} is missing: pip install -e . first")
    return ConsoleScript(tmp_path / "data" / "nd.db", script_env)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(tmp_path / "data" / "nd.db", capsys)
