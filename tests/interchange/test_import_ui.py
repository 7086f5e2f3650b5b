"""The desktop import: preview before writing, worker thread, one undo step, exports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QMainWindow, QMenu

from helpers.dbdump import dump

QStandardPaths.setTestModeEnabled(True)


class FakeWindow(QMainWindow):
    """The part of the main window's contract that import_ui uses."""

    closed = Signal()

    def __init__(self, db: Any) -> None:
        super().__init__()
        from PySide6.QtGui import QAction

        from networkdesk.ui.workspace import Workspace

        self.workspace = Workspace(self)
        self.file_menu = QMenu("File", self)
        self.quit_action = QAction("Quit", self)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addAction(self.quit_action)
        self.openers: dict[str, Callable[[Path], Any]] = {}
        self.notices: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.workspace.attach(db)

    def menu(self, key: str) -> QMenu:
        assert key == "file"
        return self.file_menu

    def register_file_opener(self, suffixes: tuple[str, ...], callback: Any) -> None:
        for suffix in suffixes:
            self.openers[suffix] = callback

    def register_folder_opener(self, callback: Any) -> None:
        self.openers["folder"] = callback

    def show_notice(self, text: str, kind: str = "info", *args: Any) -> None:
        self.notices.append(text)

    def show_error(self, title: str, text: str) -> None:
        self.errors.append((title, text))


@pytest.fixture
def window(qtbot: Any, db: Any) -> Iterator[FakeWindow]:
    from PySide6.QtWidgets import QToolBar

    from networkdesk.ui import import_ui
    from networkdesk.ui.features import FeatureContext
    from networkdesk.ui.item_actions import ItemActions
    from networkdesk.ui.views.window_docks import WindowDocks

    win = FakeWindow(db)
    qtbot.addWidget(win)
    context = FeatureContext(
        workspace=win.workspace,
        parent=win,
        notices=win,
        menus=win,
        docks=WindowDocks(win),
        toolbar=QToolBar(win),
        status_bar=win.statusBar(),
        item_actions=ItemActions(),
        file_openers=win,
        closed=win.closed,
    )
    win.import_controller = import_ui.install(context)  # type: ignore[attr-defined]
    yield win
    win.workspace._poll.stop()


def _names(db: Any) -> list[str]:
    from networkdesk.services import contacts

    with db.reading() as session:
        return [row["name"] for row in contacts.summaries(session)]


def test_menu_actions_and_file_openers(window: FakeWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Import contacts…",
        "Export contacts as &vCard…",
        "Export contacts as &CSV…",
        "Export &everything (JSON archive)…",
        "Quit",
    ]
    assert set(window.openers) == {".vcf", ".vcard", ".csv", ".zip", "folder"}


