"""Geometry of the bull's-eye: ring bands sized to their content, node positions that never
overlap, and the reverse mapping from a drop point to (ring, angle).

Pure Python (no Qt) so it is cheap to test and to run for thousands of nodes. Angles are radians
counter-clockwise from east, as stored in `Contact.angle`; scene y grows downwards, so a node at
angle a and radius r sits at (r·cos a, −r·sin a).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TAU = 2 * math.pi
RING_COUNT = 4

#: Diameter of a node's disc, in scene units.
NODE_DIAMETER = 34.0
#: Widest a name label is drawn (longer names are elided).
LABEL_WIDTH = 90.0
#: Room one node takes along its lane: its name label is wider than its disc.
SLOT_WIDTH = 100.0
#: Distance between two lanes of the same ring: more than a label's width, so labels of
#: neighbouring lanes never collide, whatever side of the ring they are on.
LANE_SPACING = 94.0
#: Padding between a band's edge and its first/last lane.
BAND_PADDING = 22.0
#: The smallest width of each band (ring 0 is a disc: its radius), so an empty ring still reads.
MIN_BAND = (150.0, 130.0, 130.0, 140.0)


@dataclass(frozen=True)
class Band:
    ring: int
    inner: float
    outer: float
    lanes: tuple[float, ...]  # lane radii, inside out


@dataclass
class RingGeometry:
    bands: list[Band] = field(default_factory=list)

    @property
    def outer_radius(self) -> float:
        return self.bands[-1].outer if self.bands else 0.0

    def ring_at(self, radius: float) -> int:
        """The ring a point at `radius` from the centre falls in; beyond the outer ring is the
        outer ring (a drop past the edge keeps the contact on the board)."""
        for band in self.bands:
            if radius < band.outer:
                return band.ring
        return RING_COUNT - 1

    def label_radius(self, ring: int) -> float:
        band = self.bands[ring]
        return band.outer


def angle_of(x: float, y: float) -> float:
    """Angle of a scene point (y down) in [0, 2π)."""
    if x == 0 and y == 0:
        return 0.0
    return math.atan2(-y, x) % TAU


def point_at(radius: float, angle: float) -> tuple[float, float]:
    return radius * math.cos(angle), -radius * math.sin(angle)


def drop_target(geometry: RingGeometry, x: float, y: float) -> tuple[int, float]:
    """(ring, angle) for a drop at scene point (x, y)."""
    return geometry.ring_at(math.hypot(x, y)), angle_of(x, y)


def _lane_capacity(radius: float) -> int:
    if radius <= 0:
        return 1
    return max(1, int(TAU * radius // SLOT_WIDTH))


def _lanes_for(inner: float, count: int, ring: int) -> tuple[float, ...]:
    """As few lanes as hold `count` nodes, starting just inside the band."""
    if ring == 0:
        # The bull's-eye is a disc: one node can sit at its very centre; lanes go outwards.
        # The first ring of the disc keeps clear of the ring's label at the top of the band.
        first = 0.0 if count <= 1 else 80.0
    else:
        first = inner + BAND_PADDING + NODE_DIAMETER / 2 + 6
    lanes = [first]
    while sum(_lane_capacity(r) for r in lanes) < count:
        lanes.append(lanes[-1] + LANE_SPACING)
    return tuple(lanes)


def build_geometry(counts: Sequence[int]) -> RingGeometry:
    """Bands wide enough for `counts[r]` nodes on ring r, each at least MIN_BAND wide."""
    bands = []
    inner = 0.0
    for ring in range(RING_COUNT):
        count = counts[ring] if ring < len(counts) else 0
        lanes = _lanes_for(inner, count, ring)
        # Room below the outermost lane for its labels, then the band's edge.
        needed = lanes[-1] + NODE_DIAMETER / 2 + 20 + BAND_PADDING
        outer = max(inner + MIN_BAND[ring], needed)
        if ring > 0 and len(lanes) == 1:
            # A lone lane sits in the middle of its band: it looks intended, not squeezed.
            middle = (inner + outer) / 2 - 8
            lanes = (max(lanes[0], middle),)
        bands.append(Band(ring=ring, inner=inner, outer=outer, lanes=lanes))
        inner = outer
    return RingGeometry(bands)


def spread_on_circle(angles: Sequence[float], gap: float) -> list[float]:
    """Positions as close as possible to `angles` (sorted, in [0, 2π)) with at least `gap`
    between neighbours around the circle; order is kept.

    Cuts the circle at the widest gap between wanted angles, then solves the problem on a line by
    merging clusters (each cluster centred on the mean of what its members want). When the
    nodes barely fit, they are simply spread evenly.
    """
    n = len(angles)
    if n <= 1:
        return list(angles)
    if n * gap >= TAU:
        return [(angles[0] + i * TAU / n) % TAU for i in range(n)]
    # Where to cut: after the widest gap.
    widest, start = -1.0, 0
    for i in range(n):
        following = angles[(i + 1) % n] + (TAU if i == n - 1 else 0.0)
        space = following - angles[i]
        if space > widest:
            widest, start = space, (i + 1) % n
    wanted = [angles[(start + i) % n] for i in range(n)]
    base = wanted[0]
    line = [(a - base) % TAU for a in wanted]
    # Cluster merging: each cluster is (first index, size, sum of wanted minus offsets).
    clusters: list[list[float]] = []
    for i, a in enumerate(line):
        clusters.append([float(i), 1.0, a])
        while len(clusters) > 1:
            first, size, total = clusters[-1]
            pfirst, psize, ptotal = clusters[-2]
            prev_start = ptotal / psize
            prev_end = prev_start + gap * (psize - 1)
            this_start = total / size
            if this_start >= prev_end + gap:
                break
            # Merge: members of the new cluster sit after those of the previous one.
            # The new members' offsets grow by the previous cluster's size.
            merged_total = ptotal + total - gap * psize * size
            clusters[-2] = [pfirst, psize + size, merged_total]
            clusters.pop()
    positions = [0.0] * n
    for first, size, total in clusters:
        begin = total / size
        for k in range(int(size)):
            positions[int(first) + k] = begin + gap * k
    span = positions[-1] - positions[0]
    if span > TAU - gap:
        step = TAU / n
        positions = [positions[0] + i * step for i in range(n)]
    result = [0.0] * n
    for i, p in enumerate(positions):
        result[(start + i) % n] = (p + base) % TAU
    return result


@dataclass(frozen=True)
class Placement:
    x: float
    y: float
    lane: int
    #: The angle the node is drawn at (its stored angle, unless neighbours pushed it aside).
    angle: float = 0.0


def layout_ring(band: Band, items: Iterable[tuple[int, float]]) -> dict[int, Placement]:
    """Positions for (contact id, stored angle) pairs on one band: nodes keep their angle when
    there is room and share the band's lanes in proportion to their length when crowded."""
    ordered = sorted(((angle % TAU, cid) for cid, angle in items))
    if not ordered:
        return {}
    lanes = band.lanes
    capacities = [_lane_capacity(r) for r in lanes]
    fill = [0] * len(lanes)
    per_lane: list[list[tuple[float, int]]] = [[] for _ in lanes]
    # Interleave neighbours over the lanes (lowest fill ratio first): angular neighbours end up
    # on different lanes, so each lane's crowd is spread around the whole ring.
    for angle, cid in ordered:
        lane = min(range(len(lanes)), key=lambda j: ((fill[j] + 1) / capacities[j], j))
        fill[lane] += 1
        per_lane[lane].append((angle, cid))
    placements: dict[int, Placement] = {}
    for lane_index, members in enumerate(per_lane):
        if not members:
            continue
        radius = lanes[lane_index]
        if radius <= 0:
            for angle, cid in members:
                placements[cid] = Placement(0.0, 0.0, lane_index, angle)
            continue
        gap = SLOT_WIDTH / radius
        spread = spread_on_circle([a for a, _ in members], gap)
        for (_angle, cid), position in zip(members, spread, strict=True):
            x, y = point_at(radius, position)
            placements[cid] = Placement(x, y, lane_index, position % TAU)
    return placements


