"""`company`, `meeting`, `referral` and `followup` commands."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TypeAlias

from networkdesk.cli.common import (
    due_arg,
    id_arg,
    non_negative_int,
    one_line,
    positive_int,
    print_json,
    table,
    when_arg,
)
from networkdesk.cli.lazy import lazy_function, lazy_module
from networkdesk.domain.enums import MeetingKind, ReferralStatus, parse_enum
from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:  # imported at first use: the parser builds without SQLAlchemy (cli/lazy.py)
    from networkdesk.cli import serialize
    from networkdesk.domain.fields import (
        CompanyFields,
        FollowUpFields,
        MeetingFields,
        ReferralFields,
        given,
    )
    from networkdesk.domain.models import VersionedMixin
    from networkdesk.services import companies, followups, meetings, progress, referrals, versions
    from networkdesk.services.records.adding import add_meeting
    from networkdesk.services.records.rows import apply_fields
    from networkdesk.storage.database import Database
else:
    serialize = lazy_module("networkdesk.cli.serialize")
    CompanyFields = lazy_function("networkdesk.domain.fields", "CompanyFields")
    FollowUpFields = lazy_function("networkdesk.domain.fields", "FollowUpFields")
    MeetingFields = lazy_function("networkdesk.domain.fields", "MeetingFields")
    ReferralFields = lazy_function("networkdesk.domain.fields", "ReferralFields")
    given = lazy_function("networkdesk.domain.fields", "given")
    companies = lazy_module("networkdesk.services.companies")
    followups = lazy_module("networkdesk.services.followups")
    meetings = lazy_module("networkdesk.services.meetings")
    referrals = lazy_module("networkdesk.services.referrals")
    progress = lazy_module("networkdesk.services.progress")
    versions = lazy_module("networkdesk.services.versions")
    add_meeting = lazy_function("networkdesk.services.records.adding", "add_meeting")
    apply_fields = lazy_function("networkdesk.services.records.rows", "apply_fields")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_if_version(parser: argparse.ArgumentParser, printed_by: str = "list --json") -> None:
    """`--if-version N`: write only while the row is still at version N (as `printed_by`, the
    command's sibling, printed it)."""
    parser.add_argument(
        "--if-version",
        type=positive_int,
        metavar="N",
        help=f"change it only if it is still at version N (as `{printed_by}` printed it); "
        "exit 1, writing nothing, when it was changed since",
    )


def edit_if_version(
    db: Database, args: argparse.Namespace, model: type[VersionedMixin], fields: Any, what: str
) -> None:
    """Apply `fields` to row `args.id` in one transaction, after the `--if-version` check."""
    with db.transaction() as session:
        if args.if_version is not None:
            versions.require_version(session, model, args.id, args.if_version, what)
        apply_fields(session, args.id, fields)


def kind_arg(text: str) -> MeetingKind:
    return parse_enum(MeetingKind, text, "meeting kind")


def status_arg(text: str) -> ReferralStatus:
    return parse_enum(ReferralStatus, text, "referral status")


def priority_arg(text: str) -> int:
    value = non_negative_int(text)
    if value > 100:
        raise ValidationError("priority must be between 0 and 100")
    return value


def register(commands: Sub) -> None:
    _register_companies(commands)
    _register_meetings(commands)
    _register_referrals(commands)
    _register_followups(commands)


# --- companies -------------------------------------------------------------------------------


def _register_companies(commands: Sub) -> None:
    parser = commands.add_parser("company", help="target companies and their homework")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="create, or update the company of that name; prints its id")
    add.add_argument("name")
    add.add_argument("--target", action="store_true", help="mark it as a target company")
    add.add_argument("--priority", type=priority_arg)
    add.add_argument("--mission", help="mission and homework notes")
    add.add_argument("--website")
    add.set_defaults(handler=cmd_company_add)

    lst = sub.add_parser("list", help="list companies with contacts per ring")
    lst.add_argument("--targets", action="store_true")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_company_list)

    edit = sub.add_parser("edit", help="change a company")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--name")
    target = edit.add_mutually_exclusive_group()
    target.add_argument("--target", dest="target", action="store_true", default=None)
    target.add_argument("--no-target", dest="target", action="store_false")
    edit.add_argument("--priority", type=priority_arg)
    edit.add_argument("--mission")
    edit.add_argument("--website")
    add_if_version(edit)
    edit.set_defaults(handler=cmd_company_edit)

    delete = sub.add_parser("delete", help="delete a company (its contacts stay)")
    delete.add_argument("id", type=id_arg)
    delete.set_defaults(handler=cmd_company_delete)


