"""File → Import… and File → Export…: previews, worker threads, one undo step per import.

`install(context)` adds the menu actions and registers the openers for `.vcf`/`.vcard`, `.csv`
and `.zip` files and for folders (an unpacked LinkedIn export), so a dropped file or folder and
`networkdesk PATH.vcf` (a desktop's "Open with") reach the same preview. Reading, planning and
writing run on a worker thread; their results come back through queued signals to the
controller, which lives on the GUI thread and is the only one touching widgets. The import
itself is committed by the worker and returns one change record
(`services.records.imported.ImportApplied`); pushed afterwards as one undo step, its undo deletes
exactly what it created and restores what it updated (`services.importing.undo_import`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from networkdesk.domain.errors import NetworkdeskError
from networkdesk.domain.plural import count_of
from networkdesk.ui.controllers.commands import push_record
from networkdesk.ui.features import FeatureContext, insert_before_quit

if TYPE_CHECKING:
    from networkdesk.services.import_file import ImportPlan, ParsedFile
    from networkdesk.services.importing.archive_import import ArchiveOutcome, LinkedInArchive
    from networkdesk.services.records.imported import ArchiveImported, ImportApplied
    from networkdesk.ui.views.import_preview import ImportPreviewDialog
    from networkdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)

IMPORT_FILTER = (
    "Contacts (*.vcf *.vcard *.csv *.zip);;vCard (*.vcf *.vcard);;LinkedIn export (*.csv);;"
    "LinkedIn archive, the whole export (*.zip)"
)
# A LinkedIn archive: its zip (by signature, whatever its name) or the folder it unpacks to.
ARCHIVE_SUFFIXES = (".zip",)


class Job(QObject):
    """Work on a worker thread; its outcome comes back as signals (queued to the GUI thread
    because the receivers live there)."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Job], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="networkdesk-import", daemon=True)
        self._thread.start()

    def report(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    def _run(self) -> None:
        try:
            result = self._work(self)
        except NetworkdeskError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug or a database error: say it, keep the app alive
            log.exception("import or export failed")
            self.failed.emit(f"unexpected error ({type(exc).__name__}): {exc}. Nothing was saved.")
        else:
            self.succeeded.emit(result)

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True


@dataclass(frozen=True)
class MappingNeeded:
    """A CSV whose columns no dialect knows: the preview asks which column is what."""

    columns: list[str]
    guesses: dict[str, str]
    fields: tuple[str, ...]


class ImportController(QObject):
    """Drives one window's imports and exports (lives on the GUI thread)."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context.parent)
        #: The parent of the preview and file dialogs.
        self.window = context.parent
        self.notices = context.notices
        self.workspace: Workspace = context.workspace
        self.dialog: ImportPreviewDialog | None = None
        self.job: Job | None = None
        self._parsed: ParsedFile | None = None
        self._archive: LinkedInArchive | None = None
        self._ring: int | None = None
        self._writing = False

    # --- importing ---------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, "Import contacts", "", IMPORT_FILTER
        )
        if path:
            self.preview(Path(path))

    def preview(self, path: Path, ring: int | None = None) -> ImportPreviewDialog | None:
        """Read and plan `path` on a worker thread, in a preview dialog; nothing is written
        until the user presses Import."""
        # Imported here, not at start-up: the preview pulls in the importer and rapidfuzz.
        from networkdesk.ui.views.import_preview import ImportPreviewDialog

        if self._writing:
            self.notices.show_notice(
                f"An import is still being written; open {path.name} again when it has finished.",
                "info",
            )
            return None
        if self.dialog is not None:
            self.dialog.close()
        self._ring = ring
        self._parsed = None
        self._archive = None
        dialog = ImportPreviewDialog(path.name, self.window)
        self.dialog = dialog
        dialog.importRequested.connect(self._write)
        dialog.cancelled.connect(self._forget)
        if path.is_dir() or path.suffix.lower() in ARCHIVE_SUFFIXES:
            return self._preview_archive(path, ring, dialog)
        dialog.mappingChosen.connect(lambda mapping: self._read(path, ring, mapping))
        self._read(path, ring, None)
        dialog.show()
        return dialog

    def _read(self, path: Path, ring: int | None, mapping: dict[str, str] | None) -> None:
        db = self.workspace.require_db()

        def plan(job: Job) -> tuple[ParsedFile, ImportPlan] | MappingNeeded:
            from networkdesk.services import import_file

            try:
                parsed = import_file.read_file(path, progress=job.report, mapping=mapping)
            except import_file.NeedsMapping as needs:
                columns = needs.columns
                guesses = import_file.guess_mapping(columns)
                return MappingNeeded(columns, guesses, import_file.CSV_FIELDS)
            return parsed, import_file.plan(db, parsed, ring=ring, progress=job.report)

        self._start(plan, self._planned, self._plan_failed)

    def _preview_archive(
        self, path: Path, ring: int | None, dialog: ImportPreviewDialog
    ) -> ImportPreviewDialog:
        db = self.workspace.require_db()

        def plan(_job: Job) -> ArchiveOutcome:
            from networkdesk.services.importing import archive_import

            archive = archive_import.read(path)
            # The preview is the import itself, rolled back: it cannot disagree with it.
            return archive_import.preview(db, archive, ring=ring)

        self._start(plan, self._archive_planned, self._plan_failed)
        dialog.show()
        return dialog

    @Slot(object)
    def _archive_planned(self, outcome: ArchiveOutcome) -> None:
        if not self._current():
            return
        self._archive = outcome.archive
        if self.dialog is not None:
            self.dialog.show_archive(outcome)

    def _start(
        self,
        work: Callable[[Job], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
        *,
        preview_job: bool = True,
    ) -> Job:
        job = Job(work, self)  # parented: kept alive until the controller goes
        job.succeeded.connect(done)
        job.failed.connect(failed)
        if preview_job:
            job.progress.connect(self._progress)
            self.job = job
        job.start()
        return job

    def _current(self) -> bool:
        """Whether the signal being handled comes from the latest job (an earlier preview's
        reading may still finish after the user opened another file)."""
        return self.sender() is self.job

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._current() and self.dialog is not None:
            self.dialog.show_progress(done, total)

    @Slot(object)
    def _planned(self, result: tuple[ParsedFile, ImportPlan] | MappingNeeded) -> None:
        if not self._current():
            return
        if isinstance(result, MappingNeeded):
            if self.dialog is not None:
                self.dialog.show_mapping(result.columns, result.guesses, result.fields)
            return
        parsed, plan = result
        self._parsed = parsed
        if self.dialog is not None:
            self.dialog.show_plan(plan)

    @Slot(str)
    def _plan_failed(self, text: str) -> None:
        if self._current() and self.dialog is not None:
            self.dialog.show_failure(text)

    @Slot()
    def _write(self) -> None:
        parsed = self._parsed
        ring = self.dialog.selected_ring() if self.dialog is not None else self._ring
        if self._archive is not None:
            self._write_archive(self._archive, ring)
            return
        if parsed is None:
            return
        db = self.workspace.require_db()
        self._writing = True

        def write(job: Job) -> ImportApplied:
            from networkdesk.services import import_file

            # Backs up, then plans again inside the writing transaction: the database may have
            # changed since the preview, and the plan must match what is there now.
            return import_file.apply_record(db, parsed, ring=ring, progress=job.report)

        self._start(write, self._written, self._write_failed)

    def _write_archive(self, archive: LinkedInArchive, ring: int | None) -> None:
        db = self.workspace.require_db()
        targets = self.dialog is not None and self.dialog.targets_wanted()
        self._writing = True

        def write(job: Job) -> ArchiveImported:
            from networkdesk.services.records.imported import apply_archive

            return apply_archive(
                db, archive, ring=ring, targets_from_follows=targets, progress=job.report
            )

        self._start(write, self._archive_written, self._write_failed)

    @Slot(object)
    def _archive_written(self, record: ArchiveImported) -> None:
        self._writing = False
        push_record(self.workspace, record)
        if self.dialog is not None:
            self.dialog.busy = False
            self.dialog.accept()
            self.dialog = None
        lines = [line for line in record.outcome.summary_lines() if "--targets" not in line]
        text = f"Imported {Path(record.outcome.archive.path).name}: " + "; ".join(lines) + "."
        self.notices.show_notice(text, "info", "Undo", self.workspace.undo_stack.undo)

    @Slot(object)
    def _written(self, record: ImportApplied) -> None:
        self._writing = False
        push_record(self.workspace, record)
        plan = record.outcome.plan
        if self.dialog is not None:
            self.dialog.busy = False
            self.dialog.accept()
            self.dialog = None
        text = f"Imported {Path(plan.path).name}: {plan.summary()}."
        if plan.job_changes:
            text += (
                f" {count_of(plan.job_changes, 'contact')} changed since the last import: "
                "Tools → Review changes… lists them."
            )
        self.notices.show_notice(text, "info", "Undo", self.workspace.undo_stack.undo)

    @Slot(str)
    def _write_failed(self, text: str) -> None:
        self._writing = False
        if self.dialog is not None:
            self.dialog.show_failure(text)
            self.dialog.cancel_button.setEnabled(True)

    @Slot()
    def _forget(self) -> None:
        self.dialog = None
        self._parsed = None
        self._archive = None

    # --- exporting ---------------------------------------------------------------------------

    def choose_and_export(self, kind: str) -> None:
        titles = {
            "vcard": ("Export contacts as vCard", "contacts.vcf", "vCard (*.vcf)"),
            "csv": ("Export contacts as CSV", "contacts.csv", "CSV spreadsheet (*.csv)"),
            "json": ("Export everything (JSON archive)", "networkdesk.json", "JSON (*.json)"),
        }
        title, default, file_filter = titles[kind]
        path, _filter = QFileDialog.getSaveFileName(self.window, title, default, file_filter)
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path) -> Job:
        db = self.workspace.require_db()

        def work(_job: Job) -> str:
            from networkdesk.services.export_files import ExportFormat, export_file

            outcome = export_file(db, kind, path)
            if outcome.format is ExportFormat.JSON:
                return f"Exported everything to {path}."
            return f"Exported {count_of(outcome.contacts, 'contact')} to {path}."

        return self._start(work, self._exported, self._export_failed, preview_job=False)

    @Slot(object)
    def _exported(self, text: str) -> None:
        self.notices.show_notice(text, "info")

    @Slot(str)
    def _export_failed(self, text: str) -> None:
        self.notices.show_error("Export failed", text)


def install(context: FeatureContext) -> ImportController:
    controller = ImportController(context)
    window = context.parent
    menu: QMenu = context.menus.menu("file")

    def action(text: str, slot: Callable[[], object], name: str) -> QAction:
        item = QAction(text, window)
        item.setObjectName(name)
        item.triggered.connect(lambda _checked=False: slot())
        return item

    importing = action("&Import contacts…", controller.choose_and_import, "importAction")
    importing.setShortcut(QKeySequence("Ctrl+Shift+I"))
    separator = QAction(window)
    separator.setSeparator(True)
    actions = [
        importing,
        separator,
        action(
            "Export contacts as &vCard…",
            lambda: controller.choose_and_export("vcard"),
            "exportVcardAction",
        ),
        action(
            "Export contacts as &CSV…",
            lambda: controller.choose_and_export("csv"),
            "exportCsvAction",
        ),
        action(
            "Export &everything (JSON archive)…",
            lambda: controller.choose_and_export("json"),
            "exportJsonAction",
        ),
    ]
    insert_before_quit(menu, actions)
    context.file_openers.register_file_opener((".vcf", ".vcard"), controller.preview)
    context.file_openers.register_file_opener((".csv",), controller.preview)
    context.file_openers.register_file_opener(ARCHIVE_SUFFIXES, controller.preview)
    # The folder a LinkedIn export unpacks to, as `networkdesk import linkedin FOLDER` reads it.
    context.file_openers.register_folder_opener(controller.preview)
    return controller
