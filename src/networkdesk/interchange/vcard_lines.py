"""The structure of a .vcf file: physical lines, unfolding, cards, and content lines
(`group.NAME;PARAM=value;BARE:value`), read by our own scanner in linear time.

vobject's content-line regular expression backtracks exponentially on hostile lines (a 202-byte
line of `;P=1` parameters without a colon takes minutes), so no line of an imported file reaches
a regular expression with nested quantifiers: the head of a line is split with `str` methods, and
every error names a line number that exists in the file.

Lenient where real writers are sloppy: iOS's `\\r\\r\\n` line ends, empty parameters
(Outlook's `ADR;HOME;PREF;:`), `#` comment lines, a quoted-printable soft break followed by a
folded line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from networkdesk.interchange.limits import MAX_CARDS, MAX_VCARD_LINE_CHARS, ImportFormatError

# Name and parameters, before the first colon: real heads are under 100 characters.
MAX_PROPERTY_HEAD_CHARS = 1_000
# Parameters that 2.1 writes bare (`TEL;WORK;VOICE:`, `PHOTO;JPEG;BASE64:`).
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


@dataclass
class ContentLine:
    """One unfolded property: `group.NAME;params:value` with the line it starts on."""

    line: int
    group: str
    name: str  # upper case
    params: dict[str, list[str]] = field(default_factory=dict)  # keys upper case
    value: str = ""

    def param(self, key: str) -> str:
        values = self.params.get(key, [])
        return values[0] if values else ""

    @property
    def encoding(self) -> str:
        return self.param("ENCODING").upper()

    @property
    def types(self) -> list[str]:
        # TYPE="voice,cell" (4.0) is a quoted list: split it too.
        words = (w for t in self.params.get("TYPE", []) for w in t.split(","))
        return [w.strip().lower() for w in words if w.strip()]


@dataclass
class RawCard:
    number: int
    line: int
    properties: list[ContentLine]
    end_line: int = 0


def physical_lines(text: str) -> list[str]:
    """The file's lines as an editor counts them: split at LF (any CRs before it belong to the
    line end: iOS writes CR CR LF), or at CR in a file with no LF at all (classic Mac OS)."""
    if "\n" in text:
        return [line.rstrip("\r") for line in text.split("\n")]
    return text.split("\r")


def _is_qp(head: str) -> bool:
    for param in head.split(";")[1:]:
        key, _, value = param.partition("=")
        word = (value if _ else key).strip().strip('"').upper()
        if word == "QUOTED-PRINTABLE":
            return True
    return False


def logical_lines(text: str, path: Path | str) -> Iterator[tuple[int, str]]:
    """Unfold RFC folding (a line starting with space or tab continues the previous one) and
    quoted-printable soft breaks (a QP value ending with `=` continues on the next line, folded
    or not). Yields (first line number, logical line)."""
    current: list[str] = []
    current_length = 0
    start = 0
    qp = False
    for number, physical in enumerate(physical_lines(text), start=1):
        if current and qp and current[-1].endswith("="):
            # A soft break: the `=` is not data. A space after it is data too (QP may start a
            # line with one), except where it would double the space before the break: that
            # is a writer folding the continuation as well.
            current[-1] = current[-1][:-1]
            folded = physical[:1] in (" ", "\t") and current[-1][-1:] in (" ", "\t")
            piece = physical[1:] if folded else physical
        elif current and physical[:1] in (" ", "\t"):
            piece = physical[1:]
        else:
            if current:
                yield start, "".join(current)
            current, current_length, start = [], 0, number
            piece = physical
            colon = physical.find(":", 0, MAX_PROPERTY_HEAD_CHARS + 1)
            qp = colon > 0 and _is_qp(physical[:colon])
        current.append(piece)
        current_length += len(piece)
        if current_length > MAX_VCARD_LINE_CHARS:
            raise ImportFormatError(
                path, f"a property longer than {MAX_VCARD_LINE_CHARS:,} characters", line=start
            )
    if current:
        yield start, "".join(current)


def _split_quoted(head: str, path: Path | str, number: int) -> list[str]:
    """`;`-separated pieces of a head with double-quoted parameter values (linear)."""
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in head:
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(ch)
    if quoted:
        raise ImportFormatError(path, "a parameter value with no closing quote", line=number)
    pieces.append("".join(current))
    return pieces


def _head_end(line: str) -> int:
    """Index of the colon that ends the head (outside double quotes), or -1."""
    colon = line.find(":")
    quote = line.find('"')
    if quote == -1 or colon < quote:
        return colon
    quoted = False
    for index in range(min(len(line), MAX_PROPERTY_HEAD_CHARS + 1)):
        ch = line[index]
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return index
    return -1


def content_line(line: str, number: int, path: Path | str, card: int | None = None) -> ContentLine:
    """Split one logical line; raises ImportFormatError naming the line when it is no property."""
    try:
        return _content_line(line, number, path)
    except ImportFormatError as exc:
        if card is None:
            raise
        raise ImportFormatError(path, exc.problem, line=number, card=card) from None


def _content_line(line: str, number: int, path: Path | str) -> ContentLine:
    end = _head_end(line)
    if end > MAX_PROPERTY_HEAD_CHARS or (end == -1 and len(line) > MAX_PROPERTY_HEAD_CHARS):
        raise ImportFormatError(
            path,
            f"a property name and parameters longer than {MAX_PROPERTY_HEAD_CHARS:,} characters",
            line=number,
        )
    if end == -1:
        raise ImportFormatError(path, f"not a vCard property (no ':'): {line[:40]!r}", line=number)
    head, value = line[:end], line[end + 1 :]
    pieces = _split_quoted(head, path, number) if '"' in head else head.split(";")
    full_name = pieces[0].strip()
    group, _, name = full_name.rpartition(".")
    if not name or not all(ch.isalnum() or ch == "-" for ch in name):
        raise ImportFormatError(path, f"not a vCard property name: {full_name[:40]!r}", line=number)
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, sep, raw = piece.partition("=")
        key = key.strip().upper()
        if not key:
            continue  # an empty parameter (`ADR;HOME;PREF;:`): nothing to read
        if not sep:
            bare = key
            key = "ENCODING" if bare in _BARE_ENCODINGS else "TYPE"
            values = [bare]
        else:
            values = [v.strip().strip('"') for v in _split_values(raw)]
        params.setdefault(key, []).extend(v for v in values if v)
    return ContentLine(number, group, name.upper(), params, value)


def _split_values(raw: str) -> list[str]:
    """A parameter's comma-separated values, commas inside quotes kept."""
    if '"' not in raw:
        return raw.split(",")
    out: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in raw:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t")


