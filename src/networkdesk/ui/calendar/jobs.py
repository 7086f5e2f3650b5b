"""Long calendar work (export, publishing) on a worker thread, reported on the GUI thread.

The work function gets the job (to report progress and see a cancel request) and must not touch
widgets. Its outcome comes back through signals; connect them to methods of QObjects living on
the GUI thread, so Qt queues the calls there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from networkdesk.domain.errors import NetworkdeskError

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

log = logging.getLogger(__name__)


class CalendarJob(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[CalendarJob], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="networkdesk-calendar", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            result = self._work(self)
        except NetworkdeskError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # not expected: keep the app alive and say what happened
            log.exception("calendar job failed")
            self.failed.emit(f"unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()

    # --- called from the work function ---------------------------------------------------

    def report(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- called from the GUI ----------------------------------------------------------------

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


class JobProgress(QWidget):
    """A label, a progress bar and a Cancel button for the status bar (never modal)."""

    def __init__(self, text: str, job: CalendarJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarJobProgress")
        self.setAccessibleName(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first report
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName(f"{text} progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName(f"Cancel {text.lower()}")
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._job = job
        self.cancel_button.clicked.connect(self._cancel)
        job.progress.connect(self.update_progress)

    def update_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _cancel(self) -> None:
        self._job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText("Stopping…")


class JobHost(Protocol):
    """What runs calendar jobs for a window (ui.calendar.actions.CalendarActions): the publish
    dialog depends on this, not on the actions module, which installs it (no import cycle)."""

    @property
    def workspace(self) -> Workspace: ...

    def ready(self) -> bool:
        """Whether new calendar work may start now (says why not in the window when not)."""
        ...

    def run_job(self, text: str, work: Any, on_success: Any) -> CalendarJob: ...
