"""networkdesk: a job seeker's networking desk."""

from __future__ import annotations

APP_NAME = "networkdesk"
APP_ID = "io.github.networkdesk.NetworkDesk"


def __getattr__(name: str) -> str:
    # `__version__` is looked up when asked for: importlib.metadata costs about 50 ms, paid by
    # every start of the window otherwise (issue 13, P1).
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("networkdesk")
        except PackageNotFoundError:  # running from a checkout that was never installed
            found = "0.0.0+unknown"
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
