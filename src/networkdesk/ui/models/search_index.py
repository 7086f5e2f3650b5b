"""An in-memory, case- and accent-folded search index for search-as-you-type.

The texts are folded once (services keep `search_text` folded), so a keystroke costs one
substring scan per query word over a list of Python strings, and when the new query only extends
the previous one (the usual case while typing) only the previous matches are scanned again.
No Qt here: the table model owns one and asks it for matching positions.
"""

from __future__ import annotations

from collections.abc import Sequence

from networkdesk.domain.text import fold


class SearchIndex:
    """Positions (0..n-1) of the texts that contain every word of a query."""

    def __init__(self, texts: Sequence[str] = ()) -> None:
        self._texts: list[str] = []
        self._last_query = ""
        self._last_hits: list[int] | None = None
        self.reset(texts)

    def reset(self, texts: Sequence[str]) -> None:
        """Index new texts (already folded, as `search_text` is)."""
        self._texts = list(texts)
        self._last_query = ""
        self._last_hits = None

    def __len__(self) -> int:
        return len(self._texts)

    def search(self, query: str) -> list[int] | None:
        """Matching positions in index order, or None when the query is empty (everything)."""
        folded = fold(query)
        words = folded.split()
        if not words:
            self._last_query, self._last_hits = "", None
            return None
        texts = self._texts
        # Typing more narrows the search: every match of "mül" contains "mu", so scan only them.
        if self._last_hits is not None and self._last_query and folded.startswith(self._last_query):
            candidates: list[int] | range = self._last_hits
        else:
            candidates = range(len(texts))
        hits = list(candidates)
        # The longest word first: it usually rules out the most rows.
        for word in sorted(words, key=len, reverse=True):
            hits = [i for i in hits if word in texts[i]]
            if not hits:
                break
        self._last_query, self._last_hits = folded, hits
        return hits
