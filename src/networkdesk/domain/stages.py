"""Stage follows what you do, never backwards on its own.

An outreach moves *identified* to *contacted*; scheduling a meeting moves identified or
contacted to *meeting scheduled*; a logged meeting moves to *met*, or to *referred on* when it
brought referrals. A contact already further along stays where it is. A *dormant* contact (the
user had set it aside) comes back at the stage the new activity implies. The user can still set
any stage by hand; these rules only apply to what the app does by itself.
"""

from __future__ import annotations

import enum

from networkdesk.domain.enums import Stage

# The pipeline, from the first step on. DORMANT is outside it.
PIPELINE: tuple[Stage, ...] = (
    Stage.IDENTIFIED,
    Stage.CONTACTED,
    Stage.MEETING_SCHEDULED,
    Stage.MET,
    Stage.FOLLOWING_UP,
    Stage.REFERRED_ON,
)


class StageEvent(enum.StrEnum):
    OUTREACH = "outreach"
    MEETING_SCHEDULED = "meeting_scheduled"
    MEETING_LOGGED = "meeting_logged"
    MEETING_LOGGED_WITH_REFERRALS = "meeting_logged_with_referrals"


EVENT_STAGE: dict[StageEvent, Stage] = {
    StageEvent.OUTREACH: Stage.CONTACTED,
    StageEvent.MEETING_SCHEDULED: Stage.MEETING_SCHEDULED,
    StageEvent.MEETING_LOGGED: Stage.MET,
    StageEvent.MEETING_LOGGED_WITH_REFERRALS: Stage.REFERRED_ON,
}


def stage_after(current: Stage, event: StageEvent) -> Stage:
    """The stage after `event`: the event's stage when that is further along, else `current`."""
    target = EVENT_STAGE[event]
    if current is Stage.DORMANT:
        return target
    return target if PIPELINE.index(target) > PIPELINE.index(current) else current


def stage_after_logged_meeting(current: Stage, *, with_referrals: bool) -> Stage:
    event = (
        StageEvent.MEETING_LOGGED_WITH_REFERRALS if with_referrals else StageEvent.MEETING_LOGGED
    )
    return stage_after(current, event)
