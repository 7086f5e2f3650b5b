"""Errors a person can act on. Each message says what was wrong and where."""


class NetworkdeskError(Exception):
    """Base of every expected error: shown as one plain line, never as a traceback."""


class ValidationError(NetworkdeskError):
    """Input that cannot be accepted (empty name, bad ring, bad date...)."""


class NotFoundError(NetworkdeskError):
    """An id that names nothing."""


class ConflictError(NetworkdeskError):
    """The request clashes with data that exists (e.g. importing into a non-empty database)."""


class StorageError(NetworkdeskError):
    """The database or a backup cannot be used as asked."""
