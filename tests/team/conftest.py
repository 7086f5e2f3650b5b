"""Fixtures of the team-mode tests: a prepared team database, the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from helpers.team import Team, make_team
from networkdesk.app import main


@pytest.fixture
def team(pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Team:
    return make_team(pg_url, monkeypatch, capsys)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run networkdesk in-process: (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
