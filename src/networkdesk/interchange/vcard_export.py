"""vCard 3.0 export: what Apple, Google and Thunderbird read.

Every value goes through one writer, `_escape` (text) or `_parameter` (labels), which also turns
any line break into `\\n`: no value can end a line and start a property or a card of its own.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from networkdesk.interchange.output_files import write_atomically
from networkdesk.interchange.vcard_values import sniff_image

# Name parts that follow the family name ("Martin Luther King Jr.", "Ann Lee, PhD").
SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "mba", "dds", "cpa", "jd", "obe"}
)
PREFIXES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})
# Lower-case particles that belong to the family name ("Ludwig van Beethoven").
PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la"})


@dataclass
class ExportCard:
    """A contact in the plain values a vCard carries."""

    name: str
    company: str | None = None
    title: str | None = None
    emails: tuple[tuple[str, str | None], ...] = ()
    phones: tuple[tuple[str, str | None], ...] = ()
    linkedin_url: str | None = None
    location: str | None = None
    notes: str | None = None
    tags: tuple[str, ...] = ()
    photo: bytes | None = None
    photo_mime: str | None = None
    uid: str | None = None


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _parameter(value: str) -> str:
    """A parameter value: no quotes, colons, semicolons, commas or line breaks can get out."""
    return "".join(ch for ch in value if ch.isalnum() or ch in "-_. ").strip() or "other"


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2)."""
    if line.isascii():  # photos (base64) and most lines: slice, no per-character loop
        if len(line) <= 75:
            return line
        pieces = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
        return "\r\n".join(pieces)
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


_STANDARD_TYPES = {"work", "home", "cell", "mobile", "fax", "pager", "main", "other", "iphone"}


def _typed(prop: str, value: str, label: str | None, base: list[str], group: int) -> list[str]:
    """A property with its label: a standard TYPE, or Apple's `itemN.` group with X-ABLabel
    for any other label (Apple and Google both read it; TYPE cannot carry spaces)."""
    types = list(base)
    if label and label.lower() in _STANDARD_TYPES:
        types.append("CELL" if label.lower() == "mobile" else label.upper())
    elif label:
        return [
            f"item{group}.{prop}{';TYPE=' + ','.join(types) if types else ''}:{value}",
            f"item{group}.X-ABLabel:{_escape(label)}",
        ]
    return [f"{prop}{';TYPE=' + ','.join(types) if types else ''}:{value}"]


def split_name(name: str) -> tuple[str, str, str, str, str]:
    """(family, given, additional, prefix, suffix) of a display name, carefully: suffixes such as
    "Jr." or ", PhD" stay suffixes, "Dr." a prefix, "van Beethoven" one family name. A single
    word goes in the family name, where every reader shows it."""
    words = name.replace(",", " , ").split()
    suffixes: list[str] = []
    while len(words) > 1 and (words[-1].rstrip(".").lower() in SUFFIXES or words[-1] == ","):
        word = words.pop()
        if word != ",":
            suffixes.insert(0, word)
    prefixes: list[str] = []
    while len(words) > 1 and words[0].rstrip(".").lower() in PREFIXES:
        prefixes.append(words.pop(0))
    words = [w for w in words if w != ","]
    if len(words) <= 1:
        return (" ".join(words) or name.strip(), "", "", " ".join(prefixes), " ".join(suffixes))
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1] in PARTICLES:
        family_start -= 1
    family = " ".join(words[family_start:])
    given, *additional = words[:family_start]
    return family, given, " ".join(additional), " ".join(prefixes), " ".join(suffixes)


def card_text(card: ExportCard) -> str:
    """One vCard 3.0, CRLF line ends, folded."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(card.name)}"]
    lines.append("N:" + ";".join(_escape(part) for part in split_name(card.name)))
    if card.uid:
        lines.append(f"UID:{_escape(card.uid)}")
    if card.company:
        lines.append(f"ORG:{_escape(card.company)}")
    if card.title:
        lines.append(f"TITLE:{_escape(card.title)}")
    group = 0
    for address, label in card.emails:
        group += 1
        lines += _typed("EMAIL", _escape(address), label, ["INTERNET"], group)
    for number, label in card.phones:
        group += 1
        lines += _typed("TEL", _escape(number), label, [], group)
    if card.location:
        lines.append(f"ADR:;;;{_escape(card.location)};;;")
    if card.linkedin_url:
        lines.append(f"URL:{_escape(card.linkedin_url)}")
        lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:{_escape(card.linkedin_url)}")
    if card.notes:
        lines.append(f"NOTE:{_escape(card.notes)}")
    if card.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in card.tags))
    if card.photo:
        kind = (card.photo_mime or sniff_image(card.photo) or "image/jpeg").split("/")[-1]
        encoded = base64.b64encode(card.photo).decode("ascii")
        lines.append(f"PHOTO;ENCODING=b;TYPE={_parameter(kind).upper()}:{encoded}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write(path: Path | str, cards: Iterable[ExportCard]) -> int:
    """Write cards to `path` (replaced atomically); returns how many were written."""
    text = "".join(card_text(card) for card in cards)
    write_atomically(Path(path), text.encode("utf-8"))
    return text.count("BEGIN:VCARD\r\n")
