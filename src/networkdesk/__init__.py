"""networkdesk: a job seeker's networking desk."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("networkdesk")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

APP_NAME = "networkdesk"
APP_ID = "io.github.networkdesk.NetworkDesk"
