"""The right-hand panels of the main window: each one's dock name and title, in one place.

The desktop start paints the window before most features are installed (issue 13, P1); it
reserves a dock for each panel a later feature adds, in the order and with the tab on top the
window ends with, so the first paint already has the final layout and the panels fill in
where they stand instead of the docks re-arranging under the user's pointer a moment later
(`WindowDocks.reserve`). The features dock their panels under these names
(`WindowDocks.add_panel` adopts the reserved dock). No Qt and no feature module here: the
first paint imports this.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PanelSlot:
    """A right-hand panel's dock: its object name (the saved layout's key) and its title."""

    object_name: str
    title: str


CONTACTS = PanelSlot("contactsDock", "Contacts")
FOLLOWUPS = PanelSlot("followupsDock", "Follow-ups")
REFERRALS = PanelSlot("referralsDock", "Referrals")
COMPANIES = PanelSlot("companiesDock", "Companies")
PROGRESS = PanelSlot("progressDock", "Progress")
COVERAGE = PanelSlot("coverageDock", "Coverage")
TODAY = PanelSlot("todayDock", "Today")
