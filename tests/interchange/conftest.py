"""Fixtures for the import/export tests: the sample files and a database dump."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.dbdump import dump  # noqa: F401  (re-exported for older imports)

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA
