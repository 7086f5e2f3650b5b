"""The shipped question bank: real questions, risky ones marked with a reason."""

from __future__ import annotations

import pytest

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.questions import parse_bank, risk_of
from networkdesk.services.question_bank import load_bank


def test_bank_has_safe_questions_in_several_categories() -> None:
    bank = load_bank()
    safe = [q for q in bank.questions if not q.risky]
    assert len(bank.categories) >= 6
    assert len(safe) >= 20
    assert any("who else" in q.text.lower() for q in safe)


def test_compensation_and_hiring_questions_are_risky_with_a_reason() -> None:
    bank = load_bank()
    risky = [q for q in bank.questions if q.risky]
    categories = {q.category for q in risky}
    assert any("Compensation" in c for c in categories)
    assert any("Hiring" in c for c in categories)
    assert all(q.why and len(q.why) > 30 for q in risky)
    assert bank.risk_of("is your team HIRING at the moment?") is not None
    assert bank.risk_of("What does a typical week look like for you?") is None


@pytest.mark.parametrize(
    ("text", "risky"),
    [
        ("What is the salary for this role?", True),
        ("Could you forward my CV to someone?", True),
        ("Are there openings on your team?", True),
        ("How did you get into this field?", False),
        ("What problems is your team working on?", False),
    ],
)
def test_typed_questions_are_judged_by_subject(text: str, risky: bool) -> None:
    assert (risk_of(text) is not None) is risky


def test_malformed_bank_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="malformed"):
        parse_bank('{"categories": [{"name": "x"}]}')
    with pytest.raises(ValidationError, match="does not say why"):
        parse_bank(
            '{"categories": [{"id": "a", "name": "A", "questions": '
            '[{"text": "Pay?", "risky": true}]}]}'
        )
