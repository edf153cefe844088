#!/bin/sh
# Check the .deb for real: lintian, then apt-get install it, run it from PATH, validate the installed
# desktop entry and metainfo, launch it through the desktop entry under Xvfb, apt-get remove it and
# check that nothing of it is left in /opt or /usr while the user's data stays. Called by .ci/run
# after `make deb`; needs root (or sudo) and must not run where GoalDesk is already installed.
#
#   sh packaging/linux/check_deb.sh [dist/goaldesk_<version>_<arch>.deb]
#
# Needs: lintian, desktop-file-utils, appstream, libglib2.0-bin (gio), xvfb, xauth, openbox, xdotool.
# GOALDESK_CHECK_DISPLAY picks the Xvfb display number (default 95).
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

ident() { sed -n "s/^$1 = \"\(.*\)\"/\1/p" goaldesk/__init__.py; }
APP_ID=$(ident APP_ID)
APP_NAME=$(ident APP_NAME)
VERSION=$(ident __version__)
ARCH=$(dpkg --print-architecture)
DEB=${1:-dist/goaldesk_${VERSION}_${ARCH}.deb}
case "$DEB" in /*) ;; *) DEB=$ROOT/$DEB ;; esac
DISPLAY_NUM=${GOALDESK_CHECK_DISPLAY:-95}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
step() { echo "check-deb: $*"; }

[ -f "$DEB" ] || fail "no package at $DEB: run \`make deb\` first"
if dpkg-query -W -f='${Status}' goaldesk 2>/dev/null | grep -q "ok installed"; then
    fail "goaldesk is already installed here; this check installs and removes it, so remove it first"
fi
for tool in lintian desktop-file-validate appstreamcli gio Xvfb openbox xdotool; do
    command -v "$tool" >/dev/null || fail "$tool not found (apt-get install lintian desktop-file-utils appstream libglib2.0-bin xvfb xauth openbox xdotool)"
done

WORK=$(mktemp -d /tmp/goaldesk-check-deb.XXXXXX)
chmod 755 "$WORK"
USER_HOME=$WORK/home  # the user's home: their database must survive the removal
mkdir -p "$USER_HOME"
XVFB_PID="" WM_PID="" APP_PID="" INSTALLED=""
cleanup() {
    for pid in $APP_PID $WM_PID $XVFB_PID; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$INSTALLED" ]; then $SUDO apt-get remove -y -qq goaldesk >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# 1. lintian: no errors (the accepted tags are overridden, with reasons, in goaldesk.lintian-overrides).
step "lintian $(basename "$DEB")"
lint_status=0
lintian --fail-on error "$DEB" >"$WORK/lintian.txt" 2>&1 || lint_status=$?
grep -v "running with root privileges" "$WORK/lintian.txt" || true
[ "$lint_status" = 0 ] || fail "lintian reports errors (exit $lint_status)"

# 2. Install with apt-get, as a user would (dependencies from the archive).
touch "$WORK/stamp"
sleep 1
# Folders of the package that exist already (/opt, /usr/share/icons/...): those stay after remove.
dpkg-deb --contents "$DEB" | awk '{print $6}' | sed -n 's|^\.\(/.*[^/]\)/$|\1|p' | while IFS= read -r dir; do
    [ -d "$dir" ] && printf '%s\n' "$dir"
done > "$WORK/dirs-before"
(cd /opt && find . -xdev | sort) > "$WORK/opt-before"
step "apt-get install $DEB"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB" > "$WORK/apt.log" 2>&1 \
    || { cat "$WORK/apt.log"; fail "apt-get install failed"; }
INSTALLED=1
dpkg -L goaldesk > "$WORK/files"

# 3. The command on PATH, the smoke test, the installed metadata.
[ "$(command -v goaldesk)" = /usr/bin/goaldesk ] || fail "goaldesk is not /usr/bin/goaldesk on PATH"
got=$(env -u QT_QPA_PLATFORM goaldesk --version)
[ "$got" = "$APP_NAME $VERSION" ] || fail "goaldesk --version said '$got'"
step "goaldesk --version: $got"
out=$(HOME=$USER_HOME QT_QPA_PLATFORM=offscreen goaldesk --smoke-test 2>&1) || fail "smoke test failed: $out"
echo "$out" | grep -qx OK || fail "smoke test did not print OK: $out"
step "goaldesk --smoke-test: OK"
desktop-file-validate "/usr/share/applications/$APP_ID.desktop" || fail "installed desktop file does not validate"
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml" || fail "installed metainfo does not validate"
[ -f "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" ] || fail "no scalable icon"
# Every library the bundle links resolves on this machine: the generated Depends are complete.
libpath=$(find /opt/goaldesk -name '*.so*' -type f -printf '%h\n' | sort -u | tr '\n' ':')
unresolved=$(find /opt/goaldesk -type f \( -name '*.so*' -o -name goaldesk \) -exec sh -c \
    'LD_LIBRARY_PATH="$0" ldd "$1" 2>/dev/null | sed -n "s|^[[:space:]]*\(.*\) => not found|\1 (needed by $1)|p"' "$libpath" {} \;)
# libcups.so.2 is only recommended (printing to a printer); apt may be set not to install Recommends.
unresolved=$(printf '%s\n' "$unresolved" | grep -v '^libcups\.so\.2 ' || true)
[ -z "$unresolved" ] || fail "libraries not found after install: $unresolved"
step "desktop entry, metainfo, icons and libraries: OK"

# 4. Through the desktop entry, on a real X server, as a desktop would start it.
step "gio launch /usr/share/applications/$APP_ID.desktop on Xvfb :$DISPLAY_NUM"
[ ! -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || fail "display :$DISPLAY_NUM is in use (GOALDESK_CHECK_DISPLAY picks another)"
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break; sleep 0.1; done
DISPLAY=:$DISPLAY_NUM openbox >"$WORK/openbox.log" 2>&1 &
WM_PID=$!
sleep 1
env -u QT_QPA_PLATFORM -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$USER_HOME" DISPLAY=":$DISPLAY_NUM" \
    gio launch "/usr/share/applications/$APP_ID.desktop" >"$WORK/gio.log" 2>&1 || { cat "$WORK/gio.log"; fail "gio launch failed"; }
WINDOW=$(DISPLAY=:$DISPLAY_NUM timeout 60 xdotool search --sync --onlyvisible --class "$APP_NAME" | head -n 1) \
    || fail "no visible $APP_NAME window within 60 s of gio launch"
APP_PID=$(DISPLAY=:$DISPLAY_NUM xdotool getwindowpid "$WINDOW")
exe=$(readlink "/proc/$APP_PID/exe")
[ "$exe" = /opt/goaldesk/goaldesk ] || fail "the window belongs to $exe, not /opt/goaldesk/goaldesk"
step "window $WINDOW: $(DISPLAY=:$DISPLAY_NUM xdotool getwindowname "$WINDOW") (pid $APP_PID, $exe)"
DB=$USER_HOME/.local/share/$APP_NAME/goaldesk.sqlite3
# Quit as a user would (File > Quit, Ctrl+Q); SIGTERM only if it is still there after 10 s.
DISPLAY=:$DISPLAY_NUM xdotool windowactivate --sync "$WINDOW" key --clearmodifiers ctrl+q 2>/dev/null || true
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$APP_PID" 2>/dev/null; then
    echo "check-deb: note: Ctrl+Q did not close the window; sending SIGTERM"
    kill "$APP_PID"
    for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
fi
APP_PID=""
kill "$WM_PID" "$XVFB_PID" 2>/dev/null || true
WM_PID="" XVFB_PID=""
[ -f "$DB" ] || fail "the app made no database at $DB"
sum_before=$(sha256sum "$DB")

# 5. Remove: nothing of the package is left in /opt or /usr; the user's data stays.
step "apt-get remove goaldesk"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq goaldesk >"$WORK/apt.log" 2>&1 \
    || { cat "$WORK/apt.log"; fail "apt-get remove failed"; }
INSTALLED=""
left=""
while IFS= read -r path; do
    [ "$path" = /. ] && continue
    [ -e "$path" ] || [ -L "$path" ] || continue
    [ -d "$path" ] && [ ! -L "$path" ] && grep -qxF "$path" "$WORK/dirs-before" && continue  # was there before
    left="$left $path"
done < "$WORK/files"
[ -z "$left" ] || fail "left behind after remove:$left"
(cd /opt && find . -xdev | sort) > "$WORK/opt-after"
cmp -s "$WORK/opt-before" "$WORK/opt-after" || fail "/opt differs after remove: $(diff "$WORK/opt-before" "$WORK/opt-after" | head -5)"
# Files made since the install that no package owns: only the caches dpkg triggers refresh.
find /usr -xdev -newer "$WORK/stamp" ! -type d 2>/dev/null | sort > "$WORK/new"
unowned=$( (xargs -r dpkg -S < "$WORK/new" >/dev/null) 2>&1 | sed -n 's/.*no path found matching pattern //p' \
    | grep -Ev '/(icon-theme\.cache|mimeinfo\.cache|loaders\.cache|giomodule\.cache|gschemas\.compiled)$' || true)
[ -z "$unowned" ] || fail "files in /usr that no package owns after remove: $unowned"
[ "$(sha256sum "$DB")" = "$sum_before" ] || fail "the user's database changed or vanished"
step "removed: nothing left in /opt or /usr; $DB kept"
step "all checks passed"
