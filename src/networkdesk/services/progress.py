"""Progress: the funnel (overall, per ring, per source), touches per week, and the coverage of
the target companies, read in a few queries and handed to the pure rules of `domain.funnel` and
`domain.coverage`. Serves `networkdesk funnel`, `company list --json` ("met") and the window's
Progress and Coverage views.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Integer, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from networkdesk.domain.coverage import CompanyCoverage, CoveragePerson, TargetCompany, coverage
from networkdesk.domain.enums import Stage
from networkdesk.domain.funnel import (
    Funnel,
    FunnelFacts,
    WeekCount,
    funnel,
    source_of,
    touches_per_week,
)
from networkdesk.domain.models import Company, Contact, FollowUp, Interaction, Meeting, Referral
from networkdesk.domain.timeutil import local_zone
from networkdesk.domain.timeutil import now as utc_now

#: Stages a person sets once they have been in touch: evidence of contact without a logged touch.
CONTACTED_STAGES = frozenset(
    {Stage.CONTACTED, Stage.MEETING_SCHEDULED, Stage.MET, Stage.FOLLOWING_UP, Stage.REFERRED_ON}
)
WEEKS = 12


def _aware(value: object) -> dt.datetime:
    # Aggregates bypass the column type on SQLite: naive UTC text or values come back.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def last_met(session: Session, now: dt.datetime) -> dict[int, dt.datetime]:
    """Each met contact's most recent meeting held before `now` (one query)."""
    return {
        cid: _aware(when)
        for cid, when in session.execute(
            select(Meeting.contact_id, func.max(Meeting.start))
            .where(Meeting.start < now)
            .group_by(Meeting.contact_id)
        )
    }


def funnel_facts(session: Session, now: dt.datetime) -> list[FunnelFacts]:
    """The contacts grouped by ring, stored source, stage-says-contacted and the signs of
    contact, met, referred on and referred to — one query, a few dozen rows at any size."""
    touched = or_(
        Contact.id.in_(select(Interaction.contact_id).where(Interaction.at <= now)),
        Contact.id.in_(select(Meeting.contact_id)),
        Contact.id.in_(
            select(FollowUp.contact_id).where(
                FollowUp.done_at.is_not(None), FollowUp.done_at <= now
            )
        ),
    )
    columns = (
        # The plain number: the ring type's conversion per row is most of the time otherwise.
        type_coerce(Contact.ring, Integer).label("ring"),
        Contact.source,
        Contact.stage.in_(sorted(CONTACTED_STAGES)).label("by_stage"),
        touched.label("touched"),
        Contact.id.in_(select(Meeting.contact_id).where(Meeting.start < now)).label("met"),
        Contact.id.in_(select(Referral.from_contact_id)).label("gave"),
        Contact.id.in_(select(Referral.to_contact_id)).label("received"),
    )
    return [
        FunnelFacts(
            ring=None if ring is None else int(ring),
            source=source_of(source, bool(received)),
            contacted=bool(by_stage) or bool(touched),
            met=bool(met),
            referred_on=bool(gave),
            contacts=int(n),
        )
        for ring, source, by_stage, touched, met, gave, received, n in session.execute(
            select(*columns, func.count()).group_by(*columns)
        )
    ]


def funnel_at(session: Session, now: dt.datetime | None = None) -> Funnel:
    return funnel(funnel_facts(session, now or utc_now()))


def funnel_json(result: Funnel) -> dict[str, Any]:
    """The shape `networkdesk funnel --json` prints."""
    return {
        "overall": result.overall.as_dict(),
        "by_ring": {str(ring): counts.as_dict() for ring, counts in result.by_ring.items()},
        "by_source": {source: counts.as_dict() for source, counts in result.by_source.items()},
    }


def weekly_touches(
    session: Session,
    now: dt.datetime | None = None,
    weeks: int = WEEKS,
    zone: dt.tzinfo | None = None,
) -> list[WeekCount]:
    """Touches (meetings held, interactions, follow-ups done) per week over the last `weeks`."""
    now = now or utc_now()
    since = now - dt.timedelta(weeks=weeks, days=1)  # a day more: the zone's Monday may be earlier
    times: list[dt.datetime] = []
    times.extend(
        at
        for (at,) in session.execute(
            select(Interaction.at).where(Interaction.at >= since, Interaction.at <= now)
        )
    )
    times.extend(
        at
        for (at,) in session.execute(
            select(Meeting.start).where(Meeting.start >= since, Meeting.start < now)
        )
    )
    times.extend(
        at
        for (at,) in session.execute(
            select(FollowUp.done_at).where(FollowUp.done_at >= since, FollowUp.done_at <= now)
        )
        if at is not None
    )
    return touches_per_week(times, now, zone or local_zone(), weeks)


def coverage_at(session: Session, now: dt.datetime | None = None) -> list[CompanyCoverage]:
    """Target companies (by priority, then name) × rings: contacts and met (three queries)."""
    now = now or utc_now()
    targets = [
        TargetCompany(cid, name)
        for cid, name in session.execute(
            select(Company.id, Company.name)
            .where(Company.is_target.is_(True))
            .order_by(Company.priority.is_(None), Company.priority, Company.name_key)
        )
    ]
    met = last_met(session, now)
    people = [
        CoveragePerson(cid, cast(int, company_id), None if ring is None else int(ring), cid in met)
        for cid, company_id, ring in session.execute(
            select(Contact.id, Contact.company_id, Contact.ring).where(
                Contact.company_id.in_([t.company_id for t in targets])
            )
        )
    ]
    return coverage(targets, people)


def met_per_company_ring(
    session: Session, now: dt.datetime | None = None
) -> dict[int, dict[int | None, int]]:
    """Contacts met (a meeting held before `now`) per company and ring (one query)."""
    held = select(Meeting.contact_id).where(Meeting.start < (now or utc_now()))
    counts: dict[int, dict[int | None, int]] = defaultdict(dict)
    for company_id, ring, n in session.execute(
        select(Contact.company_id, Contact.ring, func.count())
        .where(Contact.company_id.is_not(None), Contact.id.in_(held))
        .group_by(Contact.company_id, Contact.ring)
    ):
        counts[cast(int, company_id)][None if ring is None else int(ring)] = int(n)
    return dict(counts)


@dataclass(frozen=True)
class Progress:
    """Everything the Progress and Coverage views show, read at one moment."""

    at: dt.datetime
    funnel: Funnel
    weeks: list[WeekCount]
    coverage: list[CompanyCoverage]


def progress_at(session: Session, now: dt.datetime | None = None) -> Progress:
    now = now or utc_now()
    return Progress(
        now, funnel_at(session, now), weekly_touches(session, now), coverage_at(session, now)
    )
