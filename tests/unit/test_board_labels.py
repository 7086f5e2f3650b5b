"""Name labels on the bull's-eye (`ui/board/labels.py`, pure Python): never overlapping each
other, a node or a ring name, and readable at real sizes: every name at 30 placed contacts and
most names at 100 in a maximized 1366x768 window with the default panels open."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from networkdesk.services.demo_words import demo_words
from networkdesk.ui.board.labels import (
    LabelRequest,
    PlacedLabel,
    Rect,
    absolute_rect,
    first_name_and_initial,
    overlaps,
    place_labels,
)
from networkdesk.ui.board.layout import NODE_DIAMETER, TAU, layout_all

#: The board's viewport in a maximized 1366x768 window with the inbox, the contacts panel and
#: the filter bar open (measured on the real window).
VIEWPORT = (772, 550)
FIT_MARGIN = 12
LINE_HEIGHT = 14.0
#: About the width of an 8.5 pt sans-serif character at 96 dpi, plus the pill's padding.
CHAR_PIXELS = 6.3
PAD = 6.0
RADIUS = NODE_DIAMETER / 2
#: How the demo spreads placed contacts over the rings (bull's-eye to outer).
RING_SHARE = (0.06, 0.16, 0.30, 0.48)


def _texts(name: str) -> tuple[tuple[str, float], ...]:
    short = first_name_and_initial(name)
    return ((name, len(name) * CHAR_PIXELS + PAD), (short, len(short) * CHAR_PIXELS + PAD))


def _board(placed: int, seed: int = 7) -> tuple[list[LabelRequest], float]:
    """`placed` contacts spread over the rings like the demo's, and the scale that fits them."""
    rng = random.Random(seed)
    words = demo_words()
    counts = [round(placed * share) for share in RING_SHARE]
    counts[3] += placed - sum(counts)
    triples = []
    cid = 0
    for ring, count in enumerate(counts):
        for _ in range(count):
            cid += 1
            triples.append((cid, ring, rng.random() * TAU))
    geometry, places = layout_all(triples)
    names = {
        cid: f"{rng.choice(words.first_names)} {rng.choice(words.last_names)}"
        for cid, _ring, _angle in triples
    }
    scale = min(VIEWPORT) / (2 * (geometry.outer_radius + FIT_MARGIN))
    requests = [
        LabelRequest(cid, places[cid].x, places[cid].y, RADIUS, float(ring), _texts(names[cid]))
        for cid, ring, _angle in triples
    ]
    return requests, scale


def _disc_hits_rect(cx: float, cy: float, r: float, rect: Rect) -> bool:
    nearest_x = min(max(cx, rect[0]), rect[2])
    nearest_y = min(max(cy, rect[1]), rect[3])
    return math.hypot(cx - nearest_x, cy - nearest_y) < r


def _assert_no_overlap(
    requests: list[LabelRequest],
    placed: dict[int, PlacedLabel],
    scale: float,
    obstacles: list[Rect] = (),  # type: ignore[assignment]
) -> None:
    by_id = {r.id: r for r in requests}
    rects = {cid: absolute_rect(by_id[cid], label, scale) for cid, label in placed.items()}
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        assert not overlaps(ra, rb), f"labels of {a} and {b} overlap: {ra} {rb}"
    for cid, rect in rects.items():
        for request in requests:
            assert not _disc_hits_rect(
                request.x * scale, request.y * scale, request.radius * scale, rect
            ), f"the label of {cid} covers node {request.id}"
        for obstacle in obstacles:
            assert not overlaps(rect, obstacle), f"the label of {cid} covers {obstacle}"


@pytest.mark.parametrize("placed", [30, 100, 300])
def test_labels_never_overlap_each_other_or_a_node(placed: int) -> None:
    requests, scale = _board(placed)
    obstacles: list[Rect] = [(-40.0, -200 * scale - 11, 40.0, -200 * scale + 11)]
    labels = place_labels(requests, scale, LINE_HEIGHT, obstacles)
    assert labels, "some names fit"
    _assert_no_overlap(requests, labels, scale, obstacles)


@pytest.mark.parametrize("placed", [30, 100, 300])
def test_no_overlap_zoomed_in_and_out(placed: int) -> None:
    requests, fitted = _board(placed, seed=11)
    for factor in (0.4, 0.7, 1.5, 3.0):
        scale = fitted * factor
        _assert_no_overlap(requests, place_labels(requests, scale, LINE_HEIGHT), scale)


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_every_name_shows_at_30_placed(seed: int) -> None:
    requests, scale = _board(30, seed)
    labels = place_labels(requests, scale, LINE_HEIGHT)
    assert sorted(labels) == sorted(r.id for r in requests)
    # Whole names, but for a crowded few.
    assert sum(label.choice == 0 for label in labels.values()) >= 26


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_most_names_show_at_100_placed(seed: int) -> None:
    requests, scale = _board(100, seed)
    labels = place_labels(requests, scale, LINE_HEIGHT)
    assert len(labels) >= 75, f"only {len(labels)} of 100 names"
    # Crowded nodes fall back to first name and initial rather than to nothing.
    assert any(label.choice == 1 for label in labels.values())


def test_priority_goes_first_when_room_is_short() -> None:
    # Two nodes so close that only one label fits between them and a wall of obstacles.
    a = LabelRequest(1, 0.0, 0.0, 5.0, 3.0, (("Ana Costa", 60.0),))
    b = LabelRequest(2, 12.0, 0.0, 5.0, 0.0, (("Ben Ito", 50.0),))
    walls: list[Rect] = [
        (-200.0, -200.0, 200.0, -5.0),
        (-200.0, 5.0, 200.0, 200.0),
        (-200.0, -5.0, -6.0, 5.0),
    ]
    labels = place_labels([a, b], 1.0, 10.0, walls)
    assert list(labels) == [2]
    assert labels[2].rect[0] > 0  # right of its disc, the one free place


def test_a_crowded_node_takes_the_short_name_then_nothing() -> None:
    full, short = ("Alexandra Papadopoulos", 140.0), ("Alexandra P.", 70.0)
    node = LabelRequest(1, 0.0, 0.0, 5.0, 0.0, (full, short))
    # Room for 100 pixels right of the disc only.
    walls: list[Rect] = [
        (-300.0, -300.0, 300.0, -8.0),
        (-300.0, 8.0, 300.0, 300.0),
        (-300.0, -8.0, -6.0, 8.0),
        (108.0, -8.0, 300.0, 8.0),
    ]
    labels = place_labels([node], 1.0, 14.0, walls)
    assert labels[1].text == "Alexandra P."
    walls.append((0.0, -8.0, 60.0, 8.0))
    assert place_labels([node], 1.0, 14.0, walls) == {}


def test_dimmed_nodes_get_no_label_but_stay_clear() -> None:
    lit = LabelRequest(1, 0.0, 0.0, 5.0, 0.0, (("Ana Costa", 60.0),))
    dim = LabelRequest(2, 0.0, 12.0, 5.0, 0.0, (), wants_label=False)
    labels = place_labels([lit, dim], 1.0, 10.0)
    assert list(labels) == [1]
    _assert_no_overlap([lit, dim], labels, 1.0)


def test_first_name_and_initial() -> None:
    assert first_name_and_initial("Aisha Rahman") == "Aisha R."
    assert first_name_and_initial("Ana María de la Cruz") == "Ana C."
    assert first_name_and_initial("Cher") == "Cher"
