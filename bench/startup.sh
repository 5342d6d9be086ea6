#!/usr/bin/env bash
# Exec-to-first-frame and quit time of the window (bench/README.md). Starts Xvfb and a D-Bus
# session of its own when there is no display.
#     bench/startup.sh [BUILD_DIR] [RUNS] [QUIT_AFTER_MS]
set -euo pipefail
build=${1:-_build}
runs=${2:-15}
quit_ms=${3:-1000}
bench="$build/bench/bench-startup"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1200x24 -nolisten tcp" dbus-run-session -- \
    "$bench" "$build/src/chipcycle" "$runs" "$quit_ms"
fi
exec "$bench" "$build/src/chipcycle" "$runs" "$quit_ms"
