"""A contact's derived search columns (`name_key`, `search_text`), recomputed whenever a part of
them changes: its own fields, its tags and e-mails, or its company's name. Companies and
contacts both change those parts, so this sits below both services."""

from __future__ import annotations

from networkdesk.domain.models import Contact
from networkdesk.domain.text import fold, search_key


def refresh_search_text(contact: Contact) -> None:
    contact.name_key = fold(contact.name)
    contact.search_text = search_key(
        [
            contact.name,
            contact.company.name if contact.company else None,
            contact.title,
            *(tag.name for tag in contact.tags),
            *(email.address for email in contact.emails),
            contact.location,
            contact.notes,
        ]
    )