def cmd_company_add(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        company, _created = companies.upsert(
            session,
            args.name,
            target=True if args.target else None,
            priority=args.priority,
            mission=args.mission,
            website=args.website,
        )
        company_id = company.id
    print(company_id)
    return 0


def cmd_company_list(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        rows = companies.list_companies(session, targets_only=args.targets)
        met = progress.met_per_company_ring(session)
        data = []
        for row in rows:
            item = serialize.company_dict(row.company)
            item["rings"] = {
                str(ring) if ring is not None else "inbox": n for ring, n in row.ring_counts.items()
            }
            # Met per ring, with the same keys as "rings" (0 where nobody there was met yet).
            met_here = met.get(row.company.id, {})
            item["met"] = {
                str(ring) if ring is not None else "inbox": met_here.get(ring, 0)
                for ring in row.ring_counts
            }
            item["contacts"] = row.total
            data.append(item)
    if args.json:
        print_json(data)
        return 0
    table(
        [
            [
                str(d["id"]),
                d["name"],
                "yes" if d["target"] else "",
                "" if d["priority"] is None else str(d["priority"]),
                str(d["contacts"]),
                " ".join(f"{r}:{n}" for r, n in sorted(d["rings"].items())),
            ]
            for d in data
        ],
        ["ID", "NAME", "TARGET", "PRIORITY", "CONTACTS", "RINGS"],
    )
    return 0


def cmd_company_edit(args: argparse.Namespace, db: Database) -> int:
    fields = CompanyFields(
        name=given(args.name),
        target=given(args.target),
        priority=given(args.priority),
        mission=given(args.mission),
        website=given(args.website),
    )
    from networkdesk.domain.models import Company

    edit_if_version(db, args, Company, fields, "company")
    return 0


def cmd_company_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        companies.delete(session, args.id)
    return 0


# --- meetings --------------------------------------------------------------------------------


def _register_meetings(commands: Sub) -> None:
    parser = commands.add_parser("meeting", help="informational interviews and meetings")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="schedule or log a meeting; prints its id")
    add.add_argument("contact_id", type=id_arg)
    add.add_argument("--at", type=when_arg, required=True, help="ISO time; no offset = local time")
    # No default here: reading it would import the services while the parser builds.
    add.add_argument("--minutes", type=positive_int)
    add.add_argument(
        "--kind",
        type=kind_arg,
        default=MeetingKind.MEETING,
        help="interview (learn about a field) or meeting (build trust, get referred)",
    )
    add.add_argument("--notes")
    add.add_argument("--location", help="place or video link")
    add.add_argument("--preparation")
    add.add_argument("--outcome")
    add.set_defaults(handler=cmd_meeting_add)

    lst = sub.add_parser("list", help="list meetings")
    lst.add_argument("--contact", type=id_arg)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_meeting_list)

    edit = sub.add_parser("edit", help="change a meeting (raises its calendar SEQUENCE)")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--at", type=when_arg)
    edit.add_argument("--minutes", type=positive_int)
    edit.add_argument("--kind", type=kind_arg)
    edit.add_argument("--notes")
    edit.add_argument("--location")
    edit.add_argument("--preparation")
    edit.add_argument("--outcome")
    add_if_version(edit)
    edit.set_defaults(handler=cmd_meeting_edit)

    delete = sub.add_parser("delete", help="delete a meeting (its calendar event is cancelled)")
    delete.add_argument("id", type=id_arg)
    delete.set_defaults(handler=cmd_meeting_delete)


