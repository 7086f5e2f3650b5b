"""The change announcement: areas and ids, merged and inverted."""

from __future__ import annotations

from networkdesk.services.changes import ANGLE, CONTACTS, FOLLOWUPS, MEETINGS, RING, Changes


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


def test_fields_say_which_fields_of_the_updated_rows_were_written() -> None:
    title = Changes.of(updated={CONTACTS: [3]}, fields={CONTACTS: ["title"]})
    assert title.fields_of(CONTACTS) == {"title"}
    assert title.concerns(CONTACTS, "title", "name")
    assert not title.concerns(CONTACTS, RING, "name")
    assert title.concerns(CONTACTS)  # no fields asked: any change to contacts
    assert not title.concerns(MEETINGS, "start")


def test_unknown_fields_created_or_deleted_rows_and_everything_concern_any_field() -> None:
    unknown = Changes.of(updated={CONTACTS: [3]})
    assert unknown.fields_of(CONTACTS) is None
    assert unknown.concerns(CONTACTS, RING)
    created = Changes.of(created={CONTACTS: [4]}, fields={CONTACTS: ["title"]})
    assert created.concerns(CONTACTS, RING)
    assert Changes.everything_changed().concerns(CONTACTS, RING)
    assert Changes.everything_changed().fields_of(CONTACTS) is None


def test_fields_merge_only_when_both_sides_know_them_and_survive_undo() -> None:
    ring = Changes.of(updated={CONTACTS: [1]}, fields={CONTACTS: [RING, ANGLE]})
    title = Changes.of(updated={CONTACTS: [2]}, fields={CONTACTS: ["title"]})
    assert ring.merged(title).fields_of(CONTACTS) == {RING, ANGLE, "title"}
    assert ring.merged(Changes.of(updated={CONTACTS: [2]})).fields_of(CONTACTS) is None
    # An area only one side names keeps that side's fields.
    both = ring.merged(Changes.of(updated={MEETINGS: [9]}))
    assert both.fields_of(CONTACTS) == {RING, ANGLE}
    assert both.fields_of(MEETINGS) is None
    assert ring.inverted().fields_of(CONTACTS) == {RING, ANGLE}
    # Fields for an area the change does not name are dropped.
    assert Changes.of(fields={CONTACTS: ["title"]}).fields == {}
