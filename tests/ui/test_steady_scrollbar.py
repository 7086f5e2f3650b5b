"""The contacts table's scroll bar skips the repaints a range change does not show."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

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
