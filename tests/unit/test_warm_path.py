"""The warm path on hand-built graphs: cycles, several shortest paths, no path, the tie rules."""

from __future__ import annotations

import random

from networkdesk.domain.warm_path import LinkKind, PathPerson, WarmPath, warm_path

R, C = LinkKind.REFERRAL, LinkKind.COLLEAGUE


def person(cid: int, ring: int | None = 3, company: int | None = None, met: bool = False):
    return PathPerson(cid, ring, company, met)


def test_a_chain_of_referrals_from_the_met_person() -> None:
    people = [person(1, met=True), person(2), person(3, ring=0)]
    assert warm_path(people, [(1, 2), (2, 3)], 3) == WarmPath((1, 2, 3), (R, R))


def test_referrals_link_both_ways() -> None:
    # 3 referred the user to 2, 2 referred the user to 1: 1 knows 2 knows 3 all the same.
    people = [person(1, met=True), person(2), person(3)]
    assert warm_path(people, [(3, 2), (2, 1)], 3) == WarmPath((1, 2, 3), (R, R))


def test_colleagues_link_through_their_company() -> None:
    people = [person(1, met=True, company=10), person(2, company=10), person(3, company=20)]
    assert warm_path(people, [(2, 3)], 3) == WarmPath((1, 2, 3), (C, R))


def test_no_path_is_none() -> None:
    people = [person(1, met=True, company=10), person(2, company=20), person(3, company=20)]
    assert warm_path(people, [], 3) is None
    assert warm_path([person(1), person(2)], [(1, 2)], 2) is None  # nobody met at all
    assert warm_path(people, [], 99) is None  # unknown target


def test_a_met_target_is_a_path_of_one() -> None:
    assert warm_path([person(1, met=True)], [], 1) == WarmPath((1,), ())


def test_cycles_terminate_and_give_the_shortest_chain() -> None:
    # 1 (met) - 2 - 3 - 4 - 2 cycle, 4 - 5 target; and a long way round 1 - 6 - 7 - 8 - 9 - 5.
    people = [person(i) for i in range(2, 10)] + [person(1, met=True)]
    links = [(1, 2), (2, 3), (3, 4), (4, 2), (4, 5), (1, 6), (6, 7), (7, 8), (8, 9), (9, 5)]
    path = warm_path(people, links, 5)
    assert path == WarmPath((1, 2, 4, 5), (R, R, R))


def test_ties_prefer_referral_links_over_colleagues() -> None:
    # Two chains of two steps: 1 -colleague- 2 -referral- 4, or 1 -referral- 3 -referral- 4.
    people = [person(1, met=True, company=10), person(2, ring=0, company=10), person(3), person(4)]
    assert warm_path(people, [(2, 4), (1, 3), (3, 4)], 4) == WarmPath((1, 3, 4), (R, R))


def test_ties_then_prefer_people_closer_to_the_bullseye() -> None:
    people = [person(1, met=True), person(2, ring=3), person(3, ring=1), person(4)]
    links = [(1, 2), (2, 4), (1, 3), (3, 4)]
    assert warm_path(people, links, 4) == WarmPath((1, 3, 4), (R, R))
    # ... also when choosing where to start: two met people, the inner one is asked.
    people = [person(1, ring=2, met=True), person(2, ring=1, met=True), person(3)]
    assert warm_path(people, [(1, 3), (2, 3)], 3) == WarmPath((2, 3), (R,))


def test_unplaced_people_weigh_more_than_the_outer_ring() -> None:
    people = [person(1, met=True), person(2, ring=None), person(3, ring=3), person(4)]
    assert warm_path(people, [(1, 2), (2, 4), (1, 3), (3, 4)], 4) == WarmPath((1, 3, 4), (R, R))


def test_full_ties_break_on_ids_whatever_the_input_order() -> None:
    people = [person(1, met=True), person(2), person(3), person(4)]
    links = [(1, 3), (3, 4), (1, 2), (2, 4)]
    expected = WarmPath((1, 2, 4), (R, R))
    shuffler = random.Random(3)
    for _ in range(20):
        shuffler.shuffle(people)
        shuffler.shuffle(links)
        assert warm_path(people, links, 4) == expected


def test_the_chain_starts_at_the_nearest_met_person() -> None:
    people = [person(1, met=True, ring=0), person(2), person(3, met=True, ring=3), person(4)]
    # 1 is in the bull's-eye but two steps away; 3 is one step away.
    assert warm_path(people, [(1, 2), (2, 4), (3, 4)], 4) == WarmPath((3, 4), (R,))


def test_a_large_company_is_not_a_clique_of_edges() -> None:
    # 3,000 colleagues: the met one is one colleague step from the target.
    people = [person(i, company=1) for i in range(2, 3001)] + [person(1, met=True, company=1)]
    assert warm_path(people, [], 3000) == WarmPath((1, 3000), (C,))


def test_self_links_and_unknown_ids_are_ignored() -> None:
    people = [person(1, met=True), person(2)]
    assert warm_path(people, [(2, 2), (1, 77), (1, 2)], 2) == WarmPath((1, 2), (R,))
