""" "Show warm path": the steps from someone the user has met to the chosen contact, in words,
and the chain highlighted on the board (`Workspace.highlight_path`) while the dialog is open.

The dialog is not modal: the user looks at the board, or writes to the first person, with the
steps beside them. It follows the data (a meeting logged or a referral added may shorten the
chain) and closing it clears the highlight.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import RING_LABELS, Ring
from networkdesk.domain.errors import NotFoundError
from networkdesk.services import warm_path
from networkdesk.services.changes import RING
from networkdesk.services.warm_path import WarmPathAnswer
from networkdesk.ui.workspace import (
    COMPANIES,
    CONTACTS,
    MEETINGS,
    REFERRALS,
    Workspace,
    areas_touch,
    fields_touch,
)

CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: What a warm path is made of: people, their companies and rings, meetings and referrals.
PATH_AREAS = (CONTACTS, COMPANIES, MEETINGS, REFERRALS)
#: The contacts' fields a path reads (a title or a note changes no path).
PATH_FIELDS = (RING, "name", "company", "stage")


def find_answer(workspace: Workspace, contact_id: int) -> WarmPathAnswer:
    return workspace.read(lambda session: warm_path.find(session, contact_id))


class WarmPathDialog(QDialog):
    def __init__(
        self, workspace: Workspace, answer: WarmPathAnswer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.answer = answer
        self.setObjectName("warmPathDialog")
        self.setWindowTitle("Warm path")
        self.setAccessibleName("Warm path")
        self.setModal(False)
        self.summary = QLabel(self)
        self.summary.setObjectName("warmPathSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.steps = QListWidget(self)
        self.steps.setObjectName("warmPathSteps")
        self.steps.setWordWrap(True)
        self.steps.setSpacing(3)
        self.steps.itemActivated.connect(self._open)
        self.steps.itemClicked.connect(
            lambda item: workspace.select_contact(int(item.data(CONTACT_ID_ROLE)))
        )
        self.hint = QLabel("Click a person to select them; double-click to open them.", self)
        self.hint.setObjectName("warmPathHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(150)
        self._recheck.timeout.connect(self.recheck)
        workspace.changed.connect(self._on_changed)
        self._following = True
        self.finished.connect(self._finish)
        self.show_answer(answer)
        self.resize(540, min(130 + 46 * self.steps.count(), 380) if self.steps.count() else 130)

    def show_answer(self, answer: WarmPathAnswer) -> None:
        self.answer = answer
        self.summary.setText(answer.summary)
        self.steps.clear()
        self.steps.setAccessibleName("Steps" if answer.found else "People to approach first")
        for number, step in enumerate(answer.steps, start=1):
            item = QListWidgetItem(f"{number}. {step.text}")
            item.setData(CONTACT_ID_ROLE, step.asker_id)
            self.steps.addItem(item)
        for person in answer.suggestions:
            ring = "inbox" if person.ring is None else RING_LABELS[Ring(person.ring)].lower()
            item = QListWidgetItem(f"{person.name} ({ring})")
            item.setData(CONTACT_ID_ROLE, person.contact_id)
            self.steps.addItem(item)
        self.steps.setVisible(self.steps.count() > 0)
        self.hint.setVisible(self.steps.count() > 0)
        self.workspace.highlight_path(answer.contact_ids)

    def _on_changed(self, changed: object) -> None:
        if areas_touch(changed, COMPANIES, MEETINGS, REFERRALS) or fields_touch(
            changed, CONTACTS, *PATH_FIELDS
        ):
            self._recheck.start()

    def recheck(self) -> None:
        """Find the path again (the data changed); the contact deleted closes the dialog."""
        if not self.workspace.is_open:
            return
        try:
            answer = find_answer(self.workspace, self.answer.contact_id)
        except NotFoundError:
            self.reject()
            return
        if answer != self.answer:
            self.show_answer(answer)

    def _finish(self, _result: int) -> None:
        self._recheck.stop()
        if self._following:
            self._following = False
            self.workspace.changed.disconnect(self._on_changed)
        self.workspace.highlight_path(())

    def place_beside_board(self) -> None:
        """Bottom left of the window, over the inbox: the board's centre, where the chain is
        drawn, stays in sight."""
        window = self.parentWidget()
        if window is None:
            return
        frame = window.frameGeometry()
        self.move(frame.left() + 12, max(frame.top(), frame.bottom() - self.height() - 60))

    def _open(self, item: QListWidgetItem) -> None:
        cid = int(item.data(CONTACT_ID_ROLE))
        self.workspace.select_contact(cid)
        self.workspace.request_open_contact(cid)
