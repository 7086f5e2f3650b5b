"""vCard 2.1, 3.0 and 4.0 import, read by our own linear scanner (`vcard_lines`) and value
decoder (`vcard_values`); vCard 3.0 export lives in `vcard_export` (re-exported here).

Strict on structure, lenient on values: a file that is not a sequence of cards is refused with
the line that breaks it; a value that cannot be used (an e-mail that is no address, a `sip:`
phone, a broken photo) is kept in the contact's notes where it is text, and listed as a warning
of the parse result - never silently lost, never a reason to refuse the whole address book.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from networkdesk.domain.errors import ValidationError
from networkdesk.domain.value_checks import (
    MAX_NAME,
    clean_email,
    clean_phone,
    clean_url,
    has_control,
)
from networkdesk.interchange.limits import (
    MAX_FIELD_CHARS,
    MAX_PHOTO_BYTES,
    MAX_VCARD_BYTES,
    MAX_VCARD_LINE_CHARS,
    ImportFormatError,
    ImportRecord,
    ParsedFile,
    ParseWarning,
    SkippedRow,
    bulk_work,
    check_line_lengths,
    decode_utf16,
    read_bytes,
)
from networkdesk.interchange.vcard_export import ExportCard, card_text, split_name, write
from networkdesk.interchange.vcard_lines import (
    ContentLine,
    RawCard,
    split_cards,
)
from networkdesk.interchange.vcard_values import (
    UnreadableValue,
    photo,
    structured,
    text_list,
    unescape,
    value_text,
)

__all__ = ["ExportCard", "card_text", "parse", "parse_bytes", "parse_text", "split_name", "write"]

SOURCE = "vcard"
WHAT = "vCard file"
MAX_CARD_PROPERTIES = 2_000
MAX_UID = 200  # the contacts.uid column
MAX_PROPERTY_CHARS = 2 * MAX_FIELD_CHARS
# Properties other than NOTE and PHOTO hold names, addresses, numbers: never this long.
MAX_SHORT_PROPERTY_CHARS = 4_000
# Budgets for a whole file, so a hostile file stays within seconds; a 30,000-contact address
# book uses about a third of each.
STRUCTURED = frozenset({"N", "ORG", "ADR"})
MAX_STRUCTURED_CHARS = 8 * 1024 * 1024
MAX_TEXT_CHARS = 64 * 1024 * 1024  # all text but photos
# Type parameters that say how a value is used, not what to call it.
_NOT_LABELS = {"pref", "internet", "voice", "x400", "text", "uri", "quoted-printable"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
# `"Omega" <omega@example.com>` and `Omega <omega@example.com>`: the address inside.
_NAMED_ADDRESS = re.compile(r"<([^<>\s]{3,320})>\s*$")


def parse(path: Path | str, progress: Callable[[int, int], None] | None = None) -> ParsedFile:
    """Read every card of a .vcf file. Raises ImportFormatError naming the card and line."""
    data = read_bytes(path, max_bytes=MAX_VCARD_BYTES, what=WHAT)
    return parse_bytes(data, path, progress)


def parse_bytes(
    data: bytes,
    path: Path | str = "contacts.vcf",
    progress: Callable[[int, int], None] | None = None,
) -> ParsedFile:
    """Parse a whole .vcf file's bytes (UTF-8, UTF-16 with BOM, or 8-bit in each CHARSET)."""
    text, raw_bytes = _decode_file(data, path)
    with bulk_work():
        return parse_text(text, path, progress, raw_bytes=raw_bytes)


def _decode_file(data: bytes, path: Path | str) -> tuple[str, bool]:
    """The file as text, and whether it was read byte for byte (not UTF-8: each value is then
    decoded in its own CHARSET)."""
    utf16 = decode_utf16(data, path, WHAT)
    if utf16 is not None:
        return utf16, False
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFormatError(path, f"binary data, not a {WHAT}", line=line)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("latin-1"), True


def parse_text(
    text: str,
    path: Path | str = "contacts.vcf",
    progress: Callable[[int, int], None] | None = None,
    *,
    raw_bytes: bool = False,
) -> ParsedFile:
    """Parse a vCard file's text; `progress(done, total)` is called every 500 cards."""
    check_line_lengths(text, path, MAX_VCARD_LINE_CHARS)
    parsed = ParsedFile(path=str(path), source=SOURCE, records=[])
    text_chars = structured_chars = 0
    expected = text.count("BEGIN:VCARD") if progress is not None else 0
    for card in split_cards(text, path):
        for prop in card.properties:
            if prop.name != "PHOTO":
                text_chars += len(prop.value)
                if prop.name in STRUCTURED:
                    structured_chars += len(prop.value)
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
        record = _CardReader(card, path, raw_bytes, parsed.warnings).read()
        if record is None:
            parsed.skipped.append(SkippedRow(f"card {card.number} (line {card.line})", "no name"))
        else:
            parsed.records.append(record)
    if not parsed.records:
        if parsed.skipped:
            raise ImportFormatError(
                path, f"no card with a name ({len(parsed.skipped)} cards without)"
            )
        raise ImportFormatError(path, "no vCard in the file (no BEGIN:VCARD ... END:VCARD)")
    return parsed


