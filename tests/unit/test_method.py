"""Practice first, as pure rules and through the service."""

from __future__ import annotations

import datetime as dt

from networkdesk.domain.method import (
    HeldMeeting,
    RingStep,
    count_practice_meetings,
    practice_first_message,
    ring_at,
)

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def test_ring_at_follows_the_history() -> None:
    history = [RingStep(day(0), 3), RingStep(day(10), 2), RingStep(day(20), 0)]
    assert ring_at(history, day(-1)) is None
    assert ring_at(history, day(0)) == 3
    assert ring_at(history, day(15)) == 2
    assert ring_at(history, day(30)) == 0
    # Order of the rows does not matter.
    assert ring_at(list(reversed(history)), day(15)) == 2


def test_a_meeting_counts_when_its_contact_was_outside_at_the_time() -> None:
    histories = {
        1: [RingStep(day(0), 3), RingStep(day(20), 0)],  # outer, then moved to the centre
        2: [RingStep(day(0), 1)],  # always inner
    }
    meetings = [
        HeldMeeting(1, day(5)),  # on the outer ring then: practice
        HeldMeeting(1, day(25)),  # already in the bull's-eye: not practice
        HeldMeeting(2, day(5)),  # inner ring: not practice
        HeldMeeting(3, day(5)),  # no history: where it is now (middle)
        HeldMeeting(1, day(40)),  # not held yet
    ]
    held = count_practice_meetings(meetings, histories, {1: 0, 2: 1, 3: 2}, now=day(30))
    assert held == 2


def test_message_only_below_the_threshold() -> None:
    assert practice_first_message(3, 3, "Ada", "Acme") is None
    text = practice_first_message(1, 3, "Ada", "Acme")
    assert text is not None
    assert "Ada at Acme" in text
    assert "only 1 so far" in text
    assert "none yet" in (practice_first_message(0, 2, "Ada", None) or "")


def test_practice_first_warning_through_the_service(session) -> None:
    from networkdesk.services import companies, contacts, meetings, settings
    from networkdesk.services.practice import practice_first_warning, practice_meetings_held

    companies.upsert(session, "Acme", target=True)
    star = contacts.add(session, "Star Person", company="Acme", ring=0)
    other = contacts.add(session, "Other Star", company="Globex", ring=0)
    outer = contacts.add(session, "Old Friend", ring=3)
    session.flush()
    assert practice_first_warning(session, other.id) is None  # not a target company
    assert "Star Person at Acme" in (practice_first_warning(session, star.id) or "")

    settings.set_value(session, "practice_threshold", 1)
    # A meeting with the outer-ring friend, after it was placed there, held before `later`.
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    meetings.add(session, outer.id, start=later - dt.timedelta(hours=1))
    assert practice_meetings_held(session, now=later) == 1
    assert practice_first_warning(session, star.id, now=later) is None
    # Not held yet: it does not count.
    assert practice_meetings_held(session) == 0
