"""services.importing.keys.linkedin_key answers plain https://www.linkedin.com/... URLs
without its regular expression: the same answers as the pattern for any URL."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networkdesk.services.importing import keys

PIECES = st.sampled_from(
    [
        *("https://www.linkedin.com/", "HTTPS://WWW.LinkedIn.com/", "https://uk.linkedin.com/"),
        *("http://www.linkedin.com/", "https://www.linkedin.com", "https://www.linkedin.co/"),
        *("in/", "ann-lee", "Ann-Lée", "/", "//", "?trk=x", "#top", " ", "\t", "\n", "\u00a0"),
        *("\u3000", "\x1f", "\u2028", "%20", "İ", "pub/x/1/2", ":8080", "@"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(PIECES, min_size=1, max_size=6))
def test_quick_path_agrees_with_the_pattern(pieces: list[str]) -> None:
    url = "".join(pieces)
    assert keys.linkedin_key.__wrapped__(url) == keys._key_by_pattern(url, url.lower())


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ann-lee/", "linkedin.com/in/ann-lee"),
        ("https://www.LinkedIn.com/in/Ann-Lee", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/", "linkedin.com"),
        ("https://www.linkedin.com/in/ann?trk=x", "linkedin.com/in/ann"),
        ("https://www.linkedin.com/in/ann\n", "linkedin.com/in/ann"),
        ("https://www.linkedin.com/in/a b", "linkedin.com/in/a b"),
    ],
)
def test_linkedin_keys(url: str, key: str) -> None:
    assert keys.linkedin_key.__wrapped__(url) == key
