"""The contacts table's scroll bar skips the repaints a range change does not show."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollBar, QWidget

from networkdesk.ui.views.steady_scrollbar import SteadyScrollBar


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _shown_bar(qtbot: Any) -> tuple[SteadyScrollBar, _PaintCounter, QWidget]:
    host = QWidget()
    qtbot.addWidget(host)
    bar = SteadyScrollBar(Qt.Orientation.Vertical, host)
    bar.setGeometry(0, 0, 16, 400)
    bar.setRange(0, 750_000)
    bar.setPageStep(600)
    host.resize(40, 420)
    host.show()
    qtbot.waitExposed(host)
    counter = _PaintCounter()
    bar.installEventFilter(counter)
    _settle(qtbot, counter)
    counter.paints = 0
    return bar, counter, host


def _settle(qtbot: Any, counter: _PaintCounter) -> None:
    """Wait until the show's own paints are over: 150 ms without one (on a loaded CI
    machine the first expose can repaint again well after waitExposed returns)."""
    quiet_since = counter.paints
    for _ in range(40):
        qtbot.wait(150)
        if counter.paints == quiet_since:
            return
        quiet_since = counter.paints


def test_a_range_change_that_keeps_the_slider_does_not_repaint(qtbot: Any) -> None:
    bar, counter, _host = _shown_bar(qtbot)
    # 30,000 rows to 20,000: the slider keeps its minimum length at the top.
    bar.setRange(0, 500_000)
    qtbot.wait(20)
    assert counter.paints == 0
    assert bar.maximum() == 500_000  # the range itself did change


def test_a_range_change_that_moves_the_slider_repaints(qtbot: Any) -> None:
    bar, counter, _host = _shown_bar(qtbot)
    bar.setRange(0, 600)  # a few rows: the slider fills half the groove
    qtbot.waitUntil(lambda: counter.paints > 0)


def test_a_value_change_repaints(qtbot: Any) -> None:
    bar, counter, _host = _shown_bar(qtbot)
    bar.setValue(100_000)
    qtbot.waitUntil(lambda: counter.paints > 0)


def _grab_pair(qtbot: Any, orientation: Qt.Orientation, **state: Any) -> tuple[QImage, QImage]:
    """The same bar drawn by QScrollBar and by SteadyScrollBar (away from the offscreen
    pointer, which sits at the host's origin: a bar under it paints itself, uncached)."""
    images = []
    for kind in (QScrollBar, SteadyScrollBar):
        host = QWidget()
        qtbot.addWidget(host)
        host.resize(860, 860)
        bar = kind(orientation, host)
        if orientation == Qt.Orientation.Vertical:
            bar.setGeometry(20, 20, 16, 800)
        else:
            bar.setGeometry(20, 20, 800, 16)
        bar.setRange(0, state.get("maximum", 29_000))
        bar.setPageStep(30)
        bar.setValue(state.get("value", 0))
        bar.setEnabled(state.get("enabled", True))
        host.show()
        qtbot.waitExposed(host)
        bar.grab()  # the first paint fills the cache; the second draws from it
        images.append(bar.grab().toImage())
        if isinstance(bar, SteadyScrollBar):
            assert bar._pixmap_key is not None  # drawn from the cache, not by QScrollBar
    return images[0], images[1]


def _largest_difference(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixel(x, y), b.pixel(x, y)
            if p != q:
                worst = max(
                    worst, *(abs(((p >> s) & 255) - ((q >> s) & 255)) for s in (0, 8, 16, 24))
                )
    return worst


@pytest.mark.parametrize("orientation", [Qt.Orientation.Vertical, Qt.Orientation.Horizontal])
@pytest.mark.parametrize(
    "state",
    [
        {"value": 0},
        {"value": 15_000},
        {"value": 29_000},
        {"maximum": 600, "value": 300},
        {"maximum": 0},
        {"value": 100, "enabled": False},
    ],
    ids=["top", "middle", "bottom", "long-slider", "no-range", "disabled"],
)
def test_the_cached_paint_looks_like_qscrollbar(
    qtbot: Any, orientation: Qt.Orientation, state: dict[str, Any]
) -> None:
    plain, steady = _grab_pair(qtbot, orientation, **state)
    # Fusion's groove is translucent: drawn into a transparent pixmap first and then onto the
    # parent's background, its premultiplied alpha rounds one or two levels of 255 the other
    # way (measured: at most 2); a wrong look (another slider place, state or size) is far more.
    assert _largest_difference(plain, steady) <= 2


def test_a_moved_slider_is_drawn_anew_not_from_the_cache(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(80, 460)
    bar = SteadyScrollBar(Qt.Orientation.Vertical, host)
    bar.setGeometry(20, 20, 16, 400)  # off the offscreen pointer: the cached path
    bar.setRange(0, 750_000)
    bar.setPageStep(600)
    host.show()
    qtbot.waitExposed(host)
    at_top = bar.grab().toImage()
    assert bar._pixmap_key is not None
    bar.setValue(400_000)
    moved = bar.grab().toImage()
    assert _largest_difference(moved, at_top) > 2
    bar.setValue(0)
    assert _largest_difference(bar.grab().toImage(), at_top) == 0


def test_a_button_held_on_the_bar_paints_it_uncached_until_released(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(80, 460)
    bar = SteadyScrollBar(Qt.Orientation.Vertical, host)
    bar.setGeometry(20, 20, 16, 400)
    bar.setRange(0, 750_000)
    bar.setPageStep(600)
    host.show()
    qtbot.waitExposed(host)
    bar.grab()
    assert bar._pixmap_key is not None
    groove = QPoint(8, 300)  # below the slider: a press pages down and looks pressed
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, groove)
    bar.grab()
    assert bar._pixmap_key is None  # QScrollBar painted its pressed look itself
    QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, groove)
    bar.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)  # the pointer left it
    bar.grab()
    assert bar._pixmap_key is not None
