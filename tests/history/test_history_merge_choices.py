"""Merging a duplicate pair with a choice per field: one undo step, both contacts back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from networkdesk.domain.enums import Stage
from networkdesk.services import contacts, meetings
from networkdesk.services.changes import CONTACTS
from networkdesk.services.history import History
from networkdesk.services.records.merge_choices import duplicate_pairs, merge_with_choices

NOW = dt.datetime(2026, 3, 14, 12, 0, tzinfo=dt.UTC)


def _pair(db: Any) -> tuple[int, int]:
    with db.transaction() as s:
        a = contacts.add(s, "Mila Okafor", company="Acme", title="Analyst", emails=["mila@x.test"])
        b = contacts.add(
            s,
            "Mila Okafor-Reed",
            company="Acme",
            title="Head of Data",
            emails=["mila@x.test", "m.reed@y.test"],
            stage=Stage.MET,
            ring=2,
        )
        meetings.add(s, b.id, NOW)
        return a.id, b.id


def test_pairs_name_their_reason(db: Any) -> None:
    a, b = _pair(db)
    with db.reading() as s:
        pairs = duplicate_pairs(s)
    assert [(p.first.contact_id, p.second.contact_id) for p in pairs] == [(a, b)]
    assert pairs[0].reason == "same e-mail mila@x.test"
    assert pairs[0].second.values["title"] == "Head of Data"
    assert pairs[0].second.values["stage"] == "Met"
    assert pairs[0].second.meetings == 1


def test_merge_with_chosen_fields_and_undo(
    db: Any, history: History, state: Callable[..., Any]
) -> None:
    a, b = _pair(db)
    before = state()
    record = history.apply(lambda s: merge_with_choices(s, a, b, ("title", "stage")))
    assert record is not None
    assert record.label == "Merge Mila Okafor with Mila Okafor-Reed"
    assert record.changes.deleted_ids(CONTACTS) == {b}
    with db.reading() as s:
        kept = contacts.get(s, a)
        assert (kept.name, kept.title, kept.stage) == ("Mila Okafor", "Head of Data", Stage.MET)
        assert sorted(e.address for e in kept.emails) == ["m.reed@y.test", "mila@x.test"]
        assert len(kept.meetings) == 1
        assert contacts.count(s) == 1

    history.undo()
    # Both contacts, their e-mails and the meeting as they were (change history rows the merge
    # wrote are gone with it).
    assert state() == before
    history.redo()
    with db.reading() as s:
        assert contacts.get(s, a).title == "Head of Data"
        assert contacts.count(s) == 1


def test_an_unknown_field_is_refused(db: Any, history: History) -> None:
    a, b = _pair(db)
    with pytest.raises(ValueError, match="notes"):
        history.apply(lambda s: merge_with_choices(s, a, b, ("notes",)))
    with db.reading() as s:
        assert contacts.count(s) == 2
