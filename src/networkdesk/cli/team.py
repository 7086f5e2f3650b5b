"""`share --with COACH [--stop]` and `coach pipelines [--json]`: a person shares their pipeline
on a team database; a coach reads the pipelines shared with them (never notes, never writes)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TypeAlias

from networkdesk.cli.common import one_line, print_json, print_line
from networkdesk.cli.server import add_db_url
from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from networkdesk.services import coach_view, sharing
    from networkdesk.storage.database import Database
else:
    from networkdesk.cli.lazy import lazy_module

    coach_view = lazy_module("networkdesk.services.coach_view")
    sharing = lazy_module("networkdesk.services.sharing")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Sub) -> None:
    share = commands.add_parser(
        "share",
        help="share your pipeline with a coach (team database), or --stop; alone: list shares",
        description=(
            "Let the coach COACH read your pipeline on this team database: your contacts' "
            "rings, stages and companies, your meetings and their outcomes, referrals and "
            "follow-ups - never your notes, and never to change anything."
        ),
    )
    share.add_argument("--with", dest="coach", metavar="COACH", help="the coach's login name")
    share.add_argument("--stop", action="store_true", help="stop sharing with COACH")
    add_db_url(share)
    share.set_defaults(handler=cmd_share)

    coach = commands.add_parser("coach", help="for coaches: the pipelines shared with you")
    sub = coach.add_subparsers(dest="action", required=True, metavar="ACTION")
    pipelines = sub.add_parser("pipelines", help="each shared person's contacts and meetings")
    pipelines.add_argument("--json", action="store_true", help="JSON output")
    add_db_url(pipelines)
    pipelines.set_defaults(handler=cmd_pipelines)


def cmd_share(args: argparse.Namespace, db: Database) -> int:
    if args.coach is None:
        if args.stop:
            raise ValidationError("--stop needs --with COACH")
        found = sharing.shares(db)
        if not found:
            print("no shares")
        for share in found:
            print_line(f"{share.owner} shares with {share.coach} since {share.shared_at:%Y-%m-%d}")
        return 0
    if args.stop:
        sharing.stop_sharing(db, args.coach)
        print_line(f"stopped sharing with {args.coach}")
        return 0
    new = sharing.share_with(db, args.coach)
    print_line(f"{'now sharing' if new else 'already sharing'} your pipeline with {args.coach}")
    return 0


def _pipeline_json(pipeline: coach_view.SharedPipeline) -> dict[str, Any]:
    return {
        "person": pipeline.person,
        "shared_at": pipeline.shared_at.isoformat(),
        "contacts": [
            {
                "id": c.id,
                "name": c.name,
                "company": c.company,
                "title": c.title,
                "ring": c.ring.name.lower() if c.ring is not None else None,
                "stage": c.stage.value,
                "meetings": [
                    {
                        "start": m.start.isoformat(),
                        "minutes": m.minutes,
                        "kind": m.kind.value,
                        "outcome": m.outcome,
                    }
                    for m in c.meetings
                ],
                "open_followups": [
                    {"title": title, "due": due.isoformat()} for title, due in c.open_followups
                ],
                "referred_to": [
                    {"name": name, "status": status.value} for name, status in c.referred_to
                ],
            }
            for c in pipeline.contacts
        ],
    }


def cmd_pipelines(args: argparse.Namespace, db: Database) -> int:
    pipelines = coach_view.shared_pipelines(db)
    if args.json:
        print_json([_pipeline_json(p) for p in pipelines])
        return 0
    if not pipelines:
        print("nobody shares a pipeline with you yet")
    for pipeline in pipelines:
        print_line(f"{pipeline.person} ({len(pipeline.contacts)} contacts)")
        for c in pipeline.contacts:
            ring = c.ring.name.lower() if c.ring is not None else "inbox"
            where = f" at {c.company}" if c.company else ""
            print_line(f"  {c.name}{where}: {ring}, {c.stage.value}")
            for m in c.meetings:
                outcome = f": {one_line(m.outcome)}" if m.outcome else ""
                print_line(f"    {m.kind.value} {m.start:%Y-%m-%d %H:%M}Z{outcome}")
    return 0
