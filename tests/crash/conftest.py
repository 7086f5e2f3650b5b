"""Crash-safety runs: write-heavy commands killed with SIGKILL at random moments.

A few rounds run in every suite; the long run (`slow`, 300 rounds) only when asked for: `pytest -m
slow` or NETWORKDESK_SLOW_TESTS=1. Not on CI: 300 rounds take far longer than CI's budget.
"""

from __future__ import annotations

import os

import pytest

SLOW_ENV = "NETWORKDESK_SLOW_TESTS"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _slow_wanted(config: pytest.Config) -> bool:
    expression = str(config.getoption("markexpr") or "")
    asked = "slow" in expression and "not slow" not in expression
    return asked or _truthy(os.environ.get(SLOW_ENV))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("slow") and not _slow_wanted(item.config):
        pytest.skip(f"slow: run with `pytest -m slow` or {SLOW_ENV}=1")
