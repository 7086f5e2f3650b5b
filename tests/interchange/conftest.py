"""Fixtures for the import/export tests: the sample files and a database dump."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.dbdump import dump  # noqa: F401  (re-exported for older imports)

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


def _slow_wanted(config: pytest.Config) -> bool:
    expression = str(config.getoption("markexpr") or "")
    asked = "slow" in expression and "not slow" not in expression
    flags = (os.environ.get(name, "").strip().lower() for name in ("NETWORKDESK_SLOW_TESTS", "CI"))
    return asked or any(flag in {"1", "true", "yes", "on"} for flag in flags)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # The long fuzz runs are `slow`: asked for with `pytest -m slow`, the variable or on CI.
    if item.get_closest_marker("slow") and not _slow_wanted(item.config):
        pytest.skip("slow: run with `pytest -m slow` or NETWORKDESK_SLOW_TESTS=1")
