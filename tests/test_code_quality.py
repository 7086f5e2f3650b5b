"""Lint, formatting and types are part of the test suite: the README's one test command enforces
them (ruff check, ruff format --check, mypy on src/networkdesk)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> list[str]:
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]' installs it)")
    return [found]


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="not a source checkout")
def test_ruff_check() -> None:
    result = run([*tool("ruff"), "check", "src", "tests", "benchmarks"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="not a source checkout")
def test_ruff_format() -> None:
    result = run([*tool("ruff"), "format", "--check", "src", "tests", "benchmarks"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="not a source checkout")
def test_mypy() -> None:
    result = run([*tool("mypy"), "src/networkdesk"])
    assert result.returncode == 0, result.stdout + result.stderr
