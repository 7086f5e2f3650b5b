"""`today`: the day at a moment — meetings, thank-yous, follow-ups, outreach, keep-in-touch."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TypeAlias

from networkdesk.cli.common import print_json, print_line, when_arg
from networkdesk.cli.lazy import lazy_module

if TYPE_CHECKING:  # imported at first use: the parser builds without SQLAlchemy (cli/lazy.py)
    from sqlalchemy.orm import Session

    from networkdesk.services import today
    from networkdesk.storage.database import Database
else:
    today = lazy_module("networkdesk.services.today")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

SUGGESTIONS = {
    "try_another_contact": "no reply yet: write to someone else at the company",
    "follow_up_once": "no reply yet: follow up once",
}


def register(commands: Sub) -> None:
    parser = commands.add_parser("today", help="what to do today")
    parser.add_argument(
        "--at", type=when_arg, help="the moment to look at (ISO; default: now) - reproducible"
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=cmd_today)


def cmd_today(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        day = today.day_at(session, args.at)
        data = today.day_json(day)
        if args.json:
            print_json(data)
            return 0
        names = _names(session, data)
        missing = {
            mid: ready.missing() for mid, ready in today.star_readiness_for(session, day).items()
        }
    print_day(data, names, missing)
    return 0


def _names(session: Session, data: dict[str, Any]) -> dict[int, str]:
    ids: set[int] = set()
    for items in data.values():
        if isinstance(items, list):
            for item in items:
                ids.add(item["contact_id"])
                ids.update(item.get("candidates", []))
    return today.contact_names(session, ids)


def print_day(data: dict[str, Any], names: dict[int, str], not_ready: dict[int, list[str]]) -> None:
    """The plain-text day; `not_ready` lists what is still to do before meetings with a
    bull's-eye contact (by meeting id)."""

    def who(contact_id: int) -> str:
        return f"{names.get(contact_id, '?')} (#{contact_id})"

    practice = data["practice"]
    print_line(f"Today, {data['at']}")
    print_line(f"Practice meetings: {practice['held']} of {practice['needed']} held")
    sections: list[tuple[str, list[str]]] = [
        (
            "Meetings in the next 7 days",
            [
                f"{m['at']}  {who(m['contact_id'])}  preparation {m['prep_done']}/{m['prep_total']}"
                + (
                    "; before this star: " + "; ".join(not_ready[m["meeting_id"]])
                    if not_ready.get(m["meeting_id"])
                    else ""
                )
                for m in data["meetings_upcoming"]
            ],
        ),
        (
            "Meetings to log",
            [f"{m['at']}  {who(m['contact_id'])}" for m in data["meetings_to_log"]],
        ),
        (
            "Thank-you notes to send",
            [f"by {t['due']}  {who(t['contact_id'])}" for t in data["thank_yous_due"]],
        ),
        (
            "Follow-ups due",
            [
                f"{f['due']}  {who(f['contact_id'])}" + ("  OVERDUE" if f["overdue"] else "")
                for f in data["followups_due"]
            ],
        ),
        (
            "Outreach",
            [
                f"{who(o['contact_id'])}, written {o['sent_at']} ({o['business_days']} business "
                f"days): {SUGGESTIONS[o['suggest']]}"
                + ("; try " + ", ".join(who(c) for c in o["candidates"]) if o["candidates"] else "")
                for o in data["outreach"]
            ],
        ),
        (
            "Keep in touch",
            [
                f"{who(k['contact_id'])}, last touch {k['last_touch']}"
                + ("  OVERDUE" if k["overdue"] else f", due {k['due']}")
                for k in data["keep_in_touch"]
            ],
        ),
    ]
    for title, lines in sections:
        print_line("")
        print_line(f"{title}: {len(lines) or 'none'}")
        for line in lines:
            print_line(f"  {line}")
