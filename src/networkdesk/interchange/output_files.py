"""Writing export files: all or nothing, private to the user."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from networkdesk.domain.errors import NetworkdeskError


class ExportError(NetworkdeskError):
    """An export file that cannot be written (folder missing, no permission, disk full)."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file next to `path`, then rename it over `path`.

    A crash or a full disk leaves the old file (or none), never half a file. The file is 0600:
    exports hold personal data.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write there: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise ExportError(f"{path}: cannot write the file: {exc.strerror}") from None
