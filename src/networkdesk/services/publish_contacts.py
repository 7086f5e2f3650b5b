"""Publishing contacts to a CardDAV address book (your phone's contacts): the use case
Tools → Publish contacts… and `networkdesk contacts publish` share.

An idempotent sync by UID against the same ledger as calendar publishing (its own key per
address book): a contact never published gets a card, one whose card text changed since gets it
replaced, a contact deleted - or no longer in the chosen tag or ring - loses the card networkdesk
made; cards made by another client are never touched, and one edited or deleted there is
reported or created again, as for events (`services.publishing.sync`). Passwords go through the
keyring exactly as for the calendar (one password per server and user).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk import secrets
from networkdesk.domain.enums import Ring
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import Contact, PublishedEvent, Tag, contact_tags
from networkdesk.domain.text import fold
from networkdesk.interchange import vcard_export
from networkdesk.services import exporting, publishing
from networkdesk.services.publishing import PublishPlan, PublishReport
from networkdesk.storage.database import Database

__all__ = [
    "AddressBookAccount",
    "CardItem",
    "PublishReport",
    "make_card_plan",
    "publish_contacts",
    "publish_to",
    "selected_contact_ids",
]

Progress = Callable[[int, int], None]
LEDGER_PREFIX = "carddav|"


@dataclass(frozen=True, slots=True)
class AddressBookAccount:
    """One address book of one user on one CardDAV server."""

    url: str
    user: str
    addressbook: str

    @property
    def ledger_key(self) -> str:
        return LEDGER_PREFIX + publishing.calendar_key(self.url, self.user, self.addressbook)


@dataclass(frozen=True, slots=True)
class CardItem:
    """A contact's card as published: its UID, the card's bytes and a checksum of them (the
    ledger's "sequence": a card is sent again exactly when its text changed)."""

    uid: str
    summary: str
    data: bytes

    @property
    def sequence(self) -> int:
        return zlib.crc32(self.data) & 0x7FFFFFFF  # fits the ledger's integer column


@dataclass(frozen=True, slots=True)
class Selection:
    """Which contacts go to the address book: all, or those with a tag and/or on a ring."""

    tag: str | None = None
    ring: Ring | None = None

    def describe(self) -> str:
        parts = []
        if self.tag:
            parts.append(f"tagged {self.tag!r}")
        if self.ring is not None:
            parts.append(f"on ring {int(self.ring)}")
        return " and ".join(parts) or "all contacts"


def selected_contact_ids(session: Session, selection: Selection) -> list[int]:
    query = select(Contact.id)
    if selection.ring is not None:
        query = query.where(Contact.ring == selection.ring)
    if selection.tag:
        tag_id = session.scalar(select(Tag.id).where(Tag.name_key == fold(selection.tag)))
        if tag_id is None:
            raise ValidationError(f"no tag named {selection.tag!r}")
        query = query.where(
            Contact.id.in_(select(contact_tags.c.contact_id).where(contact_tags.c.tag_id == tag_id))
        )
    return list(session.scalars(query.order_by(Contact.id)))


def make_card_plan(session: Session, key: str, selection: Selection) -> PublishPlan[CardItem]:
    """What a publish to the address book `key` would send. Reads only."""
    ledger = {
        row.uid: row
        for row in session.scalars(select(PublishedEvent).where(PublishedEvent.calendar_key == key))
    }
    cards = exporting.vcard_cards(session, selected_contact_ids(session, selection))
    plan: PublishPlan[CardItem] = PublishPlan()
    live: set[str] = set()
    for card in cards:
        if not card.uid:
            continue
        item = CardItem(card.uid, card.name, vcard_export.card_text(card).encode("utf-8"))
        live.add(item.uid)
        published = ledger.get(item.uid)
        if published is None:
            plan.create.append(item)
            continue
        plan.etags[item.uid] = published.etag
        if item.sequence != published.sequence and published.href:
            plan.update.append((item, published.href))
        else:
            plan.unchanged += 1
            if published.href:
                plan.kept.append((item, published.href))
    for uid, published in ledger.items():
        if uid not in live and published.href:
            plan.delete.append((uid, published.href))
            plan.etags[uid] = published.etag
    plan.delete.sort()
    return plan


def publish_to(
    db: Database,
    target: publishing.CalendarTarget,
    key: str,
    selection: Selection = Selection(),
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> PublishReport:
    """Sync an already connected address book with the contacts."""
    with db.reading() as session:
        plan = make_card_plan(session, key, selection)
    return publishing.sync(
        db,
        target,
        key,
        plan,
        lambda item: item.data,
        progress=progress,
        cancelled=cancelled,
        overwrite=overwrite,
    )


def publish_contacts(
    db: Database,
    account: AddressBookAccount,
    password: str,
    *,
    save_password: bool,
    selection: Selection = Selection(),
    on_connected: Callable[[bool], None] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> PublishReport:
    """Connect to the address book and sync it. The password is saved in the keyring (when
    asked) only once the server accepted it; `on_connected(saved)` says whether that worked.
    Raises CalendarServerError after recording what the server had already confirmed."""
    from networkdesk.interchange.carddav_publish import CardDavAddressBook

    with CardDavAddressBook.connect(
        account.url, account.user, password, account.addressbook
    ) as target:
        saved = save_password and secrets.save_password(account.url, account.user, password)
        if on_connected is not None:
            on_connected(saved)
        return publish_to(
            db,
            target,
            account.ledger_key,
            selection,
            progress=progress,
            cancelled=cancelled,
            overwrite=overwrite,
        )
