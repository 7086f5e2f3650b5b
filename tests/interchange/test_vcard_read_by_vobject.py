"""A vCard written by networkdesk, read by another reader (vobject): every field whole, the UID
kept - and the same card read back by networkdesk itself keeps its UID too."""

from __future__ import annotations

import vobject

from networkdesk.interchange import vcard

CARD = vcard.ExportCard(
    name="Dr. Martin Luther King Jr.",
    company="Acme, Inc.",
    title="Staff Engineer; Platform",
    emails=(("jose@example.com", "work"), ("jm@example.org", None)),
    phones=(("+34 600 000 000", "mobile"), ("+34 91 000 00 00", "home")),
    linkedin_url="https://www.linkedin.com/in/josemunoz",
    location="Madrid, Spain",
    notes="Multi-line\nnote; with, punctuation \\ and ünïcödé",
    tags=("Alumni", "Target, maybe", "a;b"),
    photo=b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20,
    photo_mime="image/jpeg",
    uid="urn:uuid:7f0c2a52-8f4e-4b8e-9d4e-0a1b2c3d4e5f",
)


def test_vobject_reads_every_field_whole() -> None:
    (card,) = list(vobject.readComponents(vcard.card_text(CARD)))
    assert card.fn.value == CARD.name
    name = card.n.value
    assert (name.prefix, name.given, name.additional, name.family, name.suffix) == (
        "Dr.",
        "Martin",
        "Luther",
        "King",
        "Jr.",
    )
    assert card.uid.value == CARD.uid
    assert card.org.value == ["Acme, Inc."]
    assert card.title.value == CARD.title
    emails = [(e.value, e.params.get("TYPE", [])) for e in card.contents["email"]]
    assert [address for address, _types in emails] == ["jose@example.com", "jm@example.org"]
    assert "work" in [t.lower() for t in emails[0][1]]
    phones = [t.value for t in card.contents["tel"]]
    assert phones == ["+34 600 000 000", "+34 91 000 00 00"]
    assert card.adr.value.city == "Madrid, Spain"
    assert card.url.value == CARD.linkedin_url
    assert card.note.value == CARD.notes
    assert card.categories.value == list(CARD.tags)
    assert card.photo.value == CARD.photo


def test_networkdesk_reads_its_own_card_back_with_the_uid() -> None:
    (record,) = vcard.parse_text(vcard.card_text(CARD)).records
    assert record.uid == CARD.uid
    assert record.name == CARD.name
    assert record.tags == list(CARD.tags)
    assert record.notes == CARD.notes
    assert record.photo == CARD.photo
