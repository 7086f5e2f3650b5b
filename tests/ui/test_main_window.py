"""The main window: its contract for other features, first run, files, notices, layout, backups,
and `networkdesk` (no command) opening it and returning when it closes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from networkdesk.ui.views.main_window import MENU_KEYS


def test_window_contract(window) -> None:
    assert window.objectName() == "mainWindow"
    assert window.canvas.objectName() == "ringView"
    assert window.inbox is not None
    for key in MENU_KEYS:
        assert window.menu(key).title()
    assert window.toolbar.objectName() == "mainToolbar"
    assert window.status_bar is window.statusBar()
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    redo_keys = {s.toString() for s in window.redo_action.shortcuts()}
    assert redo_keys == {"Ctrl+Shift+Z", "Ctrl+Y"}
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert [a.shortcut().toString() for a in window.ring_actions] == [
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
        "Ctrl+4",
    ]


def test_panels_are_tabified_and_toggled_from_the_view_menu(window) -> None:
    first = window.add_panel(QLabel("one"), "First", "firstDock")
    second = window.add_panel(QLabel("two"), "Second", "secondDock")
    assert isinstance(first, QDockWidget)
    assert first.objectName() == "firstDock"
    QApplication.processEvents()  # docks are tabified once the layout has run
    assert second in window.tabifiedDockWidgets(first)
    view_actions = [a.text() for a in window.menu("view").actions()]
    assert "First" in view_actions
    assert "Second" in view_actions
    assert window.inbox_dock.objectName() == "inboxDock"


def test_notices_stack_and_cap(window) -> None:
    for i in range(6):
        window.show_notice(f"notice {i}", "warning")
    assert window.notices.texts() == ["notice 5", "notice 4", "notice 3", "notice 2"]
    called = []
    notice = window.show_notice("with action", "info", "Do it", lambda: called.append(1))
    assert notice.action_button is not None
    notice.action_button.click()
    assert called == [1]
    assert "with action" not in window.notices.texts()


def test_show_error_is_plain_and_does_not_block(window) -> None:
    box = window.show_error("Could not save", "Name <b>missing</b>")
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "Name <b>missing</b>"
    box.close()


def test_file_openers_and_dropped_files(window, tmp_path) -> None:
    opened: list[Path] = []
    window.register_file_opener((".vcf", ".CSV"), opened.append)
    target = tmp_path / "Connections.csv"
    target.write_text("x")
    assert window.open_path(target)
    assert opened == [target]
    assert not window.open_path(tmp_path / "notes.txt")
    assert "cannot open" in window.notices.texts()[0]

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "card.vcf"))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(50, 50), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    assert opened[-1] == tmp_path / "card.vcf"


def test_first_run_explains_and_loads_demo_data(window) -> None:
    assert window.pages.currentWidget() is window.first_run
    text = " ".join(label.text() for label in window.first_run.findChildren(QLabel))
    assert "bull's-eye" in text
    assert QApplication.activeModalWidget() is None
    window.first_run.demo_button.click()
    assert window.pages.currentWidget() is not window.first_run
    assert len(window.canvas.nodes) == 60
    assert window.inbox.model.rowCount() == 140
    assert "Demo data loaded" in window.notices.texts()[0]
    assert "60 on the rings" in window.board_status.text()


def test_import_linkedin_without_importer_gives_a_hint(window) -> None:
    window.files.openers.pop(".csv", None)
    window.first_run.import_button.click()
    assert "import linkedin" in window.notices.texts()[0]


def _inside_composite(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QLineEdit, QComboBox, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def test_interactive_widgets_have_accessible_names(window, add_contact) -> None:
    add_contact("Someone", ring=1)
    window.workspace.notify()
    window.show_notice("hello")
    mine: list[QWidget] = [
        window.canvas,
        window.inbox,
        window.filter_bar,
        window.notices,
        window.first_run,
    ]
    interactive = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    for root in mine:
        assert root.accessibleName(), root
        for child in root.findChildren(QWidget):
            # Qt's own parts of a composite widget (a line edit's clear button, a combo box's
            # popup list) are named by the widget they belong to.
            if _inside_composite(child, root):
                continue
            if isinstance(child, interactive):
                name = child.accessibleName() or getattr(child, "text", lambda: "")()
                assert name, f"{type(child).__name__} {child.objectName()} has no name"


def test_layout_is_saved_and_restored(window, qtbot) -> None:
    window.resize(1200, 800)
    window.referrals_action.setChecked(True)
    window.save_layout()
    assert QSettings().value("mainWindow/geometry") is not None
    from networkdesk.ui.views.main_window import MainWindow

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.referrals_action.isChecked()
    assert again.canvas.show_referrals


def test_dark_palette_is_followed(window) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    window.canvas.setPalette(palette)
    assert window.canvas.backgroundBrush().color().lightness() < 80


def test_closing_backs_up_a_changed_database(window, add_contact, db_path) -> None:
    from networkdesk.services import contacts
    from networkdesk.storage import backups

    window.workspace.write(lambda s: contacts.add(s, "New"))
    window.close()
    assert [b.reason for b in backups.list_backups(db_path)] == ["on-close"]


def test_app_main_opens_the_window_and_returns_when_it_closes(tmp_path, qtbot) -> None:
    from networkdesk.app import main

    seen: dict[str, object] = {}

    def close_when_open() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
        shown = [w for w in windows if w.isVisible()]
        if shown and shown[0].workspace.is_open:
            seen["title"] = shown[0].windowTitle()
            seen["page"] = shown[0].pages.currentWidget()
            seen["first_run"] = shown[0].first_run
            shown[0].close()
        else:
            QTimer.singleShot(20, close_when_open)

    QTimer.singleShot(0, close_when_open)
    code = main(["--db", str(tmp_path / "app.db")])
    assert code == 0
    assert seen["title"] == "networkdesk — app.db"
    assert seen["page"] is seen["first_run"]  # a new database explains itself
    assert (tmp_path / "app.db").exists()


def test_an_unopenable_database_is_explained_in_the_window(tmp_path, qtbot) -> None:
    from networkdesk.ui.application import open_in_background
    from networkdesk.ui.views.main_window import MainWindow

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    open_in_background(win, str(bad), None)
    qtbot.waitUntil(lambda: "could not open" in win.loading.text(), timeout=10_000)
    assert "bad.db" in win.loading.text()
    assert not win.workspace.is_open


def test_desktop_start_is_recognised_without_the_cli_parser() -> None:
    from networkdesk.app import _plain_desktop_start

    assert _plain_desktop_start([]) == (None, None, None)
    assert _plain_desktop_start(["--db", "x.db"]) == ("x.db", None, None)
    assert _plain_desktop_start(["--db=x.db", "In.CSV"]) == ("x.db", None, "In.CSV")
    assert _plain_desktop_start(["--db-url", "sqlite://"]) == (None, "sqlite://", None)
    # Anything else goes through the full parser.
    for argv in (
        ["contact", "list"],
        ["--help"],
        ["--db"],
        ["--db", "a", "--db-url", "b"],
        ["a.csv", "b.csv"],
        ["--verbose"],
    ):
        assert _plain_desktop_start(argv) is None, argv


def test_features_installed_after_show_keep_their_saved_docks(qtbot) -> None:
    """The desktop start shows the window, then installs the features: their docks must come
    back visible where the saved layout had them."""
    from networkdesk.ui.views.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.add_panel(QLabel("late"), "Late", "lateDock")
    first.show()
    qtbot.waitExposed(first)
    first.save_layout()
    first.hide()

    again = MainWindow(install_extensions=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    dock = again.add_panel(QLabel("late"), "Late", "lateDock")
    again.install_extensions()
    QApplication.processEvents()
    assert dock.isVisible()
    assert again.inbox_dock.isVisible()


def test_a_feature_that_fails_to_install_is_reported_and_the_window_starts_without_it(
    qtbot,
) -> None:
    from networkdesk.ui.bootstrap import Feature
    from networkdesk.ui.views.main_window import MainWindow

    def broken(context: object) -> None:
        raise RuntimeError("it broke")

    win = MainWindow(extra_features=[Feature("broken", broken)])
    qtbot.addWidget(win)
    [text] = [t for t in win.notices.texts() if "could not be loaded" in t]
    assert "broken" in text
    assert "it broke" in text
    assert win.pipeline is not None  # the other features are there
    assert win.calendar_actions is not None


def test_each_window_has_its_own_item_actions(qtbot) -> None:
    """No process-wide registry: a second window's providers are its own."""
    from networkdesk.ui.item_actions import FOLLOWUP
    from networkdesk.ui.views.main_window import MainWindow

    first, second = MainWindow(), MainWindow()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.item_actions is not second.item_actions
    [mine] = first.item_actions.actions_for(FOLLOWUP, 1, first)
    assert mine.parent() is first
    first.reminders.stop()
    second.reminders.stop()


