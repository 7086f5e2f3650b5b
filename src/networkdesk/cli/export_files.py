"""`export vcard --out FILE [--ids ID,...]`, `export csv --out FILE`, `export json --out FILE`."""

from __future__ import annotations

import argparse

from networkdesk.cli.common import id_arg, print_line
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
    from networkdesk.interchange import vcard
    from networkdesk.services import exporting

    with db.reading() as session:
        cards = exporting.vcard_cards(session, args.ids)
    count = vcard.write(args.out, cards)
    print_line(f"exported {count} contacts to {args.out}")
    return 0


def cmd_export_csv(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.interchange import csv_export
    from networkdesk.services import exporting

    with db.reading() as session:
        rows = exporting.csv_rows(session)
    csv_export.write(args.out, exporting.CSV_HEADERS, rows)
    print_line(f"exported {len(rows)} contacts to {args.out}")
    return 0


def cmd_export_json(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.interchange import json_archive
    from networkdesk.services import archive

    with db.reading() as session:
        data = archive.export_archive(session)
    json_archive.write(args.out, data)
    total = sum(len(rows) for rows in data["tables"].values())
    print_line(f"exported {total} rows of {len(data['tables'])} tables to {args.out}")
    return 0
