"""The short outreach e-mail, checked against the method's rules.

A first e-mail to someone is short (at most 75 words), never mentions jobs, openings, positions
or referrals, names the connection in its first sentence (who suggested writing, where you met),
asks for advice or insight in a question that ends with a question mark, and says more about
them than about you. `check_draft` reports the rules a draft breaks, in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from networkdesk.domain.text import fold

MAX_WORDS = 75

TOO_LONG = "too_long"
MENTIONS_JOBS = "mentions_jobs"
CONNECTION_NOT_FIRST = "connection_not_in_first_sentence"
NO_ADVICE_QUESTION = "no_advice_question"
MORE_ABOUT_ME = "more_about_me"

RULES: tuple[str, ...] = (
    TOO_LONG,
    MENTIONS_JOBS,
    CONNECTION_NOT_FIRST,
    NO_ADVICE_QUESTION,
    MORE_ABOUT_ME,
)

_WORD = re.compile(r"\w+(?:'\w+)*")
# A sentence ends at . ! or ? followed by space or the end; titles like "Ms." are not ends.
_SENTENCE_END = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?]+(?=\s|$)")
_SALUTATION = re.compile(r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening))\b", re.I)

JOB_WORDS = frozenset(
    {"job", "jobs", "opening", "openings", "position", "positions", "referral", "referrals"}
)
# What a first sentence says when it names the connection: who sent you, or where you met.
CONNECTION_PHRASES = (
    "suggested",
    "recommended",
    "referred",
    "mentioned",
    "introduced",
    "pointed me",
    "gave me your",
    "passed on your",
    "told me",
    "asked me to",
    "fellow",
    "alum",
    "classmate",
    "colleague",
    "friend",
    "we met",
    "met you",
    "your talk",
    "your presentation",
    "your panel",
)
ADVICE_WORDS = frozenset(
    {
        "advice",
        "advise",
        "insight",
        "insights",
        "perspective",
        "perspectives",
        "guidance",
        "thoughts",
        "suggestion",
        "suggestions",
        "tips",
        "ideas",
        "opinion",
        "views",
        "learn",
        "recommend",
    }
)
THEM_WORDS = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've"})
ME_WORDS = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})

MESSAGES: dict[str, str] = {
    TOO_LONG: f"longer than {MAX_WORDS} words: keep a first e-mail short",
    MENTIONS_JOBS: "mentions jobs, openings, positions or referrals: ask for advice, not a job",
    CONNECTION_NOT_FIRST: "the first sentence does not name the connection (who suggested you "
    "write, or where you met)",
    NO_ADVICE_QUESTION: "no request for advice or insight ending in a question mark",
    MORE_ABOUT_ME: "more words about you (I, me, my) than about them (you, your)",
}


@dataclass(frozen=True)
class DraftReport:
    words: int
    broken: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.broken

    def messages(self) -> list[str]:
        return [MESSAGES[name] for name in self.broken]


def _normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def words_of(text: str) -> list[str]:
    return _WORD.findall(_normalise(text))


def sentences_of(text: str) -> list[str]:
    """The draft's sentences, without a salutation line ("Hi Ana,") in front."""
    lines = _normalise(text).strip().splitlines()
    if lines and _SALUTATION.match(lines[0]) and lines[0].rstrip().endswith((",", ":", "!")):
        lines = lines[1:]
    body = " ".join(" ".join(lines).split())
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(body):
        pieces.append(body[start : match.end()].strip())
        start = match.end()
    if body[start:].strip():
        pieces.append(body[start:].strip())
    return [p for p in pieces if p]


def names_connection(sentence: str, connection: str | None = None) -> bool:
    folded = fold(sentence)
    if connection and connection.strip():
        wanted = [w for w in words_of(fold(connection)) if len(w) > 1]
        said = set(words_of(folded))
        return any(w in said for w in wanted)
    return any(phrase in folded for phrase in CONNECTION_PHRASES)


def check_draft(text: str, *, connection: str | None = None) -> DraftReport:
    """Which rules `text` breaks. `connection`, when given, is the name the first sentence must
    mention (the person who suggested writing); otherwise a phrase that names one will do."""
    words = [w.lower() for w in words_of(text)]
    sentences = sentences_of(text)
    broken: list[str] = []
    if len(words) > MAX_WORDS:
        broken.append(TOO_LONG)
    if JOB_WORDS.intersection(words):
        broken.append(MENTIONS_JOBS)
    if not sentences or not names_connection(sentences[0], connection):
        broken.append(CONNECTION_NOT_FIRST)
    if not any(
        s.endswith("?") and ADVICE_WORDS.intersection(w.lower() for w in words_of(s))
        for s in sentences
    ):
        broken.append(NO_ADVICE_QUESTION)
    about_them = sum(1 for w in words if w in THEM_WORDS)
    about_me = sum(1 for w in words if w in ME_WORDS)
    if about_them <= about_me:
        broken.append(MORE_ABOUT_ME)
    return DraftReport(len(words), tuple(broken))
