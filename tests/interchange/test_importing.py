"""services.importing: matching, re-imports, job changes, dry runs, atomicity and undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from helpers.dbdump import dump
from networkdesk.domain.models import Company, Contact, ContactChange, RingMove
from networkdesk.interchange import linkedin, vcard
from networkdesk.interchange.limits import ImportFormatError, ImportRecord, ParsedFile
from networkdesk.services import contacts, importing


def _import(db: Any, parsed: ParsedFile, **kwargs: Any) -> importing.ImportOutcome:
    with db.transaction() as session:
        return importing.import_records(session, parsed, **kwargs)


def _summaries(db: Any) -> dict[str, dict[str, Any]]:
    with db.reading() as session:
        return {row["name"]: row for row in contacts.summaries(session)}


def test_first_import_lands_in_the_inbox_with_source_and_date(db: Any, data_dir: Path) -> None:
    outcome = _import(db, linkedin.parse(data_dir / "linkedin_connections.csv"))
    assert outcome.plan.summary() == "created 6, updated 0, skipped 2"
    rows = _summaries(db)
    assert len(rows) == 6
    assert all(row["ring"] is None for row in rows.values())  # the inbox
    assert rows["José Muñoz"]["company"] == "Acme, Inc."
    assert rows["José Muñoz"]["emails"] == ["jose.munoz@example.com"]
    with db.reading() as session:
        priya = session.scalars(select(Contact).where(Contact.name == "Priya Raman")).one()
        assert priya.source == "linkedin"
        assert priya.connected_on.isoformat() == "2024-03-15"
        assert priya.linkedin_key == "linkedin.com/in/priya-raman-4a1b2c"
        assert priya.name_key == "priya raman"
        # Search works on the bulk-inserted rows (search_text filled like the services do).
        found = contacts.summaries(session, contacts.ContactFilter(search="munoz acme"))
        assert [r["name"] for r in found] == ["José Muñoz"]
        assert session.scalar(select(func.count()).select_from(Company)) == 5


def test_reimport_of_the_same_file_creates_nothing(db: Any, data_dir: Path) -> None:
    parsed = linkedin.parse(data_dir / "linkedin_connections.csv")
    _import(db, parsed)
    before = _summaries(db)
    again = _import(db, parsed)
    # Nothing in the file is new: no contact counts as updated (issue 15: "updated 1581").
    assert again.plan.summary() == "created 0, updated 0, unchanged 6, skipped 2"
    assert again.created_contact_ids == []
    assert again.added_change_ids == []
    after = _summaries(db)
    assert after == before


def test_newer_export_updates_and_lists_job_changes_for_review(db: Any, data_dir: Path) -> None:
    _import(db, linkedin.parse(data_dir / "linkedin_connections.csv"))
    with db.transaction() as session:
        priya_id = session.scalars(select(Contact.id).where(Contact.name == "Priya Raman")).one()
        contacts.move(session, priya_id, 2)  # the user placed her; an import must not undo that
    outcome = _import(db, linkedin.parse(data_dir / "linkedin_connections_newer.csv"))
    plan = outcome.plan
    assert plan.summary() == "created 0, updated 3, unchanged 3, skipped 2"
    assert plan.job_changes == 3
    rows = _summaries(db)
    assert rows["Priya Raman"]["company"] == "Contoso Ltd"
    assert rows["Priya Raman"]["title"] == "VP Product"
    assert rows["Priya Raman"]["ring"] == 2
    with db.reading() as session:
        pending = importing.pending_changes(session)
        assert {(c["contact"], c["field"], c["old"], c["new"]) for c in pending} == {
            ("Priya Raman", "company", "Northwind Traders", "Contoso Ltd"),
            ("Priya Raman", "title", "Senior Product Manager", "VP Product"),
            ("José Muñoz", "title", "Staff Engineer", "Principal Engineer"),
            ("Ingrid Larsen", "company", None, "Umbrella Corp"),
            ("Ingrid Larsen", "title", None, "Recruiter"),
        }
        assert all(c["source"] == "linkedin" for c in pending)
    with db.transaction() as session:
        first = pending[0]["id"]
        assert importing.mark_reviewed(session, [first]) == 1
    with db.transaction() as session:
        assert len(importing.pending_changes(session)) == 4
        assert importing.mark_reviewed(session) == 4
        assert importing.pending_changes(session) == []
        # Reviewed, not deleted: the old values stay in the history.
        assert session.scalar(select(func.count()).select_from(ContactChange)) == 5


def test_matching_order_url_then_name_and_company_then_email(db: Any) -> None:
    with db.transaction() as session:
        by_url = contacts.add(session, "Ann Lee", linkedin="linkedin.com/in/annlee").id
        by_name = contacts.add(session, "Bo Ray", company="ACME").id
        by_email = contacts.add(session, "Cy Doe", emails=["cy@example.com"]).id
    parsed = ParsedFile(
        "x.csv",
        "linkedin",
        [
            # A different name, but the same profile (regional host, trailing slash).
            ImportRecord(
                "line 2", "Ann Lee-Smith", linkedin_url="https://uk.linkedin.com/in/AnnLee/"
            ),
            ImportRecord("line 3", "bo ray", company="Acme"),
            ImportRecord("line 4", "C. Doe", emails=[("CY@example.com", None)]),
        ],
    )
    plan = _import(db, parsed).plan
    assert [(r.action, r.contact_id) for r in plan.rows] == [
        ("update", by_url),
        ("update", by_name),
        ("update", by_email),
    ]
    assert _summaries(db)["Ann Lee"]["name"] == "Ann Lee"  # the user's name for them stays


def test_two_profiles_with_one_name_are_two_people(db: Any) -> None:
    with db.transaction() as session:
        contacts.add(session, "Jane Smith", company="Acme", linkedin="linkedin.com/in/jane-1")
    parsed = ParsedFile(
        "x.csv",
        "linkedin",
        [
            ImportRecord(
                "line 2",
                "Jane Smith",
                company="Acme",
                linkedin_url="https://linkedin.com/in/jane-2",
            ),
            ImportRecord(
                "line 3",
                "Jane Smith",
                company="Acme",
                linkedin_url="https://linkedin.com/in/jane-3",
            ),
        ],
    )
    plan = _import(db, parsed).plan
    assert plan.created == 2
    assert all(row.action == importing.DUPLICATE for row in plan.rows)  # flagged for review
    with db.reading() as session:
        assert contacts.count(session) == 3


def test_repeated_rows_in_one_file_are_skipped_with_the_reason(db: Any) -> None:
    parsed = ParsedFile(
        "x.vcf",
        "vcard",
        [
            ImportRecord("card 1 (line 1)", "Ann Lee", emails=[("ann@example.com", None)]),
            ImportRecord("card 2 (line 6)", "Annie Lee", emails=[("ANN@example.com", None)]),
        ],
    )
    plan = _import(db, parsed).plan
    assert plan.summary() == "created 1, updated 0, skipped 1"
    assert plan.rows[1].reason == "same person as card 1 (line 1)"


def test_similar_name_at_the_same_company_is_flagged_as_duplicate(db: Any) -> None:
    with db.transaction() as session:
        bob = contacts.add(session, "Robert Müller", company="Globex").id
    parsed = ParsedFile(
        "x.csv", "linkedin", [ImportRecord("line 2", "Bob Muller", company="GLOBEX")]
    )
    (row,) = _plan(db, parsed).rows
    assert row.action == importing.DUPLICATE
    assert row.contact_id == bob
    assert "looks like" in row.reason


def _plan(db: Any, parsed: ParsedFile) -> importing.ImportPlan:
    with db.reading() as session:
        return importing.plan_import(session, parsed)


def test_dry_run_plans_the_same_and_writes_nothing(db: Any, db_path: Path, data_dir: Path) -> None:
    _import(db, linkedin.parse(data_dir / "linkedin_connections.csv"))
    before = dump(db_path)
    plan = _plan(db, linkedin.parse(data_dir / "linkedin_connections_newer.csv"))
    assert plan.summary() == "created 0, updated 3, unchanged 3, skipped 2"
    assert dump(db_path) == before


def test_ring_option_places_new_contacts_with_history(db: Any, data_dir: Path) -> None:
    outcome = _import(db, vcard.parse(data_dir / "contacts_v30_apple.vcf"), ring=3)
    with db.reading() as session:
        placed = session.scalars(
            select(Contact).where(Contact.id.in_(outcome.created_contact_ids))
        ).all()
        assert [c.ring for c in placed] == [3, 3]
        assert all(c.angle is not None for c in placed)
        moves = session.scalars(select(RingMove)).all()
        assert sorted((m.contact_id, m.from_ring, m.to_ring) for m in moves) == [
            (c.id, None, 3) for c in sorted(placed, key=lambda c: c.id)
        ]


def test_vcard_import_keeps_labels_photo_tags(db: Any, data_dir: Path) -> None:
    _import(db, vcard.parse(data_dir / "contacts_v30_apple.vcf"))
    with db.reading() as session:
        ann = session.scalars(select(Contact).where(Contact.name == "Ann Lee")).one()
        assert [(e.address, e.label) for e in ann.emails] == [
            ("ann.lee@example.com", "other"),
            ("ann@northwind.example", "work"),
        ]
        assert [(p.number, p.label) for p in ann.phones] == [
            ("(555) 010-2030", "mobile"),
            ("+1 555 010 9999", "assistant"),
        ]
        assert [t.name for t in ann.tags] == ["Alumni", "Research"]
        assert ann.photo == (data_dir / "pixel.png").read_bytes()
        assert ann.source == "vcard"
        found = contacts.summaries(session, contacts.ContactFilter(tag="alumni"))
        assert [r["name"] for r in found] == ["Ann Lee"]


def test_vcard_reimport_adds_new_details_and_keeps_user_notes(db: Any, tmp_path: Path) -> None:
    with db.transaction() as session:
        ann = contacts.add(
            session,
            "Ann Lee",
            emails=["ann@example.com"],
            notes="My own note",
            tag_names=["Mentor"],
        ).id
    path = tmp_path / "ann.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\n"
        "EMAIL;TYPE=HOME:ann@home.example\r\nTEL;TYPE=CELL:+1 555 0100\r\n"
        "NOTE:From the phone\r\nCATEGORIES:Alumni\r\nEND:VCARD\r\n"
    )
    _import(db, vcard.parse(path))
    row = _summaries(db)["Ann Lee"]
    assert row["id"] == ann
    assert row["emails"] == ["ann@example.com", "ann@home.example"]
    assert row["phones"] == ["+1 555 0100"]
    assert row["tags"] == ["Alumni", "Mentor"]
    assert row["notes"] == "My own note\n\nFrom the phone"
    _import(db, vcard.parse(path))  # again: nothing doubles
    row = _summaries(db)["Ann Lee"]
    assert row["emails"] == ["ann@example.com", "ann@home.example"]
    assert row["notes"] == "My own note\n\nFrom the phone"


def test_broken_card_in_the_middle_leaves_the_database_unchanged(
    db: Any, db_path: Path, data_dir: Path
) -> None:
    _import(db, linkedin.parse(data_dir / "linkedin_connections.csv"))
    before = dump(db_path)
    with pytest.raises(ImportFormatError, match="card 2"):
        _import(db, vcard.parse(data_dir / "hostile_params.vcf"))
    assert dump(db_path) == before


def test_failure_while_writing_rolls_everything_back(
    db: Any, db_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(db, linkedin.parse(data_dir / "linkedin_connections.csv"))
    before = dump(db_path)

    def fail(session: Any, rows: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing.writer, "bulk_update_contacts", fail)  # after every insert
    with pytest.raises(RuntimeError, match="disk full"):
        _import(db, linkedin.parse(data_dir / "linkedin_connections_newer.csv"))
    assert dump(db_path) == before


def test_undo_restores_exactly_the_previous_state(db: Any, db_path: Path, data_dir: Path) -> None:
    _import(db, linkedin.parse(data_dir / "linkedin_connections.csv"))
    with db.transaction() as session:
        contacts.add(session, "Zed Zed", tag_names=["Existing"])
    before = dump(db_path)
    newer = linkedin.parse(data_dir / "linkedin_connections_newer.csv")
    newer.records.append(ImportRecord("line 99", "New Person", company="Brand New Co"))
    outcome = _import(db, newer)
    assert outcome.created_contact_ids
    assert outcome.created_company_ids
    assert outcome.added_change_ids
    assert dump(db_path) != before
    with db.transaction() as session:
        importing.undo_import(session, outcome)
    assert dump(db_path) == before


def test_undo_of_a_vcard_update_restores_emails_tags_and_notes(
    db: Any, db_path: Path, tmp_path: Path
) -> None:
    with db.transaction() as session:
        contacts.add(session, "Ann Lee", emails=["ann@example.com"], notes="Mine")
    before = dump(db_path)
    path = tmp_path / "ann.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\n"
        "EMAIL:a2@example.com\r\n"
        "TEL:+1 555\r\nNOTE:Theirs\r\nCATEGORIES:New tag\r\nTITLE:CEO\r\n"
        "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=\r\nEND:VCARD\r\n"
    )
    outcome = _import(db, vcard.parse(path))
    with db.transaction() as session:
        importing.undo_import(session, outcome)
    assert dump(db_path) == before


def test_a_contact_deleted_after_the_preview_is_a_conflict(db: Any, data_dir: Path) -> None:
    parsed = linkedin.parse(data_dir / "linkedin_connections.csv")
    _import(db, parsed)
    plan = _plan(db, parsed)
    with db.transaction() as session:
        contacts.delete(session, plan.rows[0].contact_id)
    from networkdesk.domain.errors import ConflictError

    with (
        pytest.raises(ConflictError, match="preview the import again"),
        db.transaction() as session,
    ):
        importing.apply_import(session, plan)


def test_fast_keys_agree_with_the_general_ones() -> None:
    from networkdesk.domain.text import fold
    from networkdesk.services.validation import linkedin_key

    for url in (
        "https://www.linkedin.com/in/Priya-Raman/",
        "http://uk.linkedin.com/in/x/?trk=abc",
        "https://linkedin.com",
        "https://m.linkedin.com/in/a#frag",
        "https://example.com/in/x/",
        "linkedin.com/in/no-scheme",
        "https://user@www.linkedin.com:443/in/x",
    ):
        assert importing.linkedin_key(url) == linkedin_key(url), url
    for text in ("  Hello\tWorld ", "ÀÉÎ õü", "ﬁne", "a\x1fb", "İstanbul", "ß"):
        assert importing.fold(text) == fold(text), text


def test_same_name_with_different_details_is_kept_and_flagged(db: Any) -> None:
    parsed = ParsedFile(
        "x.vcf",
        "vcard",
        [
            ImportRecord("card 1 (line 1)", "Ann Lee", phones=[("+1 555 0100", None)]),
            ImportRecord("card 2 (line 6)", "Ann Lee", phones=[("+44 20 0000", None)]),
            ImportRecord("card 3 (line 11)", "Bo Ray"),
            ImportRecord("card 4 (line 14)", "Bo Ray"),
        ],
    )
    plan = _import(db, parsed).plan
    assert [(row.action, row.reason) for row in plan.rows] == [
        ("new", ""),
        ("duplicate", "same name and company as card 1 (line 1) (different details: kept apart)"),
        ("new", ""),
        ("skipped", "same person as card 3 (line 11)"),
    ]
    assert plan.summary() == "created 3, updated 0, skipped 1; 1 possible duplicate to review"
