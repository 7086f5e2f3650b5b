"""One calendar on a CalDAV server (Nextcloud, Fastmail, iCloud, Radicale...), through `caldav`.

Only what publishing needs: find the calendar, create an event at a new resource (never over
someone else's), replace or delete a resource networkdesk created. Every failure becomes a
`CalendarServerError` whose message says what failed and where; `ItemRejected` means the server
refused one event and the others can still go.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import quote, unquote, urlsplit

from networkdesk.domain.errors import NetworkdeskError

DEFAULT_TIMEOUT_S = 30
ICS_HEADERS = {"Content-Type": "text/calendar; charset=utf-8"}


class CalendarServerError(NetworkdeskError):
    """The server could not be reached, refused us, or has no such calendar: stop publishing."""


class ItemRejected(CalendarServerError):
    """The server refused one event; the others may still be published."""


class ChangedElsewhere(ItemRejected):
    """The event's ETag is no longer the one networkdesk published: another client changed it
    (a conditional PUT or DELETE was refused with 412)."""


PROPFIND_ETAGS = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
)
DAV = "{DAV:}"


def resource_path(href: str) -> str:
    """An href (full URL or path, quoted or not) as the plain path a server listing gives."""
    return unquote(urlsplit(href).path).rstrip("/")


def same_etag(a: str | None, b: str | None) -> bool:
    """ETags compared as servers write them (weak prefix and quotes aside)."""

    def plain(tag: str) -> str:
        tag = tag.strip()
        return tag[2:] if tag.startswith("W/") else tag

    return a is not None and b is not None and plain(a) == plain(b)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """Where the server keeps an event and its version tag, as it confirmed them."""

    href: str
    etag: str | None


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    # Connection errors from urllib3 nest their causes: the last clause says what happened.
    if "Errno" in text:
        text = text[text.rfind("[Errno") :].rstrip(")'\"")
    return text if len(text) <= 200 else text[:199] + "…"


class DavCollection:
    """What a CalDAV calendar and a CardDAV address book share: one collection of resources
    networkdesk creates, replaces and deletes by UID, with ETag checks so an edit made in
    another app is never overwritten unasked. Subclasses say the media type, the word for an
    item ("event", "card"), where a UID's resource lives and how to read a UID back."""

    HEADERS: dict[str, str] = {}
    NOUN = "item"
    _client: Any
    _where: str
    url: str
    user: str

    def resource_url(self, uid: str) -> str:
        raise NotImplementedError

    @staticmethod
    def uid_in(response: Any) -> str | None:
        """The UID of the item a GET answered with (None when it is not one of ours)."""
        raise NotImplementedError

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create(self, uid: str, data: bytes) -> StoredEvent:
        """Store a new item. Never replaces a resource that holds another item: if one with
        this UID's name exists and carries this UID, it is ours (an earlier publish whose
        confirmation was lost) and is replaced; anything else is refused."""
        href = self.resource_url(uid)
        noun = self.NOUN
        with _translated(self._where, self.user, f"creating {noun} {uid}"):
            response = self._client.put(href, data, {**self.HEADERS, "If-None-Match": "*"})
            if response.status == 412:
                existing = self._client.request(href, "GET")
                if existing.status == 200 and self.uid_in(existing) == uid:
                    response = self._client.put(href, data, dict(self.HEADERS))
                else:
                    raise ItemRejected(
                        f"{self._where} already has another {noun} at {href}; "
                        "networkdesk leaves it alone"
                    )
            _check(response, f"creating {noun} {uid}")
        return StoredEvent(href, _etag(response))

    def replace(
        self, href: str, data: bytes, uid: str, *, if_match: str | None = None
    ) -> StoredEvent:
        """Replace an item networkdesk published. With `if_match` (the ETag last published)
        only while the server still has that version: otherwise ChangedElsewhere, and the
        other client's edit stays."""
        headers = dict(self.HEADERS)
        if if_match:
            headers["If-Match"] = if_match
        with _translated(self._where, self.user, f"updating {self.NOUN} {uid}"):
            response = self._client.put(href, data, headers)
            if response.status == 412 and if_match:
                raise ChangedElsewhere(f"{self.NOUN} {uid} was changed in another app")
            _check(response, f"updating {self.NOUN} {uid}")
        return StoredEvent(href, _etag(response))

    def delete(self, href: str, uid: str, *, if_match: str | None = None) -> bool:
        """Delete an item networkdesk published. False when it was already gone. With
        `if_match`, only the version networkdesk published (else ChangedElsewhere)."""
        with _translated(self._where, self.user, f"deleting {self.NOUN} {uid}"):
            headers = {"If-Match": if_match} if if_match else None
            response = self._client.request(href, "DELETE", "", headers)
            if response.status == 404:
                return False
            if response.status == 412 and if_match:
                raise ChangedElsewhere(f"{self.NOUN} {uid} was changed in another app")
            _check(response, f"deleting {self.NOUN} {uid}")
        return True

    def etags(self) -> dict[str, str]:
        """{resource path: ETag} of every resource in the collection (one PROPFIND), to tell
        what other clients changed or deleted since the last publish."""
        return list_etags(self._client, self.url, self._where, self.user)


