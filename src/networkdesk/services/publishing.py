"""Publishing to a CalDAV calendar: a sync against the `PublishedEvent` ledger, not a dump.

- an item never published is created; one whose SEQUENCE rose since is replaced; the rest is not
  sent again, so a second run in a row sends nothing;
- a deleted item (tombstone), or one whose tombstone was cleared, loses the event it had;
- done follow-ups stay as last published (and are not created when never published);
- events networkdesk did not create are never touched: only ledger entries are replaced or
  deleted, and a new event never overwrites another resource;
- the ledger records only what the server confirmed, so an interrupted run picks up where it
  stopped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkdesk.domain.credentials import without_credentials
from networkdesk.domain.models import CalendarTombstone, FollowUp, PublishedEvent, utcnow
from networkdesk.domain.timeutil import local_zone
from networkdesk.interchange import ics
from networkdesk.interchange.caldav_publish import ItemRejected, StoredEvent
from networkdesk.services.calendar_export import collect_events
from networkdesk.storage.database import Database

# Ledger writes are committed in batches: a crash between a server's confirmation and the commit
# only means the next run re-sends those few events, which the server takes idempotently.
COMMIT_EVERY = 50

Progress = Callable[[int, int], None]


class CalendarTarget(Protocol):
    """What publishing needs from a calendar (interchange.caldav_publish.CalDavCalendar)."""

    def create(self, uid: str, data: bytes) -> StoredEvent: ...

    def replace(self, href: str, data: bytes, uid: str) -> StoredEvent: ...

    def delete(self, href: str, uid: str) -> bool: ...


def calendar_key(server_url: str, user: str, calendar: str) -> str:
    """The ledger's name for one calendar of one user on one server (never with credentials:
    a `user:password@` inside the URL is left out)."""
    url = without_credentials(server_url.strip()).rstrip("/")
    return f"{url}|{user}|{calendar}"


@dataclass(slots=True)
class PublishPlan:
    create: list[ics.EventData] = field(default_factory=list)
    update: list[tuple[ics.EventData, str]] = field(default_factory=list)  # (event, href)
    delete: list[tuple[str, str]] = field(default_factory=list)  # (uid, href)
    unchanged: int = 0

    @property
    def total(self) -> int:
        return len(self.create) + len(self.update) + len(self.delete)


@dataclass(slots=True)
class PublishReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.created + self.updated + self.deleted

    def summary(self) -> str:
        text = (
            f"created {self.created}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged}"
        )
        if self.rejected:
            text += f"; {len(self.rejected)} refused by the server"
        return text


def make_plan(session: Session, key: str) -> PublishPlan:
    """What a publish to `key` would send, from the database and the ledger alone."""
    ledger = {
        row.uid: row
        for row in session.scalars(select(PublishedEvent).where(PublishedEvent.calendar_key == key))
    }
    events, _counts = collect_events(session, include_done=True, include_cancelled=False)
    done = set(session.scalars(select(FollowUp.uid).where(FollowUp.done_at.is_not(None))))
    plan = PublishPlan()
    live: set[str] = set()
    for event in events:
        live.add(event.uid)
        published = ledger.get(event.uid)
        if event.uid in done:
            plan.unchanged += published is not None
            continue  # stays as last published
        if published is None:
            plan.create.append(event)
        elif event.sequence > published.sequence and published.href:
            plan.update.append((event, published.href))
        else:
            plan.unchanged += 1
    # Everything in the ledger whose item is gone: tombstoned, or with its tombstone cleared.
    for uid, published in ledger.items():
        if uid not in live and published.href:
            plan.delete.append((uid, published.href))
    plan.delete.sort()
    return plan


def pending_cancellations(session: Session) -> int:
    return len(list(session.scalars(select(CalendarTombstone.id))))


def publish(
    db: Database,
    target: CalendarTarget,
    key: str,
    *,
    zone: dt.tzinfo | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PublishReport:
    """Sync the calendar with the database. Raises CalendarServerError (network, login,
    server failure) after recording what the server had already confirmed."""
    with db.reading() as session:
        plan = make_plan(session, key)
    zone = local_zone() if zone is None else zone
    report = PublishReport(unchanged=plan.unchanged)
    pending: list[tuple[str, str, int | None, StoredEvent | None]] = []
    done = 0

    def step() -> bool:
        nonlocal done
        done += 1
        if len(pending) >= COMMIT_EVERY:
            _record(db, key, pending)
        if progress is not None:
            progress(done, plan.total)
        return bool(cancelled and cancelled())

    try:
        for event in plan.create:
            try:
                stored = target.create(event.uid, _event_bytes(event, zone))
            except ItemRejected as exc:
                report.rejected.append(str(exc))
            else:
                pending.append(("save", event.uid, event.sequence, stored))
                report.created += 1
            if step():
                return report
        for event, href in plan.update:
            try:
                stored = target.replace(href, _event_bytes(event, zone), event.uid)
            except ItemRejected as exc:
                report.rejected.append(str(exc))
            else:
                pending.append(("save", event.uid, event.sequence, stored))
                report.updated += 1
            if step():
                return report
        for uid, href in plan.delete:
            try:
                target.delete(href, uid)
            except ItemRejected as exc:
                report.rejected.append(str(exc))
            else:
                # Already gone on the server counts as deleted: the ledger entry goes either way.
                pending.append(("forget", uid, None, None))
                report.deleted += 1
            if step():
                return report
    finally:
        _record(db, key, pending)
    return report


def _event_bytes(event: ics.EventData, zone: dt.tzinfo) -> bytes:
    # One event per resource, as CalDAV requires, with the VTIMEZONE it uses.
    return ics.to_bytes(ics.build_calendar([event], zone))


def _record(
    db: Database, key: str, pending: list[tuple[str, str, int | None, StoredEvent | None]]
) -> None:
    """Write confirmed results to the ledger and empty `pending`."""
    if not pending:
        return
    with db.transaction() as session:
        for action, uid, sequence, stored in pending:
            row = session.scalars(
                select(PublishedEvent).where(
                    PublishedEvent.calendar_key == key, PublishedEvent.uid == uid
                )
            ).first()
            if action == "forget":
                if row is not None:
                    session.delete(row)
                continue
            if stored is None or sequence is None:  # not reachable: saves carry both
                continue
            if row is None:
                row = PublishedEvent(calendar_key=key, uid=uid, sequence=sequence)
                session.add(row)
            row.sequence = sequence
            row.etag = stored.etag
            row.href = stored.href
            row.published_at = utcnow()
    pending.clear()


def forget_calendar(session: Session, key: str) -> int:
    """Drop the ledger of one calendar (e.g. after it was deleted on the server)."""
    result = session.execute(delete(PublishedEvent).where(PublishedEvent.calendar_key == key))
    return int(getattr(result, "rowcount", 0) or 0)


def published_count(session: Session, key: str) -> int:
    return len(
        list(session.scalars(select(PublishedEvent.id).where(PublishedEvent.calendar_key == key)))
    )
