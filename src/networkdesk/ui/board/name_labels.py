"""Names on the board at a readable size whatever the zoom: one `NameLabelItem` per node (a
child of the node, so it follows drags and dimming), placed by `labels.place_labels` in
viewport pixels whenever the zoom, the visible part of the board or the data change.

The placement is debounced (a burst of wheel steps or a pan lays out once, when it pauses) and
limited to the nodes near the viewport on large boards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from networkdesk.ui import style
from networkdesk.ui.board.items import RADIUS, NodeItem
from networkdesk.ui.board.labels import (
    LabelRequest,
    PlacedLabel,
    Rect,
    first_name_and_initial,
    place_labels,
)
from networkdesk.ui.board.mirror import BoardMirror

GraphicsItemFlag = QGraphicsItem.GraphicsItemFlag

#: Widest a label is drawn, in pixels (longer names are elided; the tooltip has them whole).
MAX_LABEL_PIXELS = 150.0
#: Padding inside a label's pill, left and right.
PAD = 3.0
#: Wait this long after the last zoom, pan or change before placing the labels again.
DEBOUNCE_MS = 40
#: On boards larger than this, only nodes near the viewport ask for a label.
WHOLE_BOARD_LIMIT = 1500


def label_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8.5)
    return font


class NameLabelItem(QGraphicsItem):
    """A node's name, drawn at the same size on screen at every zoom, beside its disc."""

    font: QFont | None = None
    metrics: QFontMetricsF | None = None
    dark = False

    def __init__(self, node: NodeItem) -> None:
        super().__init__(node)
        self.node = node
        self.text = ""
        self._rect = QRectF()
        self.setFlag(GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setVisible(False)

    def toolTip(self) -> str:
        return self.node.toolTip()

    def ensure_tooltip(self) -> None:
        """Take the node's tooltip (composed when first asked for: NodeItem.ensure_tooltip)."""
        tip = self.node.toolTip()
        if super().toolTip() != tip:
            self.setToolTip(tip)

    @classmethod
    def font_metrics(cls) -> tuple[QFont, QFontMetricsF]:
        if cls.font is None or cls.metrics is None:
            cls.font = label_font()
            cls.metrics = QFontMetricsF(cls.font)
        return cls.font, cls.metrics

    @classmethod
    def line_height(cls) -> float:
        return cls.font_metrics()[1].height() + 1

    def show_label(self, text: str, rect: Rect) -> None:
        fresh = QRectF(rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1])
        if text != self.text or fresh != self._rect:
            self.prepareGeometryChange()
            self.text = text
            self._rect = fresh
            self.update()
        if not self.isVisible():
            self.setVisible(True)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        font, _metrics = self.font_metrics()
        background = style.canvas_background(self.dark)
        if self.node.isSelected() or self.node.hasFocus():
            tint = QColor(style.stage_colour(self.node.node.stage))
            tint.setAlpha(90)
            background = tint
        else:
            background.setAlpha(185)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(QPen(style.label_colour(self.dark)))
        painter.setFont(font)
        # drawText with a plain string never interprets markup: names show literally.
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


def label_texts(name: str) -> tuple[tuple[str, float], ...]:
    """The full name (elided to MAX_LABEL_PIXELS) and the first name + initial, with widths."""
    _font, metrics = NameLabelItem.font_metrics()
    full = metrics.elidedText(name, Qt.TextElideMode.ElideRight, MAX_LABEL_PIXELS)
    texts = [(full, metrics.horizontalAdvance(full) + 2 * PAD)]
    short = first_name_and_initial(name)
    if short and short != full:
        texts.append((short, metrics.horizontalAdvance(short) + 2 * PAD))
    return tuple(texts)


class BoardLabels:
    """Keeps the names of one view's nodes placed."""

    def __init__(
        self,
        view: QGraphicsView,
        mirror: BoardMirror,
        scale: Callable[[], float],
        obstacles: Callable[[float], list[Rect]],
        emphasised: Callable[[], frozenset[int]],
        bounds: Callable[[float], Rect],
    ) -> None:
        """`obstacles(scale)`: rectangles (scene × scale pixels) labels keep clear of;
        `emphasised()`: the nodes labelled first (selection, highlighted chain, focus);
        `bounds(scale)`: the rectangle labels stay inside (the viewport)."""
        self.view = view
        self.mirror = mirror
        self._scale = scale
        self._obstacles = obstacles
        self._emphasised = emphasised
        self._bounds = bounds
        self._texts: dict[int, tuple[str, tuple[tuple[str, float], ...]]] = {}
        self.placed: dict[int, PlacedLabel] = {}
        self.items: dict[int, NameLabelItem] = {}
        self._timer = QTimer(view)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.relayout)

    def schedule(self) -> None:
        self._timer.start()

    def texts_of(self, contact_id: int, name: str) -> tuple[tuple[str, float], ...]:
        cached = self._texts.get(contact_id)
        if cached is None or cached[0] != name:
            cached = (name, label_texts(name))
            self._texts[contact_id] = cached
        return cached[1]

    def requests(self) -> list[LabelRequest]:
        """What the nodes in (or, on a small board, around) the viewport ask for. Reads the
        mirror's plain data only: attribute access on thousands of Qt items is slow."""
        placements = self.mirror.placements
        dimmed = self.mirror.dimmed
        emphasised = self._emphasised()
        region: tuple[float, float, float, float] | None = None
        if len(placements) > WHOLE_BOARD_LIMIT:
            visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
            dx, dy = visible.width() / 4, visible.height() / 4
            region = (
                visible.left() - dx,
                visible.top() - dy,
                visible.right() + dx,
                visible.bottom() + dy,
            )
        out: list[LabelRequest] = []
        for node in self.mirror.board:
            place = placements.get(node.id)
            if place is None:
                continue
            x, y = place.x, place.y
            if region is not None and not (
                region[0] <= x <= region[2] and region[1] <= y <= region[3]
            ):
                continue
            shown = node.id not in dimmed
            priority = float(node.ring)
            if node.id in emphasised:
                priority -= 10
            texts = self.texts_of(node.id, node.name) if shown else ()
            out.append(LabelRequest(node.id, x, y, RADIUS, priority, texts, shown))
        return out

    def relayout(self) -> None:
        """Place every label now (the timer calls this; tests may too)."""
        self._timer.stop()
        scale = self._scale()
        requests = self.requests()
        self.placed = place_labels(
            requests,
            scale,
            NameLabelItem.line_height(),
            self._obstacles(scale),
            self._bounds(scale),
        )
        nodes = self.mirror.nodes
        for cid in [cid for cid, label in self.items.items() if nodes.get(cid) is not label.node]:
            del self.items[cid]  # the node left the board (its label went with it)
        for cid, item in nodes.items():
            label = self.items.get(cid)
            placed = self.placed.get(cid)
            if placed is None:
                if label is not None and label.isVisible():
                    label.setVisible(False)
                continue
            if label is None:
                label = NameLabelItem(item)
                self.items[cid] = label
            label.show_label(placed.text, placed.rect)

    def set_dark(self, dark: bool) -> None:
        NameLabelItem.dark = dark
        for label in self.items.values():
            label.update()
