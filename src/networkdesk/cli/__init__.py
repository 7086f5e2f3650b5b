"""Headless commands over the services: for scripting, automation and tests. Never imports Qt."""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from networkdesk import __version__
from networkdesk.cli import (
    contacts,
    contacts_publish,
    interactions,
    maintenance,
    outreach,
    paths,
    records,
    server,
    team,
    today,
    transfer,
)
from networkdesk.cli.field_names import CLI_FIELD_NAMES
from networkdesk.domain.errors import NetworkdeskError, StorageError

if TYPE_CHECKING:
    from networkdesk.storage.database import Database

# Each module adds its commands with register(subparsers). Add new command groups here.
COMMAND_MODULES: list[ModuleType] = [
    contacts,
    records,
    maintenance,
    transfer,
    interactions,
    today,
    outreach,
    paths,
    contacts_publish,
    server,
    team,
]
# Command groups of their own, added while they do not exist yet are skipped (see _optional).
OPTIONAL_COMMAND_MODULES = ["networkdesk.cli.calendar"]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's usage errors exit 2; keep the message short and say where to look.
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


@contextlib.contextmanager
def _translations_looked_up_once() -> Iterator[None]:
    # argparse passes each of its own strings through gettext, which searches the locale folders
    # on every call: the ~200 calls that build the parser cost more than the parser itself. The
    # answers do not change while it builds, so each string is looked up once.
    translate = argparse._  # type: ignore[attr-defined]
    argparse._ = functools.lru_cache(maxsize=None)(translate)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = translate  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    with _translations_looked_up_once():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="networkdesk",
        description="A job seeker's networking desk. With no command, opens the desktop app.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db", metavar="PATH", help="SQLite database file (default: per-user data folder)"
    )
    where.add_argument("--db-url", metavar="URL", help="any SQLAlchemy URL, e.g. postgresql://...")
    parser.add_argument("--version", action="version", version=f"networkdesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    for name in OPTIONAL_COMMAND_MODULES:
        optional = transfer._load(name)
        if optional is not None:
            optional.register(commands)  # type: ignore[attr-defined]
    return parser


def command_names(parser: argparse.ArgumentParser | None = None) -> set[str]:
    parser = parser or build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def one_line_message(exc: BaseException) -> str:
    """Errors are one line on stderr: driver messages (PostgreSQL's "connection refused" and
    its hint) span several. An error about input fields names them by their flags."""
    text = exc.phrase(CLI_FIELD_NAMES) if isinstance(exc, NetworkdeskError) else str(exc)
    return " ".join(text.split())


def _run_handler(args: argparse.Namespace, db: Database) -> int:
    """The command; run again when the server rolled it back for a concurrent writer
    (serialization failure, deadlock) before it committed anything."""
    from networkdesk.storage.database import RETRIES, is_retryable

    for attempt in range(RETRIES):
        try:
            return int(args.handler(args, db))
        except Exception as exc:
            if attempt == RETRIES - 1 or db.commits or not is_retryable(exc):
                raise
            import random
            import time

            time.sleep(0.02 * (2**attempt) * (1 + random.random()))
    raise AssertionError("unreachable")


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; expected errors become one line on stderr and exit code 1."""
    # Imported here, not at the top: the parser (`--help`) builds without SQLAlchemy.
    from networkdesk.storage.database import Database, make_engine, open_database
    from networkdesk.storage.paths import resolve_location

    try:
        # The team commands take --db-url after their name too (`server init --db-url URL`).
        location = resolve_location(args.db, getattr(args, "command_db_url", None) or args.db_url)
        if location.path is None:
            from networkdesk.services.server_login import with_saved_password

            # A server's password comes from the keyring (never from the URL).
            location = with_saved_password(location)
        if location.path is None and getattr(args, "file_database_only", False):
            from networkdesk.services.backing_up import SERVER_TOOLS

            # Said before connecting: the answer does not depend on the server being up.
            raise StorageError(SERVER_TOOLS.format(location.describe()))
        if getattr(args, "opens_database", True):
            db = open_database(location)
        else:
            db = Database(location, make_engine(location))
        try:
            return _run_handler(args, db)
        finally:
            db.close()
    except NetworkdeskError as exc:
        print(f"networkdesk: error: {one_line_message(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `networkdesk contact list | head`
        return 0
    except KeyboardInterrupt:
        print("networkdesk: interrupted; nothing was saved", file=sys.stderr)
        return 130
    except Exception as exc:  # a database error that is not the user's fault
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            orig = getattr(exc, "orig", None) or exc
            message = one_line_message(orig)
            print(f"networkdesk: database error: {message}; nothing was saved", file=sys.stderr)
            return 1
        raise
