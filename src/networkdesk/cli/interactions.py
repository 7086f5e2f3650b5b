"""`interaction ...` commands: e-mails, calls, messages and chats with a contact."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TypeAlias

from networkdesk.cli.common import id_arg, one_line, print_json, table, when_arg
from networkdesk.cli.lazy import LazyChoices, lazy_module
from networkdesk.cli.records import add_if_version
from networkdesk.domain.enums import parse_enum

if TYPE_CHECKING:  # imported at first use: the parser builds without SQLAlchemy (cli/lazy.py)
    from networkdesk.domain.touches import Direction, InteractionKind
    from networkdesk.services import interactions, versions
    from networkdesk.storage.database import Database
else:
    interactions = lazy_module("networkdesk.services.interactions")
    versions = lazy_module("networkdesk.services.versions")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

# domain.touches (with dataclasses and inspect) is imported when a kind is read or listed, not
# while the parser builds: `--help` stays fast.


def _kinds() -> list[str]:
    from networkdesk.domain.touches import InteractionKind

    return [k.value for k in InteractionKind]


def kind_arg(text: str) -> InteractionKind:
    from networkdesk.domain.touches import InteractionKind

    return parse_enum(InteractionKind, text, "interaction kind")


def direction_arg(text: str) -> Direction:
    from networkdesk.domain.touches import Direction

    return parse_enum(Direction, text, "direction")


def _kind_options() -> dict[str, Any]:
    # A metavar, or argparse would list (and so load) the choices at once; kind_arg has already
    # refused anything else with its own message, the choices are for the help.
    return {
        "type": kind_arg,
        "metavar": "KIND",
        "choices": LazyChoices(_kinds),
        "help": "%(choices)s",
    }


def register(commands: Sub) -> None:
    parser = commands.add_parser(
        "interaction", help="e-mails, calls, messages and chats, sent (out) or received (in)"
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="record an interaction; prints its id")
    add.add_argument("contact_id", type=id_arg)
    add.add_argument("--kind", required=True, **_kind_options())
    add.add_argument(
        "--direction", type=direction_arg, required=True, help="out (you wrote) or in (a reply)"
    )
    add.add_argument("--at", type=when_arg, help="ISO time; no offset = local (default: now)")
    add.add_argument("--note")
    add.set_defaults(handler=cmd_add)

    lst = sub.add_parser("list", help="list interactions, oldest first")
    lst.add_argument("--contact", type=id_arg)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    edit = sub.add_parser("edit", help="change an interaction")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--kind", **_kind_options())
    edit.add_argument("--direction", type=direction_arg, help="out|in")
    edit.add_argument("--at", type=when_arg)
    edit.add_argument("--note")
    add_if_version(edit)
    edit.set_defaults(handler=cmd_edit)

    delete = sub.add_parser("delete", help="delete an interaction")
    delete.add_argument("id", type=id_arg)
    delete.set_defaults(handler=cmd_delete)


def cmd_add(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        written = interactions.add(
            session,
            args.contact_id,
            kind=args.kind,
            direction=args.direction,
            at=args.at,
            note=args.note,
        )
    print(written.interaction_id)
    return 0


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        found = interactions.list_interactions(session, contact_id=args.contact)
        data = [interactions.as_dict(row) for row in found]
        names = {row.id: row.contact.name for row in found}
    if args.json:
        print_json(data)
        return 0
    table(
        [
            [
                str(d["id"]),
                d["at"] or "",
                d["direction"],
                d["kind"],
                names[d["id"]],
                one_line(d["note"], 40),
            ]
            for d in data
        ],
        ["ID", "AT", "DIR", "KIND", "CONTACT", "NOTE"],
    )
    return 0


def cmd_edit(args: argparse.Namespace, db: Database) -> int:
    changes: dict[str, Any] = {}
    for key in ("kind", "direction", "at", "note"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    from networkdesk.domain.models import Interaction

    with db.transaction() as session:
        if args.if_version is not None:
            versions.require_version(session, Interaction, args.id, args.if_version, "interaction")
        interactions.edit(session, args.id, **changes)
    return 0


def cmd_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        interactions.delete(session, args.id)
    return 0
