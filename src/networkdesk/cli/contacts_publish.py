"""`contacts publish`: the contacts (all, or a tag / ring) to a CardDAV address book."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.cli.common import ring_arg

if TYPE_CHECKING:
    from networkdesk.storage.database import Database

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Sub) -> None:
    parser = commands.add_parser("contacts", help="publish contacts to a CardDAV address book")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    publish = sub.add_parser(
        "publish",
        help="sync contacts to a CardDAV address book (your phone's contacts)",
        description=(
            "Create, update and delete the cards networkdesk published to a CardDAV address "
            "book (Nextcloud, Fastmail, iCloud, Radicale...), by UID: only what changed is "
            "sent, cards made by other apps are never touched. The password comes from "
            "--password-stdin (and is then saved in a secure keyring) or from the keyring."
        ),
    )
    publish.add_argument("--url", required=True, help="CardDAV server URL")
    publish.add_argument("--user", required=True, help="user name on the server")
    publish.add_argument("--addressbook", required=True, help="address book display name")
    publish.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    publish.add_argument("--tag", help="only the contacts with this tag")
    publish.add_argument("--ring", type=ring_arg, help="only the contacts on this ring (0-3)")
    publish.add_argument(
        "--overwrite",
        action="store_true",
        help="replace cards changed in another app since the last publish "
        "(without it they are reported and left alone)",
    )
    publish.set_defaults(handler=cmd_publish)


def cmd_publish(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.cli.calendar import password_for
    from networkdesk.services import publish_calendar, publish_contacts

    password, from_stdin = password_for(args)
    account = publish_contacts.AddressBookAccount(args.url, args.user, args.addressbook)
    selection = publish_contacts.Selection(tag=args.tag, ring=args.ring)

    def connected(saved: bool) -> None:
        if not from_stdin:
            return
        if saved:
            print("password saved in the keyring for next time", file=sys.stderr)
        elif reason := publish_calendar.keyring_problem():
            print(f"password not saved: {reason}", file=sys.stderr)

    report = publish_contacts.publish_contacts(
        db,
        account,
        password,
        save_password=from_stdin,
        selection=selection,
        on_connected=connected,
        overwrite=args.overwrite,
    )
    print(
        f"{selection.describe()}: "
        + report.summary().replace("publish with overwrite", "--overwrite")
    )
    for message in report.conflicts:
        print(f"changed elsewhere: {message}")
    for message in report.rejected:
        print(f"networkdesk: refused: {message}", file=sys.stderr)
    return 1 if report.rejected else 0
