"""One crash round: a write-heavy command (demo, vCard import, backup) runs beside a few
`contact add`s; after a random delay the heavy command (always while it runs) and some of the
adds are killed with SIGKILL. Then the database must pass `integrity_check` and
`foreign_key_check`, and every add that printed its id (a confirmed commit) must be there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")


@dataclass
class Tally:
    rounds: int = 0
    killed: int = 0
    #: Every contact a `contact add` confirmed by printing its id, over all rounds so far.
    confirmed: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def write_cards(path: Path, count: int, seed: int) -> None:
    lines = []
    for i in range(count):
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:Card {seed}-{i}",
            f"EMAIL:card{seed}.{i}@example.org",
            f"ORG:Company {i % 37}",
            "END:VCARD",
        ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _start(db_path: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.Popen(
        [str(CONSOLE_SCRIPT), "--db", str(db_path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def check_database(db_path: Path, confirmed: dict[int, str]) -> list[str]:
    connection = sqlite3.connect(db_path, timeout=30)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        problems = [] if integrity == ["ok"] else [f"integrity_check: {integrity[:3]}"]
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found rows")
        names = dict(connection.execute("SELECT id, name FROM contacts").fetchall())
    finally:
        connection.close()
    for contact_id, name in confirmed.items():
        if names.get(contact_id) != name:
            problems.append(f"confirmed contact {contact_id} ({name}) is missing")
    return problems


def run_round(db_path: Path, cards: Path, rng: random.Random, number: int, tally: Tally) -> None:
    heavy_args = rng.choice(
        [
            ("demo", "--contacts", str(rng.randrange(500, 3000)), "--seed", str(number)),
            ("import", "vcard", str(cards)),
            ("backup", "create"),
        ]
    )
    heavy = _start(db_path, *heavy_args)
    names = [f"Crash {number}-{i}" for i in range(3)]
    adds = {name: _start(db_path, "contact", "add", name) for name in names}
    delay = rng.uniform(0.05, 2.0)
    time.sleep(delay)
    for process in [p for p in adds.values() if rng.random() < 0.4]:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            tally.killed += 1
    # The heavy command is killed while it runs: on a fast machine a backup can be done before
    # the delay, and then it runs again and is killed sooner (a round must not go unkilled).
    while heavy.poll() is not None:
        heavy.communicate(timeout=120)
        delay /= 2
        heavy = _start(db_path, *heavy_args)
        time.sleep(delay)
    heavy.send_signal(signal.SIGKILL)
    tally.killed += 1
    for name, process in adds.items():
        out, _err = process.communicate(timeout=120)
        if process.returncode == 0 and out.strip().isdigit():
            tally.confirmed[int(out.strip())] = name
    heavy.communicate(timeout=120)
    tally.rounds += 1
    # Every commit confirmed so far, in this round or an earlier one, must have survived.
    found = check_database(db_path, tally.confirmed)
    tally.problems += [f"round {number} ({heavy_args[0]}): {p}" for p in found]
