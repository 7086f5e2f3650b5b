"""services.drafts: atomic, owner-only drafts per database, gone once discarded."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

from networkdesk.services.drafts import DraftStore, folder_for

WHEN = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


def test_save_load_and_discard(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    path = store.save("contact-42", {"notes": "typed", "ring": 2}, now=WHEN)
    draft = store.load("contact-42")
    assert draft is not None
    assert draft.values == {"notes": "typed", "ring": 2}
    assert draft.saved_at == WHEN
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    assert store.keys() == ["contact-42"]
    store.discard("contact-42")
    assert store.load("contact-42") is None
    assert store.keys() == []
    store.discard("contact-42")  # discarding twice is fine


def test_a_new_draft_replaces_the_old_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("meeting-7", {"notes": "one"})
    store.save("meeting-7", {"notes": "two"})
    draft = store.load("meeting-7")
    assert draft is not None
    assert draft.values == {"notes": "two"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting-7.json"]


def test_a_damaged_file_is_no_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.path("contact-1").write_text("{not json", encoding="utf-8")
    assert store.load("contact-1") is None
    store.path("contact-2").write_text('{"values": [1], "saved_at": "x"}', encoding="utf-8")
    assert store.load("contact-2") is None


def test_keys_cannot_leave_the_folder(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    path = store.save("../../etc/passwd", {"x": "y"})
    assert path.parent == tmp_path / "drafts"


def test_each_database_has_its_own_folder(tmp_path: Path) -> None:
    first = folder_for("/home/me/networkdesk.db", tmp_path)
    second = folder_for("/home/me/demo.db", tmp_path)
    assert first != second
    assert first.parent == second.parent == tmp_path / "drafts"
