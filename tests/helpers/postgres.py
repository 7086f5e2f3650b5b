"""A throwaway PostgreSQL cluster for the tests that run networkdesk on a server database.

One cluster per test session, from the system's PostgreSQL binaries (Debian: `apt install
postgresql`), in a temporary folder on a free port; each test gets a new, empty database
(`pg_url`). Tests using it are skipped, with the reason, when the binaries or the psycopg driver
are missing. Loaded as a pytest plugin by tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def server_binaries() -> Path | None:
    for candidate in [
        shutil.which("initdb"),
        *sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")),
    ]:
        if candidate and Path(candidate).with_name("postgres").exists():
            return Path(candidate).resolve().parent
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A running throwaway cluster; yields a URL prefix without the database name."""
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not found (Debian: apt install postgresql)")
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed")
    import psycopg

    base = Path(tempfile.mkdtemp(prefix="networkdesk-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root and runuser is missing: cannot start PostgreSQL")
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(base, nobody.pw_uid, nobody.pw_gid)
        run_as = [runuser, "-u", "nobody", "--"]
    data = base / "data"
    port = free_port()
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run(
            [*run_as, str(binaries / "initdb"), "-D", str(data), "-U", "networkdesk",
             "--auth=trust", "-E", "UTF8", "--no-locale"],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        server = subprocess.Popen(
            [*run_as, str(binaries / "postgres"), "-D", str(data), "-p", str(port),
             "-k", str(base), "-h", "127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        admin = f"host=127.0.0.1 port={port} user=networkdesk dbname=postgres"
        deadline = time.monotonic() + 60
        while True:
            try:
                psycopg.connect(admin, connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"PostgreSQL did not start: {stderr[-2000:]}")
                time.sleep(0.2)
        yield f"postgresql+psycopg://networkdesk@127.0.0.1:{port}"
    finally:
        if server is not None:
            server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=30)
            if server.poll() is None:
                server.kill()
                server.wait()
            if server.stderr is not None:  # ours to close (else: an unclosed-file warning)
                server.stderr.close()
        shutil.rmtree(base, ignore_errors=True)


_counter = iter(range(1, 1000))


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A new, empty database on the cluster for each test."""
    import psycopg

    name = f"nd_{next(_counter)}"
    port = pg_server.rsplit(":", 1)[1]
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=networkdesk dbname=postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return f"{pg_server}/{name}"
