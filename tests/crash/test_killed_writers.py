"""Write-heavy commands killed with SIGKILL at random moments leave a sound database that holds
every commit a command confirmed (see kill_rounds.py)."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest
from kill_rounds import CONSOLE_SCRIPT, Tally, check_database, run_round, write_cards

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def crash_rounds(tmp_path: Path, rounds: int, seed: int) -> Tally:
    if not CONSOLE_SCRIPT.exists():
        pytest.fail(f"the console script {CONSOLE_SCRIPT} is missing: pip install -e . first")
    db_path = tmp_path / "data" / "crash.db"
    made = subprocess.run(
        [str(CONSOLE_SCRIPT), "--db", str(db_path), "contact", "add", "Before the crashes"],
        capture_output=True,
        text=True,
        check=True,
    )
    cards = tmp_path / "cards.vcf"
    write_cards(cards, 800, seed)
    tally = Tally(confirmed={int(made.stdout): "Before the crashes"})
    rng = random.Random(seed)
    for number in range(rounds):
        run_round(db_path, cards, rng, number, tally)
    return tally


def test_a_few_killed_rounds_leave_a_sound_database_with_every_confirmed_commit(
    tmp_path: Path,
) -> None:
    tally = crash_rounds(tmp_path, rounds=5, seed=14)
    assert tally.problems == []
    assert tally.killed >= 5  # the heavy command of each round, at least
    assert len(tally.confirmed) > 1


def test_the_check_finds_a_lost_commit(tmp_path: Path) -> None:
    """Not vacuous: a confirmed id that is not in the database is reported."""
    tally = crash_rounds(tmp_path, rounds=0, seed=1)
    db_path = tmp_path / "data" / "crash.db"
    assert check_database(db_path, tally.confirmed) == []
    assert check_database(db_path, {**tally.confirmed, 999: "Ghost"}) != []


@pytest.mark.slow
def test_three_hundred_killed_rounds(tmp_path: Path) -> None:
    rounds = int(os.environ.get("NETWORKDESK_CRASH_ROUNDS", "300"))
    tally = crash_rounds(tmp_path, rounds=max(rounds, 300), seed=2026)
    print(f"{tally.rounds} rounds, {tally.killed} kills, {len(tally.confirmed)} confirmed commits")
    assert tally.problems == []
