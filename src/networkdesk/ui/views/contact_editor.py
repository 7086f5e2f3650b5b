"""The contact editor: every field of a contact on the left; its meetings, referrals,
follow-ups and ring history on the right, on one page.

Save is one undo step (edits.add_contact / edits.edit_contact); Cancel changes nothing. The
activity lists act at once through their own undoable edits (schedule, log, done, delete...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from networkdesk.domain.enums import Stage
from networkdesk.domain.fields import UNSET, ContactFields
from networkdesk.domain.models import Contact
from networkdesk.services import companies, contacts, settings, tags
from networkdesk.services.changes import RING
from networkdesk.ui.controllers import edits
from networkdesk.ui.formatting import format_date, format_day
from networkdesk.ui.item_actions import ItemActions
from networkdesk.ui.plain_text import plain_tooltip
from networkdesk.ui.views import edit_conflict
from networkdesk.ui.views.contact_activity import ContactActivity
from networkdesk.ui.views.dialog_layout import (
    StackingColumns,
    fit_to_screen,
    save_cancel_buttons,
    scrolling,
)
from networkdesk.ui.views.feedback import attempt
from networkdesk.ui.views.link_label import LinkLabel
from networkdesk.ui.views.unsaved_changes import UnsavedChangesGuard, drafts_for
from networkdesk.ui.workspace import (
    CONTACTS,
    FOLLOWUPS,
    INTERACTIONS,
    MEETINGS,
    REFERRALS,
    SETTINGS,
    areas_touch,
    fields_touch,
    shown_contacts_touch,
)

if TYPE_CHECKING:
    from networkdesk.ui.workspace import Workspace

PHOTO_SIZE = 72


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def _split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class ContactEditor(QDialog):
    """Edit one contact (or create one when `contact_id` is None)."""

    scheduleMeetingRequested = Signal(int)
    logMeetingRequested = Signal(int)
    editMeetingRequested = Signal(int)
    newFollowupRequested = Signal(int)
    editReferralRequested = Signal(int)
    addReferralRequested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        *,
        item_actions: ItemActions | None = None,
    ) -> None:
        """`item_actions`: what the window's features offer on this contact's meetings and
        follow-ups (none when left out)."""
        super().__init__(parent)
        self.workspace = workspace
        self.contact_id = contact_id
        self.saved_id: int | None = None
        self.setObjectName("contactEditor")
        self._photo: bytes | None = None
        self._photo_mime: str | None = None
        self._before: dict[str, Any] = {}
        self._before_ring: int | None = None

        self._build_form()
        self.activity = ContactActivity(workspace, self, item_actions=item_actions)
        self.meetings_model = self.activity.meetings_model
        self.referrals_model = self.activity.referrals_model
        self.followups_model = self.activity.followups_model
        for name in (
            "scheduleMeetingRequested",
            "logMeetingRequested",
            "editMeetingRequested",
            "newFollowupRequested",
            "editReferralRequested",
            "addReferralRequested",
        ):
            getattr(self.activity, name).connect(getattr(self, name))
        buttons = save_cancel_buttons(self, self.save)
        self.buttons = buttons
        self.columns = StackingColumns(self)
        self.columns.add(self.form_box, 5)
        self.columns.add(self.activity, 6)
        self.layout_box = QVBoxLayout(self)
        self.layout_box.addWidget(scrolling(self.columns, self), 1)
        self.layout_box.addWidget(buttons)
        fit_to_screen(self, 1080, 720)
        self._load()
        self.guard = UnsavedChangesGuard(
            self,
            {
                "name": self.name_edit,
                "company": self.company_combo,
                "title": self.title_edit,
                "stage": self.stage_combo,
                "ring": self.ring_combo,
                "tags": self.tags_edit,
                "emails": self.emails_edit,
                "phones": self.phones_edit,
                "linkedin": self.linkedin_edit,
                "location": self.location_edit,
                "how_met": self.how_met_edit,
                "notes": self.notes_edit,
            },
            what="this contact" if contact_id is not None else "the new contact",
            save=self.save,
            drafts=drafts_for(workspace),
            draft_key=f"contact-{contact_id if contact_id is not None else 'new'}",
            # A photo cannot go in a text draft, but choosing one is a change to ask about.
            extra_values=lambda: {"photo_size": len(self._photo or b"")},
        )
        self.guard.mark_clean()
        offer = self.guard.draft_offer()
        if offer is not None:
            self.layout_box.insertWidget(0, offer)
        workspace.changed.connect(self._refresh_activity)

    def reject(self) -> None:
        """Escape, Cancel and the close button: ask first when something was typed."""
        if self.guard.may_close():
            super().reject()

    def _refresh_activity(self, changes: Any = None) -> None:
        if self.contact_id is None:
            return
        if changes is not None and not _activity_touched(changes, self.contact_id):
            return
        self.activity.show_contact(self.contact_id, self.ring_names)

    # --- building -----------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _text(self, name: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        return edit

    def _build_form(self) -> None:
        self.form_box = QGroupBox("Details", self)
        self.form_box.setAccessibleName("Contact details")
        form = QFormLayout(self.form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = self._line("Name", "Full name")
        self.name_edit.setObjectName("contactName")
        self.company_combo = QComboBox(self)
        self.company_combo.setObjectName("contactCompany")
        self.company_combo.setAccessibleName("Company")
        self.company_combo.setEditable(True)
        self.company_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        company_line = self.company_combo.lineEdit()
        if company_line is not None:
            company_line.setPlaceholderText("Pick one, or type a new company")
        self.title_edit = self._line("Title", "Job title")
        self.stage_combo = QComboBox(self)
        self.stage_combo.setAccessibleName("Stage")
        for stage in Stage:
            self.stage_combo.addItem(stage.label, stage)
        self.ring_combo = QComboBox(self)
        self.ring_combo.setObjectName("contactRing")
        self.ring_combo.setAccessibleName("Ring")
        self.tags_edit = self._line("Tags", "Comma-separated, e.g. alumni, python")
        self.emails_edit = self._text("E-mail addresses, one per line", 44)
        self.email_links = QHBoxLayout()
        self.phones_edit = self._text("Phone numbers, one per line", 44)
        self.phone_links = QHBoxLayout()
        self.linkedin_edit = self._line("LinkedIn profile", "https://www.linkedin.com/in/…")
        self.linkedin_link = LinkLabel("linkedin", "", self)
        self.location_edit = self._line("Location", "City or region")
        self.how_met_edit = self._text("How you met", 44)
        self.notes_edit = self._text("Notes", 90)
        self.notes_edit.setFixedHeight(16777215)
        self.notes_edit.setMinimumHeight(70)
        self.photo_label = QLabel(self)
        self.photo_label.setAccessibleName("Photo")
        self.photo_label.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.photo_label.setStyleSheet("border: 1px solid palette(mid); border-radius: 4px;")
        photo_buttons = QVBoxLayout()
        choose = QPushButton("Choose photo…", self)
        choose.setAccessibleName("Choose photo")
        choose.clicked.connect(self._choose_photo)
        remove = QPushButton("Remove photo", self)
        remove.setAccessibleName("Remove photo")
        remove.clicked.connect(lambda: self._set_photo(None, None))
        photo_buttons.addWidget(choose)
        photo_buttons.addWidget(remove)
        photo_buttons.addStretch(1)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label)
        photo_row.addLayout(photo_buttons)
        photo_row.addStretch(1)
        self.info_label = QLabel(self)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setAccessibleName("Where this contact came from")
        self.info_label.setWordWrap(True)

        linkedin_row = QHBoxLayout()
        linkedin_row.addWidget(self.linkedin_edit, 1)
        linkedin_row.addWidget(self.linkedin_link)
        self.linkedin_edit.textChanged.connect(
            lambda text: self.linkedin_link.set_value(text, "Open profile")
        )
        self.emails_edit.textChanged.connect(self._update_links)
        self.phones_edit.textChanged.connect(self._update_links)

        form.addRow("&Name", self.name_edit)
        form.addRow("&Company", self.company_combo)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Stage", self.stage_combo)
        form.addRow("&Ring", self.ring_combo)
        form.addRow("Ta&gs", self.tags_edit)
        form.addRow("&E-mail", self.emails_edit)
        form.addRow("", self.email_links)
        form.addRow("&Phone", self.phones_edit)
        form.addRow("", self.phone_links)
        form.addRow("LinkedIn", linkedin_row)
        form.addRow("L&ocation", self.location_edit)
        form.addRow("&How you met", self.how_met_edit)
        form.addRow("N&otes", self.notes_edit)
        form.addRow("Photo", photo_row)
        form.addRow(self.info_label)

    # --- loading ------------------------------------------------------------------------

    def _load(self) -> None:
        def read(session: Any) -> dict[str, Any]:
            data: dict[str, Any] = {
                "companies": [row.company.name for row in companies.list_companies(session)],
                "tags": [name for name, _n in tags.list_with_counts(session)],
                "ring_names": settings.RING_NAMES.get(session),
            }
            if self.contact_id is not None:
                contact = contacts.get(session, self.contact_id)
                data["fields"] = edits.contact_fields(contact)
                data["version"] = contact.version  # edit_conflict: changed elsewhere since?
                # The combo's item data are plain ints: Qt's findData does not match an enum.
                data["ring"] = None if contact.ring is None else int(contact.ring)
                data["photo"] = (contact.photo, contact.photo_mime)
                data["info"] = (contact.source, contact.connected_on, contact.created_at)
            return data

        data = self.workspace.read(read)
        self.ring_names: list[str] = list(data["ring_names"])
        self.company_combo.addItem("")
        self.company_combo.addItems(sorted(data["companies"], key=str.casefold))
        self.ring_combo.addItem("Inbox (not placed)", None)
        for ring, name in enumerate(self.ring_names):
            self.ring_combo.addItem(name, ring)
        self.tags_edit.setToolTip(plain_tooltip("Existing tags: " + ", ".join(data["tags"][:30])))
        if self.contact_id is None:
            self.setWindowTitle("New contact")
            self.activity.setEnabled(False)
            self.activity.setToolTip("Save the contact first to add meetings and follow-ups.")
            self.info_label.setText("Meetings, referrals and follow-ups can be added once saved.")
            self._set_photo(None, None)
            return
        fields = data["fields"]
        self._read_version: int | None = data["version"]
        self._before = dict(fields)
        self._before_ring = data["ring"]
        self.setWindowTitle(f"{fields['name']} — contact")
        self.name_edit.setText(fields["name"])
        self.company_combo.setCurrentText(fields["company"] or "")
        self.title_edit.setText(fields["title"] or "")
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(fields["stage"]))
        self.ring_combo.setCurrentIndex(max(0, self.ring_combo.findData(data["ring"])))
        self.tags_edit.setText(", ".join(fields["tag_names"]))
        self.emails_edit.setPlainText("\n".join(fields["emails"]))
        self.phones_edit.setPlainText("\n".join(fields["phones"]))
        self.linkedin_edit.setText(fields["linkedin"] or "")
        self.location_edit.setText(fields["location"] or "")
        self.how_met_edit.setPlainText(fields["how_met"] or "")
        self.notes_edit.setPlainText(fields["notes"] or "")
        self._set_photo(*data["photo"])
        source, connected, created = data["info"]
        parts = [f"Added {format_day(created)}"]
        if source:
            parts.append(f"source: {source}")
        if connected:
            parts.append(f"connected on LinkedIn {format_date(connected)}")
        self.info_label.setText(" · ".join(parts))
        self._refresh_activity()

    def _set_photo(self, data: bytes | None, mime: str | None) -> None:
        self._photo, self._photo_mime = data, mime
        pixmap = QPixmap()
        if data and pixmap.loadFromData(QByteArray(data)):
            self.photo_label.setPixmap(
                pixmap.scaled(
                    PHOTO_SIZE,
                    PHOTO_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText("No photo")

    def _choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo", "", "Images (*.png *.jpg *.jpeg *.webp)"
        )
        if not path:
            return
        with open(path, "rb") as handle:
            data = handle.read()
        mime = "image/png" if path.lower().endswith(".png") else "image/jpeg"
        self._set_photo(data, mime)

    def _update_links(self) -> None:
        for layout, kind, edit in (
            (self.email_links, "email", self.emails_edit),
            (self.phone_links, "phone", self.phones_edit),
        ):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()  # deleteLater waits for the event loop: hide it now
                    widget.deleteLater()
            for value in _lines(edit.toPlainText())[:4]:
                layout.addWidget(LinkLabel(kind, value, self))
            layout.addStretch(1)

    # --- saving -------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """What the form says, in the shape `contacts.edit` takes."""
        values: dict[str, Any] = {
            "name": self.name_edit.text(),
            "company": self.company_combo.currentText().strip() or None,
            "title": self.title_edit.text() or None,
            "emails": _lines(self.emails_edit.toPlainText()),
            "phones": [
                line.strip() for line in self.phones_edit.toPlainText().splitlines() if line.strip()
            ],
            "linkedin": self.linkedin_edit.text().strip() or None,
            "tag_names": _split_tags(self.tags_edit.text()),
            "notes": self.notes_edit.toPlainText() or None,
            "location": self.location_edit.text() or None,
            "how_met": self.how_met_edit.toPlainText() or None,
            "stage": Stage(self.stage_combo.currentData()),
        }
        return values

    def save(self) -> None:
        fields = self.fields()
        ring = self.ring_combo.currentData()
        if self.contact_id is None:
            if self._photo is not None:
                fields.update(photo=self._photo, photo_mime=self._photo_mime)
            saved = attempt(
                self,
                "Cannot save the contact",
                lambda: edits.add_contact(self.workspace, ContactFields.from_values(fields), ring),
            )
            if saved is None:
                return
            self.saved_id = saved
            self.accept()
            return
        contact_id = self.contact_id
        changed = {key: value for key, value in fields.items() if self._before.get(key) != value}
        photo_changed = self._photo != self.workspace.read(
            lambda s: contacts.get(s, contact_id).photo
        )
        if photo_changed:
            changed["photo"] = self._photo
            changed["photo_mime"] = self._photo_mime
        ring_arg = ring if ring != self._before_ring else UNSET
        if not changed and ring_arg is UNSET:
            self.saved_id = contact_id
            self.accept()
            return

        def save_edit() -> bool:
            edits.edit_contact(
                self.workspace, contact_id, ContactFields.from_values(changed), ring_arg
            )
            return True

        def save_checked() -> bool | edit_conflict.Choice:
            return edit_conflict.save_unless_changed(
                self,
                self.workspace,
                Contact,
                contact_id,
                getattr(self, "_read_version", None),
                "This contact",
                self._before,
                changed,
                lambda s: edits.contact_fields(contacts.get(s, contact_id)),
                save_edit,
            )

        ok = attempt(self, "Cannot save the contact", save_checked)
        if ok is edit_conflict.Choice.TAKE_THEIRS:
            edit_conflict.close_taking_theirs(self, self.guard)  # their version stays
            return
        if ok is True:
            self.saved_id = contact_id
            self.accept()


def _activity_touched(changes: object, contact_id: int) -> bool:
    """Does a change alter the activity shown for `contact_id`: its meetings, referrals,
    follow-ups and ring history (and the names of the people on its referrals)?"""
    return (
        areas_touch(changes, MEETINGS, REFERRALS, FOLLOWUPS, INTERACTIONS, SETTINGS)
        or shown_contacts_touch(changes, {contact_id}, RING)
        or fields_touch(changes, CONTACTS, "name")
    )
