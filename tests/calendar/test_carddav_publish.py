"""Publishing contacts to a real CardDAV address book (Radicale), read back with vobject:
publishing twice changes nothing, an edited contact updates its card, a deleted contact's card
is removed, a card made by another client is untouched; conflicts as for the calendar."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from radicale_server import RadicaleServer

from helpers.keyring_backend import MemoryKeyring
from networkdesk.app import main
from networkdesk.domain.enums import Ring
from networkdesk.interchange.caldav_publish import CalendarServerError
from networkdesk.interchange.carddav_publish import CardDavAddressBook, resource_name
from networkdesk.services import contacts, publish_contacts
from networkdesk.storage.database import Database

FOREIGN_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:grandma-from-my-phone\r\nFN:Grandma\r\nN:;Grandma;;;\r\n"
    "TEL;TYPE=CELL:+1 555 0199\r\nEND:VCARD\r\n"
)


@pytest.fixture
def book(radicale: RadicaleServer) -> str:
    return radicale.make_addressbook()


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        priya = contacts.add(
            s,
            "Priya Raman",
            company="Northwind Traders",
            title="Senior PM",
            emails=["priya@northwind.example"],
            phones=["+44 7700 900123"],
            ring=Ring.INNER,
            tag_names=["mentor"],
            notes="Met at ProductCon; likes, commas",
        ).id
        jose = contacts.add(s, "José Muñoz Jr.", emails=["jose@example.com"], ring=Ring.OUTER).id
        ann = contacts.add(s, "Ann Lee", ring=Ring.OUTER, tag_names=["mentor"]).id
    return {"priya": priya, "jose": jose, "ann": ann}


def _publish(db: Database, radicale: RadicaleServer, book: str, **kwargs: Any) -> Any:
    account = publish_contacts.AddressBookAccount(radicale.url, radicale.user, book)
    with CardDavAddressBook.connect(radicale.url, radicale.user, radicale.password, book) as t:
        return publish_contacts.publish_to(db, t, account.ledger_key, **kwargs)


def _uids(db: Database) -> dict[str, str]:
    with db.reading() as s:
        return {row["name"]: contacts.get(s, row["id"]).uid for row in contacts.summaries(s)}


def test_publish_twice_edit_delete_and_foreign_cards(
    db: Database, radicale: RadicaleServer, book: str, people: dict[str, int]
) -> None:
    radicale.put_card(book, "grandma.vcf", FOREIGN_CARD)
    report = _publish(db, radicale, book)
    assert (report.created, report.updated, report.deleted) == (3, 0, 0)
    uids = _uids(db)
    cards = radicale.cards(book)
    assert set(cards) == {*uids.values(), "grandma-from-my-phone"}
    priya = cards[uids["Priya Raman"]]
    assert priya.fn.value == "Priya Raman"
    assert priya.org.value == ["Northwind Traders"]
    assert priya.email.value == "priya@northwind.example"
    assert priya.tel.value == "+44 7700 900123"
    assert priya.note.value == "Met at ProductCon; likes, commas"
    assert cards[uids["José Muñoz Jr."]].n.value.suffix == "Jr."

    again = _publish(db, radicale, book)
    assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 3)
    assert again.sent == 0

    with db.transaction() as s:
        contacts.edit(s, people["priya"], title="Director of Product")
    edited = _publish(db, radicale, book)
    assert (edited.updated, edited.unchanged) == (1, 2)
    assert radicale.cards(book)[uids["Priya Raman"]].title.value == "Director of Product"

    with db.transaction() as s:
        contacts.delete(s, people["ann"])
    deleted = _publish(db, radicale, book)
    assert deleted.deleted == 1
    cards = radicale.cards(book)
    assert uids["Ann Lee"] not in cards
    assert cards["grandma-from-my-phone"].fn.value == "Grandma"  # never touched
    assert cards["grandma-from-my-phone"].tel.value == "+1 555 0199"


def test_a_tag_or_ring_selection_publishes_only_those(
    db: Database, radicale: RadicaleServer, book: str, people: dict[str, int]
) -> None:
    uids = _uids(db)
    mentors = publish_contacts.Selection(tag="Mentor")
    report = _publish(db, radicale, book, selection=mentors)
    assert report.created == 2
    assert set(radicale.cards(book)) == {uids["Priya Raman"], uids["Ann Lee"]}
    outer = publish_contacts.Selection(ring=Ring.OUTER)
    report = _publish(db, radicale, book, selection=outer)  # the book follows the selection
    assert (report.created, report.deleted, report.unchanged) == (1, 1, 1)
    assert set(radicale.cards(book)) == {uids["José Muñoz Jr."], uids["Ann Lee"]}


def test_a_card_edited_or_deleted_on_the_phone(
    db: Database, radicale: RadicaleServer, book: str, people: dict[str, int]
) -> None:
    _publish(db, radicale, book)
    uids = _uids(db)
    # The phone rewrites José's card; Ann's is deleted there.
    radicale.delete_card(book, uids["Ann Lee"])
    edited = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uids['José Muñoz Jr.']}\r\nFN:Pepe\r\n"
        "N:;Pepe;;;\r\nEND:VCARD\r\n"
    )
    with radicale.client() as client:
        href = radicale.addressbooks[book] + resource_name(uids["José Muñoz Jr."])
        assert client.put(href, edited.encode(), {"Content-Type": "text/vcard"}).status == 204
    report = _publish(db, radicale, book)
    assert report.recreated == 1
    assert len(report.conflicts) == 1
    assert "1 deleted in another app, created again" in report.summary()
    cards = radicale.cards(book)
    assert cards[uids["Ann Lee"]].fn.value == "Ann Lee"
    assert cards[uids["José Muñoz Jr."]].fn.value == "Pepe"  # left alone
    report = _publish(db, radicale, book, overwrite=True)
    assert report.overwritten == 1
    assert radicale.cards(book)[uids["José Muñoz Jr."]].fn.value == "José Muñoz Jr."


def test_a_foreign_card_at_our_resource_name_is_never_overwritten(
    db: Database, radicale: RadicaleServer, book: str, people: dict[str, int]
) -> None:
    uid = _uids(db)["Priya Raman"]
    radicale.put_card(book, resource_name(uid), FOREIGN_CARD)
    report = _publish(db, radicale, book)
    assert report.created == 2
    assert len(report.rejected) == 1
    assert radicale.cards(book)["grandma-from-my-phone"].fn.value == "Grandma"


def test_missing_address_book_is_a_clear_error(radicale: RadicaleServer, book: str) -> None:
    with pytest.raises(CalendarServerError, match=r"no address book named 'Nope'.*" + book):
        CardDavAddressBook.connect(radicale.url, radicale.user, radicale.password, "Nope")


def test_cli_publishes_and_keeps_the_password(
    tmp_path: Path,
    radicale: RadicaleServer,
    book: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import keyring

    keyring.set_keyring(MemoryKeyring())
    db = str(tmp_path / "data" / "nd.db")
    assert main(["--db", db, "contact", "add", "Grace Hopper", "--tag", "navy"]) == 0
    assert main(["--db", db, "contact", "add", "Alan Turing"]) == 0
    args = ["--db", db, "contacts", "publish", "--url", radicale.url, "--user", radicale.user]
    args += ["--addressbook", book]
    monkeypatch.setattr("sys.stdin", io.StringIO(radicale.password + "\n"))
    capsys.readouterr()
    assert main([*args, "--password-stdin", "--tag", "navy"]) == 0
    out = capsys.readouterr()
    assert "tagged 'navy': created 1, updated 0, deleted 0, unchanged 0" in out.out
    assert "password saved in the keyring" in out.err
    assert main(args) == 0  # the saved password; now everyone
    assert "all contacts: created 1, updated 0, deleted 0, unchanged 1" in capsys.readouterr().out
    assert {card.fn.value for card in radicale.cards(book).values()} == {
        "Grace Hopper",
        "Alan Turing",
    }


def test_resource_names_are_plain_and_one_per_uid() -> None:
    assert resource_name("abc-123") == "abc-123.vcf"
    assert resource_name("urn:uuid:0f1e2d3c-aaaa") == "0f1e2d3c-aaaa.vcf"
    odd = resource_name("imported:card@example.org")
    assert odd.endswith(".vcf")
    assert ":" not in odd
    assert odd != resource_name("imported:card@example.net")
