"""Packaging tests: desktop metadata, icons, the wheel, the PyInstaller bundle.

Tests marked `slow` (a fresh venv with the wheel, a PyInstaller build: about a minute each) run
when asked for: `pytest -m slow`, NETWORKDESK_SLOW_TESTS=1, or on CI (CI=true). Otherwise they
are skipped with that reason, so a developer's `pytest` stays quick.
"""

from __future__ import annotations

import os

import pytest

SLOW_ENV = "NETWORKDESK_SLOW_TESTS"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def slow_tests_wanted(config: pytest.Config) -> bool:
    expression = str(config.getoption("markexpr") or "")
    asked = "slow" in expression and "not slow" not in expression
    return asked or _truthy(os.environ.get(SLOW_ENV)) or _truthy(os.environ.get("CI"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A hook, not an autouse fixture: it runs before the module-scoped fixtures that do the
    # slow work (building the venv, the bundle), so a skipped test costs nothing.
    if item.get_closest_marker("slow") and not slow_tests_wanted(item.config):
        pytest.skip(f"slow: run with `pytest -m slow` or {SLOW_ENV}=1")
