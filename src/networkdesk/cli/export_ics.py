"""`export ics --out FILE [--from DATE] [--to DATE] [--include-done]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.cli.common import date_arg

if TYPE_CHECKING:
    from networkdesk.storage.database import Database

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register_export(formats: Sub) -> None:
    parser = formats.add_parser(
        "ics",
        help="meetings and open follow-ups as an iCalendar (.ics) file with reminders",
        description=(
            "Write meetings and open follow-ups (all, or those in a range of local dates) as an "
            "iCalendar file any calendar app can import. Each item keeps its UID, so importing "
            "a newer export updates events instead of duplicating them; deleted items are "
            "exported as cancelled until cleared with `calendar clear-cancelled`."
        ),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write")
    parser.add_argument(
        "--from", dest="first", type=date_arg, metavar="DATE", help="first local day (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--to", dest="last", type=date_arg, metavar="DATE", help="last local day, inclusive"
    )
    parser.add_argument(
        "--include-done", action="store_true", help="also export follow-ups marked done"
    )
    parser.set_defaults(handler=cmd_export_ics)


def cmd_export_ics(args: argparse.Namespace, db: Database) -> int:
    # Imported here: icalendar is not needed to build the parser of every other command.
    from networkdesk.services.export_files import ExportRange, export_calendar_file

    period = ExportRange(args.first, args.last)
    out = Path(args.out)
    result = export_calendar_file(db, out, period, include_done=args.include_done)
    print(
        f"wrote {result.events} events to {out}: {result.meetings} meetings, "
        f"{result.followups} follow-ups, {result.cancelled} cancelled",
        file=sys.stderr,
    )
    return 0
