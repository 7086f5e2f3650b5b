"""The day reads only the contacts its rules can name (issue 13, P7): every contact with a
touch and the colleagues at their companies. The day must be exactly the one computed from
every contact."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from networkdesk.domain.day import ContactFacts, compute_day
from networkdesk.domain.models import Contact
from networkdesk.domain.timeutil import local_zone
from networkdesk.services import demo
from networkdesk.services.today import day_at, day_facts, end_of_local_day
from networkdesk.storage.database import Database

NOW = dt.datetime(2026, 3, 13, 15, 0, tzinfo=dt.UTC)  # a Friday afternoon


def _day_from_every_contact(db: Database, at: dt.datetime) -> object:
    zone = local_zone()
    with db.reading() as s:
        facts = day_facts(s, at)
        every = [
            ContactFacts(cid, ring, company_id, stage)
            for cid, ring, company_id, stage in s.execute(
                select(Contact.id, Contact.ring, Contact.company_id, Contact.stage).order_by(
                    Contact.id
                )
            )
        ]
    facts = dataclasses.replace(facts, contacts=every)
    return compute_day(facts, at, zone, end_of_local_day(at, zone))


def test_the_day_equals_the_one_from_every_contact(db: Database) -> None:
    with db.transaction() as s:
        demo.generate(s, contacts=400, placed=80, seed=5, today=NOW.date(), now=NOW)
    candidates = 0
    for days in (0, 3, 8, 20):
        at = NOW + dt.timedelta(days=days)
        with db.reading() as s:
            read = day_at(s, at, local_zone())
            facts = day_facts(s, at)
            total = s.scalar(select(Contact.id).order_by(Contact.id.desc()).limit(1))
        assert read == _day_from_every_contact(db, at), days
        candidates += sum(len(o.candidates) for o in read.outreach)
        assert len(facts.contacts) < (total or 0)  # it did leave the untouched ones out
    # The story has outreach with other contacts to try: the colleagues were needed.
    assert candidates > 0
