#!/bin/sh
# Put networkdesk in the desktop's application launcher for the current user: the launcher entry,
# the icon, the AppStream metadata and the "Open with networkdesk" entry for vCard (.vcf) files.
#
#   ./install-desktop-integration.sh                  # from the unpacked bundle, or a checkout
#   ./install-desktop-integration.sh --exec PATH      # the networkdesk program to launch
#   ./install-desktop-integration.sh --uninstall
#
# Files go to ${XDG_DATA_HOME:-~/.local/share} (or --prefix DIR, e.g. /usr/local/share as root).
# Nothing outside that folder is touched.
set -eu

APP_ID=io.github.networkdesk.NetworkDesk
here=$(cd "$(dirname "$0")" && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
program=""
uninstall=0

while [ $# -gt 0 ]; do
  case "$1" in
    --exec) program=${2:?--exec needs the path of the networkdesk program}; shift 2 ;;
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-desktop-integration: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Two layouts: the unpacked bundle (share/ beside this script, the program beside it too) and a
# source checkout (packaging/linux/ holds the files, the icons are in resources/icons/).
if [ -f "$here/share/applications/$APP_ID.desktop" ]; then
  desktop_src="$here/share/applications/$APP_ID.desktop"
  metainfo_src="$here/share/metainfo/$APP_ID.metainfo.xml"
  icons_src="$here/share/icons/hicolor"
  svg_src="$icons_src/scalable/apps/$APP_ID.svg"
  [ -n "$program" ] || program="$here/networkdesk"
elif [ -f "$here/$APP_ID.desktop" ]; then
  desktop_src="$here/$APP_ID.desktop"
  metainfo_src="$here/$APP_ID.metainfo.xml"
  icons_src="$here/../../resources/icons/hicolor"
  svg_src="$here/../../resources/icons/networkdesk.svg"
  [ -n "$program" ] || program=$(command -v networkdesk || true)
else
  echo "install-desktop-integration: $APP_ID.desktop not found next to this script" >&2
  exit 1
fi

sizes="16 32 48 64 128 256"
desktop_dst="$prefix/applications/$APP_ID.desktop"
metainfo_dst="$prefix/metainfo/$APP_ID.metainfo.xml"

refresh_caches() {
  # Optional helpers: desktops pick the files up without them too, a little later.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$prefix/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$prefix/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  rm -f "$desktop_dst" "$metainfo_dst" "$prefix/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $sizes; do
    rm -f "$prefix/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
  refresh_caches
  echo "networkdesk removed from the launcher ($prefix)"
  exit 0
fi

if [ -z "$program" ]; then
  echo "install-desktop-integration: no networkdesk program found on PATH; pass --exec PATH" >&2
  exit 1
fi
case "$program" in
  /*) ;;
  *) program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")" ;;
esac
if [ ! -x "$program" ]; then
  echo "install-desktop-integration: $program is not an executable program" >&2
  exit 1
fi
# The Exec key is quoted; these characters would need escaping there, and no sane path has them.
case "$program" in
  *[\"\`\$\\%]*)
    echo "install-desktop-integration: the path $program contains \" \` \$ \\ or %; move it" >&2
    exit 1 ;;
esac

mkdir -p "$prefix/applications" "$prefix/metainfo" "$prefix/icons/hicolor/scalable/apps"
tmp="$desktop_dst.tmp.$$"
sed -e "s|^Exec=networkdesk |Exec=\"$program\" |" -e "s|^TryExec=networkdesk\$|TryExec=$program|" \
  "$desktop_src" >"$tmp"
mv "$tmp" "$desktop_dst"
cp "$metainfo_src" "$metainfo_dst"
cp "$svg_src" "$prefix/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in $sizes; do
  mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
  cp "$icons_src/${size}x${size}/apps/$APP_ID.png" "$prefix/icons/hicolor/${size}x${size}/apps/"
done
refresh_caches
echo "networkdesk added to the launcher: $desktop_dst runs $program"
