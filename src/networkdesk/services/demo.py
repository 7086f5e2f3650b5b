"""Realistic, deterministic sample data: companies, contacts (some on rings), meetings, referrals,
follow-ups and interactions. Written with bulk Core inserts so 30,000 contacts take seconds, not
minutes.

It follows the method: at most a third of the companies are targets; the bull's-eye holds
decision makers (VP, Director, Head of...) at a few target companies; the outer ring holds the
practice contacts, at companies that are not targets; no two contacts share an e-mail address and
no two placed contacts share a name. The meetings and touches tell a story relative to *now*
(services/demo_interactions.py) that puts something in every section of the Today view.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from networkdesk.domain.enums import Ring, Stage
from networkdesk.domain.errors import ValidationError
from networkdesk.domain.models import (
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Interaction,
    Meeting,
    Referral,
    RingMove,
    Tag,
    contact_tags,
    utcnow,
)
from networkdesk.domain.text import fold, search_key
from networkdesk.domain.timeutil import local_zone
from networkdesk.services.bulk import advance_id_sequences, bulk_insert, next_id
from networkdesk.services.demo_interactions import Cast
from networkdesk.services.demo_meetings import add_meetings, demo_uid
from networkdesk.services.demo_words import demo_words


@dataclass
class DemoSummary:
    companies: int
    contacts: int
    placed: int
    meetings: int
    referrals: int
    followups: int
    interactions: int = 0


#: Targets are at most this share of the companies (the method: a short list of targets).
TARGET_SHARE = 3
#: How many target companies the bull's-eye decision makers work at.
BULLSEYE_COMPANIES = 3


def generate(
    session: Session,
    *,
    contacts: int = 200,
    placed: int = 60,
    seed: int = 7,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> DemoSummary:
    """Add sample data. The same seed and day give the same data; the story of meetings and
    touches is told relative to `now` (default: the current time, or 15:00 on `today`)."""
    if contacts < 0 or placed < 0:
        raise ValidationError("--contacts and --placed must not be negative")
    if placed > contacts:
        raise ValidationError(f"--placed {placed} is more than --contacts {contacts}")
    rng = random.Random(seed)
    words = demo_words()
    zone = local_zone()
    if today is None:
        now = now or utcnow()
        today = now.astimezone(zone).date()
    anchor = dt.datetime.combine(today, dt.time(9, 0), tzinfo=zone).astimezone(dt.UTC)
    now = now or anchor + dt.timedelta(hours=6)

    def at(days: float, hour: int = 0) -> dt.datetime:
        return anchor + dt.timedelta(days=days, hours=hour)

    # Companies: about one per 25 contacts; a third of them at most (a dozen at most) targets.
    n_companies = max(
        1, min(len(words.company_words) * len(words.company_suffixes), contacts // 25 + 8)
    )
    n_targets = max(1, min(12, n_companies // TARGET_SHARE))
    existing = {key: cid for cid, key in session.execute(select(Company.id, Company.name_key))}
    company_rows: list[dict[str, Any]] = []
    company_ids: list[int] = []
    company_names: dict[int, str] = {}
    next_company = next_id(session, Company.id)
    names_seen: set[str] = set()
    for i in range(n_companies):
        word = words.company_words[i % len(words.company_words)]
        suffix = words.company_suffixes[
            (i // len(words.company_words) + i) % len(words.company_suffixes)
        ]
        if i >= len(words.company_words) * len(words.company_suffixes) // 2:
            suffix = words.company_suffixes[
                (i // len(words.company_words)) % len(words.company_suffixes)
            ]
        name = f"{word} {suffix}"
        key = fold(name)
        if key in names_seen:
            continue
        names_seen.add(key)
        if key in existing:
            company_ids.append(existing[key])
            company_names[existing[key]] = name
            continue
        cid = next_company
        next_company += 1
        is_target = i < n_targets
        company_rows.append(
            {
                "id": cid,
                "name": name,
                "name_key": key,
                "website": f"https://www.{name.lower().replace(' ', '')}.example",
                "mission": rng.choice(words.missions) if is_target else None,
                "is_target": is_target,
                "priority": (i % 5) + 1 if is_target else None,
                "created_at": at(-120),
                "updated_at": at(-120),
            }
        )
        company_ids.append(cid)
        company_names[cid] = name
    bulk_insert(session, Company.__table__, company_rows)

    tag_ids: dict[str, int] = {}
    next_tag = next_id(session, Tag.id)
    tag_rows = []
    for name in words.tags:
        tag = session.scalar(select(Tag).where(Tag.name_key == fold(name)))
        if tag is not None:
            tag_ids[name] = tag.id
            continue
        tag_ids[name] = next_tag
        tag_rows.append({"id": next_tag, "name": name, "name_key": fold(name)})
        next_tag += 1
    bulk_insert(session, Tag.__table__, tag_rows)

    first_contact = next_id(session, Contact.id)
    ring_weights = [
        (Ring.BULLSEYE, 0.06),
        (Ring.INNER, 0.16),
        (Ring.MIDDLE, 0.3),
        (Ring.OUTER, 0.48),
    ]
    placed_rings: list[int] = []
    for weighted_ring, share in ring_weights:
        placed_rings += [int(weighted_ring)] * round(placed * share)
    placed_rings = (placed_rings + [int(Ring.OUTER)] * placed)[:placed]
    rng.shuffle(placed_rings)

    contact_rows: list[dict[str, Any]] = []
    email_rows: list[dict[str, Any]] = []
    phone_rows: list[dict[str, Any]] = []
    tag_links: list[dict[str, Any]] = []
    move_rows: list[dict[str, Any]] = []
    ring_of: dict[int, int] = {}
    targets = company_ids[:n_targets]
    others = company_ids[n_targets:]
    names_placed: set[str] = set()
    # A later batch of a large demo (services/demo_batches.py) meets the people of the earlier
    # ones: no namesake at the same company, no shared address, across batches too.
    people_at: set[tuple[str, int | None]] = {
        (str(n), c) for n, c in session.execute(select(Contact.name, Contact.company_id))
    }
    handles_used: set[str] = {
        str(address).split("@", 1)[0]
        for address in session.scalars(
            select(ContactEmail.address).where(ContactEmail.address.like("%@mail.example"))
        )
    }
    per_ring_counter = {0: 0, 1: 0, 2: 0, 3: 0}
    per_ring_total = {r: placed_rings.count(r) for r in range(4)}
    for index in range(contacts):
        cid = first_contact + index
        first = words.first_names[rng.randrange(len(words.first_names))]
        last = words.last_names[rng.randrange(len(words.last_names))]
        name = f"{first} {last}"
        if index < placed:
            # The people on the board are distinct people: no two share a name.
            for _attempt in range(50):
                if name not in names_placed:
                    break
                first = words.first_names[rng.randrange(len(words.first_names))]
                last = words.last_names[rng.randrange(len(words.last_names))]
                name = f"{first} {last}"
            names_placed.add(name)
        company_id = company_ids[rng.randrange(len(company_ids))] if rng.random() < 0.92 else None
        # Placed contacts favour target companies towards the centre.
        ring: int | None = placed_rings[index] if index < placed else None
        if ring is not None and ring <= 1 and rng.random() < 0.7:
            company_id = targets[rng.randrange(len(targets))]
        title = rng.choice(words.titles)
        if ring == int(Ring.BULLSEYE):
            # Decision makers at a few of the targets.
            company_id = targets[rng.randrange(min(BULLSEYE_COMPANIES, len(targets)))]
            title = rng.choice(words.decision_maker_titles)
        elif ring == int(Ring.OUTER):
            # Practice contacts: low risk, away from the targets.
            company_id = others[rng.randrange(len(others))] if others else None
        for _attempt in range(50):
            # A namesake at the same company would read as a duplicate of the same person.
            if (name, company_id) not in people_at:
                break
            last = words.last_names[rng.randrange(len(words.last_names))]
            name = f"{first} {last}"
        people_at.add((name, company_id))
        if index < placed:
            names_placed.add(name)  # the new surname, should a namesake have changed it
        contact_tags_here = rng.sample(words.tags, k=rng.choice((0, 0, 1, 1, 2)))
        handle = fold(f"{first}.{last}").replace(" ", "").replace("'", "")
        link_handle = handle
        if handle in handles_used:
            # Namesakes are different people: their own address, never a shared one (an
            # earlier batch may have used this number already).
            number = index
            while f"{handle}{number}" in handles_used:
                number += 100_000
            handle = f"{handle}{number}"
        emails = [f"{handle}@mail.example"] if rng.random() < 0.6 else []
        if emails:
            handles_used.add(handle)
        notes = None
        if rng.random() < 0.3:
            notes = f"{rng.choice(words.how_met)}. Interested in {rng.choice(words.tags)}."
        angle = None
        stage = Stage.IDENTIFIED
        if ring is not None:
            k = per_ring_counter[ring]
            per_ring_counter[ring] += 1
            angle = (2 * math.pi * k / max(1, per_ring_total[ring]) + rng.uniform(-0.05, 0.05)) % (
                2 * math.pi
            )
            ring_of[cid] = ring
            # The journey inward: placed on the outer ring first, then moved in step by step.
            start_ring = 3
            when = at(-rng.randint(40, 110))
            move_rows.append(
                {
                    "contact_id": cid,
                    "from_ring": None,
                    "to_ring": start_ring,
                    "angle": angle,
                    "moved_at": when,
                }
            )
            for step in range(start_ring - 1, ring - 1, -1):
                when = when + dt.timedelta(days=rng.randint(4, 14))
                move_rows.append(
                    {
                        "contact_id": cid,
                        "from_ring": step + 1,
                        "to_ring": step,
                        "angle": angle,
                        "moved_at": when,
                    }
                )
        created = at(-rng.randint(100, 400))
        location = rng.choice(("Berlin", "London", "Toronto", "Austin", "Lisbon", "Remote"))
        contact_rows.append(
            {
                "id": cid,
                # Same seed, same data: the vCard UID too (urn:uuid form, like real contacts).
                "uid": "urn:uuid:" + demo_uid(seed, "contact", cid).removesuffix("@networkdesk"),
                "name": name,
                "name_key": fold(name),
                "company_id": company_id,
                "title": title,
                "linkedin_url": f"https://www.linkedin.com/in/{link_handle}-{cid}",
                "linkedin_key": f"linkedin.com/in/{link_handle}-{cid}",
                "location": location,
                "how_met": rng.choice(words.how_met) if ring is not None else None,
                "notes": notes,
                "ring": ring,
                "angle": angle,
                "stage": stage.value,
                "source": "demo",
                "search_text": search_key(
                    [
                        name,
                        company_names.get(company_id) if company_id else None,
                        title,
                        *contact_tags_here,
                        *emails,
                        location,
                        notes,
                    ]
                ),
                "created_at": created,
                "updated_at": created,
            }
        )
        for pos, address in enumerate(emails):
            email_rows.append(
                {
                    "contact_id": cid,
                    "address": address,
                    "address_key": address.casefold(),
                    "position": pos,
                }
            )
        if rng.random() < 0.3:
            phone_rows.append(
                {
                    "contact_id": cid,
                    "number": f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    "position": 0,
                }
            )
        for tag_name in contact_tags_here:
            tag_links.append({"contact_id": cid, "tag_id": tag_ids[tag_name]})

    bulk_insert(session, Contact.__table__, contact_rows)
    bulk_insert(session, ContactEmail.__table__, email_rows)
    bulk_insert(session, ContactPhone.__table__, phone_rows)
    bulk_insert(session, contact_tags, tag_links)
    bulk_insert(session, RingMove.__table__, move_rows)

    target_set = set(targets)
    company_of = {row["id"]: row["company_id"] for row in contact_rows if row["ring"] is not None}

    def pool(ring: int, *, practice: bool = False) -> list[int]:
        return sorted(
            cid
            for cid, r in ring_of.items()
            if r == ring and not (practice and company_of.get(cid) in target_set)
        )

    cast = Cast(
        practice=pool(int(Ring.OUTER), practice=True),
        middle=pool(int(Ring.MIDDLE)),
        inner=pool(int(Ring.INNER)),
        bullseye=pool(int(Ring.BULLSEYE)),
    )
    story = add_meetings(session, words, seed, cast, now=now, zone=zone)
    for stage in Stage:
        moved = [cid for cid, s in story.stages.items() if s is stage]
        if moved:
            session.execute(
                update(Contact).where(Contact.id.in_(moved)).values(stage=stage, updated_at=now)
            )
    advance_id_sequences(
        session,
        [
            Company.__table__,
            Tag.__table__,
            Contact.__table__,
            ContactEmail.__table__,
            ContactPhone.__table__,
            RingMove.__table__,
            Meeting.__table__,
            FollowUp.__table__,
            Referral.__table__,
            Interaction.__table__,
        ],
    )
    session.flush()
    return DemoSummary(
        companies=len(company_rows),
        contacts=contacts,
        placed=placed,
        meetings=len(story.meetings),
        referrals=len(story.referrals),
        followups=len(story.followups),
        interactions=len(story.interactions),
    )
