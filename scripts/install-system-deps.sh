#!/usr/bin/env bash
# System libraries the tests need on a bare Debian/Ubuntu machine: what Qt's offscreen platform
# loads (EGL/GL, xkbcommon, fontconfig, D-Bus), a font, and the desktop-file and AppStream
# validators the packaging tests run, and the PostgreSQL server binaries (tests/migrations runs
# the same migrations, services and CLI on a throwaway cluster; skipped without them).
#
#   scripts/install-system-deps.sh            what the tests need (offscreen Qt, validators, PostgreSQL)
#   scripts/install-system-deps.sh --desktop  that, plus what a real window on X11 or Wayland
#                                             needs (Qt's xcb and wayland platform plugins)
#
# The --desktop list is what `ldd` shows Qt's libqxcb.so, libQt6XcbQpa.so and libqwayland.so
# load; without it the window aborts with "could not load the Qt platform plugin xcb".
# Installs only what is missing; needs root (or sudo) only when something is missing.
set -euo pipefail

desktop=0
for arg in "$@"; do
  case "$arg" in
    --desktop) desktop=1 ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "install-system-deps.sh: unknown option $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

packages=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
  desktop-file-utils appstream
  postgresql
)
if ((desktop)); then
  packages+=(
    libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
    libwayland-client0 libwayland-cursor0 libwayland-egl1
  )
fi
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
