"""`import linkedin|vcard FILE [--ring R] [--dry-run]` and `import json FILE`.

`import linkedin` takes a Connections.csv, or the whole export: its zip or the folder it unpacks
to (connections, messages, invitations, followed companies in one step)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from networkdesk.cli.common import print_json, print_line, print_lines, ring_or_inbox_arg
from networkdesk.domain.plural import count_of

if TYPE_CHECKING:
    from networkdesk.services.import_file import ImportPlan
    from networkdesk.services.importing import archive_import
    from networkdesk.storage.database import Database

# The import use case is imported by the handlers: `networkdesk contact list` and every other
# command start without loading the parsers (or rapidfuzz).


def register_import(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    helps = {
        "linkedin": "LinkedIn export: Connections.csv, or the whole archive (zip or folder)",
        "vcard": "vCard file (.vcf) from a phone or address book",
        "csv": "contacts CSV: Google Contacts, Outlook, or any CSV with --map",
    }
    for name, text in helps.items():
        parser = formats.add_parser(name, help=text)
        parser.add_argument("file")
        parser.add_argument(
            "--ring",
            type=ring_or_inbox_arg,
            help="place new contacts on this ring (0-3 or a name); default: the inbox",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would happen; write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print the plan as JSON")
        if name == "csv":
            parser.add_argument(
                "--map",
                action="append",
                default=[],
                metavar="COLUMN=FIELD",
                help="read this column as this field (repeat; columns not mapped are "
                "ignored): name, first name, middle name, last name, name suffix, company, "
                "title, email, phone, linkedin, location, notes, tags, referred by, ignore",
            )
        if name == "linkedin":
            parser.add_argument(
                "--targets-from-follows",
                action="store_true",
                help="archive: mark the companies you follow as target companies",
            )
            parser.add_argument(
                "--me",
                metavar="NAME",
                help="archive: your name as LinkedIn shows it, when it has no Profile.csv "
                "(tells sent messages from received)",
            )
        parser.set_defaults(handler=cmd_import_people, import_format=name)
    archive_parser = formats.add_parser(
        "json", help="a complete networkdesk JSON archive, into an empty database"
    )
    archive_parser.add_argument("file")
    archive_parser.set_defaults(handler=cmd_import_archive)


def _print_plan(plan: ImportPlan, *, all_rows: bool, warnings: bool = True) -> None:
    from networkdesk.services import importing

    lines = [f"warning {warning}" for warning in (plan.warnings if warnings else [])]
    skipped, duplicate = importing.SKIPPED, importing.DUPLICATE  # looked up once, not per row
    for row in plan.rows:
        if row.action == skipped:
            lines.append(f"skipped {row.where}: {row.reason}")
        elif all_rows or row.action == duplicate or row.changes:
            detail = f" - {row.reason}" if row.reason else ""
            lines.append(f"{row.action:<9} {row.where}: {row.name}{detail}")
    print_lines(lines)  # a 30,000-row import prints thousands of lines


def cmd_import_people(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services import import_file, importing

    if args.import_format == "linkedin" and import_file.is_archive(args.file):
        return _import_archive(args, db)
    mapping = None
    if getattr(args, "map", None):
        from networkdesk.services.import_file import column_mapping

        mapping = column_mapping(args.map)
    parsed = import_file.read_file(args.file, args.import_format, mapping=mapping)
    if args.dry_run:
        plan = import_file.plan(db, parsed, ring=args.ring)
        if args.json:
            print_json({"dry_run": True, **_plan_json(plan)})
            return 0
        print_line(f"dry run, nothing written: would have {plan.summary()}")
        _print_plan(plan, all_rows=True)
        return 0
    outcome = import_file.apply(db, parsed, ring=args.ring)
    plan = outcome.plan
    if args.json:
        print_json(
            {"dry_run": False, **_plan_json(plan), "created_ids": outcome.created_contact_ids}
        )
        return 0
    print_line(plan.summary())
    if plan.unchanged and not plan.updated and not plan.created:
        print_line(f"nothing changed: the {plan.unchanged} matching contacts already have it all")
    _print_plan(plan, all_rows=False)
    if plan.job_changes:
        print_line(
            f"{count_of(plan.job_changes, 'contact')} changed since the last import; "
            "review them with "
            "`networkdesk contact changes`"
        )
    if plan.count(importing.DUPLICATE):
        print_line("check likely duplicates with `networkdesk contact duplicates`")
    return 0


def _plan_json(plan: ImportPlan) -> dict[str, object]:
    return {
        "file": plan.path,
        "created": plan.created,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "skipped": plan.skipped,
        "warnings": plan.warnings,
        "rows": [row.as_dict() for row in plan.rows],
    }


def cmd_import_archive(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services.import_file import import_archive_file

    counts = import_archive_file(db, args.file)
    parts = [f"{n} {name}" for name, n in counts.items() if n]
    print_line("imported " + (", ".join(parts) if parts else "an empty archive"))
    return 0


def _import_archive(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services.importing import archive_import

    archive = archive_import.read(args.file, owner_name=args.me)
    options = {"ring": args.ring, "targets_from_follows": args.targets_from_follows}
    if args.dry_run:
        outcome = archive_import.preview(db, archive, **options)
    else:
        outcome = archive_import.apply(db, archive, **options)
    if args.json:
        print_json({"dry_run": args.dry_run, **_archive_json(outcome)})
        return 0
    if args.dry_run:
        print_line("dry run, nothing written: the import would do this")
    for warning in outcome.warnings:
        print_line(f"warning {warning}")
    for line in outcome.summary_lines():
        print_line(line)
    if outcome.contacts is not None:
        _print_plan(outcome.contacts.plan, all_rows=args.dry_run, warnings=False)
    return 0


def _archive_json(outcome: archive_import.ArchiveOutcome) -> dict[str, object]:
    touches = outcome.touches
    marked = outcome.targets_marked
    return {
        "file": outcome.archive.path,
        "files_read": outcome.archive.members,
        "warnings": outcome.warnings,
        "connections": _plan_json(outcome.contacts.plan) if outcome.contacts else None,
        "created_ids": outcome.contacts.created_contact_ids if outcome.contacts else [],
        "interactions": {
            "new": len(touches.new),
            "sent": touches.sent,
            "received": touches.received,
            "already_recorded": touches.already_there,
            "not_contacts": touches.unmatched,
            "ambiguous": touches.ambiguous,
            "created_ids": outcome.written.interaction_ids,
        },
        "target_candidates": outcome.targets.candidates,
        "targets_marked": (
            len(marked.marked_company_ids) + len(marked.created_company_ids) if marked else 0
        ),
        "nothing_changed": outcome.nothing_changed,
    }
