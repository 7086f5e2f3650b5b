#!/usr/bin/env bash
# System libraries the tests need on a bare Debian/Ubuntu machine: what Qt's offscreen platform
# loads (EGL/GL, xkbcommon, fontconfig, D-Bus), a font, and the desktop-file and AppStream
# validators the packaging tests run, and the PostgreSQL server binaries (tests/migrations runs
# the same migrations, services and CLI on a throwaway cluster; skipped without them).
# Installs only what is missing; needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
  desktop-file-utils appstream
  postgresql
)
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "install these system packages with your package manager: ${missing[*]}" >&2
  exit 1
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
