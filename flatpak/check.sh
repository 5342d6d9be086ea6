#!/usr/bin/env bash
# flatpak/check.sh: builds the committed Flatpak manifest for real and runs it in the sandbox.
#
# Flathub's GNOME runtime cannot be downloaded here, so the manifest is built against a runtime
# and SDK assembled from Debian bookworm's packages (flatpak/build-debian-runtime.sh), with only
# the runtime names swapped in a temporary copy and the project as a local "dir" source. The app
# is installed into a scratch user installation, started with `flatpak run` under its own Xvfb
# display and `dbus-run-session`; the check waits for the "Chip Cycle" window, saves a
# screenshot, runs `chipcycle export` inside the sandbox, checks the PNG and stops the app with
# `flatpak kill`.
#
#   flatpak/check.sh [--devel]     (--devel: the development manifest, app ID ….Devel)
#
# Exit status: 0 PASS, 1 FAIL, 77 SKIP (under 6 GB of free disk, or no namespaces for
# bubblewrap). The last line is always "flatpak check: PASS|FAIL|SKIP: …".
#
# Environment:
#   CHIPCYCLE_FLATPAK_CACHE  runtime, build and scratch installation (default /var/tmp/chipcycle-flatpak)
#   CHIPCYCLE_FLATPAK_OUT    where the screenshot, the export and the logs go (default $CACHE/out)
#   CHIPCYCLE_FLATPAK_MIN_GB free disk needed to run at all (default 6)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CACHE=${CHIPCYCLE_FLATPAK_CACHE:-/var/tmp/chipcycle-flatpak}
OUT=${CHIPCYCLE_FLATPAK_OUT:-$CACHE/out}
MIN_GB=${CHIPCYCLE_FLATPAK_MIN_GB:-6}
MANIFEST=$HERE/io.github.chipcycle.ChipCycle.json
[ "${1:-}" = --devel ] && MANIFEST=$HERE/io.github.chipcycle.ChipCycle.Devel.json
export CHIPCYCLE_FLATPAK_CACHE=$CACHE
export FLATPAK_USER_DIR=$CACHE/flatpak-user
# A home of its own: the app's ~/.var/app data and flatpak's per-user state stay out of the
# real user's home.
SCRATCH_HOME=$CACHE/home

T0=$(date +%s)
XVFB_PID=""
APP_PID=""
APP_ID=""
REROOT_LINK=""

say() { printf '[flatpak-check] %s\n' "$*" >&2; }
elapsed() { echo "$(( $(date +%s) - T0 )) s"; }
finish() { # finish PASS|FAIL|SKIP MESSAGE
  local verdict=$1; shift
  echo "flatpak check: $verdict: $* ($(elapsed))"
  case $verdict in
    PASS) exit 0 ;;
    SKIP) exit 77 ;;
    *) exit 1 ;;
  esac
}
fail() { finish FAIL "$*"; }
skip() { finish SKIP "$*"; }

