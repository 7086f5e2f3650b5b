"""Everything Qt. Nothing outside this package (and app.py) imports PySide6."""
