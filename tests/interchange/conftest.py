"""Fixtures for the import/export tests: the sample files and a database dump."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


def dump(path: Path) -> list[str]:
    """Every row and schema object as SQL text: equal dumps mean nothing was written."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def data_dir() -> Path:
    return DATA
