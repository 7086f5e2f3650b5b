"""The short outreach e-mail checker and mailto: URLs (RFC 6068)."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networkdesk.domain.email_rules import (
    CONNECTION_NOT_FIRST,
    MAX_WORDS,
    MENTIONS_JOBS,
    MORE_ABOUT_ME,
    NO_ADVICE_QUESTION,
    RULES,
    TOO_LONG,
    check_draft,
    sentences_of,
)
from networkdesk.domain.mailto import mailto_url

GOOD = (
    "Hi Ana,\n\n"
    "Maria Lopez suggested I write to you. Your work on Acme's mapping team is impressive,\n"
    "and your talk on open data stayed with me.\n"
    "Would you share your perspective on how your team chose its tools?\n\n"
    "Thank you, Bo"
)


def test_a_good_draft_breaks_nothing() -> None:
    report = check_draft(GOOD)
    assert report.ok, report.broken
    assert report.words < MAX_WORDS


def test_the_salutation_is_not_the_first_sentence() -> None:
    assert sentences_of(GOOD)[0] == "Maria Lopez suggested I write to you."


def test_too_long() -> None:
    padded = GOOD.replace("Thank you", "Thank you " + "really " * 60)
    assert check_draft(padded).broken == (TOO_LONG,)


@pytest.mark.parametrize("word", ["job", "jobs", "openings", "position", "referrals"])
def test_jobs_openings_positions_referrals(word: str) -> None:
    draft = GOOD.replace("its tools?", f"its tools, and any {word}?")
    assert MENTIONS_JOBS in check_draft(draft).broken


def test_the_connection_must_be_in_the_first_sentence() -> None:
    draft = GOOD.replace("Maria Lopez suggested I write to you.", "I write to you today.")
    assert check_draft(draft).broken == (CONNECTION_NOT_FIRST,)
    # With the connection's name given, the first sentence must name them.
    assert check_draft(GOOD, connection="Maria Lopez").ok
    assert check_draft(GOOD, connection="Chen Wu").broken == (CONNECTION_NOT_FIRST,)


def test_a_request_for_advice_ending_in_a_question_mark() -> None:
    statement = GOOD.replace("its tools?", "its tools.")
    assert check_draft(statement).broken == (NO_ADVICE_QUESTION,)
    no_advice = GOOD.replace(
        "Would you share your perspective on how your team chose its tools?", "Are you free?"
    )
    assert check_draft(no_advice).broken == (NO_ADVICE_QUESTION,)


def test_more_about_them_than_about_me() -> None:
    me = (
        "Maria suggested I write to you. I am a developer and I love my maps, my code and my "
        "work. Could I ask your advice?"
    )
    assert check_draft(me).broken == (MORE_ABOUT_ME,)


def test_an_empty_draft_breaks_the_rules_that_need_content() -> None:
    assert check_draft("").broken == (CONNECTION_NOT_FIRST, NO_ADVICE_QUESTION, MORE_ABOUT_ME)


@given(st.text(max_size=400))
def test_any_text_gets_a_report_in_rule_order(text: str) -> None:
    broken = check_draft(text).broken
    assert list(broken) == [rule for rule in RULES if rule in broken]


def test_mailto_escapes_per_rfc_6068() -> None:
    url = mailto_url(
        ["ana@example.org", "b&o@example.org"],
        subject="Coffee? 50% & more = yes+",
        body="Line one\nLine two é\r\nend",
        cc=["c,d@example.org"],
    )
    assert url.startswith("mailto:ana@example.org,b%26o@example.org?")
    assert "cc=c%2Cd@example.org" in url
    assert "subject=Coffee%3F%2050%25%20%26%20more%20%3D%20yes%2B" in url
    assert "body=Line%20one%0D%0ALine%20two%20%C3%A9%0D%0Aend" in url
    assert " " not in url
    assert "\n" not in url


def test_mailto_without_fields() -> None:
    assert mailto_url(["ana@example.org"]) == "mailto:ana@example.org"


@given(st.text(max_size=200), st.text(max_size=200))
def test_mailto_round_trips(subject: str, body: str) -> None:
    url = mailto_url(["a@example.org"], subject=subject, body=body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "a@example.org"
    fields = parse_qs(parts.query, keep_blank_values=True)
    for name, given_text in (("subject", subject), ("body", body)):
        expected = given_text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
        assert fields.get(name, [""]) == [expected]
