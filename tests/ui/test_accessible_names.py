"""Every control of the main window can be told apart by a screen reader: an accessible name of
its own, or a label that is its buddy. Help lists the shortcuts from the actual actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from networkdesk.ui.views.help_dialogs import METHOD_TEXT, shortcut_rows

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QTabBar,
)


def _inside_combo(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def _nameless(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    offenders = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS):
            continue
        # Qt's own parts of a control (a scroll bar of a view, the line edit inside a combo
        # box, the close button of a dock) are named by the control they belong to.
        name = widget.objectName()
        if name.startswith("qt_") or widget.parent() is None:
            continue
        parent = widget.parent()
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QAbstractItemView):
            continue  # a combo's line edit, a field's clear button, a view's header
        if _inside_combo(widget):
            continue  # a combo box's popup list
        if isinstance(widget, QScrollBar) or (
            isinstance(widget, QTabBar) and isinstance(parent, QMainWindow)
        ):
            continue  # scroll bars, and the tabs Qt makes for tabbed docks (named by the docks)
        if type(widget).__name__ in ("QDockWidgetTitleButton", "QToolBarExtension"):
            continue
        if widget.accessibleName() or id(widget) in buddies:
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if text and isinstance(widget, QAbstractButton):
            continue  # a button's own text is its name
        offenders.append(
            f"{type(widget).__name__} {name or '(no objectName)'} in {type(parent).__name__}"
        )
    return offenders


def test_every_control_of_the_main_window_has_a_name(window: Any) -> None:
    offenders = _nameless(window)
    assert offenders == [], "\n".join(offenders)


def test_help_lists_shortcuts_from_the_actions(window: Any) -> None:
    rows = shortcut_rows(window)
    by_action = {what: keys for what, keys, _menu in rows}
    assert by_action["Undo"] == "Ctrl+Z"
    assert by_action["Find contact"] == "Ctrl+F"
    assert "Keyboard shortcuts" in by_action
    assert len(by_action) == len(rows), "each action once"
    dialog = window.menus.show_shortcuts()
    assert isinstance(dialog, QDialog)
    assert dialog.table.rowCount() >= len(rows)
    assert _nameless(dialog) == []
    dialog.reject()


def test_help_explains_the_method(window: Any) -> None:
    dialog = window.menus.show_method()
    text = dialog.text.toPlainText()
    assert text == METHOD_TEXT
    for words in (
        "PRACTICE FIRST",
        "HOMEWORK",
        "QUESTIONS",
        "Never ask for a job",
        "REFERRALS",
        "THANK",
    ):
        assert words.lower() in text.lower()
    assert _nameless(dialog) == []
    dialog.reject()
    help_menu = window.menu("help")
    names = [a.objectName() for a in help_menu.actions() if a.objectName()]
    assert names == ["shortcutsAction", "methodAction", "aboutAction"]
