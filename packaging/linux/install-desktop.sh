#!/bin/sh
# Install the PyInstaller bundle (dist/GoalDesk) for the current user, with a menu entry and icons.
#
#   make bundle && make install-desktop        (undo: make uninstall-desktop)
#
# Puts the bundle in ${XDG_DATA_HOME:-~/.local/share}/goaldesk/app, the .desktop file in
# .../applications, icons in .../icons/hicolor, AppStream metadata in .../metainfo, and records every
# file and folder it creates in .../goaldesk/install-manifest.txt so uninstall-desktop.sh removes
# exactly those. The command goes on PATH as a link ~/.local/bin/goaldesk (XDG's folder for a user's
# executables; Debian's ~/.profile adds it to PATH when it exists). User data (platformdirs:
# .../GoalDesk/) is never touched.
# GOALDESK_DIST overrides the bundle folder (the tests use a fake one).
set -eu

APP_ID=io.github.goaldesk.GoalDesk
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIST=${GOALDESK_DIST:-$ROOT/dist/GoalDesk}
ICONS=$ROOT/resources/icons/app
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
case "$DATA" in /*) ;; *) DATA=$HOME/.local/share ;; esac  # XDG: relative values are invalid
PREFIX=$DATA/goaldesk
APPDIR=$PREFIX/app
MANIFEST=$PREFIX/install-manifest.txt
BINDIR=$HOME/.local/bin
LINK=$BINDIR/goaldesk

die() { echo "install-desktop: $*" >&2; exit 1; }

[ -x "$DIST/goaldesk" ] || die "no bundle at $DIST (dist/GoalDesk/goaldesk missing): run \`make bundle\` first"
case "$APPDIR" in
    *'"'* | *'`'* | *'$'* | *'\'* | *'
'*) die "the install folder $APPDIR contains a character a .desktop Exec line cannot hold" ;;
esac

# A previous install is replaced: remove exactly what it installed first.
if [ -f "$MANIFEST" ]; then
    sh "$HERE/uninstall-desktop.sh" --quiet
fi
[ -e "$APPDIR" ] && die "$APPDIR exists but is not in an install manifest; move it away and try again"

LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT

make_dir() {  # mkdir -p that records each folder it creates (parents first)
    [ -d "$1" ] && return 0
    make_dir "$(dirname "$1")"
    mkdir "$1"
    printf '%s/\n' "$1" >> "$LIST"
}

install_file() {  # install_file SOURCE TARGET [MODE]
    make_dir "$(dirname "$2")"
    [ -e "$2" ] && echo "install-desktop: replacing $2" >&2
    cp "$1" "$2"
    chmod "${3:-644}" "$2"
    printf '%s\n' "$2" >> "$LIST"
}

# 1. The bundle itself.
make_dir "$PREFIX"
cp -R "$DIST" "$APPDIR"
find "$APPDIR" -type d | sed 's|$|/|' >> "$LIST"
find "$APPDIR" ! -type d >> "$LIST"

# 2. Menu entry, with Exec/TryExec pointing at the installed executable.
BIN=$APPDIR/goaldesk
case "$BIN" in *' '*) EXEC="\"$BIN\"" ;; *) EXEC=$BIN ;; esac
DESKTOP_TMP=$(mktemp)
while IFS= read -r line; do
    case "$line" in
        Exec=*) printf 'Exec=%s\n' "$EXEC" ;;
        TryExec=*) printf 'TryExec=%s\n' "$BIN" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$HERE/$APP_ID.desktop" > "$DESKTOP_TMP"
install_file "$DESKTOP_TMP" "$DATA/applications/$APP_ID.desktop"
rm -f "$DESKTOP_TMP"

# 3. Icons (hicolor theme) and AppStream metadata.
for size in 16 24 32 48 64 128 256 512; do
    install_file "$ICONS/goaldesk-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install_file "$ICONS/goaldesk.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
install_file "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"

# 4. The command on PATH: a link to the installed executable (the bundle finds its _internal/ folder
#    through the link). Someone else's goaldesk there (pip --user, say) is left alone.
if [ -e "$LINK" ] || [ -L "$LINK" ]; then
    echo "install-desktop: $LINK exists and is not from this install; left alone" >&2
    LINKED=""
else
    make_dir "$BINDIR"
    ln -s "$BIN" "$LINK"
    printf '%s\n' "$LINK" >> "$LIST"
    LINKED=$LINK
fi

# 5. The manifest, then refresh caches that already exist (never create shared cache files).
printf '%s\n' "$MANIFEST" >> "$LIST"
cp "$LIST" "$MANIFEST"
if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
fi
if [ -f "$DATA/applications/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" || true
fi

echo "Installed GoalDesk in $APPDIR"
if [ -n "$LINKED" ]; then
    case ":${PATH:-}:" in
        *":$BINDIR:"* | *":$BINDIR/:"*) echo "Command: goaldesk ($LINKED)" ;;
        *)
            echo "Command: $LINKED, but $BINDIR is not on your PATH. Log out and in again (Debian's"
            echo "~/.profile adds it when it exists), or add to ~/.profile:  export PATH=\"\$HOME/.local/bin:\$PATH\""
            ;;
    esac
fi
echo "Menu entry: $DATA/applications/$APP_ID.desktop (may take a moment to appear)"
echo "Remove with: make uninstall-desktop"