def test_a_linkedin_archive_previews_then_imports_as_one_undo_step(
    qtbot: Any, window: FakeWindow, db: Any, db_path: Path, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from helpers.linkedin_export import members_2024, write_zip
    from networkdesk.domain.models import Company, Interaction

    path = write_zip(tmp_path / "Basic_LinkedInDataExport.zip", members_2024())
    before = dump(db_path)
    dialog = window.openers[".zip"](path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dump(db_path) == before  # the preview wrote nothing
    text = dialog.summary.text()
    assert "connections: created 4" in text
    assert "5 new interactions (2 sent, 3 received)" in text
    assert "--targets" not in text  # the CLI's hint; the window has the checkbox
    assert not dialog.targets_box.isHidden()
    assert "3 companies you follow" in dialog.targets_box.text()
    assert dialog.model.rowCount() == 4
    dialog.targets_box.setChecked(True)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1, timeout=20_000)
    assert window.workspace.undo_stack.undoText() == "Import Basic_LinkedInDataExport.zip"
    with db.reading() as s:
        assert len(s.scalars(select(Interaction)).all()) == 5
        assert len(s.scalars(select(Company).where(Company.is_target)).all()) == 3
    assert len(_names(db)) == 4
    window.workspace.undo_stack.undo()
    assert dump(db_path) == before

    again = window.openers[".zip"](path)  # after undo: everything is new again
    qtbot.waitUntil(lambda: again.plan is not None, timeout=20_000)
    again.import_button.click()
    qtbot.waitUntil(lambda: window.workspace.undo_stack.index() == 1, timeout=20_000)
    third = window.openers[".zip"](path)
    qtbot.waitUntil(lambda: third.plan is not None, timeout=20_000)
    assert "nothing changed" in third.summary.text()
    assert not third.targets_box.isHidden()  # the targets are still on offer


def test_preview_writes_nothing_then_import_is_one_undo_step(
    qtbot: Any, window: FakeWindow, db: Any, db_path: Path, data_dir: Path, qtmodeltester: Any
) -> None:
    before = dump(db_path)
    dialog = window.openers[".csv"](data_dir / "linkedin_connections.csv")
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.import_button.isEnabled()
    assert "created 6, updated 0, skipped 2" in dialog.summary.text()
    assert dialog.model.rowCount() == 8
    assert dialog.model.data(dialog.model.index(0, 0)) == "New"
    assert dialog.model.data(dialog.model.index(0, 2)) == "Priya Raman"
    qtmodeltester.check(dialog.model)
    dialog.filter.setCurrentIndex(4)  # skipped rows, with their reasons
    assert [dialog.model.data(dialog.model.index(r, 3)) for r in range(2)] == ["no name"] * 2
    assert dump(db_path) == before  # the preview wrote nothing

    with qtbot.waitSignal(window.workspace.changed, timeout=20_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1, timeout=20_000)
    assert len(_names(db)) == 6
    assert window.notices[-1].startswith("Imported linkedin_connections.csv: created 6")
    assert window.workspace.undo_stack.undoText() == "Import linkedin_connections.csv"

    window.workspace.undo_stack.undo()
    assert dump(db_path) == before
    window.workspace.undo_stack.redo()
    assert len(_names(db)) == 6


def test_reimport_preview_lists_changes_and_undo_restores_them(
    qtbot: Any, window: FakeWindow, db: Any, db_path: Path, data_dir: Path
) -> None:
    from networkdesk.interchange import linkedin
    from networkdesk.services import importing

    with db.transaction() as session:
        importing.import_records(session, linkedin.parse(data_dir / "linkedin_connections.csv"))
    before = dump(db_path)
    dialog = window.openers[".csv"](data_dir / "linkedin_connections_newer.csv")
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert "3 contacts changed since the last import" in dialog.notes.text()
    dialog.filter.setCurrentIndex(5)  # changed since last import
    assert dialog.model.rowCount() == 3
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1, timeout=20_000)
    assert dump(db_path) != before
    window.workspace.undo_stack.undo()
    assert dump(db_path) == before


def test_broken_file_shows_the_error_and_writes_nothing(
    qtbot: Any, window: FakeWindow, db_path: Path, data_dir: Path
) -> None:
    before = dump(db_path)
    dialog = window.openers[".vcf"](data_dir / "hostile_params.vcf")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.plan is None
    assert "Nothing was imported." in dialog.summary.text()
    assert "line 8: not a vCard property (no ':')" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert dump(db_path) == before
    assert window.workspace.undo_stack.count() == 0


def test_exports_run_off_the_gui_thread_and_report(
    qtbot: Any, window: FakeWindow, db: Any, tmp_path: Path
) -> None:
    from networkdesk.services import contacts

    with db.transaction() as session:
        contacts.add(session, "Ann Lee", company="Acme")
    controller = window.import_controller  # type: ignore[attr-defined]
    for count, (kind, name) in enumerate(
        (("vcard", "a.vcf"), ("csv", "a.csv"), ("json", "a.json")), start=1
    ):
        controller.export(kind, tmp_path / name)
        qtbot.waitUntil(lambda n=count: len(window.notices) == n, timeout=20_000)
    assert window.errors == []
    assert "BEGIN:VCARD" in (tmp_path / "a.vcf").read_text()
    assert "Ann Lee" in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert '"networkdesk-archive"' in (tmp_path / "a.json").read_text()


