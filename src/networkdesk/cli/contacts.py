"""`contact ...` commands."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from networkdesk.cli.common import (
    id_arg,
    one_line,
    print_json,
    print_json_rows,
    print_line,
    ring_arg,
    ring_or_inbox_arg,
    table,
)
from networkdesk.cli.lazy import lazy_function, lazy_module
from networkdesk.cli.records import add_if_version, edit_if_version
from networkdesk.domain.enums import RING_LABELS, Ring, Stage, parse_enum
from networkdesk.domain.fields import UNSET

if TYPE_CHECKING:  # imported at first use: the parser builds without SQLAlchemy (cli/lazy.py)
    from networkdesk.cli import serialize
    from networkdesk.domain.fields import ContactFields, given
    from networkdesk.domain.responsiveness import Responsiveness
    from networkdesk.services import contacts, interactions
    from networkdesk.services.records.adding import add_contact
    from networkdesk.services.records.rows import apply_fields
    from networkdesk.storage.database import Database
else:
    serialize = lazy_module("networkdesk.cli.serialize")
    ContactFields = lazy_function("networkdesk.domain.fields", "ContactFields")
    given = lazy_function("networkdesk.domain.fields", "given")
    contacts = lazy_module("networkdesk.services.contacts")
    interactions = lazy_module("networkdesk.services.interactions")
    add_contact = lazy_function("networkdesk.services.records.adding", "add_contact")
    apply_fields = lazy_function("networkdesk.services.records.rows", "apply_fields")


def stage_arg(text: str) -> Stage:
    return parse_enum(Stage, text, "stage")


def responsiveness_arg(text: str) -> Responsiveness:
    from networkdesk.domain.responsiveness import parse_responsiveness

    return parse_responsiveness(text)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("contact", help="add, list, show, edit, move and delete contacts")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = sub.add_parser("add", help="add a contact; prints its id")
    add.add_argument("name")
    add.add_argument("--company")
    add.add_argument("--title")
    add.add_argument("--email", action="append", default=[])
    add.add_argument("--phone", action="append", default=[])
    add.add_argument("--linkedin")
    add.add_argument("--ring", type=ring_arg)
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--notes")
    add.add_argument("--location")
    add.add_argument("--how-met")
    add.add_argument("--stage", type=stage_arg)
    add.set_defaults(handler=cmd_add)

    lst = sub.add_parser("list", help="list contacts")
    where = lst.add_mutually_exclusive_group()
    where.add_argument("--ring", type=ring_arg)
    where.add_argument("--inbox", action="store_true", help="only contacts not placed on a ring")
    lst.add_argument("--search", help="case- and accent-insensitive text search")
    lst.add_argument("--stage", type=stage_arg)
    lst.add_argument("--tag")
    lst.add_argument("--targets", action="store_true", help="only contacts at target companies")
    lst.add_argument(
        "--responsiveness",
        type=responsiveness_arg,
        help="booster|obligate|curmudgeon (measured from the touches)",
    )
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", help="show one contact")
    show.add_argument("id", type=id_arg)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    edit = sub.add_parser("edit", help="change a contact's fields")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--name")
    edit.add_argument("--company", help='company name; "" removes it')
    edit.add_argument("--title")
    edit.add_argument("--notes")
    edit.add_argument("--linkedin")
    edit.add_argument("--location")
    edit.add_argument("--how-met")
    edit.add_argument("--stage", type=stage_arg)
    edit.add_argument("--email", action="append", help="replaces all e-mails (repeat for several)")
    edit.add_argument("--phone", action="append", help="replaces all phones (repeat for several)")
    edit.add_argument("--tag", action="append", help="replaces all tags (repeat for several)")
    add_if_version(edit, "contact show --json")
    edit.set_defaults(handler=cmd_edit)

    move = sub.add_parser("move", help="move a contact to a ring, or back to the inbox")
    move.add_argument("id", type=id_arg)
    move.add_argument(
        "--ring",
        type=ring_or_inbox_arg,
        required=True,
        help="0-3, bullseye|inner|middle|outer, or inbox",
    )
    move.set_defaults(handler=cmd_move)

    delete = sub.add_parser("delete", help="delete a contact and what belongs only to it")
    delete.add_argument("id", type=id_arg)
    delete.set_defaults(handler=cmd_delete)

    # More contact actions (duplicates, merge) live in their own module when it exists.
    from networkdesk.cli.transfer import _load

    extra = _load("networkdesk.cli.contact_duplicates")
    if extra is not None:
        extra.register_contact_actions(sub)  # type: ignore[attr-defined]

    history = sub.add_parser("history", help="a contact's journey between rings")
    history.add_argument("id", type=id_arg)
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=cmd_history)


def cmd_add(args: argparse.Namespace, db: Database) -> int:
    fields = ContactFields(
        name=args.name,
        company=args.company,
        title=args.title,
        emails=tuple(args.email),
        phones=tuple(args.phone),
        linkedin=args.linkedin,
        tag_names=tuple(args.tag),
        notes=args.notes,
        location=args.location,
        how_met=args.how_met,
        stage=args.stage or Stage.IDENTIFIED,
    )
    with db.transaction() as session:
        new_id = add_contact(session, fields, args.ring).row_id
    print(new_id)
    return 0


def cmd_list(args: argparse.Namespace, db: Database) -> int:
    flt = contacts.ContactFilter(
        ring=None if args.ring is None else int(args.ring),
        inbox=args.inbox,
        search=args.search,
        stage=args.stage,
        tag=args.tag,
        target_only=args.targets,
    )
    with db.reading() as session:
        # Rows of SUMMARY_KEYS' values: --json writes them as they are (no dict per contact).
        values = contacts.summary_rows(session, flt)
        if args.responsiveness is not None:
            measured = interactions.responsiveness_by_contact(session)
            values = [v for v in values if measured.get(v[0]) is args.responsiveness]
    if args.json:
        print_json_rows(contacts.SUMMARY_KEYS, values)
        return 0
    rows = [dict(zip(contacts.SUMMARY_KEYS, v, strict=True)) for v in values]
    table(
        [
            [
                str(r["id"]),
                r["name"],
                r["company"] or "",
                r["title"] or "",
                RING_LABELS[Ring(r["ring"])] if r["ring"] is not None else "inbox",
                Stage(r["stage"]).label,
            ]
            for r in rows
        ],
        ["ID", "NAME", "COMPANY", "TITLE", "RING", "STAGE"],
    )
    return 0


def cmd_show(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        contact = contacts.get(session, args.id)
        data = serialize.contact_detail(contact)
        data.update(interactions.contact_extras(session, args.id))
    if args.json:
        print_json(data)
        return 0
    ring = "inbox" if data["ring"] is None else RING_LABELS[Ring(data["ring"])]
    print_line(f"{data['name']}  (id {data['id']})")
    for label, key in (
        ("Company", "company"),
        ("Title", "title"),
        ("LinkedIn", "linkedin"),
        ("Location", "location"),
        ("How we met", "how_met"),
    ):
        if data[key]:
            print_line(f"  {label}: {one_line(data[key], 200)}")
    print_line(f"  Ring: {ring}   Stage: {Stage(data['stage']).label}")
    for email in data["emails"]:
        print_line(f"  E-mail: {email}")
    for phone in data["phones"]:
        print_line(f"  Phone: {phone}")
    if data["tags"]:
        print_line(f"  Tags: {', '.join(data['tags'])}")
    if data["notes"]:
        print_line(f"  Notes: {one_line(data['notes'], 200)}")
    for meeting in data["meetings"]:
        print_line(
            f"  Meeting {meeting['id']}: {meeting['at']} "
            f"({meeting['minutes']} min, {meeting['kind']})"
        )
    for followup in data["followups"]:
        state = "done" if followup["done"] else "open"
        print_line(f"  Follow-up {followup['id']}: {followup['due']} {followup['title']} [{state}]")
    for item in data["interactions"]:
        print_line(
            f"  Interaction {item['id']}: {item['at']} {item['kind']} {item['direction']}"
            + (f" {one_line(item['note'], 80)}" if item["note"] else "")
        )
    if data["responsiveness"]:
        print_line(f"  Responsiveness: {data['responsiveness']}")
    return 0


def cmd_edit(args: argparse.Namespace, db: Database) -> int:

    fields = ContactFields(
        name=given(args.name),
        title=given(args.title),
        notes=given(args.notes),
        linkedin=given(args.linkedin),
        location=given(args.location),
        how_met=given(args.how_met),
        stage=given(args.stage),
        company=UNSET if args.company is None else (args.company or None),
        emails=UNSET if args.email is None else tuple(args.email),
        phones=UNSET if args.phone is None else tuple(args.phone),
        tag_names=UNSET if args.tag is None else tuple(args.tag),
    )
    from networkdesk.domain.models import Contact

    edit_if_version(db, args, Contact, fields, "contact")
    return 0


def cmd_move(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        contacts.move(session, args.id, args.ring)
    return 0


def cmd_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        contacts.delete(session, args.id)
    return 0


def cmd_history(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        moves = [serialize.ring_move_dict(m) for m in contacts.ring_history(session, args.id)]
    if args.json:
        print_json(moves)
        return 0

    def label(ring: int | None) -> str:
        return "inbox" if ring is None else RING_LABELS[Ring(ring)]

    for move in moves:
        print_line(f"{move['at']}  {label(move['from_ring'])} -> {label(move['to_ring'])}")
    return 0
