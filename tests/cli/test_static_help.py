"""`networkdesk --help` prints a stored text (networkdesk/cli_help.py) without importing the
command modules (issue 13, P8). It must be the parser's own text, and other widths still go
through the parser."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import pytest

from networkdesk import app, cli_help
from networkdesk.cli import help_snapshot


def test_the_stored_text_is_what_the_parser_prints() -> None:
    # Fails after a command's name or help line changed: run `python -m
    # networkdesk.cli.help_snapshot` and commit networkdesk/cli_help.py.
    assert help_snapshot.render(cli_help.WIDTH) == cli_help.TEXT
    assert help_snapshot.module_text() == help_snapshot.TARGET.read_text(encoding="utf-8")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_at_the_stored_width_prints_the_stored_text(
    flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(cli_help.WIDTH))
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert app.main([flag]) == 0
    assert out.getvalue() == cli_help.TEXT


def test_another_width_goes_through_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "52")
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert app.main(["--help"]) == 0
    assert out.getvalue() == help_snapshot.render(52)
    assert out.getvalue() != cli_help.TEXT  # the narrow text wraps differently


def test_help_in_a_pipe_imports_no_command_module() -> None:
    probe = (
        "import sys; from networkdesk import app; app.main(['--help']); "
        "print(sorted(m for m in sys.modules if m.startswith('networkdesk.')), file=sys.stderr)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": str(cli_help.WIDTH)},
    )
    assert completed.stdout == cli_help.TEXT
    assert completed.stderr.strip() == "['networkdesk.app', 'networkdesk.cli_help']"
