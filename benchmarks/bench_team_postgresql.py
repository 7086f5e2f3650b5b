"""What row-level security costs on PostgreSQL: the same commands as the cluster's superuser
(who bypasses the policies: the floor) and as a team member (every row checked against
`owner = current_user`, every row written checked to point at rows the member can see).

    python benchmarks/bench_team_postgresql.py [--cards 5000] [--repeat 3]

Starts a throwaway cluster (the test suite's helper, tests/helpers/postgres.py: PostgreSQL's
server binaries and psycopg are needed), and prints, for each command, the best of --repeat runs
through the console script, superuser then member, each on a new database. Nothing here asserts
a time: compare the two columns.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

# The cluster helper lives with the tests: one way to start a throwaway cluster, not two.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from helpers.postgres import new_database, running_cluster

CONSOLE_SCRIPT = Path(sys.executable).with_name("networkdesk")
ENV = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")


def cards(path: Path, count: int) -> Path:
    lines: list[str] = []
    for i in range(count):
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:Person {i}", f"ORG:Company {i % 400}"]
        lines += [f"EMAIL:person{i}@example.org", f"NOTE:met at event {i % 50}", "END:VCARD"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def timed(url: str, *args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "--db-url", url, *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {result.stderr.strip()}")
    return elapsed


def team_database(prefix: str, name: str) -> tuple[str, str]:
    """A new database prepared for a team: the superuser's URL and its member `name`'s."""
    from networkdesk.app import main

    admin = new_database(prefix)
    with redirect_stdout(io.StringIO()):
        assert main(["server", "init", "--db-url", admin]) == 0
        sys.stdin = io.StringIO("bench-password\n")
        try:
            assert main(["server", "add-user", name, "--password-stdin", "--db-url", admin]) == 0
        finally:
            sys.stdin = sys.__stdin__
    return admin, admin.replace("://networkdesk@", f"://{name}@", 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    os.environ["PYTHON_KEYRING_BACKEND"] = ENV["PYTHON_KEYRING_BACKEND"]
    folder = Path(tempfile.mkdtemp(prefix="bench-team-"))
    vcf = cards(folder / "cards.vcf", options.cards)
    commands = [
        ("import vcard", ("import", "vcard", str(vcf))),
        ("contact list --json", ("contact", "list", "--json")),
        ("contact list --search", ("contact", "list", "--search", "event 7")),
        ("contact add", ("contact", "add", "One More", "--company", "Company 3")),
    ]
    with running_cluster() as prefix:
        best: dict[str, dict[str, float]] = {"superuser": {}, "member": {}}
        for attempt in range(options.repeat):
            # Two databases prepared the same way (schema, grants), one written by each.
            superuser, _ = team_database(prefix, f"bench_{attempt}_unused")
            _, member = team_database(prefix, f"bench_{attempt}")
            urls = {"superuser": superuser, "member": member}
            # Alternating who goes first: the first commands on a new cluster run cold.
            order = list(urls) if attempt % 2 else list(reversed(urls))
            for who in order:
                url = urls[who]
                for label, args in commands:
                    seconds = timed(url, *args)
                    best[who][label] = min(best[who].get(label, seconds), seconds)
    print(f"{options.cards} vCards, best of {options.repeat} (seconds, console script)")
    print(f"{'command':<24}{'superuser (no RLS)':>20}{'member (RLS)':>16}{'ratio':>8}")
    for label, _ in commands:
        su, member = best["superuser"][label], best["member"][label]
        print(f"{label:<24}{su:>20.3f}{member:>16.3f}{member / su:>8.2f}")


if __name__ == "__main__":
    main()
