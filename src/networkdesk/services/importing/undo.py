"""Undoing an import: delete exactly what it created, restore exactly what it updated."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkdesk.domain.models import (
    Company,
    Contact,
    ContactChange,
    ContactEmail,
    ContactPhone,
    Referral,
    Tag,
    contact_tags,
)
from networkdesk.services.importing.plan import ImportOutcome
from networkdesk.services.importing.writer import bulk_update_contacts, chunked


def undo_import(session: Session, outcome: ImportOutcome) -> None:
    """Reverse `apply_import`: delete what it created, restore what it updated."""
    for ids in chunked(outcome.added_referral_ids):
        session.execute(delete(Referral).where(Referral.id.in_(ids)))
    for ids in chunked(outcome.created_contact_ids):
        session.execute(delete(Contact).where(Contact.id.in_(ids)))
    for ids in chunked(outcome.added_email_ids):
        session.execute(delete(ContactEmail).where(ContactEmail.id.in_(ids)))
    for ids in chunked(outcome.added_phone_ids):
        session.execute(delete(ContactPhone).where(ContactPhone.id.in_(ids)))
    for ids in chunked(outcome.added_change_ids):
        session.execute(delete(ContactChange).where(ContactChange.id.in_(ids)))
    for contact_id, tag_id in outcome.added_tag_links:
        session.execute(
            delete(contact_tags).where(
                contact_tags.c.contact_id == contact_id, contact_tags.c.tag_id == tag_id
            )
        )
    bulk_update_contacts(session, [dict(row) for row in outcome.previous_values])
    # Companies and tags the import created go too, unless something else uses them by now.
    for ids in chunked(outcome.created_company_ids):
        session.execute(
            delete(Company).where(
                Company.id.in_(ids),
                ~Company.id.in_(select(Contact.company_id).where(Contact.company_id.is_not(None))),
            )
        )
    for ids in chunked(outcome.created_tag_ids):
        session.execute(
            delete(Tag).where(Tag.id.in_(ids), ~Tag.id.in_(select(contact_tags.c.tag_id)))
        )
    session.flush()
