"""`export vcard --out FILE [--ids ID,...]`, `export csv --out FILE`, `export json --out FILE`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from networkdesk.cli.common import id_arg, print_line
from networkdesk.domain.plural import count_of

if TYPE_CHECKING:
    from networkdesk.storage.database import Database


def ids_arg(text: str) -> list[int]:
    """`3,5,8` -> [3, 5, 8] (each checked as an id)."""
    return [id_arg(part.strip()) for part in text.split(",") if part.strip()]


def register_export(formats: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    card = formats.add_parser("vcard", help="contacts as vCard 3.0 (Apple, Google, Thunderbird)")
    card.add_argument("--out", required=True, metavar="FILE")
    card.add_argument("--ids", type=ids_arg, metavar="ID,...", help="only these contacts")
    card.set_defaults(handler=cmd_export_vcard)
    sheet = formats.add_parser("csv", help="contacts as a spreadsheet (one row per contact)")
    sheet.add_argument("--out", required=True, metavar="FILE")
    sheet.set_defaults(handler=cmd_export_csv)
    everything = formats.add_parser("json", help="a complete archive of all data")
    everything.add_argument("--out", required=True, metavar="FILE")
    everything.set_defaults(handler=cmd_export_json)


def cmd_export_vcard(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services.export_files import ExportFormat, export_file

    outcome = export_file(db, ExportFormat.VCARD, args.out, contact_ids=args.ids)
    print_line(f"exported {count_of(outcome.contacts, 'contact')} to {args.out}")
    return 0


def cmd_export_csv(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services.export_files import ExportFormat, export_file

    outcome = export_file(db, ExportFormat.CSV, args.out)
    print_line(f"exported {count_of(outcome.contacts, 'contact')} to {args.out}")
    return 0


def cmd_export_json(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.services.export_files import ExportFormat, export_file

    outcome = export_file(db, ExportFormat.JSON, args.out)
    print_line(f"exported {outcome.rows} rows of {outcome.tables} tables to {args.out}")
    return 0
