"""Graphics items of the bull's-eye: ring bands, ring labels, contact nodes, the batched dots drawn
when zoomed out, and the faint referral lines.

Only a `NodeItem` carries a contact id in `data(0)`. Nodes draw everything they show in one
paint() call (disc, initials or photo, name, badge); when zoomed out they stop drawing altogether
(`ItemHasNoContents`) and one `DotsItem` draws every node as a dot in a handful of C++ calls.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from networkdesk.domain.enums import Stage
from networkdesk.domain.text import initials
from networkdesk.ui import style
from networkdesk.ui.board.layout import NODE_DIAMETER, RingGeometry
from networkdesk.ui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from networkdesk.services.board_node import BoardNode

CONTACT_ID = 0  # QGraphicsItem.data key holding the contact id (NodeItem only)
RADIUS = NODE_DIAMETER / 2
DIMMED_OPACITY = 0.16
#: The highlighted chain (a warm path): strong, and apart from every stage colour.
PATH_COLOUR = "#e8590c"
#: Dots at least this wide on screen are antialiased.
SMOOTH_DOT_PIXELS = 6.0

GraphicsItemFlag = QGraphicsItem.GraphicsItemFlag


# plain_tooltip moved to ui/plain_text.py (shared by every tooltip); imported here for callers.


def node_tooltip(node: BoardNode) -> str:
    lines = [node.name]
    if node.title or node.company:
        where = " at ".join(part for part in (node.title, node.company) if part)
        lines.append(where + ("  ★ target company" if node.is_target else ""))
    lines.append(f"Stage: {node.stage.label}")
    if node.tags:
        lines.append("Tags: " + ", ".join(node.tags))
    if node.overdue:
        lines.append("A follow-up is overdue")
    return plain_tooltip("\n".join(lines))


class NodeEvents:
    """What a node tells its canvas (set once by the canvas)."""

    released: Callable[[NodeItem], None] = staticmethod(lambda item: None)
    pressed: Callable[[NodeItem], None] = staticmethod(lambda item: None)
    double_clicked: Callable[[NodeItem], None] = staticmethod(lambda item: None)
    context_menu: Callable[[NodeItem, QGraphicsSceneContextMenuEvent], None] = staticmethod(
        lambda item, event: None
    )


class NodeItem(QGraphicsItem):
    """A placed contact: a movable, selectable disc (its name is a `NameLabelItem` child, placed
    by `name_labels`)."""

    _name_font: QFont | None = None
    _initials_font: QFont | None = None
    #: The system palette is dark (set by the canvas for all nodes at once).
    dark = False

    def __init__(self, node: BoardNode, events: NodeEvents) -> None:
        super().__init__()
        self.events = events
        self.node = node
        self.photo: QPixmap | None = None
        self.home = QPointF()  # where the layout put it; a drag that goes nowhere returns here
        self.setFlags(
            GraphicsItemFlag.ItemIsMovable
            | GraphicsItemFlag.ItemIsSelectable
            | GraphicsItemFlag.ItemIsFocusable
        )
        self.setAcceptHoverEvents(False)
        # Drawn once per zoom level into a pixmap, then blitted: repaints while panning or
        # dragging another node cost no Python paint() calls.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setData(CONTACT_ID, node.id)
        self.set_node(node)

    # --- data ------------------------------------------------------------------------------

    @property
    def contact_id(self) -> int:
        return self.node.id

    def set_node(self, node: BoardNode) -> None:
        self.node = node
        self._initials = initials(node.name)
        # Written when first asked for (`toolTip`, `BoardScene.helpEvent`): composing 1,000 of
        # them was a quarter of building the board at start-up (issue 13, P1).
        self._tooltip_stale = True
        self.update()

    def toolTip(self) -> str:
        self.ensure_tooltip()
        return super().toolTip()

    def ensure_tooltip(self) -> None:
        if self._tooltip_stale:
            self._tooltip_stale = False
            self.setToolTip(node_tooltip(self.node))

    @classmethod
    def fonts(cls) -> tuple[QFont, QFont]:
        if cls._name_font is None or cls._initials_font is None:
            name_font = QFont()
            name_font.setPointSizeF(8.5)
            initials_font = QFont()
            initials_font.setPointSizeF(9.5)
            initials_font.setBold(True)
            cls._name_font, cls._initials_font = name_font, initials_font
        return cls._name_font, cls._initials_font

    # --- geometry --------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        # The disc, the selection halo and the focus ring (the name is a child item).
        r = RADIUS + 11
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), RADIUS + 2, RADIUS + 2)
        return path

    # --- drawing ---------------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        _name_font, initials_font = self.fonts()
        node = self.node
        colour = style.stage_colour(node.stage)
        selected = self.isSelected()
        if selected:
            halo = QColor(colour)
            halo.setAlpha(70)
            painter.setPen(QPen(colour.darker(120), 2.0))
            painter.setBrush(halo)
            painter.drawEllipse(QPointF(0, 0), RADIUS + 6, RADIUS + 6)
        edge = style.TARGET_GOLD if node.is_target else colour.darker(135)
        painter.setPen(QPen(edge, 2.4 if node.is_target else 1.2))
        painter.setBrush(colour)
        disc = QRectF(-RADIUS, -RADIUS, NODE_DIAMETER, NODE_DIAMETER)
        if self.photo is not None:
            clip = QPainterPath()
            clip.addEllipse(disc)
            painter.save()
            painter.setClipPath(clip)
            painter.drawPixmap(disc.toRect(), self.photo)
            painter.restore()
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(disc)
        else:
            painter.drawEllipse(disc)
            painter.setPen(QColor("white"))
            painter.setFont(initials_font)
            painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, self._initials)
        if node.overdue:
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(style.OVERDUE_RED)
            painter.drawEllipse(QPointF(RADIUS * 0.75, -RADIUS * 0.75), 6.0, 6.0)
        if self.hasFocus():
            # The keyboard's node: a dashed ring outside the disc (and the selection halo).
            focus = QPen(style.label_colour(self.dark), 1.6, Qt.PenStyle.DashLine)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), RADIUS + 9, RADIUS + 9)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._focus_changed()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._focus_changed()

    def _focus_changed(self) -> None:
        self.update()
        for child in self.childItems():
            child.update()

    # --- interaction -----------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Shift-click adds to the selection like Ctrl-click (Qt only knows Ctrl).
            event.setModifiers(event.modifiers() | Qt.KeyboardModifier.ControlModifier)
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.setZValue(10)
            self.events.pressed(self)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.setModifiers(event.modifiers() | Qt.KeyboardModifier.ControlModifier)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.setZValue(0)
            self.events.released(self)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.events.double_clicked(self)
        event.accept()

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        self.events.context_menu(self, event)


class RingsItem(QGraphicsItem):
    """The concentric bands, drawn behind everything."""

    def __init__(self) -> None:
        super().__init__()
        self.geometry = RingGeometry()
        self.dark = False
        self.highlight: int | None = None  # ring under a drag, drawn a little stronger
        self.setZValue(-100)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_geometry(self, geometry: RingGeometry) -> None:
        self.prepareGeometryChange()
        self.geometry = geometry
        self.update()

    def set_highlight(self, ring: int | None) -> None:
        if ring != self.highlight:
            self.highlight = ring
            self.update()

    def boundingRect(self) -> QRectF:
        r = self.geometry.outer_radius + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        fills = style.ring_fills(self.dark)
        edge = QPen(style.ring_edge(self.dark), 1.5)
        edge.setCosmetic(True)
        for band in reversed(self.geometry.bands):
            fill = QColor(fills[band.ring])
            if band.ring == self.highlight:
                fill = fill.darker(112) if not self.dark else fill.lighter(130)
            painter.setPen(edge)
            painter.setBrush(fill)
            painter.drawEllipse(QPointF(0, 0), band.outer, band.outer)


class RingLabelItem(QGraphicsItem):
    """A ring's name and head count at the top of its band, the same size at every zoom."""

    def __init__(self, ring: int) -> None:
        super().__init__()
        self.ring = ring
        self.text = ""
        self.dark = False
        self.setFlag(GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(50)
        font = QFont()
        font.setPointSizeF(9.5)
        font.setBold(True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        self.font = font
        self._rect = QRectF()

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self.text = text
        width = QFontMetricsF(self.font).horizontalAdvance(text.upper()) + 20
        self._rect = QRectF(-width / 2, -11, width, 22)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        background = style.canvas_background(self.dark)
        background.setAlpha(225)
        painter.setPen(QPen(style.ring_edge(self.dark), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(self._rect, 11, 11)
        painter.setPen(style.muted_colour(self.dark))
        painter.setFont(self.font)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class DotsItem(QGraphicsItem):
    """Every node as a dot, in one item: what the canvas draws when zoomed out.

    Dots are grouped by colour into polygons once (when the data or filter changes); a repaint is
    then one drawPoints call per colour, whatever the number of nodes.
    """

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[tuple[QPen, QPolygonF]] = []
        self._rect = QRectF()
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_points(
        self, points: Iterable[tuple[float, float, Stage, bool, bool]], rect: QRectF
    ) -> None:
        """Points as (x, y, stage, dimmed, target)."""
        groups: dict[tuple[Stage, bool], list[QPointF]] = {}
        targets: list[QPointF] = []
        for x, y, stage, dimmed, target in points:
            groups.setdefault((stage, dimmed), []).append(QPointF(x, y))
            if target and not dimmed:
                targets.append(QPointF(x, y))
        self.prepareGeometryChange()
        self._rect = rect
        built: list[tuple[QPen, QPolygonF]] = []
        if targets:
            ring_pen = QPen(style.TARGET_GOLD, NODE_DIAMETER + 8)
            ring_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            built.append((ring_pen, QPolygonF(targets)))
        # Dimmed first, so highlighted dots are drawn on top of them.
        for (stage, dimmed), pts in sorted(groups.items(), key=lambda kv: not kv[0][1]):
            colour = style.stage_colour(stage)
            if dimmed:
                colour.setAlphaF(DIMMED_OPACITY)
            pen = QPen(colour, NODE_DIAMETER)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            built.append((pen, QPolygonF(pts)))
        self._groups = built
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        # Antialiasing round points costs four times as much and shows only on large dots:
        # small ones (a board of thousands, fitted) are drawn without it.
        # A few pixels wide, a square dot looks the same as a round one and costs a quarter.
        diameter = NODE_DIAMETER * option.levelOfDetailFromTransform(painter.worldTransform())
        smooth = diameter >= SMOOTH_DOT_PIXELS
        cap = Qt.PenCapStyle.RoundCap if smooth else Qt.PenCapStyle.SquareCap
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        for pen, polygon in self._groups:
            pen.setCapStyle(cap)
            painter.setPen(pen)
            painter.drawPoints(polygon)
        painter.restore()


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length > 1e-9 else (0.0, 0.0)


def bent_link(start: QPointF, end: QPointF, bend: float = 0.55) -> tuple[QPointF, QPointF, QPointF]:
    """A curve from `start` to `end` bent towards the centre of the board: (start point,
    control point, tip), the ends moved to the edges of the two discs."""
    control = (start + end) / 2 * bend
    if math.hypot(control.x() - start.x(), control.y() - start.y()) < 1e-6:
        control = (start + end) / 2
    ux, uy = _unit(control.x() - start.x(), control.y() - start.y())
    first = QPointF(start.x() + ux * (RADIUS + 2), start.y() + uy * (RADIUS + 2))
    vx, vy = _unit(end.x() - control.x(), end.y() - control.y())
    tip = QPointF(end.x() - vx * (RADIUS + 3), end.y() - vy * (RADIUS + 3))
    return first, control, tip


def arrow_head(tip: QPointF, control: QPointF, length: float) -> QPolygonF:
    """A filled triangle pointing at `tip`, arriving from `control`'s side."""
    ux, uy = _unit(tip.x() - control.x(), tip.y() - control.y())
    back = QPointF(tip.x() - ux * length, tip.y() - uy * length)
    half = length * 0.5
    return QPolygonF(
        [
            tip,
            QPointF(back.x() - uy * half, back.y() + ux * half),
            QPointF(back.x() + uy * half, back.y() - ux * half),
        ]
    )


class ReferralLinesItem(QGraphicsItem):
    """A curved line from each referrer to the person they referred the user to, with an
    arrowhead at the person referred: who introduced whom reads at a glance."""

    #: Arrowheads are this long on screen whatever the zoom.
    ARROW_PIXELS = 9.0

    def __init__(self) -> None:
        super().__init__()
        self._links: list[tuple[QPointF, QPointF, QPointF]] = []
        self._path = QPainterPath()
        self.dark = False
        self.setZValue(-5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Lines and arrowheads are drawn again only when the zoom or the links change.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_links(self, links: Sequence[tuple[QPointF, QPointF]]) -> None:
        path = QPainterPath()
        bent = []
        for start, end in links:
            # Bend each line towards the centre: it reads as "inwards", and lines that share a
            # node do not lie on top of each other.
            first, control, tip = bent_link(start, end)
            path.moveTo(first)
            path.quadTo(control, tip)
            bent.append((first, control, tip))
        self.prepareGeometryChange()
        self._path = path
        self._links = bent
        self.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-40, -40, 40, 40)

    def colour(self) -> QColor:
        colour = QColor("#8a63d2" if self.dark else "#6a44b8")
        colour.setAlpha(200)
        return colour

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        colour = self.colour()
        pen = QPen(colour, 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QBrush())
        painter.drawPath(self._path)
        scale = max(option.levelOfDetailFromTransform(painter.worldTransform()), 1e-3)
        length = self.ARROW_PIXELS / scale
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for _first, control, tip in self._links:
            painter.drawPolygon(arrow_head(tip, control, length))


class PathItem(QGraphicsItem):
    """A highlighted chain of contacts (a warm path): a ring around each of its nodes and a
    strong arrowed line from each step to the next."""

    ARROW_PIXELS = 12.0

    def __init__(self) -> None:
        super().__init__()
        self.centres: list[QPointF] = []
        self._links: list[tuple[QPointF, QPointF, QPointF]] = []
        self._rect = QRectF()
        self.setZValue(-4)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def tips(self) -> list[QPointF]:
        """Where the arrowheads point (scene)."""
        return [tip for _first, _control, tip in self._links]

    def set_chain(self, centres: Sequence[QPointF]) -> None:
        self.prepareGeometryChange()
        self.centres = list(centres)
        self._links = [bent_link(a, b, 0.85) for a, b in itertools.pairwise(centres)]
        rect = QRectF()
        for centre in centres:
            rect = rect.united(QRectF(centre.x() - 1, centre.y() - 1, 2, 2))
        self._rect = rect.adjusted(-RADIUS - 60, -RADIUS - 60, RADIUS + 60, RADIUS + 60)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.centres:
            return
        colour = QColor(PATH_COLOUR)
        pen = QPen(colour, 3.0)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        scale = max(option.levelOfDetailFromTransform(painter.worldTransform()), 1e-3)
        ring = max(RADIUS + 7, RADIUS + 5 / scale)
        for centre in self.centres:
            painter.drawEllipse(centre, ring, ring)
        path = QPainterPath()
        for first, control, tip in self._links:
            path.moveTo(first)
            path.quadTo(control, tip)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        length = self.ARROW_PIXELS / scale
        for _first, control, tip in self._links:
            painter.drawPolygon(arrow_head(tip, control, length))
