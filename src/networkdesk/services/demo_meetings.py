"""The meetings, follow-ups, referrals and interactions of the demo data (services.demo), for the
contacts it placed on the rings: the story of services/demo_interactions.py, written in bulk.
Kept apart so demo.py reads as the outline: companies, contacts, meetings."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from networkdesk.domain.models import FollowUp, Interaction, Meeting, Referral
from networkdesk.services import settings
from networkdesk.services.bulk import bulk_insert, next_id
from networkdesk.services.demo_interactions import Cast, Story, plan_story
from networkdesk.services.demo_words import DemoWords

_DEMO_NAMESPACE = uuid.UUID("6f1c9a52-8c1e-4c51-9a38-0d6c1f6b7e21")


def demo_uid(seed: int, kind: str, row_id: int) -> str:
    """Deterministic and unique per database row (ids never repeat in one database)."""
    return f"{uuid.uuid5(_DEMO_NAMESPACE, f'{seed}:{kind}:{row_id}')}@networkdesk"


def add_meetings(
    session: Session,
    words: DemoWords,
    seed: int,
    cast: Cast,
    *,
    now: dt.datetime,
    zone: dt.tzinfo,
) -> Story:
    """Meetings, follow-ups, referrals and interactions of the demo's story
    (services/demo_interactions.py), written in bulk; returns the story (its stages)."""
    story = plan_story(
        cast,
        now=now,
        zone=zone,
        practice_needed=settings.PRACTICE_THRESHOLD.get(session),
        first_meeting_id=next_id(session, Meeting.id),
        first_followup_id=next_id(session, FollowUp.id),
        first_interaction_id=next_id(session, Interaction.id),
        uid=lambda kind, row_id: demo_uid(seed, kind, row_id),
        notes=words.meeting_notes,
        places=words.places,
        followup_titles=words.followup_titles,
    )
    bulk_insert(session, Meeting.__table__, story.meetings)
    bulk_insert(session, FollowUp.__table__, story.followups)
    bulk_insert(session, Referral.__table__, story.referrals)
    bulk_insert(session, Interaction.__table__, story.interactions)
    return story
