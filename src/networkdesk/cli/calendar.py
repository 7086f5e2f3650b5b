"""`calendar publish|clear-cancelled|forget-password`: CalDAV publishing from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from networkdesk.storage.database import Database

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Sub) -> None:
    parser = commands.add_parser("calendar", help="publish to a CalDAV calendar; cancellations")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    publish = sub.add_parser(
        "publish",
        help="sync meetings and follow-ups to a CalDAV calendar",
        description=(
            "Create, update and delete the events networkdesk published to a CalDAV calendar "
            "(Nextcloud, Fastmail, iCloud, Radicale...). Only what changed is sent; events "
            "networkdesk did not create are never touched. The password comes from "
            "--password-stdin (and is then saved in a secure keyring) or from the keyring."
        ),
    )
    publish.add_argument("--url", required=True, help="CalDAV server URL")
    publish.add_argument("--user", required=True, help="user name on the server")
    publish.add_argument("--calendar", required=True, help="calendar display name")
    publish.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    publish.add_argument(
        "--overwrite",
        action="store_true",
        help="replace events changed in another app since the last publish "
        "(without it they are reported and left alone)",
    )
    publish.set_defaults(handler=cmd_publish)

    clear = sub.add_parser(
        "clear-cancelled",
        help="forget deleted meetings and follow-ups (exports stop cancelling them)",
    )
    clear.set_defaults(handler=cmd_clear_cancelled)

    forget = sub.add_parser("forget-password", help="remove a saved password from the keyring")
    forget.add_argument("--url", required=True)
    forget.add_argument("--user", required=True)
    forget.set_defaults(handler=cmd_forget_password, opens_database=False)


def password_for(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, whether it came from stdin or --url). Never waits on a prompt without a
    terminal. A password written inside --url is taken out of it (it must never be stored) and
    treated like one piped on stdin: it goes to the keyring."""
    from networkdesk.services import publish_calendar

    in_url = _url_without_password(args)
    if in_url and args.password_stdin:
        raise ValidationError("--url holds a password and --password-stdin was given: give one")
    if in_url:
        return in_url, True
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password.removesuffix("\r")
        if not password:
            raise ValidationError("--password-stdin: standard input gave no password")
        return password, True
    saved = publish_calendar.saved_password(args.url, args.user)
    if saved:
        return saved, False
    reason = publish_calendar.keyring_problem()
    where = f"for {args.user} at {args.url}"
    if reason:
        raise ValidationError(
            f"no password {where}: {reason}, so none is saved; pipe it with --password-stdin"
        )
    raise ValidationError(f"no password saved {where}: pipe it once with --password-stdin")


def _url_without_password(args: argparse.Namespace) -> str | None:
    """Take credentials out of --url (they must never be stored); the password it held, if any."""
    from networkdesk.domain.credentials import split_credentials

    split = split_credentials(args.url)
    if split.user is None and split.password is None:
        return None
    if split.user is not None and split.user != args.user:
        raise ValidationError(
            f"--url names the user {split.user!r} but --user is {args.user!r}: "
            "give the URL without user or password"
        )
    args.url = split.url
    print(
        "networkdesk: the user and password were taken out of --url and are not stored; "
        "the password goes to the keyring (next time give the plain URL)",
        file=sys.stderr,
    )
    return split.password


def cmd_publish(args: argparse.Namespace, db: Database) -> int:
    # Imported here: caldav and icalendar are not needed to build every command's parser.
    from networkdesk.services import publish_calendar

    password, from_stdin = password_for(args)
    account = publish_calendar.CalendarAccount(args.url, args.user, args.calendar)

    def connected(saved: bool) -> None:
        # The server accepted the password: only now is it worth keeping.
        if not from_stdin:
            return
        if saved:
            print("password saved in the keyring for next time", file=sys.stderr)
        elif reason := publish_calendar.keyring_problem():
            print(f"password not saved: {reason}", file=sys.stderr)

    report = publish_calendar.publish_calendar(
        db,
        account,
        password,
        save_password=from_stdin,
        on_connected=connected,
        overwrite=args.overwrite,
    )
    print(report.summary().replace("publish with overwrite", "--overwrite"))
    for message in report.conflicts:
        print(f"changed elsewhere: {message}")
    for message in report.rejected:
        print(f"networkdesk: refused: {message}", file=sys.stderr)
    return 1 if report.rejected else 0


def cmd_clear_cancelled(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services import calendar_items

    with db.transaction() as session:
        count = calendar_items.clear_tombstones(session)
    print(f"cleared {count} cancelled events")
    return 0


def cmd_forget_password(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services import publish_calendar

    if publish_calendar.forget_password(args.url, args.user):
        print(f"forgot the password for {args.user} at {args.url}")
    else:
        print(f"no saved password for {args.user} at {args.url}")
    return 0
