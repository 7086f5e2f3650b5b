"""Column widths that keep short tables' headers readable: each column as wide as its header's
label needs (measured through the style, sort arrow included when it shows), shrunk evenly -
never below a floor - only when the table is too narrow for all of them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader

#: Any width will do to measure what the style keeps around a label: it is a fixed margin.
_PROBE = 200


def label_width(header: QHeaderView, section: int) -> int:
    """The width at which `section`'s header label shows whole (not elided)."""
    model = header.model()
    text = str(model.headerData(section, header.orientation()) or "") if model else ""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.rect = QRect(0, 0, _PROBE, max(header.height(), 20))
    option.orientation = header.orientation()
    option.section = section
    option.text = text
    if header.orientation() == Qt.Orientation.Horizontal:
        option.state |= QStyle.StateFlag.State_Horizontal
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
        option.sortIndicator = (
            QStyleOptionHeader.SortIndicator.SortUp
            if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            else QStyleOptionHeader.SortIndicator.SortDown
        )
    room = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
    # + 1: advances are fractional and round down; a label exactly as wide as its room elides.
    return header.fontMetrics().horizontalAdvance(text) + (_PROBE - room.width()) + 1


def fit_widths(wants: Sequence[int], floor: int, room: int) -> list[int]:
    """`wants` when they fit in `room`; otherwise each column gives up the same share of what
    it wants above `floor`, and none goes below `floor` (its label then elides, and the
    header's tooltip names it)."""
    if sum(wants) <= room:
        return list(wants)
    spare = [max(0, want - floor) for want in wants]
    budget = max(0, room - floor * len(wants))
    total_spare = sum(spare)
    if total_spare == 0:
        return [max(floor, want) for want in wants]
    share = min(1.0, budget / total_spare)
    return [floor + int(extra * share) for extra in spare]
