"""Colours and the style sheet: one place that knows whether the system palette is dark, so the
canvas and the panels follow the user's light/dark theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from networkdesk.domain.enums import Stage
from networkdesk.resources_access import resource

# Stage colours chosen to stay distinct for common colour-vision deficiencies (blue/orange
# carry most of the contrast) and readable with white initials on top.
_STAGE_COLOURS: dict[Stage, str] = {
    Stage.IDENTIFIED: "#7b8794",
    Stage.CONTACTED: "#3b82c4",
    Stage.MEETING_SCHEDULED: "#d9822b",
    Stage.MET: "#2f9e6a",
    Stage.FOLLOWING_UP: "#1f9aa8",
    Stage.REFERRED_ON: "#7e5bc2",
    Stage.DORMANT: "#a3a9b1",
}

# Ring bands from the bull's-eye outwards: warm at the centre, cooler and paler outside.
_RING_FILLS_LIGHT = ("#fbd9cf", "#fdebd9", "#eaf1f9", "#f3f5f8")
_RING_FILLS_DARK = ("#5a2f2a", "#4a3a2a", "#2a3646", "#262b33")

TARGET_GOLD = QColor("#d4a017")
OVERDUE_RED = QColor("#d64545")


def is_dark(palette: QPalette | None = None) -> bool:
    if palette is None:
        app = QGuiApplication.instance()
        palette = QGuiApplication.palette() if app is not None else QPalette()
    window = palette.color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def stage_colour(stage: Stage) -> QColor:
    return QColor(_STAGE_COLOURS[stage])


def ring_fills(dark: bool) -> tuple[QColor, ...]:
    return tuple(QColor(c) for c in (_RING_FILLS_DARK if dark else _RING_FILLS_LIGHT))


def ring_edge(dark: bool) -> QColor:
    return QColor("#6b7686") if dark else QColor("#b8c2cf")


def canvas_background(dark: bool) -> QColor:
    return QColor("#1d2127") if dark else QColor("#fbfcfd")


def label_colour(dark: bool) -> QColor:
    return QColor("#e6e9ee") if dark else QColor("#27303b")


def muted_colour(dark: bool) -> QColor:
    return QColor("#9aa4b1") if dark else QColor("#5f6b7a")


def style_sheet() -> str:
    """The application style sheet (small: the platform style does most of the work)."""
    try:
        return resource("styles", "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