class _CardReader:
    """One card's properties into an ImportRecord, with a warning for each value it cannot use."""

    def __init__(
        self, card: RawCard, path: Path | str, raw_bytes: bool, warnings: list[ParseWarning]
    ) -> None:
        self.card = card
        self.path = path
        self.raw_bytes = raw_bytes
        self.warnings = warnings
        self.kept: list[str] = []  # unusable values, appended to the notes
        self.version = "3.0"
        for prop in card.properties:
            if prop.name == "VERSION":
                self.version = prop.value.strip()

    def warn(self, prop: ContentLine, problem: str) -> None:
        self.warnings.append(ParseWarning(f"card {self.card.number}, line {prop.line}", problem))

    def keep(self, prop: ContentLine, what: str, value: str, problem: str) -> None:
        kept = f"{what} from the imported card: {value}"
        if kept not in self.kept:  # URL and X-SOCIALPROFILE often repeat one link
            self.kept.append(kept)
            self.warn(prop, f"{problem}; kept in the notes")

    def text(self, prop: ContentLine) -> str:
        """The value as text, escapes still in (they depend on the property's type)."""
        value, warning = value_text(prop, self.raw_bytes)
        if warning:
            self.warn(prop, f"{prop.name}: {warning}")
        return value

    def one_line(self, prop: ContentLine) -> str:
        return " ".join(unescape(self.text(prop), self.version).split())

    def check_sizes(self) -> None:
        card = self.card
        if len(card.properties) > MAX_CARD_PROPERTIES:
            raise ImportFormatError(
                self.path,
                f"more than {MAX_CARD_PROPERTIES:,} properties in one card",
                card=card.number,
                line=card.line,
            )
        for prop in card.properties:
            if prop.name == "PHOTO":
                continue
            # Only a photo may be big; anything else this long is not a contact.
            limit = MAX_PROPERTY_CHARS if prop.name == "NOTE" else MAX_SHORT_PROPERTY_CHARS
            if len(prop.value) > limit:
                raise ImportFormatError(
                    self.path,
                    f"a {prop.name} property longer than {limit:,} characters",
                    card=card.number,
                    line=prop.line,
                )

    def by_name(self, name: str) -> list[ContentLine]:
        return [prop for prop in self.card.properties if prop.name == name]

    def read(self) -> ImportRecord | None:
        self.check_sizes()
        name = self.name()
        if not name:
            return None
        record = ImportRecord(where=f"card {self.card.number} (line {self.card.line})", name=name)
        if len(name) > MAX_NAME:
            record.name = name[:MAX_NAME].rstrip()
            self.kept.append(f"Full name from the imported card: {name}")
            self.warnings.append(
                ParseWarning(
                    f"card {self.card.number}, line {self.card.line}",
                    f"the name is longer than {MAX_NAME} characters: shortened, kept whole in "
                    "the notes",
                )
            )
        labels = self.group_labels()
        self.emails(record, labels)
        self.phones(record, labels)
        self.job(record)
        self.links(record)
        self.categories(record)
        self.address(record)
        self.photo(record)
        self.uid(record)
        self.notes(record)
        return record

    def uid(self, record: ImportRecord) -> None:
        for prop in self.by_name("UID"):
            uid = self.one_line(prop)
            if uid and len(uid) <= MAX_UID and not has_control(uid):
                record.uid = uid
            elif uid:
                self.warn(prop, "a UID that is too long or has control characters: not kept")
            return

    def name(self) -> str:
        for prop in self.by_name("FN"):
            name = self.one_line(prop)
            if name:
                return name
        for prop in self.by_name("N"):
            parts = structured(self.text(prop), self.version) + [""] * 5
            family, given, additional, prefix, suffix = parts[:5]
            words = (" ".join(p.split()) for p in (prefix, given, additional, family, suffix))
            name = " ".join(w for w in words if w)
            if name:
                return name
        return ""

    def group_labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        for prop in self.by_name("X-ABLABEL"):
            if prop.group:
                raw = self.one_line(prop)
                match = _APPLE_LABEL.match(raw)
                labels[prop.group.lower()] = (match[1] if match else raw).lower()[:50]
        return labels

    def label(self, prop: ContentLine, labels: dict[str, str]) -> str | None:
        if prop.group and prop.group.lower() in labels:
            return labels[prop.group.lower()] or None
        for candidate in prop.types:
            if candidate in _NOT_LABELS or candidate.startswith(("charset", "encoding")):
                continue
            return "mobile" if candidate == "cell" else candidate[:50]
        return None

    def emails(self, record: ImportRecord, labels: dict[str, str]) -> None:
        seen: set[str] = set()
        for prop in self.by_name("EMAIL"):
            raw = self.one_line(prop)
            try:
                address = clean_email(raw)
            except ValidationError as exc:
                named = _NAMED_ADDRESS.search(raw)
                try:
                    address = clean_email(named[1]) if named else None
                except ValidationError:
                    address = None
                if address is None:
                    self.keep(prop, "E-mail", raw, str(exc))
                    continue
            if address and address.casefold() not in seen:
                seen.add(address.casefold())
                record.emails.append((address, self.label(prop, labels)))

    def phones(self, record: ImportRecord, labels: dict[str, str]) -> None:
        for prop in self.by_name("TEL"):
            raw = self.one_line(prop)
            try:
                number = clean_phone(_tel_value(raw))
            except ValidationError as exc:
                self.keep(prop, "Phone", raw, str(exc))
                continue
            if number:
                record.phones.append((number, self.label(prop, labels)))

    def job(self, record: ImportRecord) -> None:
        for prop in self.by_name("ORG"):
            parts = [" ".join(p.split()) for p in structured(self.text(prop), self.version)]
            parts = [p for p in parts if p]
            if parts:
                record.company = parts[0][:MAX_NAME]
                department = ", ".join(parts[1:])
                if department:
                    self.kept.append(f"Department: {department}")
                break
        for prop in self.by_name("TITLE"):
            title = self.one_line(prop)
            if title:
                record.title = title[:MAX_NAME]
                break

    def links(self, record: ImportRecord) -> None:
        for prop in self.by_name("URL") + self.by_name("X-SOCIALPROFILE"):
            url = self.one_line(prop)
            if record.linkedin_url is not None or not _is_linkedin(url):
                continue
            try:
                record.linkedin_url = clean_url(url, "LinkedIn URL")
            except ValidationError as exc:
                self.keep(prop, "LinkedIn URL", url, str(exc))

    def categories(self, record: ImportRecord) -> None:
        tags: list[str] = []
        for prop in self.by_name("CATEGORIES"):
            tags += [" ".join(t.split())[:100] for t in text_list(self.text(prop), self.version)]
        record.tags = list(dict.fromkeys(t for t in tags if t))

    def address(self, record: ImportRecord) -> None:
        for prop in self.by_name("ADR"):
            parts = structured(self.text(prop), self.version) + [""] * 7
            city, region, country = parts[3], parts[4], parts[6]
            location = ", ".join(" ".join(p.split()) for p in (city, region, country) if p.strip())
            if location:
                record.location = location[:MAX_NAME]
                break

    def photo(self, record: ImportRecord) -> None:
        for prop in self.by_name("PHOTO"):
            try:
                found = photo(prop)
            except UnreadableValue as exc:
                self.warn(prop, f"PHOTO {exc}; the photo was not imported")
                continue
            if found is None:
                continue
            if len(found[0]) > MAX_PHOTO_BYTES:
                self.warn(
                    prop,
                    f"PHOTO of {len(found[0]) / 1e6:.1f} MB is larger than "
                    f"{MAX_PHOTO_BYTES / 1e6:.0f} MB; the photo was not imported",
                )
                continue
            record.photo, record.photo_mime = found
            return

    def notes(self, record: ImportRecord) -> None:
        notes = []
        for prop in self.by_name("NOTE"):
            note = unescape(self.text(prop), self.version)
            note = note.replace("\r\n", "\n").replace("\r", "\n").strip()
            if note:
                notes.append(note)
        # The card's own note first, then the department and what could not be used.
        text = "\n\n".join(notes + self.kept)
        if len(text) > MAX_FIELD_CHARS:
            self.warnings.append(
                ParseWarning(
                    f"card {self.card.number}, line {self.card.line}",
                    f"notes longer than {MAX_FIELD_CHARS:,} characters were shortened",
                )
            )
            text = text[:MAX_FIELD_CHARS]
        record.notes = text or None


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
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    return host == "linkedin.com" or host.endswith(".linkedin.com")