cleanup() {
  if [ -n "$APP_ID" ] && command -v flatpak >/dev/null; then
    HOME=$SCRATCH_HOME flatpak kill "$APP_ID" >/dev/null 2>&1
  fi
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
  fi
  if [ -n "$REROOT_LINK" ] && [ -L "$REROOT_LINK" ]; then
    rm -f "$REROOT_LINK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------- free disk
mkdir -p "$CACHE" 2>/dev/null || fail "cannot create the cache dir $CACHE"
free_kb=$(df -Pk "$CACHE" | awk 'NR == 2 { print $4 }')
if [ "$free_kb" -lt $(( MIN_GB * 1024 * 1024 )) ]; then
  skip "only $(( free_kb / 1024 / 1024 )) GB free on the file system of $CACHE; building the" \
       "Debian runtime and the app needs ${MIN_GB} GB (set CHIPCYCLE_FLATPAK_CACHE elsewhere)"
fi

# -------------------------------------------------------------------------- host tools
need_pkgs=()
need() { command -v "$1" >/dev/null || need_pkgs+=("$2"); }
need flatpak flatpak
need flatpak-builder flatpak-builder
need debootstrap debootstrap
need bwrap bubblewrap
need ostree ostree
need eu-strip elfutils
need Xvfb xvfb
need jq jq
need xwininfo x11-utils
need xdotool xdotool
need import imagemagick
need dbus-run-session dbus
# flatpak build-export checks the app's SVG icons with gdk-pixbuf on the host: it needs the SVG
# loader, which Debian ships in librsvg2-common (only a recommendation of flatpak).
dpkg -s librsvg2-common >/dev/null 2>&1 || need_pkgs+=(librsvg2-common)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    fail "missing tools; run: sudo apt-get install -y ${need_pkgs[*]}"
  fi
  say "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >"$CACHE/host-apt.log" 2>&1; then
    apt-get update -q >>"$CACHE/host-apt.log" 2>&1
    apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >>"$CACHE/host-apt.log" 2>&1 ||
      fail "apt-get install ${need_pkgs[*]} failed (see $CACHE/host-apt.log)"
  fi
fi
[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap builds the runtime)"

# Flatpak runs everything through bubblewrap, which pivots into a new root and so fails where /
# is not a mount point: inside a chroot (a fresh-machine CI root, say). There the check re-runs
# itself in a private mount namespace whose root is a bind mount of the same tree. Files opened
# there show their paths, to a child mount namespace such as bwrap's, as seen from the machine's
# real root; a symlink from that path back to / lets bwrap find them (Flatpak hands it files as
# /proc/self/fd/N). All of it vanishes when the check ends. A container without mount namespaces
# is reported as skipped.
REROOT_LINK=""
if [ -n "${CHIPCYCLE_FLATPAK_REROOTED:-}" ]; then
  exec 9<"$HERE/check.sh"
  global=$(unshare --mount readlink "/proc/$$/fd/9" 2>/dev/null || true)
  exec 9<&-
  global=${global%"$HERE/check.sh"}
  if [ -n "$global" ] && [ "$global" != / ] && [ ! -e "$global" ]; then
    mkdir -p "$(dirname "$global")"
    ln -s / "$global"
    REROOT_LINK=$global
  fi
fi
if ! bwrap_err=$(bwrap --ro-bind / / --dev /dev --proc /proc --unshare-pid true 2>&1); then
  if [ -z "${CHIPCYCLE_FLATPAK_REROOTED:-}" ] && command -v unshare >/dev/null; then
    say "bubblewrap cannot pivot here ($bwrap_err); re-running in a private mount namespace"
    trap - EXIT
    exec unshare --mount --propagation unchanged -- /bin/bash -c '
      set -e
      mkdir -p /run/chipcycle-root
      mount --rbind / /run/chipcycle-root
      mount --make-rprivate /run/chipcycle-root
      cd /run/chipcycle-root
      exec chroot . /usr/bin/env CHIPCYCLE_FLATPAK_REROOTED=1 /bin/bash "$0" "$@"' \
      "$HERE/check.sh" "$@"
  fi
  skip "bubblewrap cannot create a sandbox on this machine ($bwrap_err)"
fi

APP_ID=$(jq -r '.id // ."app-id"' "$MANIFEST") || fail "cannot read $MANIFEST"
COMMAND=$(jq -r '.command' "$MANIFEST")
mkdir -p "$OUT" "$SCRATCH_HOME"
rm -f "$OUT"/flatpak-*

# ----------------------------------------------------------------------------- runtime
say "building or reusing the Debian runtime (log: $OUT/flatpak-runtime.log)"
t=$(date +%s)
"$HERE/build-debian-runtime.sh" >"$OUT/flatpak-runtime.log" 2>&1 ||
  { tail -n 15 "$OUT/flatpak-runtime.log" >&2; fail "could not build the Debian runtime"; }
T_RUNTIME=$(( $(date +%s) - t ))

# ------------------------------------------------------------------------------- build
# The sources flatpak-builder copies: the work tree as git sees it (tracked and new files, not
# ignored build dirs), so several developers' build dirs never end up in the sandbox build.
WORK=$CACHE/work
rm -rf --one-file-system "$WORK/src"
mkdir -p "$WORK/src"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -xf - -C "$WORK/src" || fail "could not copy the sources"
else
  (cd "$ROOT" && tar --exclude='./_build*' --exclude=./.flatpak-builder -cf - .) |
    tar -xf - -C "$WORK/src" || fail "could not copy the sources"
fi
# Only the runtime names change; the sources point at the copy above.
jq --arg src "$WORK/src" '
  .runtime = "org.debian.Platform" | .sdk = "org.debian.Sdk" | ."runtime-version" = "12" |
  .modules |= map(if type == "object" then
                    .sources |= map(if .type == "dir" then .path = $src else . end)
                  else . end)' \
  "$MANIFEST" >"$WORK/$APP_ID.json" || fail "jq could not rewrite $MANIFEST"

say "building $APP_ID with flatpak-builder (log: $OUT/flatpak-build.log)"
t=$(date +%s)
(cd "$WORK" && HOME=$SCRATCH_HOME flatpak-builder --user --install --force-clean \
   --disable-rofiles-fuse --disable-updates --state-dir="$WORK/state" \
   "$WORK/build-dir" "$WORK/$APP_ID.json") >"$OUT/flatpak-build.log" 2>&1 ||
  { tail -n 25 "$OUT/flatpak-build.log" >&2; fail "flatpak-builder could not build $MANIFEST"; }
T_BUILD=$(( $(date +%s) - t ))
HOME=$SCRATCH_HOME flatpak --user info "$APP_ID" >/dev/null 2>&1 ||
  fail "$APP_ID is not installed after the build"

# --------------------------------------------------------------------------------- run
t=$(date +%s)
display=""
for n in $(seq 91 130); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ] &&
     ! grep -q "@/tmp/.X11-unix/X$n\$" /proc/net/unix; then
    display=$n
    break
  fi