class CalDavCalendar(DavCollection):
    """A connected calendar. Use `connect()`; close() (or `with`) when done."""

    HEADERS = ICS_HEADERS
    NOUN = "event"

    def __init__(self, client: Any, calendar: Any, server_url: str, user: str, name: str) -> None:
        self._client = client
        self._calendar = calendar
        self.server_url = server_url
        self.user = user
        self.name = name
        self.url = str(calendar.url)
        self._where = f"the calendar {name!r} at {server_url}"

    # --- connecting ------------------------------------------------------------------------

    @classmethod
    def connect(
        cls,
        server_url: str,
        user: str,
        password: str,
        calendar_name: str,
        *,
        timeout: int = DEFAULT_TIMEOUT_S,
    ) -> CalDavCalendar:
        """Log in and find the calendar named `calendar_name` (its display name, or the last
        part of its URL)."""
        from caldav.davclient import DAVClient

        check_server_url(server_url)
        client = DAVClient(url=server_url, username=user, password=password, timeout=timeout)
        where = f"the CalDAV server at {server_url}"
        try:
            with _translated(where, user, "logging in"):
                principal = client.principal()
                calendars = list(principal.get_calendars())
                found, names = None, []
                for calendar in calendars:
                    display = calendar.get_display_name()
                    segment = str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
                    names.append(display or segment)
                    if calendar_name in (display, segment):
                        found = calendar
                        break
            if found is None:
                known = ", ".join(repr(n) for n in names) if names else "none"
                raise CalendarServerError(
                    f"no calendar named {calendar_name!r} for user {user} at {server_url} "
                    f"(calendars there: {known}); create it in your calendar app first"
                )
        except BaseException:
            client.close()
            raise
        return cls(client, found, server_url, user, calendar_name)

    def resource_url(self, uid: str) -> str:
        # Quote everything but unreserved characters: UIDs contain "@", which some servers
        # treat differently in paths.
        return self.url.rstrip("/") + "/" + quote(uid, safe="-_.~") + ".ics"

    @staticmethod
    def uid_in(response: Any) -> str | None:
        return _uid_of(response)

    def uids(self) -> set[str]:
        """UIDs of every event in the calendar (for checks and tests)."""
        with _translated(self._where, self.user, "listing events"):
            found = set()
            for event in self._calendar.get_events():
                component = event.get_icalendar_component()
                found.add(str(component["UID"]))
            return found


def list_etags(client: Any, url: str, where: str, user: str) -> dict[str, str]:
    """{resource path: ETag} of a collection's members (PROPFIND, Depth 1)."""
    with _translated(where, user, "listing what the server holds"):
        response = client.request(
            url,
            "PROPFIND",
            PROPFIND_ETAGS,
            {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        if response.status != 207:
            _check(response, "listing what the server holds")
        tree = response.tree
    found: dict[str, str] = {}
    if tree is None:
        return found
    collection = resource_path(url)
    for item in tree.iter(f"{DAV}response"):
        href = item.findtext(f"{DAV}href")
        if not href or resource_path(href) == collection:
            continue
        for propstat in item.iter(f"{DAV}propstat"):
            status = propstat.findtext(f"{DAV}status") or ""
            etag = propstat.findtext(f"{DAV}prop/{DAV}getetag")
            if etag and " 200 " in f"{status} ":
                found[resource_path(href)] = etag.strip()
    return found


def check_server_url(server_url: str) -> None:
    parts = urlsplit(server_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CalendarServerError(
            f"bad server URL {server_url!r}: give the full address, e.g. "
            "https://cloud.example.com/remote.php/dav"
        )


def _uid_of(response: Any) -> str | None:
    # Imported here, as the caldav client itself is: the window loads this module at start.
    import icalendar

    try:
        body = response.raw
        calendar = icalendar.Calendar.from_ical(body)
        for component in calendar.walk("VEVENT"):
            return str(component["UID"])
    except Exception:  # not iCalendar at all: certainly not ours
        return None
    return None


def _etag(response: Any) -> str | None:
    headers = response.headers or {}
    etag = headers.get("ETag") or headers.get("Etag")
    return str(etag) if etag else None


def _check(response: Any, action: str) -> None:
    if response.status in (200, 201, 204):
        return
    reason = getattr(response, "reason", "") or ""
    if response.status in (400, 403, 409, 412, 413, 415, 422):
        raise ItemRejected(f"the server refused {action}: HTTP {response.status} {reason}".strip())
    raise CalendarServerError(
        f"the server failed while {action}: HTTP {response.status} {reason}".strip()
    )


@contextlib.contextmanager
def _translated(where: str, user: str, action: str) -> Iterator[None]:
    """Turn caldav, HTTP and socket errors into one clear line."""
    from caldav.lib import error as dav_error

    try:
        yield
    except CalendarServerError:
        raise
    except dav_error.AuthorizationError as exc:
        if exc.status == 403 or "forbidden" in str(exc.reason).lower():
            raise CalendarServerError(
                f"{where} does not allow user {user} to do this ({action}): HTTP 403"
            ) from None
        raise CalendarServerError(
            f"{where} refused the user name or password for {user} (HTTP 401): "
            "check both and try again"
        ) from None
    except dav_error.NotFoundError as exc:
        raise CalendarServerError(
            f"{where} has nothing at {exc.url or 'that address'} ({action}): check the URL"
        ) from None
    except dav_error.DAVError as exc:
        status = f"HTTP {exc.status}" if exc.status else str(exc.reason)
        raise CalendarServerError(f"{where} failed while {action}: {status}") from None
    except OSError as exc:  # connection refused, DNS, TLS, timeouts (requests/niquests)
        raise CalendarServerError(f"cannot reach {where} ({action}): {_short(exc)}") from None
