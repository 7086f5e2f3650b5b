"""Errors a person can act on. Each message says what was wrong and where.

An error about particular input fields says which ones (`fields`: field -> the words used for it
by default) and keeps its message as a template, so each front end can name the fields its own
way: the CLI by its flags (`--from`), the window by its labels ("From"). `str(error)` is the
message with the default words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self


class NetworkdeskError(Exception):
    """Base of every expected error: shown as one plain line, never as a traceback."""

    #: The message with a {placeholder} per field and per value; None for a plain message.
    template: str | None = None
    fields: Mapping[str, str] = {}
    values: Mapping[str, object] = {}

    @classmethod
    def about_fields(cls, template: str, fields: Mapping[str, str], **values: object) -> Self:
        """An error about `fields` ({field: default words}); `template` names each field and
        value by its {placeholder}, e.g. "{first} {first_day} is after {last} {last_day}"."""
        error = cls(template.format(**fields, **values))
        error.template = template
        error.fields = dict(fields)
        error.values = dict(values)
        return error

    def phrase(self, names: Mapping[str, str]) -> str:
        """The message with the fields named as `names` says (others keep their default)."""
        if self.template is None:
            return str(self)
        words = {field: names.get(field, default) for field, default in self.fields.items()}
        return self.template.format(**words, **self.values)


class ValidationError(NetworkdeskError):
    """Input that cannot be accepted (empty name, bad ring, bad date...)."""


class NotFoundError(NetworkdeskError):
    """An id that names nothing."""


class ConflictError(NetworkdeskError):
    """The request clashes with data that exists (e.g. importing into a non-empty database)."""


class StorageError(NetworkdeskError):
    """The database or a backup cannot be used as asked."""
