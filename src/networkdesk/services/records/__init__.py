"""Typed, reversible change records: what each undoable write changed, returned by the service
call that did it (see base.py for the shape)."""

from networkdesk.services.records.base import ChangeRecord, Composite, combine

__all__ = ["ChangeRecord", "Composite", "combine"]