def test_app_main_on_a_database_with_contacts_paints_them_before_it_opens_the_database(
    tmp_path, qtbot, monkeypatch
) -> None:
    """The real desktop start on an existing file: the raw start shows the board, the table and
    the inbox before the database is open; every row and then the database follow; and one full
    collector pass runs once the opening is done (not inside the user's first change)."""
    from networkdesk.app import main
    from networkdesk.services import contacts, start_read
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location
    from networkdesk.ui import application

    path = tmp_path / "people.db"
    db = open_database(sqlite_location(path))
    with db.transaction() as s:
        placed = contacts.add(s, "Ada Placed", ring=1).id
        for n in range(12):
            contacts.add(s, f"Person {n:02d}")
    db.close()
    monkeypatch.setattr(start_read, "HEAD_ROWS", 5)  # so that the rest is read after the paint
    collected: list[bool] = []
    monkeypatch.setattr(application.gc, "collect", lambda: collected.append(True) or 0)
    seen: dict[str, object] = {}
    from networkdesk.ui.workspace import Workspace

    real_show_start = Workspace.show_start

    def show_start(self: Workspace, *args: object) -> None:
        real_show_start(self, *args)  # type: ignore[arg-type]
        win: Any = self.parent()  # the main window
        model = win.features.contacts.panel.model
        seen["first"] = (
            win.workspace.is_open,
            model.rowCount(),
            model.complete,
            sorted(win.canvas.nodes),
            win.inbox.model.total,
            win.windowTitle(),
        )

    monkeypatch.setattr(Workspace, "show_start", show_start)

    def watch() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible() and "first" in seen
        ]
        for win in shown:
            if win.workspace.is_open and not win.workspace.is_opening and collected:
                seen["rows"] = win.features.contacts.panel.model.complete
                win.close()
                return
        QTimer.singleShot(5, watch)

    QTimer.singleShot(0, watch)
    assert main(["--db", str(path)]) == 0
    is_open, rows, complete, nodes, inbox, title = seen["first"]
    assert rows == 13
    assert nodes == [placed]
    assert inbox == 12
    assert title == "networkdesk — people.db"
    assert (is_open, complete) == (False, False)  # painted before the database and the rest
    assert seen["rows"] is True
    assert collected == [True]
