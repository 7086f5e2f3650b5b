"""Readiness before the star: enough practice meetings held, and the homework done for the
star's company (its mission written down, questions chosen for the meeting)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# The preparation checklist of a meeting (the meeting editor shows these with labels).
PREPARATION_ITEMS: tuple[str, ...] = (
    "mission_researched",
    "questions_prepared",
    "summary_ready",
    "not_asking_for_job",
)


def preparation_progress(checklist: Mapping[str, bool] | None) -> tuple[int, int]:
    """(items done, items in all): the standard items plus any others the meeting has."""
    checklist = checklist or {}
    items = set(PREPARATION_ITEMS) | set(checklist)
    return sum(1 for item in items if checklist.get(item)), len(items)


@dataclass(frozen=True)
class Readiness:
    practice_held: int
    practice_needed: int
    mission_written: bool
    questions_chosen: bool

    @property
    def practised(self) -> bool:
        return self.practice_held >= self.practice_needed

    @property
    def ready(self) -> bool:
        return self.practised and self.mission_written and self.questions_chosen

    def missing(self) -> list[str]:
        """What is still to do, in words."""
        out: list[str] = []
        if not self.practised:
            out.append(f"practice meetings: {self.practice_held} of {self.practice_needed} held")
        if not self.mission_written:
            out.append("write down the company's mission")
        if not self.questions_chosen:
            out.append("choose questions for the meeting")
        return out


def readiness(
    practice_held: int, practice_needed: int, mission: str | None, questions: Sequence[str]
) -> Readiness:
    return Readiness(
        practice_held,
        max(practice_needed, 0),
        bool(mission and mission.strip()),
        any(q.strip() for q in questions),
    )
