"""Help → Keyboard shortcuts (listed from the window's actual actions), Help → The method (the
bull's-eye and how to work it, in plain words) and Help → About."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networkdesk.ui.views.table_style import compact_rows

#: Keys that are not actions of their own: how lists and search fields answer the keyboard.
LIST_KEYS: tuple[tuple[str, str], ...] = (
    ("In a search field: go into its list", "Down"),
    ("In a search field or a list: open the contact", "Enter"),
    ("In a list: select several contacts", "Ctrl+click, Shift+click, Ctrl+A"),
    ("In a list or an empty search field: delete the selected contacts", "Del"),
    ("Contact menu of the selected row", "Menu key, Shift+F10"),
    ("Close a dialog or menu", "Esc"),
)


def _menu_path(action: QAction, window: QMainWindow) -> str:
    """Where an action lives in the menu bar ("Edit", "Contact → Move to ring"), or ""."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            found = _find_in(menu, action, [top.text().replace("&", "")])
            if found:
                return " → ".join(found)
    return ""


def _find_in(menu: QMenu, action: QAction, path: list[str]) -> list[str] | None:
    for entry in menu.actions():
        if entry is action:
            return path
        sub = entry.menu()
        if isinstance(sub, QMenu):
            found = _find_in(sub, action, [*path, entry.text().replace("&", "")])
            if found:
                return found
    return None


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(what, keys, menu) for every action of the window that has a shortcut, in menu order,
    each once; actions outside the menus (window-wide keys) follow."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(actions: Iterable[QAction]) -> None:
        for action in actions:
            keys = [s for s in action.shortcuts() if not s.isEmpty()]
            if not keys or id(action) in seen or not action.text():
                continue
            seen.add(id(action))
            text = action.text().replace("&", "").rstrip("…").strip()
            native = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            path = _menu_path(action, window)
            if " → " in path:
                # "Inner" alone says little: "Move to ring: Inner".
                text = f"{path.rsplit(' → ', 1)[1]}: {text}"
            rows.append((text, native, path))

    def walk(menu: QMenu) -> None:
        add(menu.actions())
        for entry in menu.actions():
            sub = entry.menu()
            if isinstance(sub, QMenu):
                walk(sub)

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu)
    add(window.findChildren(QAction))
    return rows


def _close_button(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.setAccessibleName("Close")
    buttons.rejected.connect(dialog.reject)
    return buttons


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, generated from its actions."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = [(what, keys, menu or "Window") for what, keys, menu in shortcut_rows(window)]
        rows += [(what, keys, "Lists and search fields") for what, keys in LIST_KEYS]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Where"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        compact_rows(self.table)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(_close_button(self))
        screen = window.screen().availableGeometry() if window.screen() else None
        width, height = 640, 560
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)


METHOD_TEXT = """\
THE CAREER BULL'S-EYE

A job search is won by informational meetings: conversations that build trust with people close \
to the decision-makers at the companies you want to join. It is not won by asking for jobs.

Picture your search as a target. In the centre, the bull's-eye: the decision-makers and "star" \
contacts at your target companies. Around it, the inner ring (insiders who can vouch for you), \
the middle ring (people who can refer you on) and the outer ring: alumni, friends and \
acquaintances, the low-risk people you start with.


PRACTICE FIRST

Work from the outside in. Hold your first meetings with outer-ring contacts: they forgive a \
clumsy question, and every meeting makes the next one easier. networkdesk reminds you when you \
reach for the bull's-eye before you have practised enough (Settings → practice meetings).


DO YOUR HOMEWORK

Before each meeting, learn the company's mission, what it is working on and what the person \
does. Write down good questions: about their work, their path, the challenges of their team, \
whom else you should talk to. A meeting's checklist and the question bank help.


ASK GOOD QUESTIONS, AND NEVER PUT ANYONE ON THE SPOT

Ask about the work, not about pay or hiring plans. Never ask for a job: say early that you are \
not asking for one, and mean it. People help those who want to learn from them; they back away \
from those who want something from them. The question bank flags risky questions and says why.


LEAVE WITH REFERRALS

End each meeting by asking whom else you should talk to, and whether you may mention their name. \
Each referral is the next step inward. networkdesk keeps who referred you to whom.


SAY THANK YOU, AND FOLLOW UP

Send a thank-you within 24 hours (Log meeting adds the follow-up for you), tell the person when \
you met the people they sent you to, and keep in touch. Move contacts inward on the board as \
trust grows: by the time you reach your star, you are ready.
"""


class MethodDialog(QDialog):
    """The method in plain words (read-only, selectable text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("methodDialog")
        self.setWindowTitle("The method")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("methodText")
        self.text.setAccessibleName("The method")
        self.text.setReadOnly(True)
        self.text.setPlainText(METHOD_TEXT)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout = QVBoxLayout(self)
        intro = QLabel("How networkdesk is meant to be used:", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setBuddy(self.text)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(_close_button(self))
        metrics = self.text.fontMetrics()
        width = metrics.averageCharWidth() * 76 + 60
        height = metrics.lineSpacing() * 42
        screen = parent.screen().availableGeometry() if parent is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)
