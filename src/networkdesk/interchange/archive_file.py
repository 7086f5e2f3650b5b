"""Whether a path is a whole export (a folder or a zip) rather than one file: asked before every
import, so it lives apart from the archive reader and what that imports."""

from __future__ import annotations

from pathlib import Path


def is_archive(path: Path | str) -> bool:
    """A folder, or a zip file (by its signature, not its name)."""
    file = Path(path)
    if file.is_dir():
        return True
    try:
        with file.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False
