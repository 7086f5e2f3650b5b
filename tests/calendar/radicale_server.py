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
from dataclasses import dataclass
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
