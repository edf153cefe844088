#!/bin/sh
# Remove what install-desktop.sh installed: exactly the files and (now empty) folders in its manifest.
# User data (the database in ${XDG_DATA_HOME:-~/.local/share}/GoalDesk/) is not in the manifest and
# stays; so does anything else in those folders.
#
#   make uninstall-desktop          (--quiet: no summary line; used when reinstalling)
set -eu

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
case "$DATA" in /*) ;; *) DATA=$HOME/.local/share ;; esac
MANIFEST=$DATA/goaldesk/install-manifest.txt
LINK=$HOME/.local/bin/goaldesk
QUIET=${1:-}

if [ ! -f "$MANIFEST" ]; then
    echo "uninstall-desktop: nothing to remove ($MANIFEST not found)"
    exit 0
fi

LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
cp "$MANIFEST" "$LIST"

# Files and symlinks first; only paths inside $DATA, plus the command link ~/.local/bin/goaldesk if it
# is still a symlink (a damaged manifest must not reach elsewhere).
count=0
while IFS= read -r path; do
    case "$path" in
        "" | */) continue ;;
        "$DATA"/*) ;;
        "$LINK") [ -L "$path" ] || { echo "uninstall-desktop: skipping $path (not a symlink)" >&2; continue; } ;;
        *) echo "uninstall-desktop: skipping $path (outside $DATA)" >&2; continue ;;
    esac
    if [ -e "$path" ] || [ -L "$path" ]; then
        rm -f -- "$path"
        count=$((count + 1))
    fi
done < "$LIST"

# Then the folders the installer created (~/.local too, on a fresh account), deepest first, and only
# while empty: rmdir never removes anything else.
grep '/$' "$LIST" | sed -n '1!G;h;$p' | while IFS= read -r dir; do
    rmdir -- "$dir" 2>/dev/null || true
done

if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
fi
if [ -f "$DATA/applications/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" || true
fi

[ "$QUIET" = "--quiet" ] || echo "Removed GoalDesk ($count files); your goals database was not touched"
