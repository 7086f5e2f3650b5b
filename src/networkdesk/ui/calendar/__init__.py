"""The calendar feature of the window: Add to calendar, File → Export calendar… (`actions`),
Tools → Publish to CalDAV… (`caldav_dialog`), the work they run off the GUI thread (`jobs`) and
reminders that fire while the app runs (`reminders`)."""
