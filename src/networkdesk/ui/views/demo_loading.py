"""Tools → Load demo data (and the first-run panel's button): sample data in one transaction."""

from __future__ import annotations

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.domain.plural import count_of
from networkdesk.ui.features import Notices
from networkdesk.ui.workspace import Workspace


def load_demo(workspace: Workspace, notices: Notices) -> bool:
    """Add the demo data to the open database and say what was added; False when it could
    not be (the database is not open yet, or the service refused)."""
    if not workspace.is_open:
        return False
    from networkdesk.services import demo

    try:
        summary = workspace.write(lambda s: demo.generate(s))
    except NetworkdeskError as exc:
        notices.show_error("Demo data", f"Could not load the demo data: {exc}")
        return False
    notices.show_notice(
        f"Demo data loaded: {count_of(summary.contacts, 'contact')}, {summary.placed} of them "
        f"on the rings, {count_of(summary.meetings, 'meeting')} and "
        f"{count_of(summary.followups, 'follow-up')}.",
        "info",
    )
    return True
