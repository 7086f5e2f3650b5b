"""Writers wait their turn on SQLite: a long demo writes in short batches, so a `contact add`
started in the middle of it waits (busy timeout) and succeeds instead of "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

from cli_support import CONSOLE_SCRIPT, ConsoleScript

from networkdesk.services import demo_batches


def contacts_in(path: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(connection.execute("SELECT count(*) FROM contacts").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.OperationalError:
        return 0


def test_a_contact_add_during_a_30000_contact_demo_succeeds(cli_script: ConsoleScript) -> None:
    cli_script.ok("check")  # the database exists, empty: the demo goes only into an empty one
    demo = subprocess.Popen(
        [str(CONSOLE_SCRIPT), "--db", str(cli_script.db_path), "demo", "--contacts", "30000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_script.env,
    )
    try:
        # Once the first batch is committed the demo is well under way.
        deadline = time.monotonic() + 90
        while contacts_in(cli_script.db_path) == 0 and time.monotonic() < deadline:
            assert demo.poll() is None, demo.communicate()
            time.sleep(0.05)
        # Started while the demo still writes (checked before, not after: on a fast machine the
        # rest of the demo may well finish while the add waits its turn).
        still_running = demo.poll() is None
        added = cli_script("contact", "add", "During the demo")
    finally:
        out, err = demo.communicate(timeout=300)
    assert added.code == 0, added.err
    assert added.out.strip().isdigit()
    assert still_running, "the demo ended before the add: the test proved nothing"
    assert demo.returncode == 0, err
    assert "added 30000 contacts" in out
    names = cli_script.ok("contact", "list", "--json").json()
    assert "During the demo" in {row["name"] for row in names}


def test_batches_add_up_to_the_whole_demo(tmp_path: Path) -> None:
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    db = open_database(sqlite_location(tmp_path / "nd.db"))
    try:
        done: list[int] = []
        summary = demo_batches.generate_in_batches(
            db, contacts=2_300, placed=40, batch=1_000, progress=lambda n, _t: done.append(n)
        )
        assert done == [1_000, 2_000, 2_300]
        assert (summary.contacts, summary.placed) == (2_300, 40)
        with db.reading() as s:
            from sqlalchemy import func, select

            from networkdesk.domain.models import Contact

            assert s.scalar(select(func.count(Contact.id))) == 2_300
            assert s.scalar(select(func.count(Contact.id)).where(Contact.ring.is_not(None))) == 40
    finally:
        db.close()


def test_batches_never_repeat_a_person_or_an_address(tmp_path: Path) -> None:
    """Each batch meets the people of the earlier ones: no shared e-mail, no namesake at the
    same company (they read as duplicates of one person)."""
    from networkdesk.services.duplicates import find_duplicates
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    db = open_database(sqlite_location(tmp_path / "nd.db"))
    try:
        demo_batches.generate_in_batches(db, contacts=3_000, placed=40, batch=1_000)
        with db.reading() as s:
            from sqlalchemy import select

            from networkdesk.domain.models import Contact

            pairs = list(s.execute(select(Contact.name, Contact.company_id)))
            assert len(set(pairs)) == len(pairs)
            reasons = {group.reason for group in find_duplicates(s)}
        assert not any("e-mail" in reason for reason in reasons), reasons
    finally:
        db.close()
