"""The meetings, follow-ups and referrals of the demo data (services.demo), for the contacts it
placed on the rings. Kept apart so demo.py reads as the outline: companies, contacts, meetings."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from networkdesk.domain.enums import MeetingKind, ReferralStatus
from networkdesk.domain.models import FollowUp, Meeting, Referral
from networkdesk.services.bulk import bulk_insert, next_id
from networkdesk.services.demo_words import DemoWords

_DEMO_NAMESPACE = uuid.UUID("6f1c9a52-8c1e-4c51-9a38-0d6c1f6b7e21")


def demo_uid(seed: int, kind: str, row_id: int) -> str:
    """Deterministic and unique per database row (ids never repeat in one database)."""
    return f"{uuid.uuid5(_DEMO_NAMESPACE, f'{seed}:{kind}:{row_id}')}@networkdesk"


@dataclass(frozen=True)
class MeetingCounts:
    meetings: int
    followups: int
    referrals: int


def add_meetings(
    session: Session,
    rng: random.Random,
    words: DemoWords,
    at: Callable[..., dt.datetime],
    seed: int,
    ring_of: dict[int, int],
) -> MeetingCounts:
    """Meetings, follow-ups and referrals for the placed contacts (`ring_of`: id -> ring).
    Draws from `rng` in a fixed order: the same seed gives the same rows."""
    # Meetings: most placed contacts have met once (outer rings first: practice), a few upcoming.
    meeting_rows: list[dict[str, Any]] = []
    followup_rows: list[dict[str, Any]] = []
    referral_rows: list[dict[str, Any]] = []
    next_meeting = next_id(session, Meeting.id)
    next_followup = next_id(session, FollowUp.id)
    placed_ids = list(ring_of)
    for cid in placed_ids:
        ring = ring_of[cid]
        assert ring is not None
        if rng.random() < 0.55:
            past = ring >= 2 or rng.random() < 0.5
            start = at(
                -rng.randint(3, 60) if past else rng.randint(1, 14), rng.choice((0, 2, 5, 7))
            )
            meeting_rows.append(
                {
                    "id": next_meeting,
                    "contact_id": cid,
                    "start": start,
                    "minutes": rng.choice((20, 30, 30, 45)),
                    "kind": (MeetingKind.INTERVIEW if ring >= 2 else MeetingKind.MEETING).value,
                    "location": rng.choice(words.places),
                    "preparation": "Read their mission and recent news; prepare three questions.",
                    "checklist": {
                        "mission_researched": True,
                        "questions_prepared": True,
                        "summary_ready": past,
                        "not_asking_for_job": True,
                    },
                    "questions": [],
                    "notes": rng.choice(words.meeting_notes) if past else None,
                    "outcome": "Referred on" if past and rng.random() < 0.4 else None,
                    "uid": demo_uid(seed, "meeting", next_meeting),
                    "sequence": 0,
                    "created_at": start - dt.timedelta(days=7),
                    "updated_at": start - dt.timedelta(days=7),
                }
            )
            if past and rng.random() < 0.6:
                due = start + dt.timedelta(days=rng.choice((1, 1, 7, 21)))
                followup_rows.append(
                    {
                        "id": next_followup,
                        "contact_id": cid,
                        "meeting_id": next_meeting,
                        "title": rng.choice(words.followup_titles),
                        "notes": None,
                        "due": due,
                        "remind_minutes": 15,
                        "done_at": due if due < at(-2) and rng.random() < 0.7 else None,
                        "uid": demo_uid(seed, "followup", next_followup),
                        "sequence": 0,
                        "created_at": start,
                        "updated_at": start,
                    }
                )
                next_followup += 1
            next_meeting += 1
        if rng.random() < 0.25 and len(placed_ids) > 1:
            other = rng.choice(placed_ids)
            if other != cid:
                referral_rows.append(
                    {
                        "from_contact_id": cid,
                        "to_contact_id": other,
                        "status": rng.choice(list(ReferralStatus)).value,
                        "note": "Offered an introduction at the end of our chat.",
                        "created_at": at(-rng.randint(1, 40)),
                        "updated_at": at(-1),
                    }
                )
    bulk_insert(session, Meeting.__table__, meeting_rows)
    bulk_insert(session, FollowUp.__table__, followup_rows)
    bulk_insert(session, Referral.__table__, referral_rows)
    return MeetingCounts(len(meeting_rows), len(followup_rows), len(referral_rows))
