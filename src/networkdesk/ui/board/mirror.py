"""The board's node items mirror the placed contacts: one `NodeItem` per contact, created,
updated, moved and removed to match the data, laid out by `board.layout`, dimmed by the filter,
with the referral lines between them. Graphics only: reading is `board.loading`'s."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.ui.board.items import (
    DIMMED_OPACITY,
    DotsItem,
    NodeEvents,
    NodeItem,
    PathItem,
    ReferralLinesItem,
    RingLabelItem,
    RingsItem,
)
from networkdesk.ui.board.layout import (
    RING_COUNT,
    Placement,
    RingGeometry,
    build_geometry,
    company_sectors,
    layout_all,
)
from networkdesk.ui.views.filter_bar import NodeFilter

if TYPE_CHECKING:
    from networkdesk.services.board_node import BoardNode

SCENE_MARGIN = 60.0
GraphicsItemFlag = QGraphicsItem.GraphicsItemFlag


class BoardMirror:
    """The items of one board scene and the data they show."""

    def __init__(
        self,
        scene: QGraphicsScene,
        events: NodeEvents,
        detail: Callable[[], bool],
        counted: Callable[[int, int], None],
    ) -> None:
        """`detail()`: whether nodes draw themselves (zoomed in) or the dots item draws them;
        `counted(placed, matching)` is called after each change of the data or the filter."""
        self.scene = scene
        self.events = events
        self._detail = detail
        self._counted = counted
        self.rings = RingsItem()
        scene.addItem(self.rings)
        self.ring_labels = [RingLabelItem(ring) for ring in range(RING_COUNT)]
        for label in self.ring_labels:
            scene.addItem(label)
        self.dots = DotsItem()
        scene.addItem(self.dots)
        # The bands and the dots change only when the data, the filter or the zoom do: draw
        # them once into a pixmap and blit it on every repaint (a drag moves over them).
        self.rings.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.dots.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.lines = ReferralLinesItem()
        self.lines.setVisible(False)
        scene.addItem(self.lines)
        self.path = PathItem()
        scene.addItem(self.path)
        #: A chain of contacts to show (`Workspace.pathHighlighted`): the others are dimmed.
        self.highlighted: tuple[int, ...] = ()

        self.nodes: dict[int, NodeItem] = {}
        self.board: list[BoardNode] = []
        self.geometry = build_geometry([0] * RING_COUNT)
        self.ring_names: list[str] = [RING_LABELS[r] for r in Ring]
        self.filter = NodeFilter()
        self.show_referrals = False
        self.links: list[tuple[int, int]] = []
        self.photos: dict[int, QPixmap] = {}
        self._placements: dict[int, Placement] = {}
        #: Nodes the filter or the highlighted chain dim (read without touching the items).
        self.dimmed: set[int] = set()
        #: Each ring's nodes clustered by company (View → Group by company).
        self.group_by_company = False
        self._wanted: dict[int, tuple[int, float]] = {}
        #: Items created since the filter was last applied (their opacity is not set yet).
        self._fresh_items: set[int] = set()
        self.set_geometry(self.geometry)

    # --- data ---------------------------------------------------------------------------

    def set_board(self, nodes: Sequence[BoardNode]) -> None:
        """Mirror `nodes`, the whole board: create, update and remove items; lay out."""
        self.board = list(nodes)
        self._mirror()

    def update_nodes(self, ids: Collection[int], nodes: Sequence[BoardNode]) -> None:
        """Mirror a change to the contacts `ids`: `nodes` are those of them on a ring now (the
        others left the board). Other items stay as they are, unless the layout moves them."""
        fresh = {node.id: node for node in nodes}
        wanted = set(ids) | fresh.keys()
        for cid in wanted:
            self.photos.pop(cid, None)  # the photo may be what changed
        kept = [node for node in self.board if node.id not in wanted]
        self.board = sorted([*kept, *fresh.values()], key=lambda n: n.id)
        self._mirror(changed=wanted)

    def _mirror(self, changed: Collection[int] | None = None) -> None:
        """Lay out and mirror the board; `changed`: only these contacts changed (the others'
        items are touched only when the layout moved them), None: any may have."""
        # Stable places: nodes whose ring and angle did not change stay where they were drawn
        # (a lane that no longer exists, or a ring that had to be laid out again, moves them).
        if self.group_by_company:
            # Sectors by company: the stored angles give way to the grouping.
            sectors = company_sectors((n.id, n.ring, n.company, n.is_target) for n in self.board)
            wanted = [(n.id, n.ring, sectors[n.id]) for n in self.board]
            geometry, placements = layout_all(wanted)
        else:
            kept = {
                n.id: self._placements[n.id]
                for n in self.board
                if self._wanted.get(n.id) == (n.ring, n.angle) and n.id in self._placements
            }
            geometry, placements = layout_all(
                ((n.id, n.ring, n.angle) for n in self.board), kept, self.geometry
            )
        before = self._placements
        self._placements = placements
        self._wanted = {n.id: (n.ring, n.angle) for n in self.board}
        if changed is None:
            touched = self.board
            gone = [cid for cid in self.nodes if cid not in placements]
        else:
            # One node moved: its own item, and those the layout pushed aside, change; the
            # other few thousand items are left alone (each Qt call on them costs).
            moved = {cid for cid, place in placements.items() if before.get(cid) != place}
            redraw = moved | {cid for cid in changed if cid in placements}
            touched = [n for n in self.board if n.id in redraw]
            gone = [cid for cid in changed if cid in self.nodes and cid not in placements]
        detail = self._detail()
        for node in touched:
            item = self.nodes.get(node.id)
            if item is None:
                item = NodeItem(node, self.events)
                self.nodes[node.id] = item
                self._fresh_items.add(node.id)
                self.scene.addItem(item)
                if not detail:
                    item.setFlag(GraphicsItemFlag.ItemHasNoContents, True)
            elif item.node != node:
                item.set_node(node)
            item.photo = self.photos.get(node.id)
            place = placements[node.id]
            item.home = QPointF(place.x, place.y)
            if item.pos() != item.home:
                item.setPos(item.home)
        for cid in gone:
            item = self.nodes.pop(cid)
            # The item may be the one whose mouse release got us here: remove it once that
            # event has returned.
            item.hide()
            QTimer.singleShot(0, lambda item=item: self._discard(item))
        self.set_geometry(geometry)
        self.apply_filter()
        self.update_lines()
        self.update_path()

    def needs_photos(self) -> list[int]:
        """Placed contacts with a photo not loaded yet."""
        return [n.id for n in self.board if n.has_photo and n.id not in self.photos]

    def add_photos(self, photos: dict[int, QPixmap]) -> None:
        self.photos.update(photos)
        for cid, pixmap in photos.items():
            item = self.nodes.get(cid)
            if item is not None:
                item.photo = pixmap
                item.update()

    def _discard(self, item: NodeItem) -> None:
        if item.scene() is self.scene:
            self.scene.removeItem(item)

    def set_geometry(self, geometry: RingGeometry) -> None:
        self.geometry = geometry
        self.rings.set_geometry(geometry)
        counts = [0] * RING_COUNT
        for node in self.board:
            counts[node.ring] += 1
        for label, band in zip(self.ring_labels, geometry.bands, strict=True):
            name = self.ring_names[band.ring] if band.ring < len(self.ring_names) else ""
            label.set_text(f"{name} · {counts[band.ring]:,}")
            # At the top of the band, in the room kept free above its outermost lane.
            label.setPos(0, -(band.outer - 16))
        r = geometry.outer_radius + SCENE_MARGIN
        self.scene.setSceneRect(QRectF(-r, -r, 2 * r, 2 * r))

    # --- filter, detail and lines -----------------------------------------------------------

    def set_filter(self, flt: NodeFilter) -> None:
        self.filter = flt
        self.apply_filter()

    def apply_filter(self) -> None:
        active = self.filter.active
        chain = frozenset(self.highlighted)
        matching = 0
        points = []
        dimmed: set[int] = set()
        placements = self._placements
        was_dimmed = self.dimmed
        for node in self.board:
            match = node.id in chain if chain else not active or self.filter.matches(node)
            matching += match
            if not match:
                dimmed.add(node.id)
            # Only items whose dimming changed (or that are new) are asked: a Qt call on each
            # of thousands of items costs milliseconds.
            if (node.id in was_dimmed) != (not match) or node.id in self._fresh_items:
                item = self.nodes[node.id]
                opacity = 1.0 if match else DIMMED_OPACITY
                if item.opacity() != opacity:
                    item.setOpacity(opacity)
                    item.setZValue(0 if match else -2)
            place = placements[node.id]
            points.append((place.x, place.y, node.stage, not match, node.is_target))
        self._fresh_items.clear()
        self.dimmed = dimmed
        self.dots.set_points(points, self.scene.sceneRect())
        self._counted(len(self.board), matching)

    @property
    def placements(self) -> dict[int, Placement]:
        """Where the layout put each node (its home), by contact id."""
        return self._placements

    def set_group_by_company(self, grouped: bool) -> None:
        if grouped != self.group_by_company:
            self.group_by_company = grouped
            self._placements = {}  # back from sectors, lay the stored angles out afresh
            self._mirror()

    def matching_ids(self) -> list[int]:
        """The nodes the filter or the highlighted chain leave undimmed (none when neither is
        active)."""
        if self.highlighted:
            return [cid for cid in self.highlighted if cid in self.nodes]
        if not self.filter.active:
            return []
        return [node.id for node in self.board if self.filter.matches(node)]

    def set_highlighted(self, ids: tuple[int, ...]) -> None:
        self.highlighted = ids
        self.apply_filter()
        self.update_path()

    def update_path(self) -> None:
        self.path.set_chain([self.nodes[c].home for c in self.highlighted if c in self.nodes])

    def set_detail(self, detail: bool) -> None:
        """Zoomed in, nodes draw themselves; zoomed out, the dots item draws them all."""
        self.dots.setVisible(not detail)
        for item in self.nodes.values():
            # Selected nodes draw themselves even as dots: their halo shows where they are.
            item.setFlag(GraphicsItemFlag.ItemHasNoContents, not detail and not item.isSelected())

    def set_referral_lines(self, shown: bool) -> None:
        self.show_referrals = shown
        self.lines.setVisible(shown)
        self.update_lines()

    def update_lines(self) -> None:
        if not self.show_referrals:
            return
        pairs = []
        for a, b in self.links:
            if a in self.nodes and b in self.nodes:
                pairs.append((self.nodes[a].home, self.nodes[b].home))
        self.lines.set_links(pairs)

    def set_dark(self, dark: bool) -> None:
        NodeItem.dark = dark
        self.rings.dark = dark
        self.lines.dark = dark
        for label in self.ring_labels:
            label.dark = dark
            label.update()
        # The bands, lines and nodes are cached pixmaps: draw them again in the new colours.
        self.rings.update()
        self.lines.update()
        for item in self.nodes.values():
            item.update()
