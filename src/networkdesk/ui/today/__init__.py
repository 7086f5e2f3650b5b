"""The Today panel: one glance at the day (meetings, logging, thank-yous, follow-ups, the
3-and-7 outreach routine, keep-in-touch, readiness), each item with its action one key away."""
