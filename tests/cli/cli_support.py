"""Running the CLI: through the installed console script (a real subprocess) or in-process."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from networkdesk.app import main

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def dump(path: Path) -> list[str]:
    """Every row and schema object as SQL text: equal dumps mean nothing was written."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


class ConsoleScript:
    """`networkdesk --db <tmp db> ARGS...` as a subprocess of the venv's console script."""

    def __init__(self, db_path: Path, env: dict[str, str]) -> None:
        self.db_path = db_path
        self.env = env

    def raw(self, *args: str, env: dict[str, str] | None = None) -> Result:
        completed = subprocess.run(
            [str(CONSOLE_SCRIPT), *args],
            capture_output=True,
            text=True,
            env=env or self.env,
            timeout=300,
            check=False,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    def __call__(self, *args: str) -> Result:
        return self.raw("--db", str(self.db_path), *args)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.code == 0, result.err
        assert result.err == ""
        return result


class InProcess:
    """`networkdesk.app.main([...])` with the output captured by capsys."""

    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path = db_path
        self.capsys = capsys

    def raw(self, *args: str) -> Result:
        self.capsys.readouterr()
        code = main(list(args))
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def __call__(self, *args: str) -> Result:
        return self.raw("--db", str(self.db_path), *args)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.code == 0, result.err
        return result
