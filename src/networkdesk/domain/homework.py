"""The homework before an informational meeting, as a checklist (pure, no database, no Qt).

The method: know the company's mission and recent news, bring good questions, have a short
professional summary ready, and be clear that you are not asking for a job. A meeting's checklist
is stored as {item key: done}; keys it does not know are kept but not counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeworkItem:
    key: str
    label: str


HOMEWORK: tuple[HomeworkItem, ...] = (
    HomeworkItem("mission_researched", "Company mission researched"),
    HomeworkItem("questions_prepared", "Questions prepared"),
    HomeworkItem("summary_ready", "Professional summary ready"),
    HomeworkItem("not_asking_for_job", "Make clear you are not asking for a job"),
)


def homework_missing(checklist: Mapping[str, bool] | None) -> list[HomeworkItem]:
    """The items of the homework not ticked yet, in the checklist's order."""
    done = checklist or {}
    return [item for item in HOMEWORK if not done.get(item.key)]


def is_prepared(checklist: Mapping[str, bool] | None) -> bool:
    """True when every item of the homework is done."""
    return not homework_missing(checklist)


def homework_progress(checklist: Mapping[str, bool] | None) -> tuple[int, int]:
    """(items done, items in all), e.g. for "2 of 4 done"."""
    return len(HOMEWORK) - len(homework_missing(checklist)), len(HOMEWORK)
