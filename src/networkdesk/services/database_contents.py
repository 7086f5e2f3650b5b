"""What a database holds, counted: whether it is empty enough to take the demo data in place.

Demo data is a sandbox: it goes into an empty database only (the CLI refuses otherwise; the
window opens a separate demo database instead), so sample people never mix with real ones.
Settings alone do not count: a new database has its defaults written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkdesk.domain.errors import ConflictError
from networkdesk.domain.models import Company, Contact, FollowUp, Interaction, Meeting, Tag
from networkdesk.storage.paths import data_dir

#: The window's demo sandbox, recreated each time demo data is loaded over a database with data.
DEMO_FILENAME = "networkdesk-demo.db"


def demo_database_path() -> Path:
    """Where the window's separate demo database lives (the data folder's demo/ folder)."""
    return data_dir() / "demo" / DEMO_FILENAME


@dataclass(frozen=True)
class Contents:
    contacts: int
    companies: int
    meetings: int
    followups: int
    interactions: int
    tags: int

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.contacts,
                self.companies,
                self.meetings,
                self.followups,
                self.interactions,
                self.tags,
            )
        )

    def describe(self) -> str:
        """ "206 contacts and 31 companies" — what the user would lose track of."""
        parts = []
        for count, one, many in (
            (self.contacts, "contact", "contacts"),
            (self.companies, "company", "companies"),
            (self.meetings, "meeting", "meetings"),
            (self.followups, "follow-up", "follow-ups"),
            (self.interactions, "interaction", "interactions"),
            (self.tags, "tag", "tags"),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        if not parts:
            return "nothing"
        if len(parts) == 1:
            return parts[0]
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def count(session: Session) -> Contents:
    def rows(model: type) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    return Contents(
        contacts=rows(Contact),
        companies=rows(Company),
        meetings=rows(Meeting),
        followups=rows(FollowUp),
        interactions=rows(Interaction),
        tags=rows(Tag),
    )


def is_empty(session: Session) -> bool:
    return count(session).is_empty


def require_empty_for_demo(session: Session, where: str) -> None:
    """Raise a ConflictError saying what `where` holds unless it is empty."""
    contents = count(session)
    if not contents.is_empty:
        raise ConflictError(
            f"{where} already holds {contents.describe()}; demo data goes only into an empty "
            "database, so it never mixes with yours. Nothing was changed. Try it in a separate "
            "one: networkdesk --db /tmp/networkdesk-demo.db demo"
        )
