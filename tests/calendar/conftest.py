"""Fixtures of the calendar tests: a real CalDAV server (Radicale), stopped after the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from radicale_server import RadicaleServer, running_radicale


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    with running_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server
