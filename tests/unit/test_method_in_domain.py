"""The method's rules as pure functions (domain/), the typed settings registry, the `Ring`-typed
column and errors that name their fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, text

from networkdesk.domain.enums import Ring, as_ring
from networkdesk.domain.errors import ConflictError, NetworkdeskError, ValidationError
from networkdesk.domain.followup_rules import (
    SNOOZE_CHOICES,
    THANK_YOU_WITHIN,
    new_followup_due,
    snoozed_due,
    thank_you_due,
)
from networkdesk.domain.homework import HOMEWORK, homework_missing, homework_progress, is_prepared
from networkdesk.domain.method import practice_applies
from networkdesk.domain.models import Contact
from networkdesk.services import calendar_export, contacts, settings

NOW = dt.datetime(2026, 3, 11, 12, 0, tzinfo=dt.UTC)


def test_thank_you_within_a_day_of_the_meeting_or_of_a_late_log() -> None:
    end = NOW - dt.timedelta(hours=2)
    assert thank_you_due(end, NOW) == NOW + THANK_YOU_WITHIN
    later = NOW + dt.timedelta(hours=3)
    assert thank_you_due(later, NOW) == later + dt.timedelta(hours=24)


def test_snooze_counts_from_now_for_an_overdue_follow_up() -> None:
    overdue = NOW - dt.timedelta(days=3)
    assert snoozed_due(overdue, NOW, dt.timedelta(days=1)) == NOW + dt.timedelta(days=1)
    ahead = NOW + dt.timedelta(days=2)
    assert snoozed_due(ahead, NOW, dt.timedelta(hours=1)) == ahead + dt.timedelta(hours=1)
    assert [delta for _label, delta in SNOOZE_CHOICES] == sorted(d for _l, d in SNOOZE_CHOICES)
    due = new_followup_due(NOW + dt.timedelta(seconds=42, microseconds=7))
    assert due == NOW + dt.timedelta(days=1)


def test_homework_checklist() -> None:
    assert not is_prepared(None)
    assert homework_progress({}) == (0, len(HOMEWORK))
    partly = {"mission_researched": True, "questions_prepared": False, "stray": True}
    assert [item.key for item in homework_missing(partly)] == [
        "questions_prepared",
        "summary_ready",
        "not_asking_for_job",
    ]
    assert homework_progress(partly) == (1, 4)
    assert is_prepared({item.key: True for item in HOMEWORK})


def test_practice_applies_only_to_bullseye_contacts_at_targets() -> None:
    assert practice_applies(0, True, 3)
    assert not practice_applies(1, True, 3)
    assert practice_applies(1, True, 3, require_bullseye=False)
    assert not practice_applies(0, False, 3)
    assert not practice_applies(0, True, 0)


def test_settings_are_declared_once_with_typed_accessors(db: Any) -> None:
    assert set(settings.REGISTRY) == set(settings.DEFAULTS)
    with db.transaction() as s:
        assert settings.PRACTICE_THRESHOLD.get(s) == 3
        names = settings.RING_NAMES.get(s)
        names[0] = "changed by a caller"  # a copy: the default is not touched
        assert settings.RING_NAMES.get(s)[0] == "Bull's-eye"
        settings.RING_NAMES.set(s, [" Stars ", "In", "Mid", "Out"])
        settings.DEFAULT_REMINDER_MINUTES.set(s, 30)
    with db.reading() as s:
        # The same stored names as before the registry: existing databases keep their values.
        stored = dict(s.execute(text("SELECT key, value FROM settings")).all())
        assert set(stored) == {"ring_names", "default_reminder_minutes"}
        assert settings.get(s, "ring_names") == ["Stars", "In", "Mid", "Out"]
        assert settings.DEFAULT_REMINDER_MINUTES.get(s) == 30
    with db.transaction() as s, pytest.raises(ValidationError, match="0 to 10000"):
        settings.FOLLOWUP_SLOT_MINUTES.set(s, 10_001)
    with db.transaction() as s:
        # Written by another tool: a value its rule refuses reads as the default.
        s.execute(text("INSERT INTO settings (key, value) VALUES ('practice_threshold', '\"x\"')"))
    with db.reading() as s:
        assert settings.PRACTICE_THRESHOLD.get(s) == 3


def test_contact_ring_reads_back_as_the_ring_enum_stored_as_its_number(db: Any) -> None:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada", ring=2)
        ada_id = ada.id
        contacts.add(s, "Bo")
    with db.reading() as s:
        ring = s.get(Contact, ada_id).ring
        assert ring is Ring.MIDDLE
        assert s.scalars(select(Contact.ring).where(Contact.name == "Bo")).one() is None
        raw = s.execute(text("SELECT ring FROM contacts WHERE id = :i"), {"i": ada_id}).scalar()
        assert raw == 2
        assert type(raw) is int
    assert as_ring(None) is None
    assert as_ring(3) is Ring.OUTER


def test_errors_about_fields_are_phrased_by_each_front_end() -> None:
    with pytest.raises(ValidationError) as caught:
        calendar_export.ExportRange(dt.date(2026, 3, 2), dt.date(2026, 3, 1))
    error = caught.value
    assert set(error.fields) == {"first", "last"}
    assert str(error) == "the first day 2026-03-02 is after the last day 2026-03-01"
    assert error.phrase({"first": "--from", "last": "--to"}) == (
        "--from 2026-03-02 is after --to 2026-03-01"
    )
    assert error.phrase({"first": "From"}) == "From 2026-03-02 is after the last day 2026-03-01"
    plain = ConflictError("no fields here {braces}")
    assert plain.phrase({"first": "--from"}) == "no fields here {braces}"
    made = NetworkdeskError.about_fields("{what} is {value}", {"what": "it"}, value="{odd}")
    assert str(made) == "it is {odd}"
