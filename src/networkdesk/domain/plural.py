"""Counts in words that agree with their number: "1 contact", "2 contacts", "1,200 contacts"."""

from __future__ import annotations


def count_of(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun in the form that agrees with it (thousands separated)."""
    noun = singular if count == 1 else (plural if plural is not None else singular + "s")
    return f"{count:,} {noun}"