def _continues_base64(previous: ContentLine, line: str) -> bool:
    return (
        previous.encoding in ("B", "BASE64")
        and ":" not in line
        and len(line) <= MAX_PROPERTY_HEAD_CHARS * 100
        and set(line) <= _BASE64_CHARS
    )


def split_cards(text: str, path: Path | str) -> Iterator[RawCard]:
    """The cards of a file, each with its content lines. Strict on structure: nested BEGIN,
    a card without END, text outside a card are errors naming the line."""
    card: RawCard | None = None
    count = 0
    for number, line in logical_lines(text, path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # blank lines and comments (some exporters write `# ...` lines)
        if card is None and ":" not in line:
            raise ImportFormatError(
                path, "text outside a card (not a vCard file, or a broken card)", line=number
            )
        if card is not None and card.properties and _continues_base64(card.properties[-1], line):
            # Old phones write 2.1 base64 photos as unindented lines ending with a blank line.
            card.properties[-1].value += line.strip()
            continue
        prop = content_line(line, number, path, card.number if card is not None else None)
        value = prop.value.strip().upper()
        if prop.name == "BEGIN":
            if card is not None:
                raise ImportFormatError(
                    path,
                    f"BEGIN:{value[:20]} inside card {card.number} (started line {card.line}): "
                    "nested blocks or a card without END:VCARD",
                    line=number,
                )
            if value != "VCARD":
                raise ImportFormatError(path, f"BEGIN:{value[:20]} is not a vCard", line=number)
            count += 1
            if count > MAX_CARDS:
                raise ImportFormatError(path, f"more than {MAX_CARDS:,} cards", line=number)
            card = RawCard(number=count, line=number, properties=[])
        elif prop.name == "END":
            if card is None or value != "VCARD":
                raise ImportFormatError(path, f"END:{value[:20]} without BEGIN:VCARD", line=number)
            card.end_line = number
            yield card
            card = None
        elif card is None:
            raise ImportFormatError(
                path, "text outside a card (not a vCard file, or a broken card)", line=number
            )
        else:
            card.properties.append(prop)
    if card is not None:
        raise ImportFormatError(
            path,
            f"card {card.number} has no END:VCARD (the file is truncated?)",
            line=card.line,
        )
