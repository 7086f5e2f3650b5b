"""A window on PostgreSQL notices others' commits: revision 0005's triggers NOTIFY, and
Database.data_version counts the notifications its listening connection received."""

from __future__ import annotations

import time

from networkdesk.services import contacts
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import location_from_url


def test_a_commit_elsewhere_changes_the_data_version(pg_url: str) -> None:
    window = open_database(location_from_url(pg_url))
    other = open_database(location_from_url(pg_url))
    try:
        assert window.notices_changes
        first = window.data_version()
        assert window.data_version() == first  # nothing happened: nothing noticed
        with other.transaction() as s:
            contacts.add(s, "Written elsewhere")
        started = time.monotonic()
        deadline = started + 30
        while window.data_version() == first and time.monotonic() < deadline:
            time.sleep(0.01)
        noticed = window.data_version()
        print(f"noticed after {time.monotonic() - started:.3f} s")
        assert noticed != first
        # Reads do not notify.
        with other.reading() as s:
            contacts.list_contacts(s)
        time.sleep(0.2)
        assert window.data_version() == noticed
    finally:
        window.close()
        other.close()
