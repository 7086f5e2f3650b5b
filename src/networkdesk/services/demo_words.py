"""The word lists the demo data is made from, shipped as resources/demo/words.json."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, fields

from networkdesk.resources_access import resource_text


@dataclass(frozen=True)
class DemoWords:
    """The word lists the sample data is made from (resources/demo/words.json). Their order
    matters: the same seed picks the same entries by position."""

    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    company_words: tuple[str, ...]
    company_suffixes: tuple[str, ...]
    titles: tuple[str, ...]
    tags: tuple[str, ...]
    how_met: tuple[str, ...]
    missions: tuple[str, ...]
    meeting_notes: tuple[str, ...]
    followup_titles: tuple[str, ...]
    places: tuple[str, ...]
    #: Titles of the bull's-eye's decision makers.
    decision_maker_titles: tuple[str, ...]


@functools.cache
def demo_words() -> DemoWords:
    """Read once per process: the lists never change while the app runs."""
    data = json.loads(resource_text("demo", "words.json"))
    return DemoWords(
        **{f.name: tuple(str(word) for word in data[f.name]) for f in fields(DemoWords)}
    )
