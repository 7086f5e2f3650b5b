"""The warm path: the shortest chain of introductions from someone already met to a contact.

Two people are linked when one referred the user to the other (a referral, in either direction:
whoever referred you to B knows B, and B knows them) or when they work at the same company
(colleagues). The chain starts at a person the user has met and ends at the target; each step is
"ask this person to introduce you to the next".

Among the shortest chains (fewest steps), ties prefer referral links over colleague links (a
referral is an acquaintance the user has seen; a colleague may not know the next person), then
people closer to the bull's-eye (they are the ones the user trusts most and who trust the user),
then the smaller contact ids in order, so the answer never depends on input order.

Pure: plain records in, a plain result out; the service reads the data in a few queries.
"""

from __future__ import annotations

import enum
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

#: The ring weight of a contact not on the board: farther out than the outer ring.
UNPLACED_WEIGHT = 4


class LinkKind(enum.StrEnum):
    REFERRAL = "referral"
    COLLEAGUE = "colleague"


@dataclass(frozen=True)
class PathPerson:
    """What the search needs of a contact."""

    contact_id: int
    ring: int | None
    company_id: int | None
    met: bool


@dataclass(frozen=True)
class WarmPath:
    """`contact_ids` from the first, already-met person to the target; `links[i]` joins
    `contact_ids[i]` and `contact_ids[i + 1]`. A target already met is a path of one, no links."""

    contact_ids: tuple[int, ...]
    links: tuple[LinkKind, ...]


@dataclass(frozen=True, order=True)
class _Rest:
    """The best way on from a person to the target, ordered by the tie rules."""

    colleague_links: int
    ring_weight: int
    contact_ids: tuple[int, ...]
    links: tuple[LinkKind, ...]


def _weight(person: PathPerson) -> int:
    return UNPLACED_WEIGHT if person.ring is None else int(person.ring)


def warm_path(
    people: Iterable[PathPerson], referrals: Iterable[tuple[int, int]], target_id: int
) -> WarmPath | None:
    """The warm path to `target_id`, or None when no met person is connected to it.

    `referrals` are (from_contact_id, to_contact_id) pairs; links to unknown ids are ignored.
    Linear in people and links: colleagues are reached through their company, never as the
    all-pairs clique a company of 500 would make.
    """
    by_id = {p.contact_id: p for p in people}
    if target_id not in by_id:
        return None
    referred: dict[int, set[int]] = defaultdict(set)
    for a, b in referrals:
        if a != b and a in by_id and b in by_id:
            referred[a].add(b)
            referred[b].add(a)
    members: dict[int, list[int]] = defaultdict(list)
    for person in by_id.values():
        if person.company_id is not None:
            members[person.company_id].append(person.contact_id)

    # Breadth first from the target: every person's distance in steps.
    distance = {target_id: 0}
    layers: list[list[int]] = [[target_id]]
    expanded_companies: set[int] = set()
    queue = deque([target_id])
    while queue:
        current = queue.popleft()
        if by_id[current].met and current != target_id:
            continue  # a chain never needs to pass through a met person: it could start there
        step = distance[current] + 1
        neighbours = list(referred.get(current, ()))
        company = by_id[current].company_id
        if company is not None and company not in expanded_companies:
            expanded_companies.add(company)
            neighbours.extend(members[company])
        for other in neighbours:
            if other not in distance:
                distance[other] = step
                if step == len(layers):
                    layers.append([])
                layers[step].append(other)
                queue.append(other)

    met_distances = [d for cid, d in distance.items() if by_id[cid].met]
    if not met_distances:
        return None
    nearest = min(met_distances)

    # Back from the target, layer by layer: each person's best rest of the chain among the
    # neighbours one step nearer. A company's best member per layer stands for all of its
    # members, so a large company costs its size, not its size squared.
    target = by_id[target_id]
    best: dict[int, _Rest] = {target_id: _Rest(0, _weight(target), (target_id,), ())}
    for step in range(1, nearest + 1):
        company_best: dict[int, _Rest] = {}
        for cid in layers[step - 1]:
            if by_id[cid].met and cid != target_id:
                continue
            company = by_id[cid].company_id
            rest = best[cid]
            if company is not None and (
                company not in company_best or rest < company_best[company]
            ):
                company_best[company] = rest
        for cid in layers[step]:
            person = by_id[cid]
            options: list[_Rest] = []
            for other in referred.get(cid, ()):
                if distance.get(other) == step - 1 and other in best:
                    rest = best[other]
                    options.append(
                        _Rest(
                            rest.colleague_links,
                            rest.ring_weight + _weight(person),
                            (cid, *rest.contact_ids),
                            (LinkKind.REFERRAL, *rest.links),
                        )
                    )
            if person.company_id in company_best:
                rest = company_best[person.company_id]
                options.append(
                    _Rest(
                        rest.colleague_links + 1,
                        rest.ring_weight + _weight(person),
                        (cid, *rest.contact_ids),
                        (LinkKind.COLLEAGUE, *rest.links),
                    )
                )
            if options:
                best[cid] = min(options)

    starts = [best[cid] for cid in layers[nearest] if by_id[cid].met and cid in best]
    if not starts:
        return None
    chosen = min(starts)
    return WarmPath(chosen.contact_ids, chosen.links)
