"""A bulk writer's id block on PostgreSQL never hands back ids another writer committed while
the bulk writer's snapshot could not see them (REPEATABLE READ): the sequence is put back no
lower than the block's start. Reproduces a duplicate-key failure seen in the four-writer test."""

from __future__ import annotations

from sqlalchemy import func, select

from networkdesk.domain.models import Tag
from networkdesk.services import contacts
from networkdesk.services.bulk import advance_id_sequences, next_id
from networkdesk.storage.database import open_database
from networkdesk.storage.paths import location_from_url


def test_an_unused_block_does_not_hand_back_an_id_committed_after_the_snapshot(
    pg_url: str,
) -> None:
    bulk = open_database(location_from_url(pg_url))
    other = open_database(location_from_url(pg_url))
    try:
        with bulk.transaction() as reading:
            # The bulk writer's snapshot is taken by its first read: no tag yet.
            assert reading.scalar(select(func.count()).select_from(Tag)) == 0
            with other.transaction() as s:  # meanwhile another writer commits a tag
                committed = contacts.add(s, "Ada", tag_names=["team"]).id
            start = next_id(reading, Tag.id)
            advance_id_sequences(reading, [Tag.__table__])  # no tag written: block unused
        assert committed
        with other.transaction() as s:  # an ordinary insert takes the sequence's next id
            contacts.add(s, "Bo", tag_names=["other"])
        with other.reading() as s:
            ids = sorted(s.scalars(select(Tag.id)))
        assert len(ids) == 2
        assert ids[1] >= start  # after the block's start, not a reused id
    finally:
        bulk.close()
        other.close()
