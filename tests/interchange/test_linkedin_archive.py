"""The whole LinkedIn archive: reading its zip or folder (bounded), and importing it in one step:
connections, messages and invitations as interactions with their direction, followed companies
as candidate targets; a re-import of the same archive changes nothing."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from helpers.dbdump import dump
from helpers.linkedin_export import members_2018, members_2024, write_folder, write_zip
from networkdesk.app import main
from networkdesk.domain.enums import Stage
from networkdesk.domain.models import Company, Contact, Interaction
from networkdesk.domain.touches import Direction
from networkdesk.interchange import linkedin_archive
from networkdesk.interchange.limits import ImportFormatError
from networkdesk.services import interactions
from networkdesk.services.importing import archive_import


@pytest.fixture
def zip_2024(tmp_path: Path) -> Path:
    return write_zip(tmp_path / "Basic_LinkedInDataExport_03-20-2024.zip", members_2024())


def _by_name(db: Any) -> dict[str, Contact]:
    with db.reading() as s:
        return {c.name: c for c in s.scalars(select(Contact))}


def test_the_2024_zip_reads_every_member_and_tells_sent_from_received(zip_2024: Path) -> None:
    archive = linkedin_archive.read_archive(zip_2024)
    assert archive.owner is not None
    assert archive.owner.name == "Sam Okafor"
    assert archive.connections is not None
    assert len(archive.connections.records) == 4
    touches = {(t.person.name, t.direction, t.kind) for t in archive.touches}
    assert touches == {
        ("Priya Raman", "out", "message"),
        ("Priya Raman", "in", "message"),
        ("José Muñoz", "in", "message"),
        ("Rita Recruiter", "in", "message"),
        ("Chen Wei", "out", "invitation"),
        ("Ingrid Larsen", "in", "invitation"),
    }  # the draft is not a touch
    coffee = next(t for t in archive.touches if t.direction == "out" and t.kind == "message")
    assert coffee.at == dt.datetime(2024, 3, 16, 9, 12, 45, tzinfo=dt.UTC)
    assert coffee.note is not None
    assert "20 minutes for a coffee" in coffee.note
    chen = next(t for t in archive.touches if t.kind == "invitation" and t.direction == "out")
    assert chen.at == dt.datetime(2023, 9, 29, 16, 5, tzinfo=dt.UTC)
    assert archive.followed_companies == ["Northwind Traders", "Globex", "Umbrella Health"]


def test_the_unpacked_folder_reads_like_the_zip(tmp_path: Path, zip_2024: Path) -> None:
    folder = write_folder(tmp_path / "export", members_2024())
    a = linkedin_archive.read_archive(folder)
    b = linkedin_archive.read_archive(zip_2024)
    assert a.touches == b.touches
    assert a.followed_companies == b.followed_companies


def test_a_2018_archive_uses_its_direction_column(tmp_path: Path) -> None:
    archive = linkedin_archive.read_archive(write_folder(tmp_path / "old", members_2018()))
    assert not any("took" in w.problem for w in archive.warnings)  # each row says its direction
    got = sorted((t.person.name, t.direction, t.at.isoformat()) for t in archive.touches)
    assert got == [
        ("Hannah Schmidt", "in", "2018-06-15T20:47:00+00:00"),
        ("Hannah Schmidt", "out", "2018-06-14T10:05:00+00:00"),
        ("Omar Haddad", "in", "2018-07-01T12:00:00+00:00"),
        ("Omar Haddad", "out", "2017-03-02T18:00:00+00:00"),
    ]


def test_the_archive_imports_in_one_step_and_feeds_the_daily_loop(db: Any, zip_2024: Path) -> None:
    archive = archive_import.read(zip_2024)
    outcome = archive_import.apply(db, archive)
    assert outcome.contacts is not None
    assert outcome.contacts.plan.created == 4
    assert len(outcome.touches.new) == 5
    assert outcome.touches.unmatched == 1
    assert outcome.touches.unmatched_people == ["Rita Recruiter"]
    people = _by_name(db)
    with db.reading() as s:
        rows = s.scalars(select(Interaction).order_by(Interaction.at)).all()
        directions = [(r.contact_id, r.direction) for r in rows]
        priya = people["Priya Raman"].id
        assert (priya, Direction.OUT) in directions
        assert (priya, Direction.IN) in directions
        # Priya answered within two days: measured responsiveness sees the reply.
        now = dt.datetime(2024, 3, 20, tzinfo=dt.UTC)
        measured = interactions.responsiveness_of(s, priya, now=now, zone=dt.UTC)
        assert measured is not None
        assert [t.is_outgoing for t in interactions.timeline(s, priya, now)] == [False, True]
    # An outreach moves an identified contact forward, as logging it by hand would.
    assert people["Priya Raman"].stage is Stage.CONTACTED
    assert people["Chen Wei"].stage is Stage.CONTACTED
    assert people["José Muñoz"].stage is Stage.IDENTIFIED


def test_reimporting_an_unchanged_archive_changes_nothing(db: Any, zip_2024: Path) -> None:
    archive_import.apply(db, archive_import.read(zip_2024))
    with db.reading() as s:
        count = len(s.scalars(select(Interaction)).all())
    again = archive_import.apply(db, archive_import.read(zip_2024))
    assert again.nothing_changed
    assert not again.touches.new
    assert again.touches.already_there == 5
    assert "nothing changed" in again.summary_lines()[-1]
    with db.reading() as s:
        assert len(s.scalars(select(Interaction)).all()) == count


def test_followed_companies_are_offered_and_marked_only_when_asked(db: Any, zip_2024: Path) -> None:
    archive = archive_import.read(zip_2024)
    offered = archive_import.apply(db, archive)
    assert offered.targets.candidates == ["Northwind Traders", "Globex", "Umbrella Health"]
    assert any("--targets-from-follows" in line for line in offered.summary_lines())
    with db.reading() as s:
        assert not s.scalars(select(Company).where(Company.is_target)).all()
    marked = archive_import.apply(db, archive, targets_from_follows=True)
    assert marked.targets_marked is not None
    assert len(marked.targets_marked.marked_company_ids) == 1  # Northwind, a contact's company
    assert len(marked.targets_marked.created_company_ids) == 2
    with db.reading() as s:
        names = set(s.scalars(select(Company.name).where(Company.is_target)))
    assert names == {"Northwind Traders", "Globex", "Umbrella Health"}
    assert archive_import.apply(db, archive, targets_from_follows=True).nothing_changed


def test_the_preview_writes_nothing_and_agrees_with_the_import(
    db: Any, db_path: Path, zip_2024: Path
) -> None:
    archive = archive_import.read(zip_2024)
    before = dump(db_path)
    preview = archive_import.preview(db, archive, targets_from_follows=True)
    assert dump(db_path) == before
    done = archive_import.apply(db, archive, targets_from_follows=True)
    assert preview.summary_lines() == done.summary_lines()


def test_cli_imports_the_zip_and_reports_nothing_changed_the_second_time(
    tmp_path: Path, zip_2024: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "nd.db"
    assert main(["--db", str(db), "import", "linkedin", str(zip_2024)]) == 0
    first = capsys.readouterr().out
    assert "connections: created 4" in first
    assert "5 new interactions (2 sent, 3 received)" in first
    assert "Rita Recruiter" in first
    assert "could be targets" in first
    assert main(["--db", str(db), "import", "linkedin", str(zip_2024)]) == 0
    second = capsys.readouterr().out
    assert "0 new interactions" in second
    assert "nothing changed" in second
    args = ["--db", str(db), "import", "linkedin", str(zip_2024), "--targets-from-follows"]
    assert main([*args, "--dry-run", "--json"]) == 0
    assert '"targets_marked": 3' in capsys.readouterr().out
    assert main(args) == 0
    assert "3 marked as targets (2 new)" in capsys.readouterr().out


def test_a_damaged_deflate_stream_is_refused_in_words(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "export.zip", members_2024())
    data = bytearray(path.read_bytes())
    data[45] = 0  # inside the first member's compressed data (found by the fuzz test below)
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFormatError, match="not a readable zip archive"):
        linkedin_archive.read_archive(path)


def test_a_zip_that_is_not_an_export_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "photos.zip", {"holiday.txt": "not csv"})
    with pytest.raises(ImportFormatError, match=r"neither Connections\.csv nor messages\.csv"):
        linkedin_archive.read_archive(path)


def test_a_member_climbing_out_of_the_archive_is_refused(tmp_path: Path) -> None:
    members = members_2024()
    members["../../.bashrc"] = "rm -rf ~"
    path = write_zip(tmp_path / "evil.zip", members)
    with pytest.raises(ImportFormatError, match="points outside the archive"):
        linkedin_archive.read_archive(path)


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("Connections.csv", b"0" * (6 * 1024 * 1024))  # 6 MB from 6 kB
    with pytest.raises(ImportFormatError, match="zip bomb"):
        linkedin_archive.read_archive(path)


def test_a_member_larger_than_an_export_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_zip(tmp_path / "big.zip", members_2024())
    monkeypatch.setattr(linkedin_archive, "MAX_CSV_BYTES", 200)
    with pytest.raises(ImportFormatError, match="more than the"):
        linkedin_archive.read_archive(path)


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "export", members_2018())
    secret = tmp_path / "secret.csv"
    secret.write_text("First Name,Last Name,URL\n", encoding="utf-8")
    (folder / "Invitations.csv").unlink()
    (folder / "Invitations.csv").symlink_to(secret)
    with pytest.raises(ImportFormatError, match="outside the export folder"):
        linkedin_archive.read_archive(folder)


def test_unknown_columns_are_ignored_and_an_unreadable_date_is_a_warning(tmp_path: Path) -> None:
    members = members_2018()
    members["messages.csv"] = (
        "Conversation Title,From,To,Date,Subject,Content,Direction,Reactions\r\n"
        ",Sam Okafor,Hannah Schmidt,not a date,,Hi,OUTGOING,👍\r\n"
        ",Hannah Schmidt,Sam Okafor,2018-06-15 20:47:00 UTC,,Hi back,INCOMING,\r\n"
    )
    archive = linkedin_archive.read_archive(write_folder(tmp_path / "x", members))
    assert [t.direction for t in archive.touches if t.kind == "message"] == ["in"]
    assert any("unreadable DATE" in str(w) for w in archive.warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-14 09:12:45 UTC", dt.datetime(2024, 3, 14, 9, 12, 45, tzinfo=dt.UTC)),
        ("2019-11-04T08:30:00Z", dt.datetime(2019, 11, 4, 8, 30, tzinfo=dt.UTC)),
        ("6/14/18, 10:05 AM", dt.datetime(2018, 6, 14, 10, 5, tzinfo=dt.UTC)),
        ("12/1/18, 12:30 AM", dt.datetime(2018, 12, 1, 0, 30, tzinfo=dt.UTC)),
        ("12/1/18, 12:30 PM", dt.datetime(2018, 12, 1, 12, 30, tzinfo=dt.UTC)),
        ("15 Mar 2024", dt.datetime(2024, 3, 15, tzinfo=dt.UTC)),
    ],
)
def test_moments_of_every_era(text: str, expected: dt.datetime) -> None:
    assert linkedin_archive.parse_moment(text) == expected


@given(
    era=st.sampled_from(["2024", "2018"]),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=6)), max_size=4
    ),
)
@settings(max_examples=40, deadline=None)
def test_a_damaged_archive_is_read_or_refused_in_words(
    era: str, edits: list[tuple[int, bytes]]
) -> None:
    import tempfile

    members = members_2024() if era == "2024" else members_2018()
    with tempfile.TemporaryDirectory() as folder:
        path = write_zip(Path(folder) / "export.zip", members)
        data = bytearray(path.read_bytes())
        for position, token in edits:
            at = position % len(data)
            data[at : at + len(token)] = token
        path.write_bytes(bytes(data))
        try:
            linkedin_archive.read_archive(path)
        except ImportFormatError:
            pass  # refused with one clear message
