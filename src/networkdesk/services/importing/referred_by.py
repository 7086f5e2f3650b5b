"""Referrals from an imported file's "Referred By" (Outlook's column): the referrer is found by
name among the contacts, those just imported included, and the referral recorded from them to
the person the row is about (once: an existing referral between the two is not doubled)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.enums import ReferralStatus
from networkdesk.domain.models import Contact, Referral, utcnow
from networkdesk.services.bulk import advance_id_sequences, bulk_insert, next_id
from networkdesk.services.importing.keys import fold
from networkdesk.services.importing.plan import DUPLICATE, NEW, UPDATE, ImportOutcome, ImportPlan


def add_referrals(session: Session, plan: ImportPlan, outcome: ImportOutcome) -> None:
    """After the contacts are written: one referral per row with a known referrer."""
    if not any(row.record is not None and row.record.referred_by for row in plan.rows):
        return  # most files (every LinkedIn export) have no Referred By: one quick pass
    wanted: list[tuple[int, str, str]] = []  # (contact id, referrer name, where)
    created = iter(outcome.created_contact_ids)
    for row in plan.rows:
        if row.record is None:
            continue
        contact_id: int | None = None
        if row.action in (NEW, DUPLICATE):
            contact_id = next(created)
        elif row.action == UPDATE:
            contact_id = row.contact_id
        if contact_id is not None and row.record.referred_by:
            wanted.append((contact_id, row.record.referred_by, row.where))
    if not wanted:
        return
    by_name: dict[str, list[int]] = defaultdict(list)
    for contact_id, name_key in session.execute(select(Contact.id, Contact.name_key)):
        by_name[name_key].append(contact_id)
    existing: set[tuple[int, int]] = {
        (from_id, to_id)
        for from_id, to_id in session.execute(
            select(Referral.from_contact_id, Referral.to_contact_id)
        )
    }
    now = utcnow()
    rows: list[dict[str, object]] = []
    first = next_id(session, Referral.id)
    for contact_id, referrer, where in wanted:
        found = by_name.get(fold(referrer), [])
        if len(found) != 1 or found[0] == contact_id:
            if not found:
                problem = "who is not among your contacts"
            elif len(found) > 1:
                problem = "a name more than one contact has"
            else:
                problem = "the contact themselves"
            plan.warnings.append(f"{where}: referred by {referrer!r}, {problem}: no referral")
            continue
        pair = (found[0], contact_id)
        if pair in existing:
            continue
        existing.add(pair)
        referral_id = first + len(rows)
        rows.append(
            {
                "id": referral_id,
                "from_contact_id": found[0],
                "to_contact_id": contact_id,
                "meeting_id": None,
                "status": ReferralStatus.SUGGESTED,
                "note": f"Referred By in {plan.path.rsplit('/', 1)[-1]}",
                "created_at": now,
                "updated_at": now,
            }
        )
        outcome.added_referral_ids.append(referral_id)
    bulk_insert(session, Referral.__table__, rows)
    advance_id_sequences(session, [Referral.__table__])
    session.flush()
