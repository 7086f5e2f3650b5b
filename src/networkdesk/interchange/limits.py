"""Bounds on imported files, the importer's own error type, and a bounded text reader.

Every importer reads through `read_text`: a file that is too large, binary, or has a line longer
than any real export is refused with one clear message before any parser sees it, so hostile
files can neither exhaust memory nor make a parser crawl.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from networkdesk.domain.errors import NetworkdeskError

# A 30,000-connection LinkedIn export is about 3 MB; an address book with photos rarely tops
# 50 MB. Anything above these limits is not an export a person made.
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_VCARD_BYTES = 128 * 1024 * 1024
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
# A CSV record longer than this is not a contact (LinkedIn's preamble paragraph is ~600 chars).
MAX_CSV_LINE_CHARS = 64 * 1024
# A vCard logical line carries at most a photo: 10 MB of base64 is a very large picture.
MAX_VCARD_LINE_CHARS = 10 * 1024 * 1024
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_ROWS = 250_000
MAX_CARDS = 100_000
MAX_FIELD_CHARS = 100_000


class ImportFormatError(NetworkdeskError):
    """A file that cannot be imported: says which file, where in it (line or card), and why."""

    def __init__(
        self,
        path: Path | str | None,
        problem: str,
        *,
        line: int | None = None,
        card: int | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.line = line
        self.card = card
        where = []
        if card is not None:
            where.append(f"card {card}")
        if line is not None:
            where.append(f"line {line}")
        location = self.path or "input"
        if where:
            location += f", {', '.join(where)}"
        super().__init__(f"{location}: {problem}")


@dataclass
class ImportRecord:
    """One person read from a file, in plain values: what `services.importing` matches and writes.

    `where` says where it came from ("line 12", "card 3") for messages and the preview.
    """

    where: str
    name: str
    company: str | None = None
    title: str | None = None
    emails: list[tuple[str, str | None]] = field(default_factory=list)
    phones: list[tuple[str, str | None]] = field(default_factory=list)
    linkedin_url: str | None = None
    location: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    photo: bytes | None = None
    photo_mime: str | None = None
    connected_on: dt.date | None = None
    uid: str | None = None  # the card's UID, kept as the contact's own
    referred_by: str | None = None  # who introduced them (Outlook's Referred By): a referral


@dataclass
class SkippedRow:
    where: str
    reason: str


@dataclass
class ParseWarning:
    """A value the parser could not use as such: where, and what became of it (kept in the
    contact's notes, or as written). The record itself is imported."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass
class ParsedFile:
    """What a parser returns: the records, the rows it skipped (and why), the values it could
    not use (warnings), and the format."""

    path: str
    source: str
    records: list[ImportRecord]
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def read_text(path: Path | str, *, max_bytes: int, what: str) -> str:
    """Read a whole text file within `max_bytes`, refusing binary data and undecodable bytes.

    UTF-8 (with or without a byte-order mark) first; Windows-1252 as the fallback real exports
    from older tools use. NUL bytes mean binary data, never text.
    """
    return decode_text(read_bytes(path, max_bytes=max_bytes, what=what), Path(path), what)


def read_bytes(path: Path | str, *, max_bytes: int, what: str) -> bytes:
    """A whole file's bytes within `max_bytes` (refused with one clear message beyond)."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise ImportFormatError(file, f"cannot read the file: {exc.strerror}") from None
    if not file.is_file():
        raise ImportFormatError(file, "not a file")
    if size > max_bytes:
        raise ImportFormatError(
            file,
            f"the file is {size / 2**20:.0f} MB, more than the {max_bytes / 2**20:.0f} MB a {what} "
            "can be; nothing was imported",
        )
    try:
        with file.open("rb") as handle:
            # Read one byte more than allowed: a file that grew after stat() is still refused.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ImportFormatError(file, f"cannot read the file: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise ImportFormatError(file, f"the file is larger than a {what} can be")
    return data


def decode_utf16(data: bytes, path: Path | str | None, what: str) -> str | None:
    """Text of a UTF-16 file with a byte-order mark (what Windows "Unicode" saves), else None."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            path, f"not text: broken UTF-16 at byte {exc.start:,} (expected a {what})"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFormatError(path, f"binary data, not a {what}", line=line)
    return text


def decode_text(data: bytes, path: Path | str | None, what: str) -> str:
    utf16 = decode_utf16(data, path, what)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFormatError(path, f"binary data, not a {what}", line=line)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportFormatError(
                path, f"not text: undecodable bytes (expected a UTF-8 {what})", line=line
            ) from None


def check_line_lengths(text: str, path: Path | str | None, limit: int) -> None:
    """Refuse a text with a physical line longer than `limit` characters (naming the line)."""
    if len(text) <= limit:
        return
    lengths = [len(line) for line in text.split("\n")]
    if max(lengths) <= limit:
        return
    number = next(i for i, n in enumerate(lengths, start=1) if n > limit)
    raise ImportFormatError(
        path, f"a line of {lengths[number - 1]:,} characters is longer than {limit:,}", line=number
    )


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of small objects are built.

    Each row allocates a few objects that all stay alive, so the collector would walk the
    ever-growing heap again and again (quadratic-ish) and find nothing to free.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # (Not freeze() and unfreeze() to move what was built into the oldest generation
            # and skip the next young collection's walk of it, 25-60 ms at 30,000 rows: the
            # window runs imports too, and with freezes in place its test suite crashed inside
            # the collector, collecting Qt wrappers out of their usual order; see README, P7.)
            gc.enable()
