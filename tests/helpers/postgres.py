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


#: pg_hba.conf of a cluster that checks passwords: the superuser `networkdesk` (the tests'
#: admin) is trusted, every other login on TCP must give its SCRAM password.
PASSWORD_HBA = """\
local all all trust
host all networkdesk 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway server certificate and key made with `openssl` (skips without it)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: cannot make a certificate for a TLS cluster")
    cert, key = folder / "server.crt", folder / "server.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    key.chmod(0o600)  # PostgreSQL refuses a key others can read
    return cert, key


@contextlib.contextmanager
def running_cluster(*, tls: bool = False, passwords: bool = False) -> Iterator[str]:
    """Start a throwaway cluster; yields a URL prefix without the database name. `tls`: the
    server offers TLS with a self-signed certificate; `passwords`: logins other than the
    superuser must give their password (PASSWORD_HBA)."""
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not found (Debian: apt install postgresql)")
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed")
    import psycopg

    base = Path(tempfile.mkdtemp(prefix="networkdesk-pg-"))
    run_as: list[str] = []
    owner: tuple[int, int] | None = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root and runuser is missing: cannot start PostgreSQL")
        import pwd

        nobody = pwd.getpwnam("nobody")
        owner = (nobody.pw_uid, nobody.pw_gid)
        os.chown(base, *owner)
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
        settings: list[str] = []
        if passwords:
            (data / "pg_hba.conf").write_text(PASSWORD_HBA, encoding="utf-8")
        if tls:
            cert, key = self_signed_certificate(base)
            if owner is not None:
                for path in (cert, key):
                    os.chown(path, *owner)
            settings += ["-c", "ssl=on", "-c", f"ssl_cert_file={cert}", "-c", f"ssl_key_file={key}"]
        server = subprocess.Popen(
            [*run_as, str(binaries / "postgres"), "-D", str(data), "-p", str(port),
             "-k", str(base), "-h", "127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off", *settings],
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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A running throwaway cluster (trust authentication); yields a URL prefix without the
    database name."""
    with running_cluster() as prefix:
        yield prefix


@pytest.fixture(scope="session")
def pg_tls_server() -> Iterator[str]:
    """A second cluster that offers TLS (self-signed certificate) and checks the passwords of
    every login but the superuser."""
    with running_cluster(tls=True, passwords=True) as prefix:
        yield prefix


def new_database(prefix: str) -> str:
    """A new, empty database on the cluster at `prefix`; its URL."""
    import psycopg

    name = f"nd_{next(_counter)}"
    port = prefix.rsplit(":", 1)[1]
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=networkdesk dbname=postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return f"{prefix}/{name}"


_counter = iter(range(1, 1000))


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A new, empty database on the cluster for each test."""
    return new_database(pg_server)
