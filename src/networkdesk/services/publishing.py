"""Publishing to a CalDAV calendar: a sync against the `PublishedEvent` ledger, not a dump.

- an item never published is created; one whose SEQUENCE rose since is replaced; the rest is not
  sent again, so a second run in a row sends nothing;
- a deleted item (tombstone), or one whose tombstone was cleared, loses the event it had;
- done follow-ups stay as last published (and are not created when never published);
- events networkdesk did not create are never touched: only ledger entries are replaced or
  deleted, and a new event never overwrites another resource;
- the ledger records only what the server confirmed, so an interrupted run picks up where it
  stopped;
- conflicts: before anything is replaced or deleted, the server's ETags (one PROPFIND) are
  compared with the ones last published. An event another app changed is reported and left
  alone unless the user chose to overwrite; one deleted elsewhere is created again and the
  summary says so. Replacements and deletions are conditional (If-Match), so an edit made
  between the listing and the write is not lost either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar, runtime_checkable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkdesk.domain.credentials import without_credentials
from networkdesk.domain.models import CalendarTombstone, FollowUp, PublishedEvent, utcnow
from networkdesk.domain.timeutil import local_zone
from networkdesk.interchange import ics
from networkdesk.interchange.caldav_publish import (
    ChangedElsewhere,
    ItemRejected,
    StoredEvent,
    resource_path,
    same_etag,
)
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


@runtime_checkable
class CheckedTarget(Protocol):
    """A target that lists its ETags and writes conditionally (a real CalDAV calendar); with
    one, publishing notices what other clients changed or deleted."""

    def etags(self) -> dict[str, str]: ...

    def replace(
        self, href: str, data: bytes, uid: str, *, if_match: str | None = None
    ) -> StoredEvent: ...

    def delete(self, href: str, uid: str, *, if_match: str | None = None) -> bool: ...


# What the server has at an href, against the ledger.
SAME = "same"
CHANGED = "changed"
GONE = "gone"


def calendar_key(server_url: str, user: str, calendar: str) -> str:
    """The ledger's name for one calendar of one user on one server (never with credentials:
    a `user:password@` inside the URL is left out)."""
    url = without_credentials(server_url.strip()).rstrip("/")
    return f"{url}|{user}|{calendar}"


class Publishable(Protocol):
    """What a ledger tracks: a calendar event, or a contact's card (publish_contacts)."""

    @property
    def uid(self) -> str: ...

    @property
    def sequence(self) -> int: ...

    @property
    def summary(self) -> str: ...


Item = TypeVar("Item", bound=Publishable)


@dataclass(slots=True)
class PublishPlan(Generic[Item]):
    create: list[Item] = field(default_factory=list)
    update: list[tuple[Item, str]] = field(default_factory=list)  # (item, href)
    delete: list[tuple[str, str]] = field(default_factory=list)  # (uid, href)
    unchanged: int = 0
    # Published and unchanged here (done follow-ups aside): checked against the server.
    kept: list[tuple[Item, str]] = field(default_factory=list)
    etags: dict[str, str | None] = field(default_factory=dict)  # uid -> ETag last published

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
    #: Deleted in another app and created again.
    recreated: int = 0
    #: Changed in another app since the last publish and left alone (what, in words).
    conflicts: list[str] = field(default_factory=list)
    #: Changed in another app and overwritten, as the user asked.
    overwritten: int = 0

    @property
    def sent(self) -> int:
        return self.created + self.updated + self.deleted + self.recreated

    def summary(self) -> str:
        text = (
            f"created {self.created}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged}"
        )
        if self.recreated:
            text += f"; {self.recreated} deleted in another app, created again"
        if self.overwritten:
            text += f"; {self.overwritten} changed in another app, overwritten"
        if self.conflicts:
            text += (
                f"; {len(self.conflicts)} changed in another app, left alone "
                "(publish with overwrite to replace them)"
            )
        if self.rejected:
            text += f"; {len(self.rejected)} refused by the server"
        return text


def make_plan(session: Session, key: str) -> PublishPlan[ics.EventData]:
    """What a publish to `key` would send, from the database and the ledger alone."""
    ledger = {
        row.uid: row
        for row in session.scalars(select(PublishedEvent).where(PublishedEvent.calendar_key == key))
    }
    events, _counts = collect_events(session, include_done=True, include_cancelled=False)
    done = set(session.scalars(select(FollowUp.uid).where(FollowUp.done_at.is_not(None))))
    plan: PublishPlan[ics.EventData] = PublishPlan()
    live: set[str] = set()
    for event in events:
        live.add(event.uid)
        published = ledger.get(event.uid)
        if published is not None:
            plan.etags[event.uid] = published.etag
        if event.uid in done:
            plan.unchanged += published is not None
            continue  # stays as last published
        if published is None:
            plan.create.append(event)
        elif event.sequence > published.sequence and published.href:
            plan.update.append((event, published.href))
        else:
            plan.unchanged += 1
            if published.href:
                plan.kept.append((event, published.href))
    # Everything in the ledger whose item is gone: tombstoned, or with its tombstone cleared.
    for uid, published in ledger.items():
        if uid not in live and published.href:
            plan.delete.append((uid, published.href))
            plan.etags[uid] = published.etag
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
    overwrite: bool = False,
) -> PublishReport:
    """Sync the calendar with the database. Raises CalendarServerError (network, login,
    server failure) after recording what the server had already confirmed.

    `overwrite`: replace (or delete) events another app changed since the last publish,
    instead of reporting them and leaving them alone."""
    with db.reading() as session:
        plan = make_plan(session, key)
    zone = local_zone() if zone is None else zone
    return sync(
        db,
        target,
        key,
        plan,
        lambda event: _event_bytes(event, zone),
        progress=progress,
        cancelled=cancelled,
        overwrite=overwrite,
    )