def nearest_free_angle(occupied: Sequence[float], wanted: float, gap: float) -> float | None:
    """The angle closest to `wanted` at least `gap` from every angle of `occupied` around the
    circle, or None when the circle is full."""
    wanted %= TAU
    if not occupied:
        return wanted
    ordered = sorted(a % TAU for a in occupied)
    best: float | None = None
    best_distance = math.inf
    for i, a in enumerate(ordered):
        b = ordered[(i + 1) % len(ordered)] + (TAU if i == len(ordered) - 1 else 0.0)
        low, high = a + gap, b - gap
        if low > high + 1e-12:
            continue
        # The free arc (low, high); bring `wanted` next to it and clamp it inside.
        w = wanted
        while w < a:
            w += TAU
        candidate = min(max(w, low), high)
        distance = min(abs(candidate - w), TAU - abs(candidate - w))
        if distance < best_distance:
            best, best_distance = candidate % TAU, distance
    return best


def layout_ring_stable(
    band: Band,
    items: Sequence[tuple[int, float]],
    kept: dict[int, Placement],
) -> dict[int, Placement]:
    """Like `layout_ring`, but the nodes of `kept` (placed before, neither moved nor left
    their lane) stay where they were drawn, and the others each take the free spot nearest
    their angle. When a newcomer finds no free spot, the whole ring is laid out again."""
    lanes = band.lanes
    still = {cid: kept[cid] for cid, _a in items if cid in kept and kept[cid].lane < len(lanes)}
    if not still:
        return layout_ring(band, items)
    occupied: list[list[float]] = [[] for _ in lanes]
    placements: dict[int, Placement] = {}
    for cid, before in still.items():
        radius = lanes[before.lane]
        x, y = point_at(radius, before.angle) if radius > 0 else (0.0, 0.0)
        placements[cid] = Placement(x, y, before.lane, before.angle)
        occupied[before.lane].append(before.angle)
    newcomers = sorted((angle % TAU, cid) for cid, angle in items if cid not in still)
    for angle, cid in newcomers:
        best: tuple[float, int, float] | None = None
        for lane, radius in enumerate(lanes):
            if radius <= 0:
                if not occupied[lane]:
                    best = (0.0, lane, angle)
                    break
                continue
            if len(occupied[lane]) >= _lane_capacity(radius):
                continue
            free = nearest_free_angle(occupied[lane], angle, SLOT_WIDTH / radius)
            if free is None:
                continue
            turn = abs(free - angle) % TAU
            # Arc length to the free spot, plus a little per lane outwards: the first lane
            # first, a far-off spot on it loses to a near one a lane further out.
            cost = min(turn, TAU - turn) * radius + lane * LANE_SPACING * 0.5
            if best is None or cost < best[0]:
                best = (cost, lane, free)
        if best is None:
            return layout_ring(band, items)
        _cost, lane, free = best
        radius = lanes[lane]
        x, y = point_at(radius, free) if radius > 0 else (0.0, 0.0)
        placements[cid] = Placement(x, y, lane, free)
        occupied[lane].append(free)
    return placements


