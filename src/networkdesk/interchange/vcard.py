"""vCard 2.1, 3.0 and 4.0 import (through `vobject`) and vCard 3.0 export.

The file is first split into cards by our own bounded scanner: it unfolds continuation lines and
quoted-printable soft line breaks (which vobject does not), refuses nested BEGIN blocks, cards
without END and absurd line lengths, and knows the line each card starts on. Each card's text is
then handed to vobject; anything vobject cannot read becomes an ImportFormatError naming the card.
Photos are decoded here (base64 or data: URI), not by vobject, which splits data URIs at commas.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.validation import MAX_NAME, clean_email, clean_linkedin, clean_phone
from networkdesk.interchange.limits import (
    MAX_CARDS,
    MAX_FIELD_CHARS,
    MAX_PHOTO_BYTES,
    MAX_VCARD_BYTES,
    MAX_VCARD_LINE_CHARS,
    ImportFormatError,
    ImportRecord,
    ParsedFile,
    SkippedRow,
    bulk_work,
    check_line_lengths,
    read_text,
)
from networkdesk.interchange.output_files import write_atomically

SOURCE = "vcard"
WHAT = "vCard file"
# Bounds on what reaches vobject (photos are decoded here and may be larger).
MAX_CARD_PROPERTIES = 2_000
MAX_PROPERTY_CHARS = 2 * MAX_FIELD_CHARS
MAX_PROPERTY_HEAD_CHARS = 1_000  # name and parameters, before the first colon
# Properties other than NOTE and PHOTO hold names, addresses, numbers: never this long.
MAX_SHORT_PROPERTY_CHARS = 4_000
# vobject splits structured values (N, ORG, ADR) a character at a time in Python, about
# 1.5 us per character against 0.2 for other text. Budgets for a whole file keep the worst
# hostile file within seconds; a 30,000-contact address book uses about a third of each.
STRUCTURED = frozenset({"N", "ORG", "ADR"})
MAX_STRUCTURED_CHARS = 8 * 1024 * 1024
MAX_TEXT_CHARS = 64 * 1024 * 1024  # all text but photos
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_QP = re.compile(r"(?:^|;)(?:ENCODING=)?QUOTED-PRINTABLE(?:;|$)", re.IGNORECASE)
_IMAGE_TYPES = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "heic": "image/heic",
}
# Type parameters that say how a value is used, not what to call it.
_NOT_LABELS = {"pref", "internet", "voice", "x400", "text", "uri"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


@dataclass
class RawCard:
    number: int
    line: int
    lines: list[tuple[int, str]]  # (line number, unfolded logical line)


# --- reading ---------------------------------------------------------------------------------


def parse(path: Path | str, progress: Callable[[int, int], None] | None = None) -> ParsedFile:
    """Read every card of a .vcf file. Raises ImportFormatError naming the card and line."""
    text = read_text(path, max_bytes=MAX_VCARD_BYTES, what=WHAT)
    with bulk_work():
        return parse_text(text, path, progress)


def parse_text(
    text: str,
    path: Path | str = "contacts.vcf",
    progress: Callable[[int, int], None] | None = None,
) -> ParsedFile:
    """Parse a vCard file's text; `progress(done, total)` is called every 500 cards (vobject
    reads about 2,000 cards a second, so a large address book takes a while)."""
    check_line_lengths(text, path, MAX_VCARD_LINE_CHARS)
    records: list[ImportRecord] = []
    skipped: list[SkippedRow] = []
    text_chars = structured_chars = 0
    expected = text.count("BEGIN:VCARD") if progress is not None else 0
    for card in split_cards(text, path):
        for _number, line in card.lines:
            name = _property_name(line)
            if name != "PHOTO":
                text_chars += len(line)
                if name in STRUCTURED:
                    structured_chars += len(line)
        if text_chars > MAX_TEXT_CHARS or structured_chars > MAX_STRUCTURED_CHARS:
            too_much = text_chars > MAX_TEXT_CHARS
            what = "text" if too_much else "names, companies and addresses"
            limit = MAX_TEXT_CHARS if too_much else MAX_STRUCTURED_CHARS
            raise ImportFormatError(
                path,
                f"more than {limit / 2**20:.0f} M characters of {what}: not an address book",
                card=card.number,
                line=card.line,
            )
        if progress is not None and card.number % 500 == 0:
            progress(card.number, max(card.number, expected))
        record = read_card(card, path)
        if record is None:
            skipped.append(SkippedRow(f"card {card.number} (line {card.line})", "no name"))
        else:
            records.append(record)
    if not records:
        if skipped:
            raise ImportFormatError(path, f"no card with a name ({len(skipped)} cards without)")
        raise ImportFormatError(path, "no vCard in the file (no BEGIN:VCARD ... END:VCARD)")
    return ParsedFile(path=str(path), source=SOURCE, records=records, skipped=skipped)


def _logical_lines(text: str, path: Path | str) -> Iterator[tuple[int, str]]:
    """Unfold RFC folding (a line starting with space or tab continues the previous one) and
    quoted-printable soft breaks (a QP value ending with `=` continues on the next line)."""
    current: list[str] = []
    current_length = 0
    start = 0
    qp = False
    for number, physical in enumerate(_LINE_BREAK.split(text), start=1):
        if current and physical[:1] in (" ", "\t"):
            piece = physical[1:]
        elif current and qp and current[-1].endswith("="):
            current[-1] = current[-1][:-1]
            piece = physical
        else:
            if current:
                yield start, "".join(current)
            current, current_length, start = [], 0, number
            piece = physical
            head = physical.split(":", 1)[0]
            qp = bool(_QP.search(head))
        current.append(piece)
        current_length += len(piece)
        if current_length > MAX_VCARD_LINE_CHARS:
            raise ImportFormatError(
                path, f"a property longer than {MAX_VCARD_LINE_CHARS:,} characters", line=start
            )
    if current:
        yield start, "".join(current)


def _property_name(line: str) -> str:
    head = line.split(":", 1)[0]
    name = head.split(";", 1)[0]
    return name.rsplit(".", 1)[-1].strip().upper()


def split_cards(text: str, path: Path | str) -> Iterator[RawCard]:
    card: RawCard | None = None
    count = 0
    for number, line in _logical_lines(text, path):
        if not line.strip():
            continue
        name = _property_name(line)
        value = line.split(":", 1)[1].strip().upper() if ":" in line else ""
        if name == "BEGIN":
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
            card = RawCard(number=count, line=number, lines=[])
        elif name == "END":
            if card is None or value != "VCARD":
                raise ImportFormatError(path, f"END:{value[:20]} without BEGIN:VCARD", line=number)
            yield card
            card = None
        elif card is None:
            raise ImportFormatError(
                path, "text outside a card (not a vCard file, or a broken card)", line=number
            )
        else:
            card.lines.append((number, line))
    if card is not None:
        raise ImportFormatError(
            path,
            f"card {card.number} has no END:VCARD (the file is truncated?)",
            line=card.line,
        )


def read_card(card: RawCard, path: Path | str) -> ImportRecord | None:
    """One card as an ImportRecord; None when it has no name. Raises ImportFormatError."""
    import vobject

    photo: tuple[bytes, str | None] | None = None
    kept = ["BEGIN:VCARD"]
    if len(card.lines) > MAX_CARD_PROPERTIES:
        raise ImportFormatError(
            path,
            f"more than {MAX_CARD_PROPERTIES:,} properties in one card",
            card=card.number,
            line=card.line,
        )
    for number, line in card.lines:
        name = _property_name(line)
        if name == "PHOTO":
            if photo is None:
                photo = _read_photo(line, path, card, number)
            continue
        # Only a photo may be big; anything else this long is not a contact and would only
        # make vobject's line parser crawl.
        limit = MAX_PROPERTY_CHARS if name == "NOTE" else MAX_SHORT_PROPERTY_CHARS
        if len(line) > limit:
            raise ImportFormatError(
                path,
                f"a {name} property longer than {limit:,} characters",
                card=card.number,
                line=number,
            )
        head = line.find(":")
        if head > MAX_PROPERTY_HEAD_CHARS or (head == -1 and len(line) > MAX_PROPERTY_HEAD_CHARS):
            raise ImportFormatError(
                path,
                f"a property name and parameters longer than {MAX_PROPERTY_HEAD_CHARS:,} "
                "characters",
                card=card.number,
                line=number,
            )
        kept.append(line)
    kept.append("END:VCARD")
    try:
        component = vobject.readOne("\r\n".join(kept) + "\r\n", ignoreUnreadable=False)
        return _record(component, card, photo)
    except ImportFormatError:
        raise
    except ValidationError as exc:
        raise ImportFormatError(path, str(exc), card=card.number, line=card.line) from None
    except Exception as exc:  # vobject raises many types on broken input; all mean "unreadable"
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ImportFormatError(
            path, f"unreadable vCard: {detail}", card=card.number, line=card.line
        ) from None


def _children(component: Any, name: str) -> list[Any]:
    return list(component.contents.get(name.lower(), []))


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    text = str(value) if value is not None else ""
    if len(text) > MAX_FIELD_CHARS:
        raise ValidationError(f"a value is longer than {MAX_FIELD_CHARS:,} characters")
    return text


def _one_line(value: Any) -> str:
    return " ".join(_text(value).split())


def _labels_by_group(component: Any) -> dict[str, str]:
    labels: dict[str, str] = {}
    for child in _children(component, "x-ablabel"):
        if child.group:
            raw = _one_line(child.value)
            match = _APPLE_LABEL.match(raw)
            labels[child.group.lower()] = (match[1] if match else raw).lower()[:50]
    return labels


def _label(child: Any, group_labels: dict[str, str]) -> str | None:
    if child.group and child.group.lower() in group_labels:
        return group_labels[child.group.lower()] or None
    types: list[str] = []
    for value in list(child.params.get("TYPE", [])) + list(child.singletonparams):
        types += [t.strip().lower() for t in str(value).split(",")]
    for candidate in types:
        if candidate and candidate not in _NOT_LABELS and candidate != "quoted-printable":
            if candidate.startswith(("charset", "encoding")):
                continue
            return "mobile" if candidate == "cell" else candidate[:50]
    return None


def _name(component: Any) -> str:
    for child in _children(component, "fn"):
        name = _one_line(child.value)
        if name:
            return name
    for child in _children(component, "n"):
        value = child.value
        parts = [
            getattr(value, "prefix", ""),
            getattr(value, "given", ""),
            getattr(value, "additional", ""),
            getattr(value, "family", ""),
            getattr(value, "suffix", ""),
        ]
        name = " ".join(_one_line(p) for p in parts if p and _one_line(p))
        if name:
            return name
    return ""


def _record(
    component: Any, card: RawCard, photo: tuple[bytes, str | None] | None
) -> ImportRecord | None:
    name = _name(component)
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise ValidationError(f"the name is longer than {MAX_NAME} characters")
    group_labels = _labels_by_group(component)
    record = ImportRecord(where=f"card {card.number} (line {card.line})", name=name)
    seen_emails: set[str] = set()
    for child in _children(component, "email"):
        address = clean_email(_one_line(child.value))
        if address and address.casefold() not in seen_emails:
            seen_emails.add(address.casefold())
            record.emails.append((address, _label(child, group_labels)))
    for child in _children(component, "tel"):
        number = clean_phone(_tel_value(_one_line(child.value)))
        if number:
            record.phones.append((number, _label(child, group_labels)))
    for child in _children(component, "org"):
        parts = child.value if isinstance(child.value, list) else [child.value]
        parts = [_one_line(p) for p in parts if _one_line(p)]
        if parts:
            record.company = parts[0][:MAX_NAME]
            department = ", ".join(parts[1:])
            if department:
                record.notes = f"Department: {department}"
            break
    for child in _children(component, "title"):
        title = _one_line(child.value)
        if title:
            record.title = title[:MAX_NAME]
            break
    for key in ("url", "x-socialprofile"):
        for child in _children(component, key):
            url = _one_line(child.value)
            if record.linkedin_url is None and _is_linkedin(url):
                record.linkedin_url = clean_linkedin(url)
    notes = [
        _text(child.value).replace("\r\n", "\n").replace("\r", "\n").strip()
        for child in _children(component, "note")
    ]
    notes = [n for n in notes if n]
    if notes:
        # The department line (from ORG) goes last: the card's own note comes first.
        record.notes = "\n\n".join(notes + ([record.notes] if record.notes else []))
    tags: list[str] = []
    for child in _children(component, "categories"):
        values = child.value if isinstance(child.value, list) else _text(child.value).split(",")
        tags += [t for t in (_one_line(v)[:100] for v in values) if t]
    record.tags = list(dict.fromkeys(tags))
    for child in _children(component, "adr"):
        value = child.value
        parts = [getattr(value, attr, "") for attr in ("city", "region", "country")]
        location = ", ".join(_one_line(p) for p in parts if p and _one_line(p))
        if location:
            record.location = location[:MAX_NAME]
            break
    if photo is not None:
        record.photo, record.photo_mime = photo
    return record


def _tel_value(value: str) -> str:
    """`tel:+1-555-0102;ext=12` (a vCard 4.0 URI) as a dialable `+1-555-0102 ext. 12`."""
    if not value.lower().startswith("tel:"):
        return value
    number, *params = value[4:].split(";")
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "ext" and val.strip():
            number += f" ext. {val.strip()}"
    return number


def _is_linkedin(url: str) -> bool:
    try:
        host = urlsplit(url if "://" in url else "https://" + url).netloc.lower()
    except ValueError:
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def _read_photo(
    line: str, path: Path | str, card: RawCard, number: int
) -> tuple[bytes, str | None] | None:
    head, _, value = line.partition(":")
    params = [p.strip() for p in head.split(";")[1:]]
    keyed: dict[str, str] = {}
    for param in params:
        key, sep, val = param.partition("=")
        if sep:
            keyed[key.strip().upper()] = val.strip().strip('"')
        else:
            keyed.setdefault("TYPE", param)
    value = value.strip()
    mime: str | None = None
    try:
        if value.lower().startswith("data:"):
            meta, comma, payload = value[5:].partition(",")
            if not comma or ";base64" not in meta.lower():
                raise ImportFormatError(
                    path, "PHOTO data URI is not base64", card=card.number, line=number
                )
            mime = meta.split(";", 1)[0].strip().lower() or None
            data = base64.b64decode(_squeeze(payload), validate=True)
        elif keyed.get("ENCODING", "").lower() in ("b", "base64"):
            kind = keyed.get("TYPE", "").lower()
            mime = _IMAGE_TYPES.get(kind.removeprefix("image/"))
            data = base64.b64decode(_squeeze(value), validate=True)
        else:
            return None  # a link to a picture elsewhere: never fetched
    except (binascii.Error, ValueError):
        raise ImportFormatError(
            path, "PHOTO is not valid base64", card=card.number, line=number
        ) from None
    if len(data) > MAX_PHOTO_BYTES:
        raise ImportFormatError(
            path,
            f"PHOTO of {len(data) / 1e6:.1f} MB is larger than {MAX_PHOTO_BYTES / 1e6:.0f} MB",
            card=card.number,
            line=number,
        )
    if not data:
        return None
    if mime is not None and not re.fullmatch(r"[a-z0-9.+-]+/[a-z0-9.+-]+", mime):
        mime = None
    return data, mime or _sniff_image(data)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    return None


# --- writing ---------------------------------------------------------------------------------


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


def card_text(card: ExportCard) -> str:
    """One vCard 3.0, CRLF line ends, folded: what Apple, Google and Thunderbird read."""
    words = card.name.split()
    family = words[-1] if len(words) > 1 else card.name
    given = " ".join(words[:-1]) if len(words) > 1 else ""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(card.name)}"]
    lines.append(f"N:{_escape(family)};{_escape(given)};;;")
    if card.uid:
        lines.append(f"UID:{_escape(card.uid)}")
    if card.company:
        lines.append(f"ORG:{_escape(card.company)}")
    if card.title:
        lines.append(f"TITLE:{_escape(card.title)}")
    group = 0
    for address, label in card.emails:
        group += 1
        lines += _typed("EMAIL", address, label, ["INTERNET"], group)
    for number, label in card.phones:
        group += 1
        lines += _typed("TEL", _escape(number), label, [], group)
    if card.location:
        lines.append(f"ADR:;;;{_escape(card.location)};;;")
    if card.linkedin_url:
        lines.append(f"URL:{card.linkedin_url}")
        lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:{card.linkedin_url}")
    if card.notes:
        lines.append(f"NOTE:{_escape(card.notes)}")
    if card.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in card.tags))
    if card.photo:
        kind = (card.photo_mime or _sniff_image(card.photo) or "image/jpeg").split("/")[-1]
        encoded = base64.b64encode(card.photo).decode("ascii")
        lines.append(f"PHOTO;ENCODING=b;TYPE={kind.upper()}:{encoded}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write(path: Path | str, cards: Iterable[ExportCard]) -> int:
    """Write cards to `path` (replaced atomically); returns how many were written."""
    text = "".join(card_text(card) for card in cards)
    write_atomically(Path(path), text.encode("utf-8"))
    return text.count("BEGIN:VCARD\r\n")
