"""The main window is built and shown before the database stack is imported (issue 13, P1):
importing `ui.application` (which imports the main window and everything it is built from)
loads neither SQLAlchemy nor Alembic. Nor does what the first paint shows with its data: the
raw start read, the contacts table's dock and the opener. The database opens behind the
painted window."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
import networkdesk.ui.application
print(json.dumps(sorted(sys.modules)))
"""

HEAVY = ("sqlalchemy", "alembic")


def _modules_after(probe: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(completed.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_window_modules_import_without_the_orm() -> None:
    modules = _modules_after(PROBE)
    assert "networkdesk.ui.views.main_window" in modules
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []


def test_the_first_paint_with_its_data_imports_no_orm() -> None:
    modules = _modules_after(
        PROBE.replace(
            "import networkdesk.ui.application\n",
            "import networkdesk.ui.application\n"
            "import networkdesk.services.start_read\n"
            "import networkdesk.ui.contacts_dock\n"
            "import networkdesk.ui.pending_opening\n"
            "import networkdesk.ui.database_opening\n",
        )
    )
    assert "networkdesk.ui.views.contacts_panel" in modules
    assert "networkdesk.services.start_read" in modules
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []


def test_the_probe_sees_the_orm_when_it_is_imported() -> None:
    # The probe must be able to fail: the table's ORM read does import SQLAlchemy.
    modules = _modules_after(
        PROBE + "import networkdesk.services.contact_rows\nprint(json.dumps(sorted(sys.modules)))\n"
    )
    assert "sqlalchemy" in modules


def test_a_server_url_is_not_parsed_before_the_window_paints() -> None:
    """Parsing a URL imports SQLAlchemy: the start's raw read does not look into one."""
    modules = _modules_after(
        "import json, sys\n"
        "from networkdesk.ui.database_opening import sqlite_file\n"
        "assert sqlite_file(None, 'postgresql://me@db.example/nd') is None\n"
        "assert sqlite_file('/tmp/x.db', None).name == 'x.db'\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    assert [m for m in modules if m.split(".")[0] in HEAVY] == []


CALENDAR_FEATURE = (
    "import json, sys\n"
    "import networkdesk.ui.calendar.actions\n"
    "import networkdesk.ui.calendar.caldav_dialog\n"
    "import networkdesk.ui.calendar.carddav_dialog\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)


def test_the_calendar_feature_installs_without_icalendar() -> None:
    """The calendar feature is installed as the window settles; icalendar (~55 ms, ~3 MB with
    dateutil) is loaded only when a calendar is built or a server's answer is read (P1, P6)."""
    modules = _modules_after(CALENDAR_FEATURE)
    assert "networkdesk.interchange.ics" in modules
    assert [m for m in modules if m.split(".")[0] == "icalendar"] == []


def test_building_a_calendar_loads_icalendar() -> None:
    # The probe above must be able to fail: building a calendar does need icalendar.
    modules = _modules_after(
        CALENDAR_FEATURE.replace(
            "print(",
            "from networkdesk.interchange import ics\nics.new_calendar()\nprint(",
        )
    )
    assert "icalendar" in modules


def test_closing_the_window_needs_no_editor_module_at_start() -> None:
    """The unsaved-editors question (and its drafts store) is imported when the window closes."""
    modules = _modules_after(PROBE)
    assert "networkdesk.ui.views.unsaved_changes" not in modules
