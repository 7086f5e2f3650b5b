"""The whole LinkedIn data export ("Get a copy of your data"): its zip, or the folder it unpacks to.

Read here: `Connections.csv` (through `interchange.linkedin`, every era), `messages.csv` and
`Invitations.csv` (who wrote to whom, when, in which direction), `Company Follows.csv` (the
companies the user follows: candidate targets) and `Profile.csv` (the user's own name, to tell
outgoing from incoming). Every other member is ignored; columns are mapped by name.

The zip is read member by member in memory, never extracted, and bounded: a member whose name
climbs out of the archive (`../`, an absolute path), one larger than any real export, a member
that inflates far beyond its compressed size (a zip bomb) or an archive with more members than a
real export are refused with one clear message before anything is parsed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from networkdesk.domain.text import fold
from networkdesk.interchange import linkedin
from networkdesk.interchange.archive_file import is_archive as is_archive
from networkdesk.interchange.limits import (
    MAX_ARCHIVE_BYTES,
    MAX_CSV_BYTES,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    ImportFormatError,
    ParsedFile,
    ParseWarning,
    decode_text,
    read_bytes,
)

WHAT = "LinkedIn data export"
# A real export has a few dozen members; a few thousand is not one.
MAX_MEMBERS = 2000
# Deflated CSV shrinks to about a fifth; a member that inflates 100-fold and to more than a few
# megabytes is built to exhaust memory.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 4 * 1024 * 1024
# Message text kept in an interaction's note: enough to recall the conversation.
MAX_NOTE_CHARS = 2000

CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
INVITATIONS = "invitations.csv"
FOLLOWS = "company follows.csv"
PROFILE = "profile.csv"
WANTED = (CONNECTIONS, MESSAGES, INVITATIONS, FOLLOWS, PROFILE)

OUT = "out"
IN = "in"


@dataclass(frozen=True)
class ArchivePerson:
    """Someone on the other side of a message or invitation, as the export names them."""

    name: str
    profile_url: str | None = None


@dataclass(frozen=True)
class ArchiveTouch:
    """One message or invitation with one person, and its direction (`out`: the user wrote)."""

    where: str
    kind: str  # "message" or "invitation"
    direction: str
    at: dt.datetime
    person: ArchivePerson
    note: str | None = None


@dataclass
class LinkedInArchive:
    """What an export holds, in plain values."""

    path: str
    connections: ParsedFile | None
    touches: list[ArchiveTouch] = field(default_factory=list)
    followed_companies: list[str] = field(default_factory=list)
    owner: ArchivePerson | None = None
    members: list[str] = field(default_factory=list)  # the files that were read
    warnings: list[ParseWarning] = field(default_factory=list)


def read_archive(path: Path | str, *, owner_name: str | None = None) -> LinkedInArchive:
    """Read an export's zip or folder. Raises ImportFormatError when it is not one (no
    `Connections.csv` nor `messages.csv`), or when a member is unsafe or too large.

    `owner_name` is the user's own name as LinkedIn shows it, for an export without a
    `Profile.csv`; without either, the person in most conversations is taken to be the user."""
    file = Path(path)
    members = _read_folder(file) if file.is_dir() else _read_zip(file)
    found = sorted(members)
    if CONNECTIONS not in members and MESSAGES not in members:
        raise ImportFormatError(
            file,
            f"not a {WHAT}: neither Connections.csv nor messages.csv is in it "
            f"(found {len(found)} other files)",
        )
    warnings: list[ParseWarning] = []
    connections = None
    if CONNECTIONS in members:
        connections = linkedin.parse_text(
            _text(members, CONNECTIONS, file), _where(file, "Connections.csv")
        )
        warnings += connections.warnings
        connections.warnings = []
    owner = None
    if owner_name:
        owner = ArchivePerson(" ".join(owner_name.split()))
    elif PROFILE in members:
        owner = _profile_owner(_text(members, PROFILE, file))
    archive = LinkedInArchive(path=str(file), connections=connections, owner=owner, members=found)
    archive.warnings = warnings
    if MESSAGES in members:
        _read_messages(archive, _text(members, MESSAGES, file), _where(file, "messages.csv"))
    if INVITATIONS in members:
        _read_invitations(
            archive, _text(members, INVITATIONS, file), _where(file, "Invitations.csv")
        )
    if FOLLOWS in members:
        archive.followed_companies = _read_follows(
            _text(members, FOLLOWS, file), _where(file, "Company Follows.csv")
        )
    return archive


def _where(archive: Path, member: str) -> str:
    return f"{archive}/{member}"


def _text(members: dict[str, bytes], name: str, archive: Path) -> str:
    return decode_text(members[name], _where(archive, name), WHAT)


# -- reading the container, bounded ---------------------------------------------------------


def _wanted_name(member: str) -> str | None:
    """The export file a member is (by its base name, case-insensitive), or None."""
    base = fold(PurePosixPath(member.replace("\\", "/")).name)
    return base if base in WANTED else None


def _read_zip(path: Path) -> dict[str, bytes]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFormatError(path, f"cannot read the file: {exc.strerror}") from None
    if size > MAX_ARCHIVE_BYTES:
        raise ImportFormatError(
            path, f"the archive is {size / 2**20:.0f} MB, more than a {WHAT} can be"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ImportFormatError(
                    path, f"{len(infos):,} files in the archive, more than a {WHAT} has"
                )
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                _check_member_name(path, info.filename)
                name = _wanted_name(info.filename)
                if name is None or info.is_dir() or name in members:
                    continue
                _check_member_size(path, info)
                total += info.file_size
                if total > MAX_ARCHIVE_BYTES:
                    raise ImportFormatError(path, f"the archive unpacks to more than a {WHAT}")
                members[name] = _read_member(archive, info, path)
            return members
    except ImportFormatError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        # Damaged or truncated: bad offsets, broken deflate streams, lying headers.
        raise ImportFormatError(path, f"not a readable zip archive ({exc})") from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
        raise ImportFormatError(path, f"cannot read the zip archive: {exc}") from None


def _check_member_name(path: Path, name: str) -> None:
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix) or ".." in parts:
        raise ImportFormatError(
            path,
            f"unsafe archive: the member {name[:200]!r} points outside the archive; "
            "nothing was imported",
        )


def _check_member_size(path: Path, info: zipfile.ZipInfo) -> None:
    where = f"{info.filename[:200]!r}"
    if info.file_size > MAX_CSV_BYTES:
        raise ImportFormatError(
            path,
            f"the member {where} unpacks to {info.file_size / 2**20:.0f} MB, more than the "
            f"{MAX_CSV_BYTES / 2**20:.0f} MB a {WHAT} file can be; nothing was imported",
        )
    compressed = max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size / compressed > MAX_RATIO:
        raise ImportFormatError(
            path,
            f"the member {where} inflates {info.file_size // compressed:,}-fold (a zip bomb, "
            "not an export); nothing was imported",
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    # The sizes in the header may lie: read one byte beyond the limit and refuse past it.
    with archive.open(info) as handle:
        data = handle.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise ImportFormatError(
            path, f"the member {info.filename[:200]!r} is larger than a {WHAT} file can be"
        )
    return data


def _read_folder(folder: Path) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    root = folder.resolve()
    # The files sit at the top of the export, or one folder down when it was unpacked into one.
    candidates = sorted(folder.glob("*")) + sorted(folder.glob("*/*"))
    if len(candidates) > MAX_MEMBERS:
        raise ImportFormatError(folder, f"{len(candidates):,} files, more than a {WHAT} has")
    total = 0
    for candidate in candidates:
        name = _wanted_name(candidate.name)
        if name is None or name in members or not candidate.is_file():
            continue
        if not candidate.resolve().is_relative_to(root):
            raise ImportFormatError(
                candidate, "a link that points outside the export folder; nothing was imported"
            )
        data = read_bytes(candidate, max_bytes=MAX_CSV_BYTES, what=WHAT)
        total += len(data)
        if total > MAX_ARCHIVE_BYTES:
            raise ImportFormatError(folder, f"the folder holds more than a {WHAT} can")
        members[name] = data
    return members


# -- the members ----------------------------------------------------------------------------


Rows = list[tuple[int, list[str]]]


def _rows(text: str, where: str, required: tuple[str, ...]) -> tuple[dict[str, int], Rows]:
    """The header's columns (folded names) and the data rows with their first line numbers.

    The header is the first record that has every `required` column (a "Notes:" preamble
    before it is skipped, as in Connections.csv)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=False)
    columns: dict[str, int] | None = None
    rows: Rows = []
    line = 1
    try:
        for cells in reader:
            start = line
            line = reader.line_num + 1
            if columns is None:
                folded = {fold(cell): index for index, cell in reversed(list(enumerate(cells)))}
                if all(name in folded for name in required):
                    columns = folded
                elif start > linkedin.HEADER_SEARCH_RECORDS:
                    break
                continue
            if not "".join(cells).strip():
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFormatError(where, f"more than {MAX_ROWS:,} rows", line=start)
            if any(len(cell) > MAX_FIELD_CHARS for cell in cells):
                raise ImportFormatError(
                    where, f"a field is longer than {MAX_FIELD_CHARS:,}", line=start
                )
            rows.append((start, cells))
    except csv.Error as exc:
        raise ImportFormatError(where, f"broken CSV: {exc}", line=reader.line_num) from None
    if columns is None:
        names = ", ".join(name.title() for name in required)
        raise ImportFormatError(where, f"no header with the columns {names}")
    return columns, rows


