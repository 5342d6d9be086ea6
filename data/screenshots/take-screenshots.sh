#!/usr/bin/env bash
# Takes the metainfo's screenshots from the built app: each view is set up through GSettings
# (a keyfile in a scratch config dir), shown on a private Xvfb display, and the window alone is
# saved here as a PNG. Run it after changing what the window shows, then commit the PNGs.
#
#   data/screenshots/take-screenshots.sh [BUILDDIR]     (default: _build)
#
# Needs Xvfb, xdotool, ImageMagick's import and dbus-run-session.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/_build}" && pwd)
APP=$BUILD/src/chipcycle
WIDTH=1400
HEIGHT=860
SCHEMA_PATH=io/github/chipcycle/ChipCycle

[ -x "$APP" ] || { echo "no app at $APP: build first" >&2; exit 1; }
for tool in Xvfb xdotool import dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/chipcycle-screenshots-XXXXXX)
XVFB_PID=""
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill -- "-$APP_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

display=""
for n in $(seq 140 170); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ] &&
     ! grep -q "@/tmp/.X11-unix/X$n\$" /proc/net/unix; then
    display=:$n
    break
  fi
done
[ -n "$display" ] || { echo "no free X display" >&2; exit 1; }
Xvfb "$display" -screen 0 "${WIDTH}x${HEIGHT}x24" -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
sleep 1

# An example of the user's saved portfolios (the format of data/dataset/PORTFOLIO-FORMAT.md):
# fixed weights, so the offline dataset's index levels need no prices.
cat >"$WORK/portfolios.json" <<'JSON'
{
  "format" : "chipcycle-portfolios",
  "version" : 1,
  "portfolios" : [
    {
      "name" : "Core chips",
      "kind" : "weights",
      "holdings" : [
        { "ticker" : "NVDA", "amount" : 35.0 },
        { "ticker" : "MU", "amount" : 25.0 },
        { "ticker" : "KLAC", "amount" : 15.0 },
        { "ticker" : "TSM", "amount" : 15.0 },
        { "ticker" : "META", "amount" : 10.0 }
      ]
    }
  ]
}
JSON

# shoot NAME [KEY=VALUE…]: the window with those settings (GVariant text), saved as NAME.png.
# SHOT_LANGUAGE and SHOT_LOCALE (default en and C.UTF-8) pick the language of one shot;
# SHOT_SIZE (WxH, default the display's) its window size; SHOT_KEYS keys to press first;
# SHOT_CLICK ("X Y", in the window) a point to click after them; SHOT_PORTFOLIOS=1 starts
# with the example portfolios above saved.
shoot() {
  local name=$1 window="" setting
  shift
  rm -rf "$WORK/config" "$WORK/data" "$WORK/cache"
  mkdir -p "$WORK/config/glib-2.0/settings"
  if [ -n "${SHOT_PORTFOLIOS:-}" ]; then
    mkdir -p "$WORK/data/chipcycle"
    cp "$WORK/portfolios.json" "$WORK/data/chipcycle/portfolios.json"
  fi
  {
    echo "[$SCHEMA_PATH]"
    for setting in "$@"; do echo "$setting"; done
  } >"$WORK/config/glib-2.0/settings/keyfile"

  # The cairo renderer: Xvfb has no GPU, and a GL window can come out black in a screenshot.
  (cd "$WORK" && exec setsid env -u WAYLAND_DISPLAY DISPLAY="$display" GDK_BACKEND=x11 \
     GSK_RENDERER=cairo LANGUAGE="${SHOT_LANGUAGE:-en}" LC_ALL="${SHOT_LOCALE:-C.UTF-8}" NO_AT_BRIDGE=1 \
     CHIPCYCLE_LOCALEDIR="$BUILD/po" \
     GSETTINGS_SCHEMA_DIR="$BUILD/data" GSETTINGS_BACKEND=keyfile \
     XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache" \
     dbus-run-session -- "$APP") >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 60); do
    window=$(DISPLAY=$display xdotool search --onlyvisible --name '^Chip Cycle' 2>/dev/null | head -n 1) || true
    [ -n "$window" ] && break
    sleep 0.5
  done
  [ -n "$window" ] || { cat "$WORK/app.log" >&2; echo "the window did not appear" >&2; exit 1; }
  local size=${SHOT_SIZE:-${WIDTH}x${HEIGHT}}
  DISPLAY=$display xdotool windowmove "$window" 0 0 windowsize "$window" "${size%x*}" "${size#*x}"
  sleep 3
  if [ -n "${SHOT_KEYS:-}" ]; then
    DISPLAY=$display xdotool windowactivate --sync "$window" 2>/dev/null || true
    # shellcheck disable=SC2086 # one key a word
    DISPLAY=$display xdotool key --window "$window" $SHOT_KEYS
    sleep 2
  fi
  if [ -n "${SHOT_CLICK:-}" ]; then
    # shellcheck disable=SC2086 # X and Y
    DISPLAY=$display xdotool mousemove --window "$window" $SHOT_CLICK click 1
    sleep 2
  fi
  # Away from the chart, so no crosshair read-out shows.
  DISPLAY=$display xdotool mousemove "$((WIDTH - 5))" "$((HEIGHT - 5))"
  sleep 1
  DISPLAY=$display import -window "$window" "$HERE/$name.png"
  kill -- "-$APP_PID" 2>/dev/null
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  echo "wrote $HERE/$name.png"
}

# The default view: the SOX and three groups around Meta's compute announcement.
shoot main-window
# The event window in trading days, with the equipment makers and neoclouds added.
shoot event-window "range='event'" \
  "items=['^SOX', 'basket:memory', 'basket:gpu', 'basket:equipment', 'basket:neocloud', 'META']"
# Dark style, indexed to 100 on a log scale over the whole year.
shoot dark-indexed "style-variant='dark'" "mode='indexed'" "log-scale=true" \
  "items=['^SOX', 'MU', 'NVDA', 'KLAC', 'CRWV', 'META']"
# German (in de/, beside the metainfo's English ones), light: memory against GPU designers as a ratio and as a spread, beside the SOX.
SHOT_LANGUAGE=de SHOT_LOCALE=de_DE.UTF-8 shoot de/pairs \
  "items=['^SOX', 'basket:memory/basket:gpu', 'basket:memory - basket:gpu']"
# German, dark: the default view.
SHOT_LANGUAGE=de SHOT_LOCALE=de_DE.UTF-8 shoot de/dark "style-variant='dark'"
# The Analogues page at 1280 x 800, light: ^SOX around the two curated events of the last year
# (Alt+A then Space switches to the page).
SHOT_SIZE=1280x800 SHOT_KEYS="alt+a space" shoot analogues
# Dark, 1280 x 800: the memory-against-GPU-designers preset as a ratio and as a spread.
SHOT_SIZE=1280x800 shoot dark-pairs "style-variant='dark'" \
  "items=['^SOX', 'basket:memory/basket:gpu', 'basket:memory - basket:gpu']"
# The chip cycles on the main chart, 1280 x 800.
SHOT_SIZE=1280x800 shoot cycles "cycle-overlay=true"
# The Portfolio page, 1280 x 800: an example portfolio drawn on the chart among its holdings,
# its positions, exposure and scenario stress (the click opens the sidebar's Portfolio tab).
SHOT_SIZE=1280x800 SHOT_PORTFOLIOS=1 SHOT_CLICK="213 74" shoot portfolio \
  "items=['^SOX', 'MU', 'NVDA', 'portfolio:Core chips']" "selected-portfolio='Core chips'"
