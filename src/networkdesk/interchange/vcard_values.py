"""Values of vCard properties as text: transfer encodings (quoted-printable, base64), CHARSET,
and the escapes each vCard version defines; photos in every form seen in the wild.

Text is kept whole: commas and semicolons split only the values whose type is a list or a
structure (CATEGORIES; N, ADR, ORG), never FN, NOTE or TITLE.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.value_checks import clean_mime
from networkdesk.interchange.vcard_lines import ContentLine

IMAGE_TYPES = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "pjpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "heic": "image/heic",
    "tiff": "image/tiff",
}
_TOKENS_SEMI = re.compile(r"\\.|;|[^\\;]+", re.DOTALL)
_TOKENS_COMMA = re.compile(r"\\.|,|[^\\,]+", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# vCard 3.0 and 4.0 (RFC 2426 §5, RFC 6350 §3.4): \\ \, \; \n \N. 2.1 escapes only `;` (and,
# in practice, writers also escape `\` and `,`); other backslashes are data (C:\Users).
_V3_ESCAPES = {"\\": "\\", ",": ",", ";": ";", "n": "\n", "N": "\n", ":": ":"}
_V21_ESCAPES = {"\\": "\\", ",": ",", ";": ";", ":": ":"}


class UnreadableValue(Exception):
    """A value that cannot be decoded: the reader turns it into a warning."""


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, charset: str) -> tuple[str, str | None]:
    """Bytes as text in the CHARSET (UTF-8 when none is given; Windows-1252 for bytes that are
    not). Returns the text and a warning when the charset was unknown or wrong."""
    if charset:
        codec = _codec(charset)
        if codec is None:
            text, _ = decode_bytes(data, "")
            return text, f"unknown CHARSET {charset[:40]!r}: read as UTF-8"
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            text, _ = decode_bytes(data, "")
            return text, f"bytes that are not {charset[:40]}: read as UTF-8/Windows-1252"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; Latin-1 reads every byte.
        return data.decode("cp1252", errors="strict" if _cp1252_ok(data) else "replace"), None


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def value_text(prop: ContentLine, raw_bytes: bool) -> tuple[str, str | None]:
    """The property's value with transfer encoding and charset undone (escapes still in).

    `raw_bytes`: the file was not UTF-8 and was read byte for byte (Latin-1), so each value is
    decoded here in its own CHARSET (Shift_JIS, windows-1253, KOI8-U...)."""
    charset = prop.param("CHARSET")
    encoding = prop.encoding
    value = prop.value
    if encoding == "QUOTED-PRINTABLE":
        raw = value.encode("latin-1" if raw_bytes else "utf-8", errors="replace")
        return decode_bytes(quopri.decodestring(raw), charset)
    if encoding in ("B", "BASE64"):
        try:
            return decode_bytes(base64_bytes(value), charset)
        except UnreadableValue:
            return value, "a base64 value that is not base64: kept as written"
    if raw_bytes:
        return decode_bytes(value.encode("latin-1", errors="replace"), charset)
    return value, None


def unescape(text: str, version: str) -> str:
    table = _V21_ESCAPES if version == "2.1" else _V3_ESCAPES
    return _ESCAPE.sub(lambda m: table.get(m[1], m[0]), text)


def _split(text: str, tokens: re.Pattern[str], separator: str, version: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for token in tokens.findall(text):
        if token == separator:
            parts.append(unescape("".join(current), version))
            current = []
        else:
            current.append(token)
    parts.append(unescape("".join(current), version))
    return parts


def structured(text: str, version: str) -> list[str]:
    """N, ADR, ORG: components at unescaped semicolons."""
    return _split(text, _TOKENS_SEMI, ";", version)


def text_list(text: str, version: str) -> list[str]:
    """CATEGORIES, NICKNAME: values at unescaped commas."""
    return _split(text, _TOKENS_COMMA, ",", version)


def base64_bytes(text: str) -> bytes:
    """Base64 as real files write it: line breaks and spaces inside, padding sometimes missing,
    now and then the URL-safe alphabet."""
    squeezed = "".join(text.split())
    if "-" in squeezed or "_" in squeezed:
        squeezed = squeezed.replace("-", "+").replace("_", "/")
    squeezed = squeezed.rstrip("=")
    squeezed += "=" * (-len(squeezed) % 4)
    try:
        return base64.b64decode(squeezed, validate=True)
    except (binascii.Error, ValueError):
        raise UnreadableValue("is not valid base64") from None


def sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    if data.startswith(b"BM"):
        return "image/bmp"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _mime(word: str) -> str | None:
    word = word.strip().lower()
    if word in IMAGE_TYPES:
        return IMAGE_TYPES[word]
    try:
        return clean_mime(word) if "/" in word else None
    except ValidationError:
        return None


def photo(prop: ContentLine) -> tuple[bytes, str | None] | None:
    """A PHOTO's picture: `ENCODING=b`, 2.1's bare `BASE64`/`B` (`PHOTO;JPEG;B:`), a `data:` URI
    (vCard 4.0), or base64 with no ENCODING at all (some Android exports). None for a link to a
    picture elsewhere (never fetched). Raises UnreadableValue for a broken picture."""
    value = prop.value.strip()
    mime: str | None = None
    for word in [*prop.types, prop.param("MEDIATYPE")]:
        mime = mime or _mime(word)
    if value.lower().startswith("data:"):
        meta, comma, payload = value[5:].partition(",")
        if not comma or ";base64" not in meta.lower():
            raise UnreadableValue("data URI is not base64")
        mime = _mime(meta.split(";", 1)[0]) or mime
        data = base64_bytes(payload)
    elif prop.encoding in ("B", "BASE64"):
        data = base64_bytes(value)
    elif prop.param("VALUE").lower() in ("uri", "url") or "://" in value[:20]:
        return None
    elif value and len(value) > 40:
        try:
            data = base64_bytes(value)
        except UnreadableValue:
            return None
        if sniff_image(data) is None:
            return None
    else:
        return None
    if not data:
        return None
    # What the bytes are beats what the file says (`PHOTO;JPEG;B:` over a PNG).
    return data, sniff_image(data) or mime
