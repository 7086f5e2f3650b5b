"""`outreach check`: which of the short-e-mail rules a draft breaks (read from stdin)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.cli.common import print_json, print_line
from networkdesk.cli.lazy import lazy_function

if TYPE_CHECKING:
    from networkdesk.domain.email_rules import check_draft
    from networkdesk.storage.database import Database
else:  # imported at first use: the parser builds without it (cli/lazy.py)
    check_draft = lazy_function("networkdesk.domain.email_rules", "check_draft")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Sub) -> None:
    parser = commands.add_parser("outreach", help="outreach e-mail drafts")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = sub.add_parser(
        "check",
        help="read a draft on standard input and print the rules it breaks (exit 0 either way)",
    )
    check.add_argument(
        "--connection", metavar="NAME", help="who suggested writing: the first sentence names them"
    )
    check.add_argument("--json", action="store_true", help="a list of rule names")
    check.set_defaults(handler=cmd_check, opens_database=False)


def cmd_check(args: argparse.Namespace, db: Database) -> int:
    report = check_draft(sys.stdin.read(), connection=args.connection)
    if args.json:
        print_json(list(report.broken))
        return 0
    if report.ok:
        print_line(f"ok: {report.words} words, follows every rule")
        return 0
    for name, message in zip(report.broken, report.messages(), strict=True):
        print_line(f"{name}: {message}")
    return 0
