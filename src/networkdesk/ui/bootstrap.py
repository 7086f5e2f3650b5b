"""The one place that composes a window's features: which there are, in what order, and what each
is given (a `FeatureContext`). No feature finds another by name or reaches into the window.

The feature modules are imported inside their installers, not at the top: they import the ORM
and the services, which take longer than the bare window's whole start, and the desktop start
shows the window first (`ui.application`).

A feature that fails to install is reported (`on_error`, and the log) and the window goes on
without it: one broken feature must not keep the whole app from starting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from networkdesk.ui.calendar.actions import CalendarFeature
    from networkdesk.ui.contacts_dock import ContactsDock
    from networkdesk.ui.features import FeatureContext
    from networkdesk.ui.import_ui import ImportController
    from networkdesk.ui.pipeline import Pipeline
    from networkdesk.ui.progress.feature import ProgressFeature
    from networkdesk.ui.today.feature import TodayFeature
    from networkdesk.ui.views.duplicates_feature import DuplicatesFeature

from networkdesk.ui import panel_slots as slots
from networkdesk.ui.panel_slots import PanelSlot

log = logging.getLogger(__name__)

ErrorReport = Callable[[str, BaseException], None]


@dataclass(frozen=True)
class Feature:
    """A named part of the window and how to install it into a context."""

    name: str
    install: Callable[[FeatureContext], object]
    #: The right-hand panels it docks, in order (reserved before it is installed).
    panels: tuple[PanelSlot, ...] = ()
    #: Its panel that ends on top of the tabs, if it raises one.
    on_top: PanelSlot | None = None


class StandardFeatures:
    """The features every main window has, with typed handles once they are installed (None
    before, or when one failed)."""

    def __init__(self) -> None:
        self.contacts: ContactsDock | None = None
        self.pipeline: Pipeline | None = None
        self.calendar: CalendarFeature | None = None
        self.imports: ImportController | None = None
        self.progress: ProgressFeature | None = None
        self.today: TodayFeature | None = None
        self.duplicates: DuplicatesFeature | None = None

    def features(self) -> list[Feature]:
        return [
            # the contacts table's dock: the first paint shows it (no ORM needed)
            Feature("contacts", self._install_contacts, (slots.CONTACTS,)),
            # editors, meetings, referrals, agenda, companies (beside the contacts table)
            Feature(
                "pipeline",
                self._install_pipeline,
                (slots.CONTACTS, slots.FOLLOWUPS, slots.REFERRALS, slots.COMPANIES),
            ),
            # add to calendar, export, CalDAV publishing, reminders
            Feature("calendar", self._install_calendar),
            # File > Import..., previews, dropped and opened files, exports
            Feature("import", self._install_imports),
            # Progress and Coverage panels, "Show warm path" on a contact
            Feature("progress", self._install_progress, (slots.PROGRESS, slots.COVERAGE)),
            # the Today panel: the day's meetings, follow-ups, outreach, keep-in-touch
            Feature("today", self._install_today, (slots.TODAY,), on_top=slots.TODAY),
            # Tools > Find duplicates..., Review changes...
            Feature("duplicates", self._install_duplicates),
        ]

    def _install_contacts(self, context: FeatureContext) -> ContactsDock:
        from networkdesk.ui.contacts_dock import ContactsDock

        if self.contacts is None:  # else the pipeline, installed first, built it
            self.contacts = ContactsDock(context)
        return self.contacts

    def _install_pipeline(self, context: FeatureContext) -> Pipeline:
        from networkdesk.ui.pipeline import Pipeline

        self.pipeline = Pipeline(context, self.contacts)
        self.contacts = self.pipeline.contacts
        return self.pipeline

    def _install_calendar(self, context: FeatureContext) -> CalendarFeature:
        from networkdesk.ui.calendar.actions import install

        self.calendar = install(context)
        return self.calendar

    def _install_duplicates(self, context: FeatureContext) -> DuplicatesFeature:
        from networkdesk.ui.views.duplicates_feature import install

        self.duplicates = install(context)
        return self.duplicates

    def _install_imports(self, context: FeatureContext) -> ImportController:
        from networkdesk.ui.import_ui import install

        self.imports = install(context)
        return self.imports

    def _install_progress(self, context: FeatureContext) -> ProgressFeature:
        from networkdesk.ui.progress.feature import install

        self.progress = install(context)
        return self.progress

    def _install_today(self, context: FeatureContext) -> TodayFeature:
        from networkdesk.ui.today.feature import install

        self.today = install(context)
        return self.today


def install_features(
    context: FeatureContext, features: Sequence[Feature], on_error: ErrorReport | None = None
) -> list[str]:
    """Install `features` in order; returns the names of those installed."""
    installed: list[str] = []
    for feature in features:
        try:
            feature.install(context)
        except Exception as exc:
            log.error("could not install the %s feature", feature.name, exc_info=exc)
            if on_error is not None:
                on_error(feature.name, exc)
            continue
        installed.append(feature.name)
    return installed
