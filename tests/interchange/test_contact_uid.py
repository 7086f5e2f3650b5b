"""A stable vCard UID per contact: globally unique, never reused, kept from an imported card,
written on export, filled for existing contacts by revision 0003."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from networkdesk.domain.models import Contact
from networkdesk.interchange import vcard
from networkdesk.services import contacts, exporting, importing
from networkdesk.storage import migrate

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n"


def _uids(db: Any) -> dict[str, str]:
    with db.reading() as session:
        return dict(session.execute(select(Contact.name, Contact.uid)).all())


def test_every_contact_gets_its_own_uid_and_the_export_carries_it(db: Any) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ann Lee")
        contacts.add(session, "Bo Ray")
        cards = exporting.vcard_cards(session)
    uids = _uids(db)
    assert len(set(uids.values())) == 2
    assert all(uid.startswith("urn:uuid:") for uid in uids.values())
    assert {card.name: card.uid for card in cards} == uids
    (record,) = vcard.parse_text(vcard.card_text(cards[0])).records
    assert record.uid == uids[cards[0].name]


def test_an_imported_card_keeps_its_uid_unless_another_contact_has_it(db: Any) -> None:
    text = CARD.format(uid="urn:uuid:0b7f9d3c-1111-4aaa-8bbb-000000000001", name="Ann Lee")
    text += CARD.format(uid="urn:uuid:0b7f9d3c-1111-4aaa-8bbb-000000000001", name="Bo Ray")
    text += CARD.format(uid="x" * 300, name="Cy Doe")
    parsed = vcard.parse_text(text)
    assert [str(w) for w in parsed.warnings] == [
        "card 3, line 13: a UID that is too long or has control characters: not kept"
    ]
    with db.transaction() as session:
        importing.import_records(session, parsed)
    uids = _uids(db)
    assert uids["Ann Lee"] == "urn:uuid:0b7f9d3c-1111-4aaa-8bbb-000000000001"
    assert uids["Bo Ray"] != uids["Ann Lee"]  # a UID is never given to two contacts
    assert uids["Cy Doe"].startswith("urn:uuid:")


def test_a_deleted_contacts_uid_is_not_reused(db: Any) -> None:
    with db.transaction() as session:
        ann = contacts.add(session, "Ann Lee")
        session.flush()
        old = ann.uid
        contacts.delete(session, ann.id)
    with db.transaction() as session:
        again = contacts.add(session, "Ann Lee")
        session.flush()
        assert again.uid != old


def test_revision_0003_gives_existing_contacts_unique_uids(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as connection:
            for number in (1, 2, 3):
                connection.exec_driver_sql(
                    "INSERT INTO contacts (id, name, name_key, stage, search_text, created_at, "
                    "updated_at) VALUES (?, ?, ?, 'identified', '', '2026-01-01 00:00:00.000000', "
                    "'2026-01-01 00:00:00.000000')",
                    (number, f"P{number}", f"p{number}"),
                )
        migrate.upgrade(engine, "0003")
    finally:
        engine.dispose()
    rows = sqlite3.connect(path).execute("SELECT uid FROM contacts").fetchall()
    uids = [row[0] for row in rows]
    assert len(uids) == 3
    assert len(set(uids)) == 3
    assert all(uid.startswith("urn:uuid:") for uid in uids)