def company_sectors(nodes: Iterable[tuple[int, int, str | None, bool]]) -> dict[int, float]:
    """Angles that group each ring's contacts by company, from (contact id, ring, company name
    or None, company is a target) quadruples: target companies first, clockwise from the top,
    then the other companies by name, then contacts without a company; an empty slot between
    two companies so each reads as a sector."""
    by_ring: dict[int, list[tuple[bool, str, int]]] = {}
    for cid, ring, company, target in nodes:
        # Without a company sorts last ("\uffff"); each such contact is its own group.
        key = company.casefold() if company else "\uffff"
        by_ring.setdefault(ring, []).append((not target, key, cid))
    angles: dict[int, float] = {}
    for members in by_ring.values():
        members.sort()
        slots: list[int | None] = []
        previous: tuple[bool, str] | None = None
        for not_target, key, cid in members:
            if previous is not None and (not_target, key) != previous and len(members) > 1:
                slots.append(None)  # the gap between two sectors
            slots.append(cid)
            previous = (not_target, key)
        step = TAU / len(slots)
        for index, slot in enumerate(slots):
            if slot is not None:
                angles[slot] = (math.pi / 2 - (index + 0.5) * step) % TAU
    return angles


def layout_all(
    nodes: Iterable[tuple[int, int, float]],
    kept: dict[int, Placement] | None = None,
    previous: RingGeometry | None = None,
) -> tuple[RingGeometry, dict[int, Placement]]:
    """Geometry and placements for (contact id, ring, angle) triples.

    `kept`: where nodes that neither moved nor changed ring were drawn last time; they stay
    there (stable places: a newcomer takes a free spot, the others do not move). `previous`:
    the geometry they were drawn in; a ring whose band is the same and whose nodes are all
    kept is not laid out again (one moved node costs the rings it left and joined).
    """
    by_ring: list[list[tuple[int, float]]] = [[] for _ in range(RING_COUNT)]
    for cid, ring, angle in nodes:
        by_ring[min(max(ring, 0), RING_COUNT - 1)].append((cid, angle))
    geometry = build_geometry([len(members) for members in by_ring])
    before = previous.bands if previous is not None else []
    placements: dict[int, Placement] = {}
    for index, (band, members) in enumerate(zip(geometry.bands, by_ring, strict=True)):
        if kept and index < len(before) and before[index] == band:
            unchanged = [kept.get(cid) for cid, _angle in members]
            if all(place is not None for place in unchanged):
                placements.update(
                    (cid, place)
                    for (cid, _angle), place in zip(members, unchanged, strict=True)
                    if place is not None
                )
                continue
        if kept:
            placements.update(layout_ring_stable(band, members, kept))
        else:
            placements.update(layout_ring(band, members))
    return geometry, placements
