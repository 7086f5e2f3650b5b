"""The cyclic garbage collector during the desktop start (issue 13, P1).

A start imports about 700 modules (PySide6, the window's, SQLAlchemy, the ORM models) and then
reads 30,000 contacts: tens of thousands of long-lived objects (functions, classes, dicts of
modules) that the collector's full (generation-2) passes visit again each time one runs. At
30,000 contacts two or three such passes ran before the window showed its data, 40-90 ms
each, all with the GIL held by whichever thread triggered them.

So what the start has loaded so far is frozen (`gc.freeze()`): moved to the collector's
permanent generation, which its passes skip. Freezing is O(1) and changes nothing else: frozen
objects are still freed by reference counting; only reference cycles among them that become
garbage wait for an explicit full pass (`ui.collector_pauses`, once the window is open, unfreezes
for one when the user turns away). Module-level objects live as long as the process anyway.

Qt-free: the opener's worker thread calls it too (`ui.pending_opening`).
"""

from __future__ import annotations

import gc


def freeze_what_is_loaded() -> None:
    """Take every object alive now out of the collector's later passes (see the module's
    docstring); call it right after a batch of imports, before reading data."""
    gc.freeze()
