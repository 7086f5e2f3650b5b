"""When follow-ups fall due: the method's timing rules, as pure functions (no database, no Qt).

The method: thank the person within 24 hours of the meeting; a follow-up put off is put off from
whichever is later, its due time or now, so snoozing an overdue item never leaves it overdue.
"""

from __future__ import annotations

import datetime as dt

#: A thank-you note goes out within a day of the meeting.
THANK_YOU_WITHIN = dt.timedelta(hours=24)
THANK_YOU_TITLE = "Send a thank-you note"

#: A new follow-up made by hand is due this long from now (a sensible first guess to edit).
NEW_FOLLOWUP_AFTER = dt.timedelta(days=1)

#: The ways to put a follow-up off, as offered in the agenda (label, how long).
SNOOZE_CHOICES: tuple[tuple[str, dt.timedelta], ...] = (
    ("1 hour", dt.timedelta(hours=1)),
    ("1 day", dt.timedelta(days=1)),
    ("3 days", dt.timedelta(days=3)),
    ("1 week", dt.timedelta(weeks=1)),
)


def thank_you_due(meeting_end: dt.datetime, now: dt.datetime) -> dt.datetime:
    """Within 24 hours of the meeting; a meeting logged late gets it within 24 hours of now."""
    return max(meeting_end, now) + THANK_YOU_WITHIN


def snoozed_due(due: dt.datetime, now: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """The new due time of a follow-up put off by `delta` at `now`."""
    return max(due, now) + delta


def new_followup_due(now: dt.datetime) -> dt.datetime:
    """The due time offered for a follow-up added by hand: a day from now, on the minute."""
    return (now + NEW_FOLLOWUP_AFTER).replace(second=0, microsecond=0)
