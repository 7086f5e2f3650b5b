"""Writing an e-mail from Today: a short draft that follows the method's rules, checked live
(domain.email_rules), handed to the user's mail program as a mailto: link. Sending it can be
recorded as an outgoing e-mail (one undo step), which starts or ends the 3-and-7 clock.

The draft templates are Qt-free (`draft_for`); the dialog is `EmailDraftDialog`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from networkdesk.domain.email_rules import check_draft
from networkdesk.domain.mailto import mailto_url
from networkdesk.domain.models import Contact, Referral
from networkdesk.services import contacts
from networkdesk.services.records.interactions import add_interaction
from networkdesk.ui.controllers.commands import apply
from networkdesk.ui.views.feedback import attempt

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from networkdesk.ui.workspace import Workspace


@dataclass(frozen=True)
class Recipient:
    contact_id: int
    name: str
    emails: tuple[str, ...]
    company: str | None
    #: Who introduced you (the first referral to them): the name the first sentence must carry.
    introducer: str | None
    #: How you met (the contact's field), for a first sentence without an introducer.
    how_met: str | None

    @property
    def connection(self) -> str | None:
        """What the rule checker looks for in the first sentence (None: any phrase that names
        a connection, "we met"...)."""
        return self.introducer


def recipient(session: Session, contact_id: int) -> Recipient:
    contact = contacts.get(session, contact_id)
    introducer = session.scalar(
        select(Contact.name)
        .join(Referral, Referral.from_contact_id == Contact.id)
        .where(Referral.to_contact_id == contact_id)
        .order_by(Referral.created_at, Referral.id)
        .limit(1)
    )
    return Recipient(
        contact.id,
        contact.name,
        tuple(e.address for e in contact.emails),
        contact.company.name if contact.company else None,
        introducer,
        (contact.how_met or "").strip() or None,
    )


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def draft_for(person: Recipient, purpose: str) -> tuple[str, str]:
    """(subject, body) of a first draft for the purpose: short, about them, asking advice, and
    naming the connection in the first sentence (each draft passes the rule checker)."""
    first = _first(person.name)
    via = person.introducer
    how = f" ({person.how_met.lower()})" if person.how_met else ""
    link = f"{via} suggested I write to you" if via else f"we met recently{how}"
    where = person.company or "your team"
    if purpose == "thank_you":
        return (
            "Thank you",
            f"Hi {first},\n\nThank you for your time today; I am glad "
            f"{f'{via} introduced us' if via else 'we met'}. Your view of {where} helped me a "
            "lot. Could I keep you posted on what I learn, and ask your advice again later?\n",
        )
    if purpose == "follow_up":
        return (
            "Following up",
            f"Hi {first},\n\nFollowing up on my note of last week: {link}. I know your days "
            f"are full. Would you have ten minutes for your advice on how you see {where} "
            "growing?\n",
        )
    if purpose == "keep_in_touch":
        return (
            "A quick hello",
            f"Hi {first},\n\nSince {f'{via} introduced us and ' if via else ''}we met, I "
            "followed your advice and it helped. How are things on your side, and would you "
            "share your thoughts on what you are working on now?\n",
        )
    if purpose == "confirm":
        return (
            "Looking forward to our conversation",
            f"Hi {first},\n\nThank you for agreeing to talk"
            f"{f'; {via} said you would be generous' if via else f' since we met{how}'}. "
            "Is the time we set still good for you, and is there anything you would like me "
            "to read for your advice beforehand?\n",
        )
    return (
        "Your advice",
        f"Hi {first},\n\n{link[0].upper() + link[1:]}. I admire what you have done at "
        f"{where}. Could you spare 20 minutes to share your insight on how you got there?\n",
    )


class EmailDraftDialog(QDialog):
    """To, subject and body; the rules the body breaks, updated as you type; Open in mail."""

    def __init__(
        self, workspace: Workspace, contact_id: int, purpose: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        #: Hands the mailto: link to the mail program (a test puts a stand-in here).
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.setObjectName("emailDraftDialog")
        self.person = workspace.read(lambda s: recipient(s, contact_id))
        self.setWindowTitle(f"Write to {self.person.name}")
        self.setAccessibleName(f"Write an e-mail to {self.person.name}")
        subject, body = draft_for(self.person, purpose)

        self.to_edit = QLineEdit(", ".join(self.person.emails), self)
        self.to_edit.setObjectName("emailTo")
        self.to_edit.setAccessibleName("To")
        self.to_edit.setPlaceholderText("No e-mail address on file: type one")
        self.subject_edit = QLineEdit(subject, self)
        self.subject_edit.setObjectName("emailSubject")
        self.subject_edit.setAccessibleName("Subject")
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("emailBody")
        self.body_edit.setAccessibleName("Message")
        self.body_edit.setPlainText(body)
        self.body_edit.setTabChangesFocus(True)
        self.rules_label = QLabel(self)
        self.rules_label.setObjectName("emailRules")
        self.rules_label.setAccessibleName("Rules the draft breaks")
        self.rules_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rules_label.setWordWrap(True)
        self.record_check = QCheckBox("Record it as sent (starts the follow-up clock)", self)
        self.record_check.setObjectName("emailRecordSent")
        self.record_check.setChecked(True)

        form = QFormLayout()
        form.addRow("&To", self.to_edit)
        form.addRow("&Subject", self.subject_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = buttons.addButton(
            "&Open in mail program", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("emailOpenButton")
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.record_check)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.body_edit.textChanged.connect(self.check)
        self.check()

    def check(self) -> list[str]:
        """Show the rules the body breaks (all kept: say so); returns their messages."""
        report = check_draft(self.body_edit.toPlainText(), connection=self.person.connection)
        messages = report.messages()
        if messages:
            self.rules_label.setText(
                f"{report.words} words. To fix:\n" + "\n".join(f"• {m}" for m in messages)
            )
        else:
            self.rules_label.setText(f"{report.words} words. Short, about them, asks advice: good.")
        return messages

    def url(self) -> str:
        to = [a for a in self.to_edit.text().split(",") if a.strip()]
        return mailto_url(to, subject=self.subject_edit.text(), body=self.body_edit.toPlainText())

    def send(self) -> None:
        self.open_url(QUrl(self.url()))
        if self.record_check.isChecked():
            note = self.subject_edit.text().strip() or None
            cid = self.person.contact_id
            done = attempt(
                self,
                "Cannot record the e-mail",
                lambda: apply(
                    self.workspace,
                    lambda s: add_interaction(
                        s, cid, kind="email", direction="out", note=note, text="Record e-mail"
                    ),
                ),
            )
            if done is None:
                return
        self.accept()
