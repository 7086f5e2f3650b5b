"""One address book on a CardDAV server (Nextcloud, Fastmail, iCloud, Radicale...).

The CalDAV client library has no CardDAV side, so the address book is found by the discovery
RFC 6352 describes - the user's principal (`current-user-principal`), its
`addressbook-home-set`, and the collection there whose resource type is an address book, by
display name or the last part of its URL - over the same HTTP client, and the cards are
written with the same rules as events (`interchange.caldav_publish`): a new card never replaces
another resource, replacements and deletions are conditional on the ETag networkdesk last saw,
and every failure is one clear `CalendarServerError` line.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urljoin

from networkdesk.interchange.caldav_publish import (
    DAV,
    DEFAULT_TIMEOUT_S,
    CalendarServerError,
    DavCollection,
    _check,
    _translated,
    check_server_url,
    resource_path,
)

CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
VCARD_HEADERS = {"Content-Type": "text/vcard; charset=utf-8"}
XML_HEADERS = {"Content-Type": "application/xml; charset=utf-8"}
PRINCIPAL_QUERY = (
    b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:">'
    b"<d:prop><d:current-user-principal/></d:prop></d:propfind>"
)
HOME_QUERY = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<d:propfind xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">'
    b"<d:prop><card:addressbook-home-set/></d:prop></d:propfind>"
)
BOOKS_QUERY = (
    b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:">'
    b"<d:prop><d:resourcetype/><d:displayname/></d:prop></d:propfind>"
)


class CardDavAddressBook(DavCollection):
    """A connected address book. Use `connect()`; close() (or `with`) when done."""

    HEADERS = VCARD_HEADERS
    NOUN = "card"

    def __init__(self, client: Any, url: str, server_url: str, user: str, name: str) -> None:
        self._client = client
        self.url = url
        self.server_url = server_url
        self.user = user
        self.name = name
        self._where = f"the address book {name!r} at {server_url}"

    @classmethod
    def connect(
        cls,
        server_url: str,
        user: str,
        password: str,
        book_name: str,
        *,
        timeout: int = DEFAULT_TIMEOUT_S,
    ) -> CardDavAddressBook:
        """Log in and find the address book named `book_name`."""
        from caldav.davclient import DAVClient

        check_server_url(server_url)
        client = DAVClient(url=server_url, username=user, password=password, timeout=timeout)
        where = f"the CardDAV server at {server_url}"
        try:
            with _translated(where, user, "logging in"):
                principal = _first_href(
                    _propfind(client, server_url, PRINCIPAL_QUERY, "0"),
                    f"{DAV}current-user-principal",
                )
                principal_url = urljoin(server_url, principal) if principal else server_url
                home = _first_href(
                    _propfind(client, principal_url, HOME_QUERY, "0"),
                    f"{CARDDAV}addressbook-home-set",
                )
                home_url = urljoin(principal_url, home) if home else principal_url
                books = _address_books(_propfind(client, home_url, BOOKS_QUERY, "1"))
            found = None
            for href, display in books:
                segment = href.rstrip("/").rsplit("/", 1)[-1]
                if book_name in (display, segment):
                    found = urljoin(home_url, href)
                    break
            if found is None:
                known = ", ".join(repr(d or h.rstrip("/").rsplit("/", 1)[-1]) for h, d in books)
                raise CalendarServerError(
                    f"no address book named {book_name!r} for user {user} at {server_url} "
                    f"(address books there: {known or 'none'}); create it in your contacts "
                    "app first"
                )
        except BaseException:
            client.close()
            raise
        return cls(client, found, server_url, user, book_name)

    def resource_url(self, uid: str) -> str:
        return self.url.rstrip("/") + "/" + resource_name(uid)

    @staticmethod
    def uid_in(response: Any) -> str | None:
        return _card_uid(response)


_PLAIN_NAME = re.compile(r"^[A-Za-z0-9._~-]{1,100}$")


def resource_name(uid: str) -> str:
    """The card's file name on the server: the UID itself when it is plain, the UUID of a
    `urn:uuid:` UID, else a digest of it (servers such as Radicale refuse `:` and other
    characters in paths, even quoted)."""
    if _PLAIN_NAME.match(uid):
        return uid + ".vcf"
    if uid.lower().startswith("urn:uuid:") and _PLAIN_NAME.match(uid[9:]):
        return uid[9:] + ".vcf"
    return hashlib.sha256(uid.encode("utf-8")).hexdigest()[:40] + ".vcf"


def _propfind(client: Any, url: str, body: bytes, depth: str) -> Any:
    response = client.request(url, "PROPFIND", body, {**XML_HEADERS, "Depth": depth})
    if response.status != 207:
        _check(response, "finding the address book")
    return response.tree


def _first_href(tree: Any, prop: str) -> str | None:
    if tree is None:
        return None
    for element in tree.iter(prop):
        href = element.findtext(f"{DAV}href")
        if href:
            return str(href).strip()
    return None


def _address_books(tree: Any) -> list[tuple[str, str | None]]:
    """(href, display name) of every address book among a collection's members."""
    books: list[tuple[str, str | None]] = []
    if tree is None:
        return books
    for item in tree.iter(f"{DAV}response"):
        href = item.findtext(f"{DAV}href")
        kinds = item.find(f".//{DAV}resourcetype")
        if not href or kinds is None or kinds.find(f"{CARDDAV}addressbook") is None:
            continue
        display = item.findtext(f".//{DAV}displayname")
        books.append((resource_path(href) + "/", display.strip() if display else None))
    return books


def _card_uid(response: Any) -> str | None:
    body = response.raw
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body or "")
    for line in text.replace("\r\n ", "").replace("\n ", "").splitlines():
        name, _, value = line.partition(":")
        if name.split(";", 1)[0].strip().upper() == "UID":
            return value.strip()
    return None