def test_export_to_a_missing_folder_is_an_error_message(
    qtbot: Any, window: FakeWindow, tmp_path: Path
) -> None:
    window.import_controller.export("csv", tmp_path / "nope" / "a.csv")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(window.errors), timeout=20_000)
    title, text = window.errors[0]
    assert title == "Export failed"
    assert "does not exist" in text


def test_real_main_window_opens_a_vcard_in_the_preview(
    qtbot: Any, db: Any, db_path: Path, data_dir: Path
) -> None:
    from networkdesk.ui.application import build_main_window

    win: Any = build_main_window(db)
    qtbot.addWidget(win)
    try:
        assert "networkdesk.ui.import_ui" in str(type(win.import_controller).__module__)
        before = dump(db_path)
        assert win.open_path(data_dir / "contacts_v40.vcf")  # also what a drop does
        dialog = win.import_controller.dialog
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
        assert dump(db_path) == before
        dialog.import_button.click()
        qtbot.waitUntil(lambda: win.workspace.undo_stack.count() == 1, timeout=20_000)
        assert _names(db) == ["Sofia Rossi"]
        file_menu = [a.text() for a in win.menu("file").actions() if not a.isSeparator()]
        assert file_menu.index("&Import contacts…") < len(file_menu) - 1  # above Quit
    finally:
        win.workspace._poll.stop()


def test_new_contacts_can_go_straight_onto_a_ring(
    qtbot: Any, window: FakeWindow, db: Any, data_dir: Path
) -> None:
    from networkdesk.services import contacts

    dialog = window.openers[".vcard"](data_dir / "contacts_v30_apple.vcf")
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.selected_ring() is None  # the inbox unless chosen
    dialog.ring_choice.setCurrentIndex(dialog.ring_choice.findData(3))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1, timeout=20_000)
    with db.reading() as session:
        assert [row["ring"] for row in contacts.summaries(session)] == [3, 3]


def test_a_later_preview_is_not_overwritten_by_an_earlier_one(
    qtbot: Any, window: FakeWindow, tmp_path: Path, data_dir: Path
) -> None:
    big = tmp_path / "big.vcf"
    big.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEND:VCARD\r\n" for i in range(3000)
        )
    )
    first = window.openers[".vcf"](big)
    second = window.openers[".csv"](data_dir / "linkedin_connections.csv")
    controller = window.import_controller  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: second.plan is not None, timeout=30_000)
    first_job = controller.job
    qtbot.wait(50)
    for job in controller.findChildren(type(first_job)):
        job.wait(30)
    qtbot.wait(200)  # let the earlier job's queued result arrive, if it were to
    assert controller.dialog is second
    assert second.plan.path.endswith("linkedin_connections.csv")
    assert first.plan is None


def test_no_second_import_while_one_is_being_written(window: FakeWindow, data_dir: Path) -> None:
    controller = window.import_controller  # type: ignore[attr-defined]
    controller._writing = True
    assert window.openers[".csv"](data_dir / "linkedin_connections.csv") is None
    assert "still being written" in window.notices[-1]


def test_an_unknown_csv_gets_a_mapping_step_then_imports(
    qtbot: Any, window: FakeWindow, db: Any, db_path: Path, data_dir: Path
) -> None:
    before = dump(db_path)
    dialog = window.openers[".csv"](data_dir / "crm_export.csv")
    qtbot.waitUntil(lambda: not dialog.mapping_panel.isHidden(), timeout=20_000)
    assert not dialog.import_button.isEnabled()
    combos = dialog.mapping_panel.combos
    assert list(combos)[:3] == ["Contact ID", "Full Name", "Employer"]
    # Guessed from the names; the user corrects what the guess got wrong.
    assert combos["Full Name"].currentData() == "name"
    assert combos["Work Email"].currentData() == "email"
    assert combos["Employer"].currentData() == "company"
    assert combos["Owner"].currentData() == "ignore"
    combos["Role"].setCurrentIndex(combos["Role"].findData("title"))
    dialog.mapping_panel.read_button.click()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.mapping_panel.isHidden()
    assert "created 2" in dialog.summary.text()
    assert dump(db_path) == before
    dialog.import_button.click()
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 1, timeout=20_000)
    assert sorted(_names(db)) == ["Alan Turing", "Grace Hopper"]


