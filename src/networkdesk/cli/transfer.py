"""`import FORMAT ...` and `export FORMAT ...`: one command group each, filled by format modules.

Each module named below provides `register_import(subparsers)` and/or `register_export(subparsers)`
and is skipped while it does not exist yet.
"""

from __future__ import annotations

import argparse
import importlib

IMPORT_MODULES = ["networkdesk.cli.import_files"]
EXPORT_MODULES = ["networkdesk.cli.export_files", "networkdesk.cli.export_ics"]


def _load(name: str) -> object | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = commands.add_parser("import", help="import LinkedIn connections, vCards, archives")
    import_formats = importing.add_subparsers(dest="format", required=True, metavar="FORMAT")
    exporting = commands.add_parser("export", help="export calendar, vCards, CSV, JSON archive")
    export_formats = exporting.add_subparsers(dest="format", required=True, metavar="FORMAT")
    for name in IMPORT_MODULES:
        module = _load(name)
        if module is not None:
            module.register_import(import_formats)  # type: ignore[attr-defined]
    for name in EXPORT_MODULES:
        module = _load(name)
        if module is not None:
            module.register_export(export_formats)  # type: ignore[attr-defined]
