"""Likely duplicate contacts: the same LinkedIn profile, the same e-mail address, or similar names
at the same company (insensitive to accents, case and common nicknames: "Bob Smith" at Acme is
probably "Robert Smith" at Acme)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkdesk.domain.models import Company, Contact, ContactEmail
from networkdesk.domain.text import fold

# rapidfuzz is imported where names are compared: the first import into a database (nobody at
# the file's companies yet) compares none, and `networkdesk import` starts without it.

# token_sort_ratio: word order does not matter ("Smith, Robert"); 90 catches one-letter typos
# and transliterations (muller / mueller) without pairing different people who share a surname.
SIMILARITY_CUTOFF = 90
# Fuzzy comparison inside one company is quadratic; past this size only identical names count.
MAX_FUZZY_GROUP = 3000

_NICKNAMES: dict[str, tuple[str, ...]] = {
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "william": ("bill", "billy", "will", "willy", "liam"),
    "james": ("jim", "jimmy", "jamie"),
    "michael": ("mike", "mikey", "mick", "mickey"),
    "david": ("dave", "davey"),
    "daniel": ("dan", "danny"),
    "thomas": ("tom", "tommy"),
    "christopher": ("chris", "kit"),
    "katherine": ("kate", "katie", "kathy", "cathy", "catherine", "kathryn", "kat"),
    "elizabeth": ("liz", "lizzie", "beth", "betsy", "betty", "eliza"),
    "alexander": ("alex", "sasha", "xander"),
    "alexandra": ("alexa", "sandra", "sandy"),
    "samuel": ("sam", "sammy"),
    "benjamin": ("ben", "benny"),
    "joseph": ("joe", "joey"),
    "nicholas": ("nick", "nicky", "nico"),
    "anthony": ("tony",),
    "steven": ("steve", "stephen", "stevie"),
    "matthew": ("matt",),
    "andrew": ("andy", "drew"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "richard": ("rick", "ricky", "rich", "dick"),
    "patrick": ("pat", "paddy"),
    "jennifer": ("jen", "jenny"),
    "margaret": ("meg", "maggie", "peggy", "greta"),
    "susan": ("sue", "suzy", "susie"),
    "gregory": ("greg",),
    "jeffrey": ("jeff",),
    "joshua": ("josh",),
    "john": ("jack", "johnny", "jon"),
    "peter": ("pete",),
    "charles": ("charlie", "chuck"),
    "frederick": ("fred", "freddie"),
    "lawrence": ("larry",),
    "ronald": ("ron", "ronnie"),
    "donald": ("don", "donnie"),
    "abigail": ("abby",),
    "rebecca": ("becky", "becca"),
    "nathan": ("nate",),
    "nathaniel": ("nat",),
    "timothy": ("tim", "timmy"),
    "victoria": ("vicky", "tori"),
    "jose": ("pepe",),
    "francisco": ("paco", "pancho"),
    "ignacio": ("nacho",),
    "jessica": ("jess", "jessie"),
    "deborah": ("deb", "debbie"),
    "pamela": ("pam",),
    "zachary": ("zach", "zack"),
    "kenneth": ("ken", "kenny"),
}
NICKNAMES: dict[str, str] = {nick: full for full, nicks in _NICKNAMES.items() for nick in nicks}
_PUNCTUATION = re.compile(r"[^\w\s]")


def name_signature(name: str | None) -> str:
    """A folded name with punctuation dropped and nicknames replaced by the full name."""
    words = _PUNCTUATION.sub(" ", fold(name)).split()
    return " ".join(NICKNAMES.get(word, word) for word in words)


def similar(a: str, b: str) -> bool:
    """Whether two name signatures are likely the same person."""
    if a == b:
        return True
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(a, b) >= SIMILARITY_CUTOFF


class SimilarNames:
    """In-memory index of names per company, for checking many names quickly (imports)."""

    def __init__(self) -> None:
        self._by_company: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))

    def add(self, company_key: str, name: str, contact_id: int) -> None:
        if not company_key:
            return
        names, ids = self._by_company[company_key]
        names.append(name_signature(name))
        ids.append(contact_id)

    def find(self, company_key: str, name: str) -> int | None:
        """The id of a contact at the same company with a similar name, if any."""
        if not company_key or company_key not in self._by_company:
            return None
        from rapidfuzz import fuzz, process

        names, ids = self._by_company[company_key]
        match = process.extractOne(
            name_signature(name),
            names,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=SIMILARITY_CUTOFF,
        )
        return ids[match[2]] if match is not None else None


@dataclass
class DuplicateGroup:
    ids: list[int]
    reason: str
    names: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"ids": self.ids, "reason": self.reason, "names": self.names}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[int]]:
        result: dict[int, list[int]] = defaultdict(list)
        for item in self.parent:
            result[self.find(item)].append(item)
        return [sorted(ids) for ids in result.values() if len(ids) > 1]


def _groups_by_key(pairs: Iterable[tuple[int, str | None]]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for contact_id, key in pairs:
        if key and contact_id not in grouped[key]:
            grouped[key].append(contact_id)
    return {key: sorted(ids) for key, ids in grouped.items() if len(ids) > 1}


def find_duplicates(session: Session) -> list[DuplicateGroup]:
    """Groups of likely duplicates, each with the reason; a contact may be in several groups
    when several reasons apply (a profile URL and, separately, an e-mail)."""
    rows = session.execute(
        select(Contact.id, Contact.name, Contact.linkedin_key, Contact.company_id, Company.name)
        .outerjoin(Company, Company.id == Contact.company_id)
        .order_by(Contact.id)
    ).all()
    names = {row[0]: row[1] for row in rows}
    found: list[DuplicateGroup] = []
    seen: set[tuple[int, ...]] = set()

    def keep(ids: list[int], reason: str) -> None:
        key = tuple(ids)
        if key not in seen:
            seen.add(key)
            found.append(DuplicateGroup(ids, reason, [names[i] for i in ids]))

    for key, ids in _groups_by_key((row[0], row[2]) for row in rows).items():
        keep(ids, f"same LinkedIn profile {key}")
    email_pairs = session.execute(
        select(ContactEmail.contact_id, ContactEmail.address_key).order_by(ContactEmail.contact_id)
    ).all()
    for key, ids in _groups_by_key((cid, k) for cid, k in email_pairs).items():
        keep(ids, f"same e-mail {key}")

    by_company: dict[int, list[tuple[int, str]]] = defaultdict(list)
    company_names: dict[int, str] = {}
    for contact_id, name, _key, company_id, company_name in rows:
        if company_id is not None:
            by_company[company_id].append((contact_id, name_signature(name)))
            company_names[company_id] = company_name
    for company_id, members in by_company.items():
        if len(members) < 2:
            continue
        union = _UnionFind()
        signatures = [signature for _, signature in members]
        if len(members) <= MAX_FUZZY_GROUP:
            from rapidfuzz import fuzz, process

            # extract (not cdist): cdist needs numpy, which networkdesk does not depend on.
            for i, signature in enumerate(signatures):
                for _choice, _score, j in process.extract(
                    signature,
                    signatures,
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=SIMILARITY_CUTOFF,
                    limit=None,
                ):
                    if j > i:
                        union.union(members[i][0], members[j][0])
        else:
            first_with: dict[str, int] = {}
            for contact_id, signature in members:
                if signature in first_with:
                    union.union(first_with[signature], contact_id)
                else:
                    first_with[signature] = contact_id
        for ids in union.groups():
            keep(ids, f"similar names at {company_names[company_id]}")
    return found
