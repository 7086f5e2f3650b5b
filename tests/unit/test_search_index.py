"""The folded search index behind search-as-you-type (no Qt)."""

from __future__ import annotations

import pytest

from networkdesk.ui.models.search_index import SearchIndex

TEXTS = ["anna muller acme", "bob stone zeiss optics", "muriel acme engineering", "zoe berlin"]


def test_empty_query_means_everything() -> None:
    index = SearchIndex(TEXTS)
    assert index.search("") is None
    assert index.search("   ") is None


def test_every_word_must_match_case_and_accents_ignored() -> None:
    index = SearchIndex(TEXTS)
    assert index.search("MÜ") == [0, 2]
    assert index.search("acme MU") == [0, 2]
    assert index.search("acme eng") == [2]
    assert index.search("zoë") == [3]
    assert index.search("nobody") == []


def test_typing_on_narrows_and_deleting_widens_again() -> None:
    index = SearchIndex(TEXTS)
    assert index.search("m") == [0, 2]
    assert index.search("mu") == [0, 2]
    assert index.search("mur") == [2]
    assert index.search("mu") == [0, 2]  # backspace: a fresh scan, not the narrowed hits
    assert index.search("muller") == [0]
    assert index.search("muller acme") == [0]


def test_keys_name_the_texts_in_index_order() -> None:
    # The table model indexes texts in sort order, keyed by their row positions.
    index = SearchIndex(["c zeiss", "a acme", "b acme"], keys=[2, 0, 1])
    assert index.search("acme") == [0, 1]
    assert index.search("acme a") == [0, 1]
    assert index.search("acme b") == [1]
    assert index.search("zeiss") == [2]
    assert index.search("") is None


def test_results_belong_to_the_caller() -> None:
    index = SearchIndex(TEXTS)
    hits = index.search("m")
    assert hits is not None
    hits.clear()
    assert index.search("mu") == [0, 2]


def test_reset_forgets_the_previous_query() -> None:
    index = SearchIndex(TEXTS)
    assert index.search("mu") == [0, 2]
    index.reset(["mumbai", "x"])
    assert index.search("mum") == [0]
    assert len(index) == 2


def test_keys_must_match_the_texts() -> None:
    with pytest.raises(ValueError, match="2 keys for 3 texts"):
        SearchIndex(["a", "b", "c"], keys=[0, 1])


@pytest.mark.parametrize(
    ("keys", "in_order"), [(None, False), ([0, 1, 2, 3], True), ([2, 0, 3, 1], False)]
)
def test_replace_changes_one_text_in_place(keys: list[int] | None, in_order: bool) -> None:
    texts = ["anna acme", "bob zeiss", "carl acme", "dora berlin"]
    index = SearchIndex()
    index.reset(texts, keys, in_order=in_order)
    key_of_bob = 1 if keys is None else keys[1]
    assert index.search("acme") is not None
    index.replace(key_of_bob, "bob acme")
    acme = index.search("acme")
    assert acme is not None
    assert key_of_bob in acme
    assert len(acme) == 3
    assert index.search("zeiss") == []
    assert texts[1] == "bob zeiss"  # the caller's list is not the index's