def _cell(cells: list[str], columns: dict[str, int], *names: str) -> str:
    for name in names:
        index = columns.get(name)
        if index is not None and index < len(cells):
            value = cells[index].strip()
            if value:
                return value
    return ""


_US_DATE_TIME = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$"
)


def parse_moment(text: str) -> dt.datetime:
    """A moment as the exports write it, in UTC: `2023-05-02 14:03:11 UTC` (2020 on),
    `2019-11-04T08:30:00Z`, `6/14/18, 10:05 AM` (2018); a bare date is midnight. Times
    without a zone are UTC, as LinkedIn writes them. Raises ValueError."""
    value = " ".join(text.split())
    if len(value) > 40 or not value:
        raise ValueError(value[:40])
    if match := _US_DATE_TIME.match(value):
        month, day, year, hour, minute = (int(match[i]) for i in range(1, 6))
        second = int(match[6] or 0)
        if year < 100:
            year += 2000
        if match[7]:
            if not 1 <= hour <= 12:
                raise ValueError(value)
            hour = hour % 12 + (12 if match[7].lower() == "pm" else 0)
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    iso = value.removesuffix(" UTC").removesuffix(" GMT").replace(" ", "T", 1)
    if iso.endswith("Z"):
        iso = iso[:-1] + "+00:00"
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        date = linkedin.parse_connected_on(value)
        if date is None:
            raise
        moment = dt.datetime(date.year, date.month, date.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _profile_owner(text: str) -> ArchivePerson | None:
    columns, rows = _rows(text, "Profile.csv", ("first name", "last name"))
    for _line, cells in rows:
        name = " ".join(
            part
            for part in (_cell(cells, columns, "first name"), _cell(cells, columns, "last name"))
            if part
        )
        if name:
            url = _cell(cells, columns, "profile url", "public profile url", "url") or None
            return ArchivePerson(name, url)
    return None


def _note(kind: str, subject: str, content: str) -> str | None:
    parts = [part for part in (subject, " ".join(content.split())) if part]
    if not parts:
        return f"LinkedIn {kind}"
    text = f"LinkedIn {kind}: " + " - ".join(parts)
    if len(text) > MAX_NOTE_CHARS:
        text = text[: MAX_NOTE_CHARS - 1] + "…"
    return text


def _is_owner(owner: ArchivePerson | None, name: str, url: str) -> bool:
    if owner is None:
        return False
    if url and owner.profile_url and fold(url.rstrip("/")) == fold(owner.profile_url.rstrip("/")):
        return True
    return bool(name) and fold(name) == fold(owner.name)


def _read_messages(archive: LinkedInArchive, text: str, where: str) -> None:
    columns, rows = _rows(text, where, ("from", "to"))
    if "date" not in columns:
        raise ImportFormatError(where, "no DATE column")
    if archive.owner is None and "direction" not in columns:  # 2018 says it on each row
        archive.owner = _likely_owner(columns, rows)
        if archive.owner is not None:
            archive.warnings.append(
                ParseWarning(
                    "messages.csv",
                    f"no Profile.csv: took {archive.owner.name} (in the most conversations) to "
                    "be you, to tell sent from received",
                )
            )
    bad_dates = 0
    unknown_direction = 0
    for line, cells in rows:
        if fold(_cell(cells, columns, "is message draft")) in ("yes", "true"):
            continue
        sender = _cell(cells, columns, "from")
        sender_url = _cell(cells, columns, "sender profile url")
        receivers = [
            name.strip() for name in _cell(cells, columns, "to").split(",") if name.strip()
        ]
        receiver_urls = [
            url.strip()
            for url in _cell(cells, columns, "recipient profile urls").split(",")
            if url.strip()
        ]
        try:
            at = parse_moment(_cell(cells, columns, "date"))
        except ValueError:
            bad_dates += 1
            continue
        note = _note("message", _cell(cells, columns, "subject"), _cell(cells, columns, "content"))
        stated = fold(_cell(cells, columns, "direction"))  # 2018: INCOMING / OUTGOING
        if stated in ("outgoing", "sent") or (
            not stated and _is_owner(archive.owner, sender, sender_url)
        ):
            for index, name in enumerate(receivers):
                url = receiver_urls[index] if len(receiver_urls) == len(receivers) else ""
                archive.touches.append(
                    ArchiveTouch(
                        f"messages.csv line {line}",
                        "message",
                        OUT,
                        at,
                        ArchivePerson(name, url or None),
                        note,
                    )
                )
        elif stated in ("incoming", "received") or archive.owner is not None:
            if sender:
                archive.touches.append(
                    ArchiveTouch(
                        f"messages.csv line {line}",
                        "message",
                        IN,
                        at,
                        ArchivePerson(sender, sender_url or None),
                        note,
                    )
                )
        else:
            unknown_direction += 1
    if bad_dates:
        archive.warnings.append(
            ParseWarning(
                "messages.csv", f"{bad_dates} messages with an unreadable DATE were left out"
            )
        )
    if unknown_direction:
        archive.warnings.append(
            ParseWarning(
                "messages.csv",
                f"{unknown_direction} messages left out: without Profile.csv it is not clear "
                "which side is you (give your name with --me)",
            )
        )


def _likely_owner(columns: dict[str, int], rows: Rows) -> ArchivePerson | None:
    """The person in the most distinct conversations: the user, in any real export."""
    seen: Counter[str] = Counter()
    names: dict[str, str] = {}
    conversations: set[tuple[str, str]] = set()
    for line, cells in rows:
        conversation = _cell(cells, columns, "conversation id") or f"line {line}"
        people = [_cell(cells, columns, "from"), *_cell(cells, columns, "to").split(",")]
        for person in people:
            key = fold(person)
            if key and (conversation, key) not in conversations:
                conversations.add((conversation, key))
                seen[key] += 1
                names.setdefault(key, " ".join(person.split()))
    ranked = seen.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ArchivePerson(names[ranked[0][0]])


def _read_invitations(archive: LinkedInArchive, text: str, where: str) -> None:
    columns, rows = _rows(text, where, ("from", "to"))
    bad_dates = 0
    for line, cells in rows:
        sender = _cell(cells, columns, "from")
        receiver = _cell(cells, columns, "to")
        stated = fold(_cell(cells, columns, "direction"))
        if stated not in ("outgoing", "incoming"):
            stated = (
                "outgoing"
                if _is_owner(archive.owner, sender, _cell(cells, columns, "inviterprofileurl"))
                else "incoming"
            )
        try:
            at = parse_moment(_cell(cells, columns, "sent at", "sent", "date"))
        except ValueError:
            bad_dates += 1
            continue
        if stated == "outgoing":
            person = ArchivePerson(receiver, _cell(cells, columns, "inviteeprofileurl") or None)
            direction = OUT
        else:
            person = ArchivePerson(sender, _cell(cells, columns, "inviterprofileurl") or None)
            direction = IN
        if not person.name:
            continue
        note = _note("invitation", "", _cell(cells, columns, "message"))
        archive.touches.append(
            ArchiveTouch(f"Invitations.csv line {line}", "invitation", direction, at, person, note)
        )
    if bad_dates:
        archive.warnings.append(
            ParseWarning(
                "Invitations.csv",
                f"{bad_dates} invitations with an unreadable Sent At were left out",
            )
        )


def _read_follows(text: str, where: str) -> list[str]:
    columns, rows = _rows(text, where, ("organization",))
    seen: set[str] = set()
    names: list[str] = []
    for _line, cells in rows:
        name = " ".join(_cell(cells, columns, "organization").split())
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name[:300])
    return names
