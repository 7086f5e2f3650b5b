"""Everything Qt. Nothing outside this package (and app.py) imports PySide6.

The first import of the package turns off PySide6's source scan of every later import
(`pyside_imports`): it costs start-up time and memory and serves a feature this app does not use.
"""

from networkdesk.ui.pyside_imports import skip_source_scan

skip_source_scan()
