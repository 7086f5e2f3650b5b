"""`contact duplicates [--json]`, `contact merge KEEP_ID OTHER_ID`, `contact changes [--json]
[--reviewed ID,... | --all-reviewed]`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from networkdesk.cli.common import id_arg, print_json, print_line
from networkdesk.cli.export_files import ids_arg
from networkdesk.domain.plural import count_of

if TYPE_CHECKING:
    from networkdesk.storage.database import Database


def register_contact_actions(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dup = sub.add_parser("duplicates", help="list likely duplicate contacts")
    dup.add_argument("--json", action="store_true")
    dup.set_defaults(handler=cmd_duplicates)
    merge = sub.add_parser(
        "merge", help="merge OTHER_ID into KEEP_ID (meetings, referrals, history move over)"
    )
    merge.add_argument("keep_id", type=id_arg, metavar="KEEP_ID")
    merge.add_argument("other_id", type=id_arg, metavar="OTHER_ID")
    merge.set_defaults(handler=cmd_merge)
    changes = sub.add_parser(
        "changes", help="job changes seen by imports, not yet reviewed (changed since last import)"
    )
    changes.add_argument("--json", action="store_true")
    which = changes.add_mutually_exclusive_group()
    which.add_argument("--reviewed", type=ids_arg, metavar="ID,...", help="mark these reviewed")
    which.add_argument("--all-reviewed", action="store_true", help="mark every change reviewed")
    changes.set_defaults(handler=cmd_changes)


def cmd_duplicates(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services import duplicates

    with db.reading() as session:
        groups = duplicates.find_duplicates(session)
    if args.json:
        print_json([group.as_dict() for group in groups])
        return 0
    if not groups:
        print_line("no likely duplicates")
        return 0
    for group in groups:
        people = ", ".join(f"#{i} {n}" for i, n in zip(group.ids, group.names, strict=True))
        print_line(f"{group.reason}: {people}")
    print_line("merge with `networkdesk contact merge KEEP_ID OTHER_ID`")
    return 0


def cmd_merge(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services import merging

    with db.transaction() as session:
        result = merging.merge(session, args.keep_id, args.other_id)
    text = (
        f"merged #{result.removed_id} into #{result.kept_id}: {result.meetings} meetings, "
        f"{result.followups} follow-ups, {result.referrals} referrals moved"
    )
    if result.kept_other_values:
        text += f"; {result.kept_other_values} differing values kept in the contact's history"
    print_line(text)
    return 0


def cmd_changes(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services import importing

    if args.reviewed is not None or args.all_reviewed:
        with db.transaction() as session:
            count = importing.mark_reviewed(session, None if args.all_reviewed else args.reviewed)
        print_line(f"marked {count_of(count, 'change')} reviewed")
        return 0
    with db.reading() as session:
        pending = importing.pending_changes(session)
    if args.json:
        print_json(pending)
        return 0
    if not pending:
        print_line("no changes waiting for review")
        return 0
    for change in pending:
        print_line(
            f"{change['id']}: #{change['contact_id']} {change['contact']}: {change['field']} "
            f"{change['old'] or '-'} -> {change['new'] or '-'} ({change['source']})"
        )
    print_line("mark them reviewed with `networkdesk contact changes --reviewed ID,...`")
    return 0
