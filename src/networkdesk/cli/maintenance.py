"""`backup`, `check`, `demo` and `settings` commands."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.cli.common import non_negative_int, print_json, print_line
from networkdesk.cli.lazy import LazyChoices, lazy_module
from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:  # imported at first use: the parser builds without SQLAlchemy (cli/lazy.py)
    from networkdesk.services import backing_up, database_contents, demo, demo_batches, settings
    from networkdesk.storage import checks
    from networkdesk.storage.database import Database
else:
    backing_up = lazy_module("networkdesk.services.backing_up")
    demo = lazy_module("networkdesk.services.demo")
    demo_batches = lazy_module("networkdesk.services.demo_batches")
    database_contents = lazy_module("networkdesk.services.database_contents")
    settings = lazy_module("networkdesk.services.settings")
    checks = lazy_module("networkdesk.storage.checks")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Sub) -> None:
    parser = commands.add_parser("backup", help="create, list and restore backups")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = sub.add_parser("create", help="back up now; prints the new backup's path")
    create.set_defaults(handler=cmd_backup_create, file_database_only=True)
    lst = sub.add_parser("list", help="one backup per line, its full path first")
    lst.set_defaults(handler=cmd_backup_list, file_database_only=True)
    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("path", type=Path)
    restore.set_defaults(handler=cmd_backup_restore, opens_database=False, file_database_only=True)

    check = commands.add_parser("check", help="run the integrity and schema checks")
    check.set_defaults(handler=cmd_check)

    demo_parser = commands.add_parser(
        "demo", help="fill an empty database with sample data (refuses one that holds data)"
    )
    demo_parser.add_argument("--contacts", type=non_negative_int, default=200)
    demo_parser.add_argument("--placed", type=non_negative_int, default=60)
    demo_parser.add_argument("--seed", type=int, default=7)
    demo_parser.set_defaults(handler=cmd_demo)

    settings_parser = commands.add_parser("settings", help="show or change preferences")
    settings_sub = settings_parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = settings_sub.add_parser("show", help="print all settings as JSON")
    show.set_defaults(handler=cmd_settings_show)
    set_cmd = settings_sub.add_parser("set", help="change a setting (value as JSON)")
    set_cmd.add_argument(
        "key",
        metavar="KEY",  # a metavar: argparse would list (and so load) the choices right away
        choices=LazyChoices(lambda: sorted(settings.DEFAULTS)),
        help="one of %(choices)s",
    )
    set_cmd.add_argument("value")
    set_cmd.set_defaults(handler=cmd_settings_set)


def cmd_backup_create(args: argparse.Namespace, db: Database) -> int:
    info = backing_up.create_backup(db, reason="manual")
    print(info.path)
    return 0


def cmd_backup_list(args: argparse.Namespace, db: Database) -> int:
    backing_up.require_file(db)
    for info in backing_up.list_backups(db):
        print(
            f"{info.path}\t{info.created.astimezone().isoformat(timespec='seconds')}\t"
            f"{info.size}\t{info.reason}"
        )
    return 0


def cmd_backup_restore(args: argparse.Namespace, db: Database) -> int:
    # A restored backup may be older than this version: its schema is brought up to date.
    safety = backing_up.restore_and_upgrade(db, args.path)
    if safety is not None:
        print_line(f"restored {args.path}; the database as it was is kept in {safety.path}")
    else:
        print_line(f"restored {args.path}")
    return 0


def cmd_check(args: argparse.Namespace, db: Database) -> int:
    report = checks.run_checks(db)
    for line in report.lines():
        print_line(line)
    if db.path is None:
        # The schema checks above ran; integrity and backups are the server's business.
        print_line("  " + backing_up.SERVER_TOOLS.format(db.location.describe()))
    return 0 if report.ok else 1


def cmd_demo(args: argparse.Namespace, db: Database) -> int:
    if args.placed > args.contacts:  # a usage error is reported before the database's state
        raise ValidationError(f"--placed {args.placed} is more than --contacts {args.contacts}")
    started = time.perf_counter()
    # In batches: other writers (a `contact add`, the window) wait a batch, not the whole run.
    # The database must be empty: checked inside the first batch's own transaction, so nothing
    # can slip in between the check and the write.
    summary = demo_batches.generate_in_batches(
        db,
        contacts=args.contacts,
        placed=args.placed,
        seed=args.seed,
        before=lambda session: database_contents.require_empty_for_demo(
            session, f"The database {db.location.describe()}"
        ),
    )
    print_line(
        f"added {summary.contacts} contacts ({summary.placed} on rings), {summary.companies} "
        f"companies, {summary.meetings} meetings, {summary.referrals} referrals, "
        f"{summary.followups} follow-ups in {time.perf_counter() - started:.1f} s"
    )
    return 0


def cmd_settings_show(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        print_json(settings.all_settings(session))
    return 0


def cmd_settings_set(args: argparse.Namespace, db: Database) -> int:
    import json  # here: the parser builds without it

    try:
        value = json.loads(args.value)
    except json.JSONDecodeError:
        raise ValidationError(
            f'value {args.value!r} is not JSON (e.g. 3 or \'["a","b"]\')'
        ) from None
    with db.transaction() as session:
        settings.set_value(session, args.key, value)
    return 0
