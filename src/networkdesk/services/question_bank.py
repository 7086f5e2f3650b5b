"""The question bank shipped with the app (resources/questions/question_bank.json), read once."""

from __future__ import annotations

from functools import cache

from networkdesk.domain.questions import QuestionBank, parse_bank
from networkdesk.resources_access import resource_text

BANK_RESOURCE = ("questions", "question_bank.json")


@cache
def load_bank() -> QuestionBank:
    """The shipped bank, parsed (a malformed bank is a ValidationError naming the problem)."""
    return parse_bank(resource_text(*BANK_RESOURCE))
