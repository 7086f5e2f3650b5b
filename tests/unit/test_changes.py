"""The change announcement: areas and ids, merged and inverted."""

from __future__ import annotations

from networkdesk.services.changes import CONTACTS, FOLLOWUPS, MEETINGS, Changes


def test_of_names_every_area_that_has_ids() -> None:
    changes = Changes.of(FOLLOWUPS, updated={CONTACTS: [3, 4]}, created={MEETINGS: []})
    assert set(changes) == {CONTACTS, FOLLOWUPS}
    assert changes.updated_ids(CONTACTS) == {3, 4}
    assert changes.created_ids(MEETINGS) == frozenset()
    assert changes.is_precise(CONTACTS)
    assert not changes.is_precise(FOLLOWUPS)


def test_everything_is_never_precise() -> None:
    changes = Changes.everything_changed()
    assert changes.touches(CONTACTS)
    assert CONTACTS in changes
    assert not changes.is_precise(CONTACTS)
    assert not Changes.none()


def test_merged_and_inverted() -> None:
    a = Changes.of(created={CONTACTS: [1]})
    b = Changes.of(updated={CONTACTS: [2]}, deleted={MEETINGS: [9]})
    both = a.merged(b)
    assert both.ids(CONTACTS) == {1, 2}
    assert both.deleted_ids(MEETINGS) == {9}
    back = both.inverted()
    assert back.deleted_ids(CONTACTS) == {1}
    assert back.created_ids(MEETINGS) == {9}
    assert back.updated_ids(CONTACTS) == {2}
