"""A stand-in for the freedesktop notification portal on a private D-Bus (tests only).

Run with DBUS_SESSION_BUS_ADDRESS set; prints READY, then one line per notification received.
Its AddNotification has the portal's exact signature (sa{sv}): a call with other types fails.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Notification"})
class FakePortal(QObject):
    @Slot(str, "QVariantMap")
    def AddNotification(self, notification_id: str, notification: dict[str, Any]) -> None:
        print(json.dumps({"id": notification_id, **notification}), flush=True)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    portal = FakePortal()
    exported = bus.registerObject(
        "/org/freedesktop/portal/desktop", portal, QDBusConnection.RegisterOption.ExportAllSlots
    )
    named = bus.registerService("org.freedesktop.portal.Desktop")
    print("READY" if exported and named else "FAILED", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
