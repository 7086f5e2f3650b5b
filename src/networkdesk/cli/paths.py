"""`path` and `funnel`: the warm path to a contact, and the networking funnel."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.cli.common import id_arg, print_json, print_line, table
from networkdesk.cli.lazy import lazy_module
from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.funnel import STEP_LABELS, STEPS, FunnelCounts

if TYPE_CHECKING:  # imported at first use: the parser builds without SQLAlchemy (cli/lazy.py)
    from networkdesk.services import progress, warm_path
    from networkdesk.storage.database import Database
else:
    progress = lazy_module("networkdesk.services.progress")
    warm_path = lazy_module("networkdesk.services.warm_path")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Sub) -> None:
    path = commands.add_parser(
        "path", help="the warm path to a contact: who to ask to introduce you, in order"
    )
    path.add_argument("contact_id", type=id_arg)
    path.add_argument("--json", action="store_true")
    path.set_defaults(handler=cmd_path)

    funnel = commands.add_parser(
        "funnel", help="identified, contacted, met, referred on: overall, per ring, per source"
    )
    funnel.add_argument("--json", action="store_true")
    funnel.set_defaults(handler=cmd_funnel)


def cmd_path(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        answer = warm_path.find(session, args.contact_id)
    if args.json:
        print_json(warm_path.path_json(answer))
        return 0
    print_line(answer.summary)
    for number, step in enumerate(answer.steps, start=1):
        print_line(f"  {number}. {step.text}")
    for person in answer.suggestions:
        ring = "inbox" if person.ring is None else RING_LABELS[Ring(person.ring)]
        print_line(f"  - {person.name} (#{person.contact_id}, {ring})")
    return 0


def cmd_funnel(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        result = progress.funnel_at(session)
    if args.json:
        print_json(progress.funnel_json(result))
        return 0

    def row(name: str, counts: FunnelCounts) -> list[str]:
        return [name, *(str(n) for n in counts.values())]

    headers = ["", *(STEP_LABELS[step].upper() for step in STEPS)]
    rows = [row("Overall", result.overall)]
    rows += [row(RING_LABELS[Ring(r)], counts) for r, counts in result.by_ring.items()]
    rows += [row(f"Source: {source}", counts) for source, counts in result.by_source.items()]
    table(rows, headers)
    return 0
