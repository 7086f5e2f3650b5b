"""PySide6's scan of every later import's source is answered without reading the source
(ui.pyside_imports): importing a module keeps its lines out of linecache."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import networkdesk.ui  # noqa: F401  (turns the scan off)
from networkdesk.ui.pyside_imports import forget_source_lines, skip_source_scan


def test_the_scan_is_found_in_this_pyside_version() -> None:
    assert skip_source_scan() is True


def test_an_import_leaves_its_source_unread(tmp_path: Path) -> None:
    module = tmp_path / "freshly_imported_probe.py"
    module.write_text("from PySide6.QtCore import QObject\nVALUE = 42\n")
    forget_source_lines()
    sys.path.insert(0, str(tmp_path))
    try:
        # Through __import__, as an import statement does: PySide6 hooks that, not importlib.
        probe = __import__("freshly_imported_probe")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("freshly_imported_probe", None)
    assert probe.VALUE == 42
    assert str(module) not in linecache.cache
