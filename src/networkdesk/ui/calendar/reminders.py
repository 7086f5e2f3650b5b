"""Reminders that fire even without a calendar (Google drops alarms from imported files).

While the app runs, a follow-up reaching its reminder time shows a desktop notification:
the freedesktop notification portal over QtDBus where it exists, else a system tray message
where a tray exists, else a notice in the window. Reminders that came while the app was closed
are listed in the window at start, as a notice (never a modal dialog).

Why the portal (org.freedesktop.portal.Notification) and not org.freedesktop.Notifications:
Notify's second argument must be a D-Bus uint32, and PySide6's QtDBus cannot marshal one (a
Python int goes out as int32, signature `sisssava{sv}i`, which every notification daemon
rejects as an unknown method). AddNotification takes only a string and a dictionary.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from networkdesk.domain.timeutil import to_local
from networkdesk.services.calendar_export import Reminder, next_reminder_after, reminders_between
from networkdesk.ui import window_settings
from networkdesk.ui.features import FeatureContext
from networkdesk.ui.workspace import FOLLOWUPS, areas_touch

log = logging.getLogger(__name__)

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE = "org.freedesktop.portal.Notification"
SETTINGS_LAST_CHECK = window_settings.REMINDERS_LAST_CHECK.key
#: Longest wait between two checks: a sleeping laptop or a changed clock is noticed soon.
MAX_WAIT_MS = 60_000
#: How far back "missed" reaches on the very first start.
FIRST_START_LOOKBACK = dt.timedelta(days=7)
MISSED_LISTED = 5

Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def when_text(moment: dt.datetime) -> str:
    local = to_local(moment)
    return f"{local:%a %d %b %H:%M}"


# --- notification channels -------------------------------------------------------------------


def _reply_value(reply: Any) -> Any:
    """The value of a QDBusReply (PySide wraps it), or the value itself."""
    value = getattr(reply, "value", None)
    return value() if callable(value) else reply


class PortalNotifier:
    """Desktop notifications through the freedesktop portal over QtDBus."""

    name = "portal"

    def __init__(self, bus: Any = None) -> None:
        from PySide6.QtDBus import QDBusConnection

        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._counter = 0

    def available(self) -> bool:
        if not self._bus.isConnected():
            return False
        interface = self._bus.interface()
        if interface is None:
            return False
        try:
            if bool(_reply_value(interface.isServiceRegistered(PORTAL_SERVICE))):
                return True
            activatable = _reply_value(interface.activatableServiceNames()) or []
            return PORTAL_SERVICE in list(activatable)
        except Exception:  # a bus that cannot answer is no bus
            return False

    def notify(self, title: str, body: str) -> bool:
        from PySide6.QtDBus import QDBus, QDBusInterface

        self._counter += 1
        portal = QDBusInterface(PORTAL_SERVICE, PORTAL_PATH, PORTAL_INTERFACE, self._bus)
        # Title and body are plain text for the portal (markup has a key of its own).
        notification = {"title": title, "body": body, "priority": "high"}
        reply = portal.callWithArgumentList(
            QDBus.CallMode.Block, "AddNotification", [f"reminder-{self._counter}", notification]
        )
        if reply.errorName():
            log.info("notification portal refused: %s", reply.errorName())
            return False
        return True


class TrayNotifier:
    """A message from a system tray icon."""

    name = "tray"

    def __init__(self, parent: QObject, on_click: Callable[[], None]) -> None:
        self._parent = parent
        self._on_click = on_click
        self._tray: QSystemTrayIcon | None = None

    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def notify(self, title: str, body: str) -> bool:
        if self._tray is None:
            from networkdesk.ui.icons import app_icon

            self._tray = QSystemTrayIcon(app_icon(), self._parent)
            self._tray.setToolTip("networkdesk")
            self._tray.messageClicked.connect(self._on_click)
            self._tray.show()
        self._tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 20_000)
        return True


# --- the scheduler ---------------------------------------------------------------------------


class ReminderScheduler(QObject):
    """Checks for reminders that have come and announces each once."""

    #: A reminder fired (the Reminder), after it was shown.
    fired = Signal(object)

    def __init__(
        self,
        context: FeatureContext,
        *,
        clock: Clock = _utcnow,
        notifiers: list[Any] | None = None,
    ) -> None:
        super().__init__(context.parent)
        self.notices = context.notices
        self.status_bar = context.status_bar
        self.workspace = context.workspace
        self._clock = clock
        self._last_contact = 0
        if notifiers is None:
            notifiers = []
            try:
                notifiers.append(PortalNotifier())
            except Exception:  # no QtDBus on this platform
                pass
            notifiers.append(TrayNotifier(self, self._open_last_contact))
        self._notifiers = notifiers
        self._channel: Any = None
        self.last_check: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.workspace.opened.connect(self.start)
        self.workspace.changed.connect(self._on_changed)
        if self.workspace.is_open:
            self.start()

    # --- channel ------------------------------------------------------------------------

    @property
    def channel(self) -> str:
        """Where reminders go: "portal", "tray" or "window"."""
        if self._channel is None:
            self._channel = next((n for n in self._notifiers if n.available()), False)
        return self._channel.name if self._channel else "window"

    def _show(self, reminder: Reminder) -> None:
        title = f"Reminder: {reminder.summary}"
        body = f"Due {when_text(reminder.due)}"
        self._last_contact = reminder.contact_id
        if self.channel != "window" and self._channel.notify(title, body):
            self.status_bar.showMessage(f"{title} — {body}", 60_000)
            return
        contact_id = reminder.contact_id

        def open_contact() -> None:  # no parameters: `clicked` would fill them with its bool
            self.workspace.request_open_contact(contact_id)

        self.notices.show_notice(
            f"{title} — {body.lower()}", "warning", "Open contact", open_contact
        )

    def _open_last_contact(self) -> None:
        if self._last_contact:
            self.workspace.request_open_contact(self._last_contact)

    # --- checking -----------------------------------------------------------------------

    def start(self) -> None:
        """List what was missed while the app was closed, then follow the clock."""
        now = self._clock()
        stored = window_settings.REMINDERS_LAST_CHECK.get()
        try:
            since = dt.datetime.fromisoformat(str(stored)) if stored else None
        except ValueError:
            since = None
        if since is None or since.tzinfo is None or since > now:
            since = now - FIRST_START_LOOKBACK
        missed = self.workspace.read(lambda s: reminders_between(s, since, now))
        self._remember(now)
        if missed:
            self.notices.show_notice(missed_text(missed), "warning")
        self._schedule()

    def check(self) -> list[Reminder]:
        """Fire every reminder whose time came since the last check."""
        if not self.workspace.is_open:
            return []
        now = self._clock()
        since = self.last_check or now
        due = self.workspace.read(lambda s: reminders_between(s, since, now)) if now > since else []
        self._remember(now)
        for reminder in due:
            self._show(reminder)
            self.fired.emit(reminder)
        self._schedule()
        return due

    def _remember(self, now: dt.datetime) -> None:
        self.last_check = now
        window_settings.REMINDERS_LAST_CHECK.set(now.isoformat())

    def _schedule(self) -> None:
        if not self.workspace.is_open or self.last_check is None:
            return
        moment = self.last_check
        upcoming = self.workspace.read(lambda s: next_reminder_after(s, moment))
        wait_ms = MAX_WAIT_MS
        if upcoming is not None:
            wait_ms = int(max(0.0, (upcoming - self._clock()).total_seconds()) * 1000) + 50
            wait_ms = min(wait_ms, MAX_WAIT_MS)
        self._timer.start(wait_ms)

    def _on_changed(self, areas: Any) -> None:
        # A new or moved follow-up may come before the timer: look again.
        if areas_touch(areas, FOLLOWUPS) and self.last_check is not None:
            self._schedule()

    def stop(self) -> None:
        self._timer.stop()


def missed_text(missed: list[Reminder]) -> str:
    count = len(missed)
    lines = [f"{count} reminder{'s' if count != 1 else ''} came while networkdesk was closed:"]
    for reminder in missed[:MISSED_LISTED]:
        lines.append(f"• {reminder.summary} — due {when_text(reminder.due)}")
    if count > MISSED_LISTED:
        lines.append(f"…and {count - MISSED_LISTED} more in the agenda.")
    return "\n".join(lines)
