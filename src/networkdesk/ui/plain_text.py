"""User text in tooltips: Qt renders a tooltip as rich text whenever it guesses the text is HTML
(`Qt.mightBeRichText`), so a name like `<b>Ana</b>` would show bold. Every tooltip that quotes
user text goes through `plain_tooltip`, which escapes it and keeps its line breaks."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that shows it literally (escaped inside a paragraph, lines kept)."""
    return "<p style='white-space:pre'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def plain_tooltip_or_none(text: str | None) -> str | None:
    """`plain_tooltip` for a value that may be empty (no tooltip then)."""
    return plain_tooltip(text) if text else None
