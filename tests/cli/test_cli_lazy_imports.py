"""The parser builds without the database stack: `networkdesk --help` (and every command's argument
parsing) imports neither SQLAlchemy nor Alembic, icalendar or the services (issue 13, P8)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import InProcess

from networkdesk.cli.lazy import LazyChoices, lazy_function, lazy_module

HEAVY = ("sqlalchemy", "alembic", "icalendar", "rapidfuzz", "PySide6")
HEAVY_PACKAGES = ("networkdesk.services", "networkdesk.storage", "networkdesk.interchange")

PROBE = """
import contextlib, io, json, sys
from networkdesk import app
argv = json.loads(sys.argv[1])
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = app.main(argv)
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _run(argv: list[str]) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout)  # type: ignore[no-any-return]


def _heavy(modules: list[str]) -> list[str]:
    return [
        m
        for m in modules
        if m.split(".")[0] in HEAVY or m.startswith(HEAVY_PACKAGES) or m in HEAVY_PACKAGES
    ]


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["contact", "--help"], ["interaction", "add", "--help"], ["settings", "--help"]],
)
def test_help_imports_no_database_stack(argv: list[str]) -> None:
    result = _run(argv)
    assert result["code"] == 0
    assert "usage: networkdesk" in str(result["out"])
    assert _heavy(result["modules"]) == []  # type: ignore[arg-type]


def test_a_command_still_loads_what_it_needs(tmp_path: Path) -> None:
    # The probe itself must be able to fail: a real command does import SQLAlchemy.
    result = _run(["--db", str(tmp_path / "nd.db"), "contact", "list", "--json"])
    assert "sqlalchemy" in _heavy(result["modules"])  # type: ignore[arg-type]


def test_top_level_help_lists_every_command() -> None:
    from networkdesk import cli

    help_text = cli.build_parser().format_help()
    for name in cli.command_names():
        assert name in help_text


def test_lazy_module_imports_at_first_attribute() -> None:
    module = lazy_module("json")
    assert module.dumps([1]) == "[1]"
    assert "json" in repr(module)
    with pytest.raises(AttributeError):
        _ = module.no_such_name


def test_lazy_function_calls_through() -> None:
    dumps = lazy_function("json", "dumps")
    assert dumps.__name__ == "dumps"
    assert dumps({"a": 1}, sort_keys=True) == '{"a": 1}'


def test_lazy_choices_load_once_when_asked() -> None:
    calls: list[int] = []

    def load() -> list[str]:
        calls.append(1)
        return ["a", "b"]

    choices = LazyChoices(load)
    assert calls == []
    assert "a" in choices
    assert "c" not in choices
    assert list(choices) == ["a", "b"]
    assert len(choices) == 2
    assert choices[1] == "b"
    assert calls == [1]


def test_settings_keys_are_still_checked_and_listed() -> None:
    from networkdesk import cli
    from networkdesk.services import settings

    parser = cli.build_parser()
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["settings", "set", "nope", "1"])
    assert exc.value.code == 2
    args = parser.parse_args(["settings", "set", "ring_names", "[]"])
    assert args.key == "ring_names"
    set_help = _subparser(parser, "settings", "set").format_help()
    for key in settings.DEFAULTS:
        assert key in set_help


def test_interaction_kinds_are_listed_in_help() -> None:
    from networkdesk import cli
    from networkdesk.domain.touches import InteractionKind

    text = _subparser(cli.build_parser(), "interaction", "add").format_help()
    for kind in InteractionKind:
        assert kind.value in text


def test_meeting_length_defaults_to_the_services_default(cli: InProcess) -> None:
    from networkdesk.services import meetings

    cli.ok("contact", "add", "Ana")
    cli.ok("meeting", "add", "1", "--at", "2026-05-01T10:00")
    cli.ok("meeting", "add", "1", "--at", "2026-05-02T10:00", "--minutes", "45")
    listed = cli.ok("meeting", "list", "--json").json()
    assert [m["minutes"] for m in listed] == [meetings.DEFAULT_MINUTES, 45]


def _subparser(parser: argparse.ArgumentParser, *names: str) -> argparse.ArgumentParser:
    current = parser
    for name in names:
        action = next(a for a in current._actions if isinstance(a, argparse._SubParsersAction))
        current = action.choices[name]
    return current


def test_import_linkedin_loads_no_other_format(tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,Lima,https://www.linkedin.com/in/ana-lima,,Acme,Engineer,15 Mar 2024\n",
        encoding="utf-8",
    )
    result = _run(["--db", str(tmp_path / "nd.db"), "import", "linkedin", str(export)])
    assert result["code"] == 0
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "networkdesk.interchange.linkedin" in modules  # the probe sees the import ran
    others = {
        "networkdesk.interchange.vcard",
        "networkdesk.interchange.contacts_csv",
        "networkdesk.interchange.json_archive",
        "networkdesk.interchange.linkedin_archive",
        "networkdesk.services.archive",
    }
    assert modules & others == set()


def test_rapidfuzz_loads_only_when_names_are_compared(tmp_path: Path) -> None:
    """The first import into a database (nobody at the file's companies yet) compares no names:
    it does not load rapidfuzz. The next import of someone at the same company does."""
    export = tmp_path / "Connections.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    export.write_text(header + "Ana,Lima,,,Acme,Engineer,15 Mar 2024\n", encoding="utf-8")
    db = str(tmp_path / "nd.db")
    first = _run(["--db", db, "import", "linkedin", str(export)])
    assert first["code"] == 0
    assert "networkdesk.services.duplicates" in first["modules"]  # type: ignore[operator]
    assert "rapidfuzz" not in first["modules"]  # type: ignore[operator]
    export.write_text(header + "Anna,Lima,,,Acme,Engineer,15 Mar 2024\n", encoding="utf-8")
    second = _run(["--db", db, "import", "linkedin", str(export)])
    assert second["code"] == 0
    assert "rapidfuzz" in second["modules"]  # type: ignore[operator]
