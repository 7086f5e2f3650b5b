"""The question bank for informational meetings, and the rule that some questions are risky.

The method: never put anyone on the spot. Questions on compensation and hiring plans turn a
conversation between peers into a job request; the bank marks them risky and says why, and
`risk_of` flags a question the user typed themselves when it touches the same subjects.

Pure: `parse_bank` reads the bank's text; `services.question_bank.load_bank` supplies the text of
the bank shipped with the app (domain/ reads no files).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.text import fold

# Words that make a typed question risky even when it is not in the bank (folded text).
_RISKY_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(salar\w*|pay|paid|earn\w*|compensation|bonus\w*|stock options?|equity|"
            r"benefits|wage\w*|raise)\b"
        ),
        "It asks about pay or benefits: that belongs to a hiring process, not to a meeting "
        "where you asked for advice.",
    ),
    (
        re.compile(
            r"\b(hiring|openings?|vacanc\w*|job for me|open roles?|positions? open|"
            r"(my|a) (cv|resume|résumé)|hiring manager|headcount)\b"
        ),
        "It asks about hiring or a job: you promised not to ask for one, and it puts your "
        "contact on the spot.",
    ),
)


@dataclass(frozen=True)
class Question:
    text: str
    category: str
    risky: bool = False
    why: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    questions: tuple[Question, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class QuestionBank:
    about: str
    categories: tuple[Category, ...]

    @property
    def questions(self) -> list[Question]:
        return [q for category in self.categories for q in category.questions]

    def find(self, text: str) -> Question | None:
        key = fold(text)
        for question in self.questions:
            if fold(question.text) == key:
                return question
        return None

    def risk_of(self, text: str) -> str | None:
        """Why a question is risky (bank entry first, then the subject words), or None."""
        known = self.find(text)
        if known is not None and known.risky:
            return known.why or "This question is marked risky."
        if known is not None:
            return None
        return risk_of(text)


def risk_of(text: str) -> str | None:
    """Why a free-typed question is risky, or None when it reads as a safe question."""
    folded = fold(text)
    for pattern, why in _RISKY_PATTERNS:
        if pattern.search(folded):
            return why
    return None


def parse_bank(text: str) -> QuestionBank:
    """Read the bank's JSON; a malformed bank is a clear error, not a crash later."""
    try:
        data = json.loads(text)
        categories = []
        for raw_category in data["categories"]:
            name = str(raw_category["name"])
            questions = []
            for raw in raw_category["questions"]:
                risky = bool(raw.get("risky", False))
                why = raw.get("why")
                if risky and not why:
                    raise ValidationError(f"risky question {raw['text']!r} does not say why")
                questions.append(Question(str(raw["text"]), name, risky, why))
            categories.append(Category(str(raw_category["id"]), name, tuple(questions)))
        return QuestionBank(str(data.get("about", "")), tuple(categories))
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"the question bank is malformed: {exc}") from None