def sync(
    db: Database,
    target: CalendarTarget,
    key: str,
    plan: PublishPlan[Item],
    to_bytes: Callable[[Item], bytes],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> PublishReport:
    """Send a plan to the server and record what it confirmed in the ledger `key` (calendar
    events and contacts' cards alike): the conflict rules of the module's docstring."""
    report = PublishReport(unchanged=plan.unchanged)
    checked = target if isinstance(target, CheckedTarget) else None
    on_server = checked.etags() if checked is not None else None
    pending: list[tuple[str, str, int | None, StoredEvent | None]] = []
    done = 0

    def state(uid: str, href: str) -> str:
        if on_server is None:
            return SAME
        etag = on_server.get(resource_path(href))
        if etag is None:
            return GONE
        last = plan.etags.get(uid)
        # No ETag recorded (a server that sent none): nothing to compare, so ours it is.
        return SAME if last is None or same_etag(etag, last) else CHANGED

    def condition(uid: str) -> str | None:
        return None if overwrite else plan.etags.get(uid)

    def changed_elsewhere(what: str) -> None:
        report.conflicts.append(what)

    def step() -> bool:
        nonlocal done
        done += 1
        if len(pending) >= COMMIT_EVERY:
            _record(db, key, pending)
        if progress is not None:
            progress(done, plan.total)
        return bool(cancelled and cancelled())

    def replace(event: Item, href: str) -> StoredEvent:
        data = to_bytes(event)
        if checked is not None:
            return checked.replace(href, data, event.uid, if_match=condition(event.uid))
        return target.replace(href, data, event.uid)

    try:
        for event in plan.create:
            try:
                stored = target.create(event.uid, to_bytes(event))
            except ItemRejected as exc:
                report.rejected.append(str(exc))
            else:
                pending.append(("save", event.uid, event.sequence, stored))
                report.created += 1
            if step():
                return report
        for event, href in plan.update:
            found = state(event.uid, href)
            try:
                if found == GONE:
                    stored = target.create(event.uid, to_bytes(event))
                elif found == CHANGED and not overwrite:
                    changed_elsewhere(f"{event.summary} (changed in another app; left alone)")
                    if step():
                        return report
                    continue
                else:
                    stored = replace(event, href)
            except ChangedElsewhere:
                changed_elsewhere(f"{event.summary} (changed in another app; left alone)")
            except ItemRejected as exc:
                report.rejected.append(str(exc))
            else:
                pending.append(("save", event.uid, event.sequence, stored))
                if found == GONE:
                    report.recreated += 1
                else:
                    report.updated += 1
                    report.overwritten += found == CHANGED
            if step():
                return report
        for event, href in plan.kept if on_server is not None else []:
            # Unchanged here: only what happened on the server matters.
            found = state(event.uid, href)
            if found == SAME:
                continue
            report.unchanged -= 1
            try:
                if found == GONE:
                    stored = target.create(event.uid, to_bytes(event))
                elif overwrite:
                    stored = replace(event, href)
                else:
                    changed_elsewhere(f"{event.summary} (changed in another app; left alone)")
                    continue
            except ChangedElsewhere:
                changed_elsewhere(f"{event.summary} (changed in another app; left alone)")
                continue
            except ItemRejected as exc:
                report.rejected.append(str(exc))
                continue
            pending.append(("save", event.uid, event.sequence, stored))
            if found == GONE:
                report.recreated += 1
            else:
                report.overwritten += 1
        for uid, href in plan.delete:
            found = state(uid, href)
            try:
                if found == CHANGED and not overwrite:
                    changed_elsewhere(
                        f"event {uid} (deleted here, changed in another app; left alone)"
                    )
                    if step():
                        return report
                    continue
                if found != GONE:
                    if checked is not None:
                        checked.delete(href, uid, if_match=condition(uid))
                    else:
                        target.delete(href, uid)
            except ChangedElsewhere:
                changed_elsewhere(f"event {uid} (deleted here, changed in another app; left alone)")
            except ItemRejected as exc:
                report.rejected.append(str(exc))
            else:
                # Already gone on the server counts as deleted: the ledger entry goes either way.
                pending.append(("forget", uid, None, None))
                report.deleted += 1
                report.overwritten += found == CHANGED
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