def cmd_meeting_add(args: argparse.Namespace, db: Database) -> int:
    fields = MeetingFields(
        start=args.at,
        minutes=meetings.DEFAULT_MINUTES if args.minutes is None else args.minutes,
        kind=args.kind,
        notes=args.notes,
        location=args.location,
        preparation=args.preparation,
        outcome=args.outcome,
    )
    with db.transaction() as session:
        record = add_meeting(session, args.contact_id, fields)
        from networkdesk.services.records.rows import RowCreated

        assert isinstance(record, RowCreated)  # no referrals given: the meeting alone
        meeting_id = record.row_id
    print(meeting_id)
    return 0


def cmd_meeting_list(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        found = meetings.list_meetings(session, contact_id=args.contact)
        data = [serialize.meeting_dict(m) for m in found]
        names = {m.id: m.contact.name for m in found}
    if args.json:
        print_json(data)
        return 0
    table(
        [
            [
                str(d["id"]),
                d["at"] or "",
                str(d["minutes"]),
                d["kind"],
                names[d["id"]],
                one_line(d["location"], 30),
            ]
            for d in data
        ],
        ["ID", "AT", "MIN", "KIND", "CONTACT", "WHERE"],
    )
    return 0


def cmd_meeting_edit(args: argparse.Namespace, db: Database) -> int:
    fields = MeetingFields(
        start=given(args.at),
        minutes=given(args.minutes),
        kind=given(args.kind),
        notes=given(args.notes),
        location=given(args.location),
        preparation=given(args.preparation),
        outcome=given(args.outcome),
    )
    from networkdesk.domain.models import Meeting

    edit_if_version(db, args, Meeting, fields, "meeting")
    return 0


def cmd_meeting_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        meetings.delete(session, args.id)
    return 0


# --- referrals -------------------------------------------------------------------------------


def _register_referrals(commands: Sub) -> None:
    parser = commands.add_parser("referral", help="who referred you on to whom")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="record a referral; prints its id")
    add.add_argument("from_id", type=id_arg)
    add.add_argument("to_id", type=id_arg)
    add.add_argument(
        "--status",
        type=status_arg,
        default=ReferralStatus.SUGGESTED,
        help="suggested|intro_requested|introduced|met|declined",
    )
    add.add_argument("--note")
    add.add_argument("--meeting", type=id_arg, help="the meeting it came from")
    add.set_defaults(handler=cmd_referral_add)

    lst = sub.add_parser("list", help="list referrals")
    lst.add_argument("--contact", type=id_arg)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_referral_list)

    edit = sub.add_parser("edit", help="change a referral's status or note")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--status", type=status_arg)
    edit.add_argument("--note")
    add_if_version(edit)
    edit.set_defaults(handler=cmd_referral_edit)

    delete = sub.add_parser("delete", help="delete a referral")
    delete.add_argument("id", type=id_arg)
    delete.set_defaults(handler=cmd_referral_delete)


