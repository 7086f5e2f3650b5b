"""Drafts of open editors, kept on disk so typed text survives a crash or a kill.

An editor writes what its form says (plain JSON values) under a key naming the editor and the
record ("contact-42", "meeting-new-for-7"); the next time that editor opens for that record, the
draft is offered back. A draft goes once the editor is saved or its changes are discarded.

Files live in the data folder, one folder per database (a draft typed against one database is
never offered in another), written atomically (temporary file, fsync, rename) and readable by the
owner only: notes about people are private. Qt-free, so it is testable without a display.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from networkdesk.storage.paths import data_dir

DRAFTS_FOLDER = "drafts"
_SAFE_KEY = re.compile(r"[^A-Za-z0-9_.-]+")

#: A JSON object of what an editor's form says.
DraftValues = dict[str, Any]


@dataclass(frozen=True)
class Draft:
    """A saved draft: the form's values and when they were written (aware, UTC)."""

    key: str
    values: DraftValues
    saved_at: dt.datetime


def _file_name(key: str) -> str:
    safe = _SAFE_KEY.sub("_", key).strip("._") or "draft"
    return f"{safe}.json"


def folder_for(database: str, base: Path | None = None) -> Path:
    """The drafts folder of one database (its location as the user gave it: a path or URL)."""
    digest = hashlib.sha256(database.encode("utf-8")).hexdigest()[:16]
    return (base if base is not None else data_dir()) / DRAFTS_FOLDER / digest


class DraftStore:
    """Drafts of one database, in `folder` (created 0700 on the first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_database(cls, database: str, base: Path | None = None) -> DraftStore:
        return cls(folder_for(database, base))

    def path(self, key: str) -> Path:
        return self.folder / _file_name(key)

    def save(self, key: str, values: DraftValues, now: dt.datetime | None = None) -> Path:
        """Write the draft for `key` atomically (owner-only); the previous one is replaced."""
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        payload = {"key": key, "saved_at": moment.isoformat(), "values": values}
        text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o700)
        final = self.path(key)
        fd, tmp_name = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=self.folder)
        try:
            os.chmod(tmp_name, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, final)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        return final

    def load(self, key: str) -> Draft | None:
        """The draft for `key`, or None (none saved, or a file that is not a draft)."""
        try:
            payload = json.loads(self.path(key).read_text(encoding="utf-8"))
            values = payload["values"]
            saved_at = dt.datetime.fromisoformat(payload["saved_at"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(values, dict):
            return None
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=dt.UTC)
        return Draft(key=key, values=values, saved_at=saved_at)

    def discard(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(key).unlink()

    def keys(self) -> list[str]:
        """Keys of the drafts kept, sorted."""
        found = []
        for path in sorted(self.folder.glob("*.json")):
            draft = self.load(path.stem)
            if draft is not None:
                found.append(draft.key)
        return found