def test_a_google_csv_imports_without_a_mapping_step(
    qtbot: Any, window: FakeWindow, data_dir: Path
) -> None:
    dialog = window.openers[".csv"](data_dir / "google_contacts_2024.csv")
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.mapping_panel.isHidden()
    assert "created 2, updated 0, skipped 1" in dialog.summary.text()
    assert "1 value needs a look" in dialog.notes.text()


def test_a_file_given_at_start_up_waits_for_the_features_and_the_database(
    qtbot: Any, db: Any, tmp_path: Path
) -> None:
    """`networkdesk EXPORT.zip`: the path arrives before the features that open files are
    installed (after the first paint) and before the database is open."""
    from helpers.linkedin_export import members_2024, write_zip
    from networkdesk.ui.views.main_window import MainWindow

    path = write_zip(tmp_path / "export.zip", members_2024())
    win = MainWindow(install_extensions=False)
    qtbot.addWidget(win)
    assert win.open_path(path)  # too early to know: kept for later
    assert not any("cannot open" in text for text in win.notices.texts())
    win.install_extensions()
    win.workspace.attach(db)
    controller = win.features.imports
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=20_000)
    qtbot.waitUntil(lambda: controller.dialog.plan is not None, timeout=20_000)
    assert "connections: created 4" in controller.dialog.summary.text()
    controller.dialog.reject()
    win.workspace._poll.stop()


def test_a_linkedin_export_folder_dropped_on_the_window_imports_like_the_cli(
    qtbot: Any, db: Any, tmp_path: Path
) -> None:
    """The folder the export unpacks to (no suffix to go by) previews and imports as
    `networkdesk import linkedin FOLDER` does: the same connections and interactions."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from helpers.linkedin_export import members_2024, write_folder
    from networkdesk.app import main
    from networkdesk.ui.views.main_window import MainWindow

    folder = write_folder(tmp_path / "Basic_LinkedInDataExport_12-01-2026", members_2024())
    cli_db = tmp_path / "cli.db"
    assert main(["--db", str(cli_db), "import", "linkedin", str(folder)]) == 0
    win = MainWindow()
    qtbot.addWidget(win)
    win.workspace.attach(db)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(50, 50), action, mime, buttons, keys)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(win, QDropEvent(QPointF(50, 50), action, mime, buttons, keys))
    controller = win.features.imports
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=20_000)
    dialog = controller.dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert "connections: created 4" in dialog.summary.text()
    assert "5 new interactions (2 sent, 3 received)" in dialog.summary.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: win.workspace.undo_stack.count() == 1, timeout=20_000)
    assert win.workspace.undo_stack.undoText() == f"Import {folder.name}"
    from networkdesk.storage.database import open_database
    from networkdesk.storage.paths import sqlite_location

    imported_by_cli = open_database(sqlite_location(cli_db))
    try:
        assert sorted(_names(db)) == sorted(_names(imported_by_cli))
        assert _interactions(db) == _interactions(imported_by_cli)
        assert len(_interactions(db)) == 5
    finally:
        imported_by_cli.close()
    win.workspace._poll.stop()


def _interactions(db: Any) -> list[Any]:
    from networkdesk.services import interactions

    with db.reading() as session:
        found = interactions.list_interactions(session)
        return sorted((row.kind.value, row.direction.value, row.note or "") for row in found)
