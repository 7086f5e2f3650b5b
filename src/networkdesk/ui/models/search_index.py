"""An in-memory, case- and accent-folded search index for search-as-you-type.

The texts are folded once (services keep `search_text` folded), so a keystroke costs one
substring scan per query word over a list of Python strings, and when the new query only extends
the previous one (the usual case while typing) only the previous matches are scanned again.

Each text carries a key, a permutation of its positions (the table model passes its sort order,
so the keys are the rows it shows, and a search needs no second pass to map hits to rows).
No Qt here: the table model owns one and asks it for matching keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from networkdesk.domain.text import fold


class SearchIndex:
    """The keys (by default positions 0..n-1) of the texts that contain every word of a query."""

    def __init__(self, texts: Sequence[str] = (), keys: Sequence[int] | None = None) -> None:
        self._texts: list[str] = []
        self._keys: list[int] = []
        self._text_of: list[str] = []  # the text of each key
        self._last_query = ""
        self._last_hits: list[int] | None = None
        self.reset(texts, keys)

    def reset(
        self, texts: Sequence[str], keys: Sequence[int] | None = None, *, in_order: bool = False
    ) -> None:
        """Index new texts (already folded, as `search_text` is) in this order; `keys`, a
        permutation of 0..len(texts)-1, names each text (by default its position). With
        `in_order`, `keys` are the positions in order (the table model's canonical order): its
        list's ints are shared, not made again."""
        self._texts = list(texts)
        n = len(self._texts)
        # Keys are a list, not a range: the first pass zips them with the texts, and a range
        # makes an int per row there (~0.5 ms more a full scan at 30,000). A caller's list of
        # keys is copied by reference, so its int objects are shared, not made again.
        self._keys = list(range(n)) if keys is None else list(keys)
        if len(self._keys) != n:
            raise ValueError(f"{len(self._keys)} keys for {n} texts")
        if keys is None or in_order:
            # Each text is its own position's: the texts by key are the same list.
            self._text_of = self._texts
        else:
            self._text_of = [""] * len(self._texts)
            for key, text in zip(self._keys, self._texts, strict=True):
                self._text_of[key] = text
        self._last_query = ""
        self._last_hits = None

    def __len__(self) -> int:
        return len(self._texts)

    def replace(self, key: int, text: str) -> None:
        """Index `text` (folded) for `key` instead of its old text, in the same place.

        The narrowing cache is dropped: the previous hits may now miss `key` or hold it
        wrongly, and the next search scans every text once (a few ms at 30,000)."""
        self._texts[self._keys.index(key)] = text  # a C scan: cheaper than keeping a map
        self._text_of[key] = text  # the same slot when the keys are the positions
        self._last_query, self._last_hits = "", None

    @staticmethod
    def matches(text: str, query: str) -> bool:
        """Whether one folded text contains every word of `query` (as `search` decides)."""
        return all(word in text for word in fold(query).split())

    def search(self, query: str) -> list[int] | None:
        """Matching keys in index order, or None when the query is empty (everything)."""
        folded = fold(query)
        words = folded.split()
        if not words:
            self._last_query, self._last_hits = "", None
            return None
        # The longest word first: it usually rules out the most rows.
        words.sort(key=len, reverse=True)
        text_of = self._text_of
        # Typing more narrows the search: every match of "mül" contains "mu", so scan only them.
        if self._last_hits is not None and self._last_query and folded.startswith(self._last_query):
            hits = [k for k in self._last_hits if words[0] in text_of[k]]
        else:
            # The first pass pairs keys and texts (no indexing): the one that scans every row.
            word = words[0]
            hits = [k for k, text in zip(self._keys, self._texts, strict=True) if word in text]
        for word in words[1:]:
            if not hits:
                break
            hits = [k for k in hits if word in text_of[k]]
        self._last_query, self._last_hits = folded, hits
        return list(hits)  # the caller's to keep: narrowing must not see it change