def cmd_referral_add(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        referral = referrals.add(
            session,
            args.from_id,
            args.to_id,
            status=args.status,
            note=args.note,
            meeting_id=args.meeting,
        )
        referral_id = referral.id
    print(referral_id)
    return 0


def cmd_referral_list(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        found = referrals.list_referrals(session, contact_id=args.contact)
        data = [serialize.referral_dict(r) for r in found]
        names = {r.id: (r.from_contact.name, r.to_contact.name) for r in found}
    if args.json:
        print_json(data)
        return 0
    table(
        [
            [
                str(d["id"]),
                names[d["id"]][0],
                names[d["id"]][1],
                d["status"],
                one_line(d["note"], 40),
            ]
            for d in data
        ],
        ["ID", "FROM", "TO", "STATUS", "NOTE"],
    )
    return 0


def cmd_referral_edit(args: argparse.Namespace, db: Database) -> int:
    fields = ReferralFields(status=given(args.status), note=given(args.note))
    from networkdesk.domain.models import Referral

    edit_if_version(db, args, Referral, fields, "referral")
    return 0


def cmd_referral_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        referrals.delete(session, args.id)
    return 0


# --- follow-ups ------------------------------------------------------------------------------


def _register_followups(commands: Sub) -> None:
    parser = commands.add_parser("followup", help="follow-ups with reminders")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a follow-up; prints its id")
    add.add_argument("contact_id", type=id_arg)
    add.add_argument(
        "--due",
        type=due_arg,
        required=True,
        help="ISO time; no offset = local; a date alone = 09:00 that day",
    )
    add.add_argument("--title")
    add.add_argument(
        "--remind",
        type=non_negative_int,
        metavar="MINUTES",
        help="remind this many minutes before (default: the setting, 15)",
    )
    add.add_argument("--notes")
    add.add_argument("--meeting", type=id_arg, help="the meeting it follows")
    add.set_defaults(handler=cmd_followup_add)

    lst = sub.add_parser("list", help="list follow-ups")
    lst.add_argument("--open", action="store_true", help="only those not done")
    lst.add_argument("--contact", type=id_arg)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_followup_list)

    edit = sub.add_parser("edit", help="change a follow-up (raises its calendar SEQUENCE)")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--due", type=due_arg, help="as for add; a date alone = 09:00 that day")
    edit.add_argument("--title")
    edit.add_argument("--remind", type=non_negative_int, metavar="MINUTES")
    edit.add_argument("--notes")
    add_if_version(edit)
    edit.set_defaults(handler=cmd_followup_edit)

    done = sub.add_parser("done", help="mark a follow-up done")
    done.add_argument("id", type=id_arg)
    done.set_defaults(handler=cmd_followup_done)

    undone = sub.add_parser("reopen", help="mark a done follow-up open again")
    undone.add_argument("id", type=id_arg)
    undone.set_defaults(handler=cmd_followup_reopen)

    delete = sub.add_parser("delete", help="delete a follow-up (its calendar event is cancelled)")
    delete.add_argument("id", type=id_arg)
    delete.set_defaults(handler=cmd_followup_delete)


def cmd_followup_add(args: argparse.Namespace, db: Database) -> int:
    extra: dict[str, Any] = {}
    if args.remind is not None:
        extra["remind_minutes"] = args.remind
    with db.transaction() as session:
        followup = followups.add(
            session,
            args.contact_id,
            args.due,
            title=args.title,
            notes=args.notes,
            meeting_id=args.meeting,
            **extra,
        )
        followup_id = followup.id
    print(followup_id)
    return 0


def cmd_followup_list(args: argparse.Namespace, db: Database) -> int:
    with db.reading() as session:
        found = followups.list_followups(session, open_only=args.open, contact_id=args.contact)
        data = [serialize.followup_dict(f) for f in found]
        names = {f.id: f.contact.name for f in found}
    if args.json:
        print_json(data)
        return 0
    table(
        [
            [
                str(d["id"]),
                d["due"] or "",
                "done" if d["done"] else "open",
                names[d["id"]],
                one_line(d["title"], 40),
            ]
            for d in data
        ],
        ["ID", "DUE", "STATE", "CONTACT", "TITLE"],
    )
    return 0


def cmd_followup_edit(args: argparse.Namespace, db: Database) -> int:
    fields = FollowUpFields(
        due=given(args.due),
        title=given(args.title),
        remind_minutes=given(args.remind),
        notes=given(args.notes),
    )
    from networkdesk.domain.models import FollowUp

    edit_if_version(db, args, FollowUp, fields, "follow-up")
    return 0


def cmd_followup_done(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        followups.set_done(session, args.id, True)
    return 0


def cmd_followup_reopen(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        followups.set_done(session, args.id, False)
    return 0


def cmd_followup_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        followups.delete(session, args.id)
    return 0
