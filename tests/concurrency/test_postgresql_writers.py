"""Four CLI writers at once on one PostgreSQL database - adds with shared new companies and
tags, two bulk vCard imports, edits of the same contacts - and not one command
fails, and no contact's search text is stale afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from networkdesk.domain.models import Contact
from networkdesk.services import contacts
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import location_from_url

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")


def cards(path: Path, count: int, prefix: str = "Card") -> Path:
    lines: list[str] = []
    for i in range(count):
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{prefix} {i}", f"ORG:Shared Co {i % 3}"]
        lines += [f"EMAIL:{prefix.lower()}{i}@example.org", "END:VCARD"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_four_concurrent_writers_no_failed_command_no_stale_search_text(
    pg_url: str, tmp_path: Path
) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CONSOLE_SCRIPT), "--db-url", pg_url, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )

    first = [cli("contact", "add", name, "--company", "Seed Co").stdout.strip() for name in "AB"]
    assert all(i.isdigit() for i in first), first
    vcf = cards(tmp_path / "cards.vcf", 200)
    # The demo refuses a database that holds data (it never mixes with the user's), so the
    # large bulk writer is an import too: both pick ids for many rows at once.
    big = cards(tmp_path / "many.vcf", 1000, prefix="Bulk")
    plans: list[list[tuple[str, ...]]] = [
        [
            ("contact", "add", f"Adder {i}", "--company", f"Shared Co {i % 3}", "--tag", "team")
            for i in range(8)
        ],
        [("import", "vcard", str(big)), ("import", "vcard", str(vcf))],
        [("contact", "edit", first[i % 2], "--title", f"Title {i}") for i in range(6)],
        [
            ("contact", "edit", first[i % 2], "--notes", f"Note {i}", "--tag", f"tag{i % 2}")
            for i in range(6)
        ],
    ]
    failures: list[str] = []

    def writer(plan: list[tuple[str, ...]]) -> None:
        for args in plan:
            result = cli(*args)
            if result.returncode != 0:
                failures.append(f"{' '.join(args[:3])}: {result.stderr.strip()[-300:]}")

    threads = [threading.Thread(target=writer, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert failures == []

    db = open_database(location_from_url(pg_url))
    try:
        with db.transaction() as s:
            stale = []
            rows = s.scalars(select(Contact)).all()
            for contact in rows:
                stored = contact.search_text
                contacts.refresh_search_text(contact)
                if set(contact.search_text.split("\x1f")) != set(stored.split("\x1f")):
                    stale.append(contact.name)
            highest = max(c.id for c in rows)
            assert len(rows) == 2 + 8 + 1000 + 200
            s.rollback()
        assert stale == []
        # Ids stay unique and ordinary inserts still work after the bulk writers.
        with db.transaction() as s:
            extra = contacts.add(s, "After", company="Shared Co 1")
            assert extra.id > highest
    finally:
        db.close()


@pytest.fixture(autouse=True)
def _needs_the_console_script() -> None:
    if not CONSOLE_SCRIPT.exists():
        pytest.fail(f"the console script {CONSOLE_SCRIPT} is missing: pip install -e . first")