done
[ -n "$display" ] || fail "no free X display between :91 and :130"
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >"$OUT/flatpak-xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do
  DISPLAY=":$display" xwininfo -root >/dev/null 2>&1 && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb :$display did not start (see $OUT/flatpak-xvfb.log)"
  sleep 0.1
done

say "running $APP_ID on :$display (log: $OUT/flatpak-app.log)"
env -u WAYLAND_DISPLAY HOME="$SCRATCH_HOME" DISPLAY=":$display" \
  dbus-run-session -- flatpak run "$APP_ID" >"$OUT/flatpak-app.log" 2>&1 &
APP_PID=$!

window=""
for _ in $(seq 60); do
  window=$(DISPLAY=":$display" xdotool search --onlyvisible --name '^Chip Cycle' 2>/dev/null | head -n 1)
  [ -n "$window" ] && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$window" ]; then
  tail -n 20 "$OUT/flatpak-app.log" >&2
  DISPLAY=":$display" xwininfo -root -tree >"$OUT/flatpak-windows.txt" 2>&1
  fail "no window titled \"Chip Cycle\" appeared within 30 s (see $OUT/flatpak-app.log)"
fi
title=$(DISPLAY=":$display" xdotool getwindowname "$window")
geometry=$(DISPLAY=":$display" xwininfo -id "$window" | awk '/Width:/ { w = $2 } /Height:/ { h = $2 } END { print w "x" h }')
# The first frames (and the chart) take a moment, longer on a busy machine: look again until the
# window shows more than a blank background, for up to 30 s.
colours=0
for _ in $(seq 30); do
  sleep 1
  DISPLAY=":$display" import -window "$window" "$OUT/flatpak-window.png" ||
    fail "could not take a screenshot of :$display"
  colours=$(identify -format '%k' "$OUT/flatpak-window.png")
  [ "$colours" -gt 64 ] && break
  kill -0 "$APP_PID" 2>/dev/null || break
done
[ "$colours" -gt 64 ] ||
  fail "the screenshot $OUT/flatpak-window.png has only $colours colours: the window is blank"

# --------------------------------------------------------------------- export in sandbox
# The sandbox may write to the app's own data dir, which is the same path inside and out.
export_dir=$SCRATCH_HOME/.var/app/$APP_ID/data
mkdir -p "$export_dir"
rm -f "$export_dir/flatpak-check.png"
say "running \`$COMMAND export\` inside the sandbox (no display)"
env -u DISPLAY -u WAYLAND_DISPLAY HOME="$SCRATCH_HOME" \
  dbus-run-session -- flatpak run --command="$COMMAND" "$APP_ID" \
    export --output "$export_dir/flatpak-check.png" --width 1600 --height 900 \
    >"$OUT/flatpak-export.log" 2>&1 ||
  { cat "$OUT/flatpak-export.log" >&2; fail "\`$COMMAND export\` failed inside the sandbox"; }
png=$export_dir/flatpak-check.png
[ -s "$png" ] || fail "\`$COMMAND export\` wrote no file at $png"
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "$png is not a PNG file"
size=$(identify -format '%wx%h' "$png")
[ "$size" = 1600x900 ] || fail "the exported PNG is $size, not the 1600x900 asked for"
export_colours=$(identify -format '%k' "$png")
[ "$export_colours" -gt 64 ] || fail "the exported PNG has only $export_colours colours: it is blank"
cp "$png" "$OUT/flatpak-export.png"

# -------------------------------------------------------------------------------- stop
HOME=$SCRATCH_HOME flatpak kill "$APP_ID" >/dev/null 2>&1 || fail "flatpak kill $APP_ID failed"
for _ in $(seq 50); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$APP_PID" 2>/dev/null; then
  fail "$APP_ID still runs 10 s after flatpak kill"
fi
wait "$APP_PID" 2>/dev/null
APP_PID=""
T_RUN=$(( $(date +%s) - t ))

finish PASS "$APP_ID built ($T_BUILD s, runtime $T_RUNTIME s), window \"$title\" ($geometry) shown" \
  "in the sandbox ($OUT/flatpak-window.png), sandboxed export wrote a $size PNG" \
  "($OUT/flatpak-export.png), stopped with flatpak kill (run $T_RUN s)"
