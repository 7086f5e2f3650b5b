"""What the Today panel shows, as plain data: the day's sections and their items, each with the
actions it offers. Qt-free (it runs on the panel's loader thread, and tests read it directly).

`read_today(session, at)` asks `services.today` for the day (a few queries and the pure rules),
then one query each for the names, companies and the upcoming meetings' briefs.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkdesk.domain.models import Company, Contact, Meeting, utcnow
from networkdesk.domain.outreach import Suggestion
from networkdesk.domain.timeutil import local_zone
from networkdesk.services import settings
from networkdesk.services.board_readiness import TargetHomework, bullseye_homework
from networkdesk.services.meeting_brief import brief_text, meeting_brief
from networkdesk.services.today import day_at, star_readiness_for


class Action(enum.StrEnum):
    """What an item offers; the panel has one button and one key for each."""

    LOG = "log"
    DONE = "done"
    SNOOZE = "snooze"
    EMAIL = "email"
    OPEN = "open"


class Done(enum.StrEnum):
    """What "Done" records for an item (each one undo step)."""

    FOLLOWUP = "followup"  # the follow-up is marked done
    THANK_YOU = "thank_you"  # an outgoing e-mail: the thank-you was sent
    REPLY = "reply"  # an incoming e-mail: they replied (ends the 3-and-7 clock)
    TOUCHED = "touched"  # an outgoing message: you were in touch


DONE_LABELS = {
    Done.FOLLOWUP: "Mark done",
    Done.THANK_YOU: "Thank-you sent",
    Done.REPLY: "They replied",
    Done.TOUCHED: "Was in touch",
}


@dataclass(frozen=True)
class TodayItem:
    key: str  # unique in the view: keeps the selection across reloads
    title: str
    detail: str
    contact_id: int
    actions: tuple[Action, ...]
    meeting_id: int | None = None
    followup_id: int | None = None
    #: Who "Write e-mail" writes to (the candidate at the same company for "try another").
    email_contact_id: int | None = None
    email_purpose: str = "outreach"  # outreach, thank_you, follow_up, keep_in_touch
    done: Done | None = None
    overdue: bool = False
    brief: str = ""


@dataclass(frozen=True)
class TodaySection:
    key: str
    title: str
    items: tuple[TodayItem, ...]


@dataclass(frozen=True)
class TodayView:
    at: dt.datetime
    contact_count: int
    practice_held: int
    practice_needed: int
    readiness: str
    sections: tuple[TodaySection, ...] = field(default=())

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)


def _when(moment: dt.datetime, zone: dt.tzinfo, now: dt.datetime) -> str:
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    days = (local.date() - today).days
    day = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days, f"{local:%a %d %b}")
    return f"{day} {local:%H:%M}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def readiness_line(held: int, needed: int) -> str:
    if held >= needed:
        return f"Ready for the bull's-eye: {held} of {needed} practice meetings held."
    missing = needed - held
    return (
        f"Practice first: {held} of {needed} practice meetings held. Hold "
        f"{_plural(missing, 'more practice meeting')} with outer-ring contacts before you "
        "reach out to your bull's-eye."
    )


def homework_line(targets: Sequence[TargetHomework]) -> str:
    """' Homework done for 1 of 2 bull's-eye companies (to do: Initech).' (What is missing per
    company is in the board badge's tooltip and each meeting's brief.)"""
    if not targets:
        return ""
    todo = [t.company for t in targets if not t.done]
    line = f" Homework done for {len(targets) - len(todo)} of {len(targets)} bull's-eye companies"
    if todo:
        line += f" (to do: {', '.join(todo)})"
    return line + "."


def read_today(
    session: Session, at: dt.datetime | None = None, zone: dt.tzinfo | None = None
) -> TodayView:
    """The panel's whole content at `at` (default now) in `zone` (default the local one)."""
    now = (at or utcnow()).astimezone(dt.UTC)
    where = zone or local_zone()
    day = day_at(session, now, where)
    count = session.scalar(select(func.count(Contact.id))) or 0
    ids: set[int] = set()
    ids.update(m.contact_id for m in day.meetings_upcoming)
    ids.update(m.contact_id for m in day.meetings_to_log)
    ids.update(t.contact_id for t in day.thank_yous_due)
    ids.update(f.contact_id for f in day.followups_due)
    ids.update(k.contact_id for k in day.keep_in_touch)
    for o in day.outreach:
        ids.add(o.contact_id)
        ids.update(o.candidates)
    people: dict[int, tuple[str, str | None, int | None]] = {}
    if ids:
        people = {
            cid: (name, company, ring)
            for cid, name, company, ring in session.execute(
                select(Contact.id, Contact.name, Company.name, Contact.ring)
                .outerjoin(Company, Company.id == Contact.company_id)
                .where(Contact.id.in_(ids))
            )
        }

    def who(cid: int) -> str:
        name, company, _ring = people.get(cid, (f"contact {cid}", None, None))
        return f"{name} ({company})" if company else name

    def name(cid: int) -> str:
        return people.get(cid, (f"contact {cid}", None, None))[0]

    followup_titles: dict[int, str | None] = {}
    if day.followups_due:
        from networkdesk.domain.models import FollowUp

        followup_titles = dict(
            session.execute(
                select(FollowUp.id, FollowUp.title).where(
                    FollowUp.id.in_([f.followup_id for f in day.followups_due])
                )
            ).all()
        )
    ring_names = settings.RING_NAMES.get(session)
    stars = star_readiness_for(session, day)

    upcoming = []
    for m in day.meetings_upcoming:
        brief = brief_text(meeting_brief(session, m.meeting_id), where)
        ready = stars.get(m.meeting_id)
        prep = f"preparation {m.prep_done} of {m.prep_total}"
        if ready is not None and not ready.ready:
            prep += " · not ready: " + "; ".join(ready.missing())
        upcoming.append(
            TodayItem(
                key=f"upcoming:{m.meeting_id}",
                title=f"{_when(m.at, where, now)} · {who(m.contact_id)}",
                detail=prep,
                contact_id=m.contact_id,
                meeting_id=m.meeting_id,
                actions=(Action.OPEN, Action.EMAIL, Action.LOG),
                email_contact_id=m.contact_id,
                email_purpose="confirm",
                brief=brief,
            )
        )
    to_log = [
        TodayItem(
            key=f"log:{m.meeting_id}",
            title=f"{who(m.contact_id)} · met {_when(m.at, where, now)}",
            detail="Held, not logged yet: write down what you learned while it is fresh.",
            contact_id=m.contact_id,
            meeting_id=m.meeting_id,
            actions=(Action.LOG, Action.OPEN),
        )
        for m in day.meetings_to_log
    ]
    thanks = [
        TodayItem(
            key=f"thanks:{t.meeting_id}",
            title=f"Thank {name(t.contact_id)}",
            detail=f"Within 24 hours of the meeting: by {_when(t.due, where, now)}.",
            contact_id=t.contact_id,
            meeting_id=t.meeting_id,
            actions=(Action.EMAIL, Action.DONE, Action.OPEN),
            email_contact_id=t.contact_id,
            email_purpose="thank_you",
            done=Done.THANK_YOU,
            overdue=t.due < now,
        )
        for t in day.thank_yous_due
    ]
    follow = [
        TodayItem(
            key=f"followup:{f.followup_id}",
            title=f"{_sentence(followup_titles.get(f.followup_id) or 'Follow up')} · "
            f"{name(f.contact_id)}",
            detail=("Overdue since " if f.overdue else "Due ") + _when(f.due, where, now),
            contact_id=f.contact_id,
            followup_id=f.followup_id,
            actions=(Action.DONE, Action.SNOOZE, Action.EMAIL, Action.OPEN),
            email_contact_id=f.contact_id,
            email_purpose="follow_up",
            done=Done.FOLLOWUP,
            overdue=f.overdue,
        )
        for f in day.followups_due
    ]
    outreach = []
    for o in day.outreach:
        days = _plural(o.business_days, "business day")
        if o.suggest is Suggestion.TRY_ANOTHER_CONTACT:
            others = ", ".join(name(c) for c in o.candidates[:3]) or "nobody else there yet"
            detail = f"No reply after {days}: write to someone else there ({others})."
            target = o.candidates[0] if o.candidates else None
            purpose = "outreach"
        else:
            detail = f"No reply after {days}: send one short follow-up, then let it rest."
            target = o.contact_id
            purpose = "follow_up"
        outreach.append(
            TodayItem(
                key=f"outreach:{o.contact_id}",
                title=f"{who(o.contact_id)} · wrote {_when(o.sent_at, where, now)}",
                detail=detail,
                contact_id=o.contact_id,
                actions=(Action.EMAIL, Action.DONE, Action.OPEN),
                email_contact_id=target,
                email_purpose=purpose,
                done=Done.REPLY,
            )
        )
    keep = [
        TodayItem(
            key=f"keep:{k.contact_id}",
            title=f"{who(k.contact_id)} · {ring_names[k.ring] if k.ring < len(ring_names) else ''}",
            detail=("Overdue: last touch " if k.overdue else "Due: last touch ")
            + f"{k.last_touch.astimezone(where):%d %b %Y}",
            contact_id=k.contact_id,
            actions=(Action.EMAIL, Action.DONE, Action.OPEN),
            email_contact_id=k.contact_id,
            email_purpose="keep_in_touch",
            done=Done.TOUCHED,
            overdue=k.overdue,
        )
        for k in day.keep_in_touch
    ]
    sections = (
        TodaySection("upcoming", "Meetings: today and the next 7 days", tuple(upcoming)),
        TodaySection("to_log", "Meetings to log", tuple(to_log)),
        TodaySection("thank_yous", "Thank-yous due", tuple(thanks)),
        TodaySection("followups", "Follow-ups due", tuple(follow)),
        TodaySection("outreach", "Outreach: the 3-and-7 routine", tuple(outreach)),
        TodaySection("keep_in_touch", "Keep in touch", tuple(keep)),
    )
    return TodayView(
        at=now,
        contact_count=int(count),
        practice_held=day.practice_held,
        practice_needed=day.practice_needed,
        readiness=readiness_line(day.practice_held, day.practice_needed)
        + homework_line(bullseye_homework(session, day.practice_held, day.practice_needed)[0]),
        sections=sections,
    )


def meeting_start(session: Session, meeting_id: int) -> dt.datetime | None:
    """When a meeting starts (the panel asks before logging one that has not happened)."""
    return session.scalar(select(Meeting.start).where(Meeting.id == meeting_id))
