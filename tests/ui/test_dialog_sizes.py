"""Every dialog fits a 1280x720 screen with its buttons visible; the main window opens within
the screen's available area (its saved geometry clamped, its first size a share of the area)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pipeline_fixtures import make_workspace
from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QMainWindow

from networkdesk.services import companies, contacts, followups, interactions, meetings, referrals
from networkdesk.ui import window_settings
from networkdesk.ui.views import dialog_layout
from networkdesk.ui.views.window_docks import clamped_rect, default_rect

pytestmark = pytest.mark.usefixtures("qapp")

SMALL = QRect(0, 0, 1280, 720)
WHEN = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    monkeypatch.setattr(dialog_layout, "available_geometry", lambda _widget=None: QRect(SMALL))
    return SMALL


@pytest.fixture
def records(db: Any) -> dict[str, int]:
    with db.transaction() as s:
        ada = contacts.add(s, "Ada Lovelace", company="Acme", notes="x" * 400, ring=2)
        bob = contacts.add(s, "Bob Byte", company="Initech")
        meeting = meetings.add(s, ada.id, WHEN, notes="coffee")
        followup = followups.add(s, ada.id, WHEN + dt.timedelta(days=1), meeting_id=meeting.id)
        referral = referrals.add(s, ada.id, bob.id, meeting_id=meeting.id)
        company_id = companies.list_companies(s)[0].company.id
        touch = interactions.add(s, ada.id, kind="email", direction="out", note="hello")
        return {
            "ada": int(ada.id),
            "meeting": int(meeting.id),
            "followup": int(followup.id),
            "referral": int(referral.id),
            "company": int(company_id),
            "interaction": touch.interaction_id,
        }


def _dialogs() -> dict[str, Callable[[Any, dict[str, int]], QDialog]]:
    from networkdesk.ui.calendar.actions import ExportDialog
    from networkdesk.ui.calendar.caldav_dialog import PublishDialog
    from networkdesk.ui.views.companies_panel import CompanyDialog
    from networkdesk.ui.views.contact_editor import ContactEditor
    from networkdesk.ui.views.followups_agenda import FollowupDialog
    from networkdesk.ui.views.import_preview import ImportPreviewDialog
    from networkdesk.ui.views.interaction_dialog import InteractionDialog
    from networkdesk.ui.views.log_meeting_wizard import LogMeetingDialog
    from networkdesk.ui.views.meeting_editor import MeetingEditor
    from networkdesk.ui.views.referrals_panel import ReferralDialog
    from networkdesk.ui.views.restore_dialog import RestoreDialog
    from networkdesk.ui.views.settings_dialog import SettingsDialog

    return {
        "contact editor": lambda ws, r: ContactEditor(ws, r["ada"]),
        "new contact": lambda ws, r: ContactEditor(ws, None),
        "schedule meeting": lambda ws, r: MeetingEditor(ws, contact_id=r["ada"]),
        "schedule meeting with anyone": lambda ws, r: MeetingEditor(ws),
        "edit meeting": lambda ws, r: MeetingEditor(ws, meeting_id=r["meeting"]),
        "log meeting": lambda ws, r: LogMeetingDialog(ws, r["ada"]),
        "follow-up": lambda ws, r: FollowupDialog(ws, followup_id=r["followup"]),
        "referral": lambda ws, r: ReferralDialog(ws, referral_id=r["referral"]),
        "interaction": lambda ws, r: InteractionDialog(ws, r["interaction"]),
        "company": lambda ws, r: CompanyDialog(ws, r["company"]),
        "settings": lambda ws, r: SettingsDialog(ws),
        "restore": lambda ws, r: RestoreDialog(ws),
        "import preview": lambda ws, r: ImportPreviewDialog("connections.csv"),
        "export calendar": lambda ws, r: ExportDialog(None),
        "publish": lambda ws, r: PublishDialog(
            None, keyring_problem=None, has_session_password=False
        ),
    }


@pytest.mark.parametrize("name", list(_dialogs()))
def test_every_dialog_fits_1280x720_with_its_buttons_visible(
    qtbot: Any, db: Any, records: dict[str, int], small_screen: QRect, name: str
) -> None:
    dialog = _dialogs()[name](make_workspace(db), records)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = small_screen.size() - dialog_layout.SCREEN_MARGIN
    assert dialog.width() <= room.width(), name
    assert dialog.height() <= room.height(), name
    minimum = dialog.minimumSizeHint()
    assert minimum.width() <= room.width(), name
    assert minimum.height() <= room.height(), name
    boxes = dialog.findChildren(QDialogButtonBox)
    assert boxes, f"{name} has no button row"
    for box in boxes:
        for button in box.findChildren(QAbstractButton):
            if not button.isVisibleTo(dialog):
                continue
            top_left = button.mapTo(dialog, button.rect().topLeft())
            bottom_right = button.mapTo(dialog, button.rect().bottomRight())
            assert dialog.rect().contains(top_left), f"{name}: {button.text()} is cut off"
            assert dialog.rect().contains(bottom_right), f"{name}: {button.text()} is cut off"


@pytest.mark.parametrize("name", ["contact editor", "schedule meeting", "log meeting"])
def test_wide_editors_stack_their_columns_on_a_narrow_dialog(
    qtbot: Any, db: Any, records: dict[str, int], name: str
) -> None:
    dialog = _dialogs()[name](make_workspace(db), records)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.columns.stacked
    dialog.resize(700, 600)
    qtbot.waitUntil(lambda: dialog.columns.stacked)


def test_default_window_size_is_a_share_of_the_screen() -> None:
    rect = default_rect(SMALL)
    assert SMALL.contains(rect)
    assert rect.width() < SMALL.width()
    assert rect.height() < SMALL.height()
    big = default_rect(QRect(0, 0, 3840, 2160))
    assert big.width() == 1600
    assert big.height() == 1000


def test_a_saved_geometry_larger_or_off_the_screen_is_clamped() -> None:
    for saved in (QRect(0, 0, 1400, 900), QRect(2000, 1200, 800, 600), QRect(-500, -300, 900, 700)):
        rect = clamped_rect(saved, SMALL)
        assert SMALL.contains(rect), saved


def test_the_main_window_opens_within_a_small_screen(
    qtbot: Any, small_screen: QRect, db: Any
) -> None:
    from networkdesk.ui.application import build_main_window

    window: QMainWindow = build_main_window(db)
    qtbot.addWidget(window)
    assert small_screen.contains(window.geometry())
    assert window.width() < 1400
    window.workspace._poll.stop()


def test_a_remembered_geometry_from_a_bigger_screen_is_clamped(
    qtbot: Any, small_screen: QRect, db: Any
) -> None:
    from networkdesk.ui.application import build_main_window

    first: QMainWindow = build_main_window(db)
    qtbot.addWidget(first)
    first.setGeometry(QRect(100, 100, 1800, 1100))
    window_settings.MAIN_GEOMETRY.set(first.saveGeometry())
    assert not window_settings.MAIN_GEOMETRY.get().isEmpty()
    first.workspace._poll.stop()
    window: QMainWindow = build_main_window(None)
    qtbot.addWidget(window)
    assert small_screen.contains(window.geometry())
    window_settings.MAIN_GEOMETRY.set(QByteArray())


def test_on_a_very_narrow_screen_the_inbox_joins_the_panels(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Any
) -> None:
    """A 1600x1000 laptop at 200 % is 800x500 for Qt: the three columns cannot fit side by side."""
    from PySide6.QtCore import Qt

    from networkdesk.ui.application import build_main_window

    narrow = QRect(0, 0, 800, 500)
    monkeypatch.setattr(dialog_layout, "available_geometry", lambda _widget=None: QRect(narrow))
    window: Any = build_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.dockWidgetArea(window.inbox_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.minimumSizeHint().width() <= narrow.width()
    assert narrow.contains(window.geometry())
    window.workspace._poll.stop()


def test_on_a_1280_screen_the_inbox_stays_on_the_left(
    qtbot: Any, small_screen: QRect, db: Any
) -> None:
    from PySide6.QtCore import Qt

    from networkdesk.ui.application import build_main_window

    window: Any = build_main_window(db)
    qtbot.addWidget(window)
    assert window.dockWidgetArea(window.inbox_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.workspace._poll.stop()
