"""User text is shown literally everywhere: every label, tooltip, window title and item-model
cell (DisplayRole and ToolTipRole) of the window, its panels, the board and the editors is
scanned with contacts whose names and notes look like HTML. A label must be plain text; a tooltip
is rich text whenever Qt guesses so, so it must escape what it quotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui's Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGraphicsView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QWidget,
)

from networkdesk.services import contacts, followups, interactions, meetings, referrals

pytestmark = pytest.mark.usefixtures("qapp")

WHEN = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)
#: Each marker is a word that only the hostile text contains; where it shows, the tags around it
#: must show too.
HOSTILE = {
    "Zedhtml": "<b>Zedhtml</b>",
    "Corphtml": "<i>Corphtml</i>",
    "Titlehtml": "<u>Titlehtml</u>",
    "Taghtml": "<s>Taghtml</s>",
    "Notehtml": "<h1>Notehtml</h1>",
    "Placehtml": "<a href='x'>Placehtml</a>",
    "Followhtml": "<b>Followhtml</b>",
    "Referhtml": "<b>Referhtml</b>",
}


def shown_as(text: str, rich: bool) -> str:
    """What a person sees for `text` rendered as rich text (`rich`) or plain."""
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def tooltip_shown(text: str) -> str:
    # QToolTip renders rich text whenever Qt.mightBeRichText guesses it is.
    return shown_as(text, GuiQt.mightBeRichText(text))


def label_shown(label: QLabel) -> str:
    fmt = label.textFormat()
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text())
    )
    return shown_as(label.text(), rich)


#: How often a marker was seen shown literally (the scans must find user text at all).
SEEN: list[str] = []


def problems_in(where: str, shown: str) -> list[str]:
    """Every marker that shows without its tags (so the tags were rendered, not shown)."""
    SEEN.extend(where for literal in HOSTILE.values() if literal in shown)
    return [
        f"{where}: {literal!r} is rendered as rich text: {shown[:120]!r}"
        for marker, literal in HOSTILE.items()
        if marker in shown and literal not in shown
    ]


def model_cells(model: QAbstractItemModel, parent: QModelIndex, depth: int = 0) -> Iterator[Any]:
    # List and table models make columnCount / hasChildren private in the bindings.
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if not flat and depth < 2 and model.hasChildren(index):
                yield from model_cells(model, index, depth + 1)


def scan(root: QWidget) -> list[str]:
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}({widget.objectName()})"
        found += problems_in(f"{name} tooltip", tooltip_shown(widget.toolTip()))
        if widget.isWindow():
            found += problems_in(f"{name} title", widget.windowTitle())
        if isinstance(widget, QLabel):
            found += problems_in(f"{name} text", label_shown(widget))
        if isinstance(widget, QAbstractButton | QGroupBox):
            found += problems_in(
                f"{name} text",
                widget.text() if isinstance(widget, QAbstractButton) else widget.title(),
            )
        # A header shows its table's model: the table scans those cells once.
        if (
            isinstance(widget, QAbstractItemView)
            and not isinstance(widget, QHeaderView)
            and widget.model() is not None
        ):
            model = widget.model()
            for index in model_cells(model, QModelIndex()):
                display = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(display, str):
                    found += problems_in(f"{name} cell", display)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    found += problems_in(f"{name} cell tooltip", tooltip_shown(tip))
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                found += problems_in(f"{name} item tooltip", tooltip_shown(item.toolTip()))
                text = getattr(item, "toPlainText", None)
                if callable(text):
                    found += problems_in(f"{name} item text", str(text()))
    for action in root.findChildren(type(root.actions()[0])) if root.actions() else []:
        found += problems_in(f"action {action.objectName()}", tooltip_shown(action.toolTip()))
    return found


@pytest.fixture
def hostile(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        zed = contacts.add(
            s,
            HOSTILE["Zedhtml"],
            company=HOSTILE["Corphtml"],
            title=HOSTILE["Titlehtml"],
            tag_names=[HOSTILE["Taghtml"]],
            notes=HOSTILE["Notehtml"],
            how_met=HOSTILE["Notehtml"],
            ring=2,
        )
        inbox = contacts.add(s, HOSTILE["Referhtml"], company=HOSTILE["Corphtml"])
        meeting = meetings.add(
            s,
            zed.id,
            WHEN,
            location=HOSTILE["Placehtml"],
            notes=HOSTILE["Notehtml"],
            questions=[f"What brought you to {HOSTILE['Corphtml']}?"],
        )
        followups.add(
            s,
            zed.id,
            WHEN + dt.timedelta(days=2),
            title=HOSTILE["Followhtml"],
            notes=HOSTILE["Notehtml"],
        )
        referrals.add(s, zed.id, inbox.id, note=HOSTILE["Notehtml"], meeting_id=meeting.id)
        interactions.add(s, zed.id, kind="email", direction="out", note=HOSTILE["Notehtml"])
        return {"zed": zed.id, "inbox": inbox.id, "meeting": meeting.id}


def test_the_window_panels_and_board_show_user_text_literally(
    hostile: dict[str, int], window: Any, qtbot: Any
) -> None:
    window.workspace.notify(())
    QApplication.processEvents()
    window.show_notice(f"Imported {HOSTILE['Zedhtml']}", "info")
    SEEN.clear()
    problems = scan(window)
    assert not problems, "\n".join(problems)
    # The table, the board, the inbox, the agenda and the panels did show the hostile text.
    assert len(SEEN) >= 10, SEEN


def test_the_editors_show_user_text_literally(hostile: dict[str, int], db: Any, qtbot: Any) -> None:
    from pipeline_fixtures import make_workspace

    from networkdesk.ui.views.contact_editor import ContactEditor
    from networkdesk.ui.views.meeting_editor import MeetingEditor

    ws = make_workspace(db)
    for editor in (
        ContactEditor(ws, hostile["zed"]),
        MeetingEditor(ws, meeting_id=hostile["meeting"]),
    ):
        qtbot.addWidget(editor)
        editor.show()
        QApplication.processEvents()
        SEEN.clear()
        problems = scan(editor)
        assert not problems, "\n".join(problems)
        assert SEEN, type(editor).__name__


def test_the_scan_is_not_vacuous(qtbot: Any) -> None:
    """A rich label or an unescaped tooltip with user text is caught."""
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel(HOSTILE["Zedhtml"], widget)
    widget.setToolTip(f"Contact {HOSTILE['Corphtml']}")
    assert len(scan(widget)) == 2
    label.setTextFormat(Qt.TextFormat.PlainText)
    widget.setToolTip(f"<p>Contact {HOSTILE['Corphtml'].replace('<', '&lt;')}</p>")
    assert scan(widget) == []


def test_the_import_preview_shows_names_from_the_file_literally(
    window: Any, qtbot: Any, tmp_path: Any
) -> None:
    card = tmp_path / "hostile.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:<b>Zedhtml</b>\r\nORG:<i>Corphtml</i>\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    dialog = window.files.openers[".vcf"](card)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    SEEN.clear()
    problems = scan(dialog)
    assert not problems, "\n".join(problems)
    assert SEEN
    dialog.reject()
