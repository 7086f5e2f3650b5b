"""Imports and the archive on PostgreSQL: bulk inserts with explicit ids must leave the id
sequences past them (the next ordinary insert must not collide), and the fast SQLite-only path
must fall back to plain Core inserts.

Starts a throwaway cluster like tests/migrations/test_postgresql.py; skipped, with the reason,
when the server binaries or the psycopg driver are missing.
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
from typing import Any

import pytest

from networkdesk.interchange import linkedin, vcard
from networkdesk.services import archive, contacts, importing
from networkdesk.storage.database import Database, open_database
from networkdesk.storage.paths import location_from_url


def _binaries() -> Path | None:
    for candidate in [
        shutil.which("initdb"),
        *sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")),
    ]:
        if candidate and Path(candidate).with_name("postgres").exists():
            return Path(candidate).resolve().parent
    return None


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    binaries = _binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not found (Debian: apt install postgresql)")
    psycopg = pytest.importorskip("psycopg", reason="the psycopg driver is not installed")
    base = Path(tempfile.mkdtemp(prefix="networkdesk-pg-import-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root and runuser is missing: cannot start PostgreSQL")
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(base, nobody.pw_uid, nobody.pw_gid)
        run_as = [runuser, "-u", "nobody", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run(
            [*run_as, str(binaries / "initdb"), "-D", str(base / "data"), "-U", "networkdesk",
             "--auth=trust", "-E", "UTF8", "--no-locale"],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        server = subprocess.Popen(
            [*run_as, str(binaries / "postgres"), "-D", str(base / "data"), "-p", str(port),
             "-k", str(base), "-h", "127.0.0.1", "-c", "fsync=off"],
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
                    pytest.fail("PostgreSQL did not start")
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
        shutil.rmtree(base, ignore_errors=True)


_names = iter(range(1, 1000))


@pytest.fixture
def pg_db(pg_server: str) -> Iterator[Database]:
    import psycopg

    name = f"nd_import_{next(_names)}"
    port = pg_server.rsplit(":", 1)[1]
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=networkdesk dbname=postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    db = open_database(location_from_url(f"{pg_server}/{name}"))
    try:
        yield db
    finally:
        db.close()


def test_import_reimport_undo_and_then_ordinary_inserts(pg_db: Database, data_dir: Path) -> None:
    with pg_db.transaction() as session:
        first = importing.import_records(
            session, linkedin.parse(data_dir / "linkedin_connections.csv")
        )
    assert first.plan.summary() == "created 6, updated 0, skipped 2"
    with pg_db.transaction() as session:
        again = importing.import_records(
            session, linkedin.parse(data_dir / "linkedin_connections_newer.csv")
        )
        assert again.plan.summary() == "created 0, updated 6, skipped 2"
        # Ordinary ORM inserts after the bulk ones: the sequences must be past the ids used.
        new = contacts.add(
            session, "After Import", company="Another Co", emails=["a@example.com"], tag_names=["x"]
        )
        assert new.id > max(first.created_contact_ids)
    with pg_db.transaction() as session:
        importing.undo_import(session, again)
        pending = importing.pending_changes(session)
        assert pending == []
    with pg_db.transaction() as session:
        outcome = importing.import_records(
            session, vcard.parse(data_dir / "contacts_v30_apple.vcf")
        )
        ann = contacts.get(session, outcome.created_contact_ids[0])
        assert ann.photo == (data_dir / "pixel.png").read_bytes()
        assert [e.label for e in ann.emails] == ["other", "work"]


def test_archive_from_sqlite_into_postgresql(pg_db: Database, db: Any, data_dir: Path) -> None:
    with db.transaction() as session:
        importing.import_records(session, vcard.parse(data_dir / "contacts_v21.vcf"), ring=2)
        data = archive.export_archive(session)
    with pg_db.transaction() as session:
        counts = archive.import_archive(session, data)
        assert counts["contacts"] == 2
    with pg_db.transaction() as session:
        added = contacts.add(session, "Next One", ring=1)  # ids and ring history continue
        assert added.id == 3
        assert len(contacts.ring_history(session, added.id)) == 1
    with pg_db.reading() as session:
        copy = archive.export_archive(session)
    for name in ("contacts", "ring_moves", "contact_emails", "contact_phones"):
        assert copy["tables"][name][: len(data["tables"][name])] == data["tables"][name], name
