"""Text normalisation shared by search, matching and duplicate detection."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def fold(text: str | None) -> str:
    """Case- and accent-insensitive key: `MÜLLER`, `Müller` and `muller` fold alike."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # casefold once more: some letters only fold after decomposition (e.g. ligatures).
    return " ".join(stripped.casefold().split())


def search_key(parts: Iterable[str | None]) -> str:
    """One folded string of all searchable parts, separated so a match cannot span fields."""
    return "\x1f".join(fold(part) for part in parts if part)


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()
