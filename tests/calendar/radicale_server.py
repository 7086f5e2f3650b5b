"""A real CalDAV server for tests: Radicale on 127.0.0.1 on a free port, basic auth (htpasswd,
plain, no delay) and a temporary storage folder."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

USER = "jo"
PASSWORD = "correct horse"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RadicaleServer:
    url: str
    user: str
    password: str
    log: Path
    addressbooks: dict[str, str] = field(default_factory=dict)  # display name -> URL

    def client(self, password: str | None = None) -> Any:
        import caldav

        return caldav.DAVClient(
            url=self.url, username=self.user, password=password or self.password, timeout=10
        )

    def make_calendar(self, name: str | None = None) -> str:
        """Create a calendar with a unique display name; returns the name."""
        name = name or f"Work {uuid.uuid4().hex[:8]}"
        with self.client() as client:
            client.principal().make_calendar(name=name)
        return name

    def calendar(self, name: str) -> Any:
        client = self.client()
        return client.principal().calendar(name=name)

    def events(self, name: str) -> dict[str, Any]:
        """UID -> icalendar VEVENT of every event in the calendar, read from the server."""
        found = {}
        for event in self.calendar(name).get_events():
            component = event.get_icalendar_component()
            found[str(component["UID"])] = component
        return found

    # --- CardDAV: Radicale serves address books too -----------------------------------------

    def make_addressbook(self, name: str | None = None) -> str:
        """Create an address book (extended MKCOL, RFC 5689) with a unique display name."""
        name = name or f"Phone {uuid.uuid4().hex[:8]}"
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>'
            "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
            f"<d:displayname>{name}</d:displayname></d:prop></d:set></d:mkcol>"
        )
        url = f"{self.url}{self.user}/{uuid.uuid4().hex}/"
        with self.client() as client:
            response = client.request(url, "MKCOL", body, {"Content-Type": "application/xml"})
            assert response.status == 201, response.status
        self.addressbooks[name] = url
        return name

    def put_card(self, name: str, resource: str, text: str) -> None:
        """Store a card as another client would (its own resource name)."""
        with self.client() as client:
            response = client.put(
                self.addressbooks[name] + resource, text.encode(), {"Content-Type": "text/vcard"}
            )
            assert response.status in (201, 204), response.status

    def delete_card(self, name: str, uid: str) -> None:
        with self.client() as client:
            for href, text in self._cards(client, name):
                if f"UID:{uid}" in text:
                    assert client.delete(href).status in (200, 204)
                    return
        raise AssertionError(f"no card {uid}")

    def cards(self, name: str) -> dict[str, Any]:
        """UID -> the card as vobject reads it (a real client's parser), from the server."""
        import vobject

        with self.client() as client:
            found = {}
            for _href, text in self._cards(client, name):
                card = vobject.readOne(text)
                found[str(card.uid.value)] = card
            return found

    def _cards(self, client: Any, name: str) -> list[tuple[str, str]]:
        from urllib.parse import urljoin

        url = self.addressbooks[name]
        body = (
            '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:">'
            "<d:prop><d:getetag/></d:prop></d:propfind>"
        )
        listing = client.request(url, "PROPFIND", body, {"Depth": "1"})
        hrefs = [
            element.text
            for element in listing.tree.iter("{DAV:}href")
            if element.text and element.text.endswith(".vcf")
        ]
        out = []
        for href in hrefs:
            response = client.request(urljoin(url, href), "GET")
            raw = response.raw
            out.append((urljoin(url, href), raw.decode() if isinstance(raw, bytes) else raw))
        return out


@contextlib.contextmanager
def running_radicale(folder: Path) -> Iterator[RadicaleServer]:
    """Start Radicale with its data in `folder`; stop it when the block ends."""
    users = folder / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = _free_port()
    log = folder / "radicale.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "radicale",
                "--config",
                "",
                "--server-hosts",
                f"127.0.0.1:{port}",
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                str(users),
                "--auth-htpasswd-encryption",
                "plain",
                "--auth-delay",
                "0",
                "--storage-filesystem-folder",
                str(folder / "collections"),
                "--logging-level",
                "warning",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"radicale exited: {log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("radicale did not start within 30 s") from None
                time.sleep(0.1)
        yield RadicaleServer(f"http://127.0.0.1:{port}/", USER, PASSWORD, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
