"""Two people on one team database at once: each runs a bulk vCard import (the same cards, the
same UIDs) and adds contacts at shared-named companies, in separate processes at the same time.
Not one command fails, and each sees exactly their own rows."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from helpers.team import Team

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")
CARDS = 300
ADDS = 6


def cards(path: Path, count: int) -> Path:
    lines: list[str] = []
    for i in range(count):
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"UID:urn:uuid:00000000-0000-4000-8000-{i:012d}"]
        lines += [f"FN:Card {i}", f"ORG:Shared Co {i % 3}", f"EMAIL:card{i}@example.org"]
        lines += ["END:VCARD"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_two_people_writing_at_once_each_see_only_their_own(team: Team, tmp_path: Path) -> None:
    assert CONSOLE_SCRIPT.exists(), f"the console script {CONSOLE_SCRIPT} is missing"
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    vcf = cards(tmp_path / "cards.vcf", CARDS)
    failures: list[str] = []

    def writer(login: str, plan: list[tuple[str, ...]]) -> None:
        for args in plan:
            result = subprocess.run(
                [str(CONSOLE_SCRIPT), "--db-url", team.url(login), *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
                check=False,
            )
            if result.returncode != 0:
                failures.append(f"{login} {' '.join(args[:3])}: {result.stderr.strip()[-300:]}")

    plans = []
    for login in (team.alice, team.bob):
        plans.append((login, [("import", "vcard", str(vcf))]))
        adds = [
            ("contact", "add", f"Adder {i}", "--company", f"Shared Co {i % 3}", "--tag", "team")
            for i in range(ADDS)
        ]
        plans.append((login, adds))
    threads = [threading.Thread(target=writer, args=plan) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert failures == []

    for login in (team.alice, team.bob):
        with team.sql(login) as conn:
            assert conn.execute(
                "SELECT owner, count(*) FROM contacts GROUP BY owner"
            ).fetchall() == [(login, CARDS + ADDS)]
            companies = conn.execute("SELECT name FROM companies ORDER BY name").fetchall()
            assert companies == [("Shared Co 0",), ("Shared Co 1",), ("Shared Co 2",)]
            assert conn.execute("SELECT count(DISTINCT uid) FROM contacts").fetchone() == (
                CARDS + ADDS,
            )
    with team.sql(team.networkdesk_admin) as admin:
        # The same UIDs, once per person.
        assert admin.execute(
            "SELECT count(*) FROM contacts WHERE uid LIKE 'urn:uuid:00000000-%%'"
        ).fetchone() == (2 * CARDS,)
