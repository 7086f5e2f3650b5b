#!/bin/sh
# Build dist/networkdesk/ with PyInstaller (see packaging/build.py; options are passed on).
# PYTHON picks the interpreter that has networkdesk and its `package` extra installed.
set -eu
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" packaging/build.py "$@"
