#!/bin/sh
# fuzz/run.sh: builds the libFuzzer targets of every parser (clang, ASan + UBSan) and runs each
# for a set time, starting from seed corpora taken from tests/data.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 30 s, every target)
#
# Environment: FUZZ_CC (default: clang, else clang-14), FUZZ_BUILD_DIR (default: _build-fuzz in
# the source tree). Installs nothing: it checks for clang, libFuzzer and the pkg-config modules
# and stops with status 2 when something is missing. Prints one line per target and exits 1 if
# any target crashed, leaked, hung or tripped a sanitizer (the reproducer is kept under
# BUILD/artifacts). Runs two targets at a time on two cores or more (FUZZ_JOBS=1 for one).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_TARGET=${1:-${FUZZ_SECONDS:-30}}
[ $# -gt 0 ] && shift
TARGETS=${*:-"yahoo stooq alphavantage tiingo twelvedata csv cache events rules portfolio edgar-tickers edgar-submissions edgar-header edgar-concept"}
BUILD=${FUZZ_BUILD_DIR:-$ROOT/_build-fuzz}

case $SECONDS_PER_TARGET in
  ''|*[!0-9]*) echo "fuzz: “$SECONDS_PER_TARGET” is not a number of seconds" >&2; exit 2 ;;
esac

CC=${FUZZ_CC:-}
if [ -z "$CC" ]; then
  for candidate in clang clang-14; do
    if command -v "$candidate" >/dev/null 2>&1; then CC=$candidate; break; fi
  done
fi
if [ -z "$CC" ] || ! command -v "$CC" >/dev/null 2>&1; then
  echo "fuzz: clang not found (install clang and libclang-rt-dev, or set FUZZ_CC)" >&2
  exit 2
fi
MODULES="glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0"
if ! pkg-config --exists $MODULES; then
  echo "fuzz: pkg-config cannot find $MODULES" >&2
  exit 2
fi

mkdir -p "$BUILD/obj" "$BUILD/artifacts" "$BUILD/logs" "$BUILD/corpus"

# libFuzzer ships in clang's runtime package; check it links before building anything.
printf 'int LLVMFuzzerTestOneInput (const char *d, unsigned long n) { return 0; }\n' \
  > "$BUILD/probe.c"
if ! "$CC" -fsanitize=fuzzer,address,undefined "$BUILD/probe.c" -o "$BUILD/probe" \
     >"$BUILD/logs/probe.log" 2>&1; then
  echo "fuzz: $CC cannot link libFuzzer with ASan and UBSan (install libclang-rt-dev):" >&2
  tail -n 3 "$BUILD/logs/probe.log" >&2
  exit 2
fi

# The model's GEnum types, generated as gnome.mkenums_simple() does in src/model/meson.build.
if ! command -v glib-mkenums >/dev/null 2>&1; then
  echo "fuzz: glib-mkenums not found (install libglib2.0-dev-bin)" >&2
  exit 2
fi
glib-mkenums --fhead '#pragma once
#include <glib-object.h>
G_BEGIN_DECLS
' --eprod 'GType @enum_name@_get_type (void);
#define @ENUMPREFIX@_TYPE_@ENUMSHORT@ (@enum_name@_get_type ())
' --ftail 'G_END_DECLS
' "$ROOT/src/model/cc-event.h" > "$BUILD/cc-model-enums.h" &&
glib-mkenums --fhead '#include "cc-model-enums.h"
#include "cc-event.h"
' --vhead 'GType
@enum_name@_get_type (void)
{
  static gsize type_id;
  static const G@Type@Value values[] = {' --vprod '    { @VALUENAME@, "@VALUENAME@", "@valuenick@" },' \
  --vtail '    { 0, NULL, NULL }
  };
  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_@type@_register_static (g_intern_static_string ("@EnumName@"), values));
  return type_id;
}
' "$ROOT/src/model/cc-event.h" > "$BUILD/cc-model-enums.c" || {
  echo "fuzz: glib-mkenums failed on src/model/cc-event.h" >&2
  exit 2
}

cat > "$BUILD/config.h" <<'CONFIG'
#pragma once
#define GETTEXT_PACKAGE "chipcycle"
#define PACKAGE_NAME "chipcycle"
#define PACKAGE_VERSION "fuzz"
#define PACKAGE_URL "https://github.com/chipcycle/chipcycle"
CONFIG

CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  -I$BUILD -I$ROOT/src/model -I$ROOT/src/data -I$ROOT/src/analysis
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -DJSON_VERSION_MIN_REQUIRED=JSON_VERSION_1_6 -DJSON_VERSION_MAX_ALLOWED=JSON_VERSION_1_6
  $(pkg-config --cflags $MODULES)"
LIBS="$(pkg-config --libs $MODULES) -lm"

# The parsers and what they need: the model, the analysis and the data layer, every file of
# them but those that talk to the network or the keyring (libsoup, libsecret), so a new source
# file is fuzzed with the rest without being listed here. No GTK.
SOURCES="$BUILD/cc-model-enums.c"
for path in "$ROOT"/src/model/*.c "$ROOT"/src/analysis/*.c "$ROOT"/src/data/*.c; do
  source=${path#"$ROOT"/}
  # The file itself or its own header (a client's header names the client's types).
  headers=$path
  [ -f "${path%.c}.h" ] && headers="$headers ${path%.c}.h"
  # shellcheck disable=SC2086
  if grep -q -E '#include <(libsoup|libsecret)/|#include "cc-(fetcher|edgar-client|keys|refresher)(-private)?\.h"' \
       $headers; then
    continue
  fi
  SOURCES="$SOURCES $source"
done
OBJECTS=""
for source in $SOURCES; do
  object="$BUILD/obj/$(basename "$source" .c).o"
  case $source in
    /*) path=$source ;;             # generated in $BUILD
    *) path=$ROOT/$source ;;
  esac
  if ! $CC $CFLAGS -fsanitize=fuzzer-no-link -c "$path" -o "$object" \
       >>"$BUILD/logs/build.log" 2>&1; then
    echo "fuzz: could not compile $source (see $BUILD/logs/build.log)" >&2
    exit 2
  fi
  OBJECTS="$OBJECTS $object"
done

seed () {
  # seed TARGET FILE...: copies the existing files into the target's corpus, at most 64 kB each
  # (the fuzzers' -max_len), so large fixtures still seed with their first rows.
  target=$1; shift
  for file in "$@"; do
    [ -f "$file" ] || continue
    head -c 65536 "$file" > "$BUILD/corpus/$target/seed-$(basename "$file")"
  done
}

DATA=$ROOT/tests/data
# Runs a fuzz target with the sanitizers' settings: leaks checked (lsan.supp says what is
# suppressed and why), full stacks, and any UBSan finding fatal.
sanitized () {
  G_SLICE=always-malloc G_DEBUG=fatal-criticals \
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=0 \
  LSAN_OPTIONS=suppressions=$ROOT/fuzz/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$@"
}

# fuzz_one TARGET: builds and runs one target; prints its line and returns 1 if it failed.
fuzz_one () {
  target=$1
  source="$ROOT/fuzz/fuzz-$target.c"
  if [ ! -f "$source" ]; then
    echo "fuzz-$target: no such target" >&2
    return 1
  fi
  binary="$BUILD/fuzz-$target"
  if ! $CC $CFLAGS -fsanitize=fuzzer "$source" $OBJECTS $LIBS -o "$binary" \
       >"$BUILD/logs/build-$target.log" 2>&1; then
    echo "fuzz-$target: BUILD FAILED (see $BUILD/logs/build-$target.log)"
    return 1
  fi

  mkdir -p "$BUILD/corpus/$target"
  case $target in
    yahoo) seed yahoo "$DATA"/yahoo/*.body.json "$DATA"/providers/yahoo_* \
                "$DATA"/providers/stooq_verify.html ;;
    stooq) seed stooq "$DATA"/providers/stooq_* "$DATA"/layouts/*stooq* \
                "$DATA"/providers/yahoo_429.txt ;;
    alphavantage) seed alphavantage "$DATA"/providers/av_* ;;
    tiingo) seed tiingo "$DATA"/providers/tiingo_* ;;
    twelvedata) seed twelvedata "$DATA"/providers/twelvedata_* ;;
    csv) seed csv "$DATA"/history/*.csv "$DATA"/layouts/*.csv "$DATA"/layouts/*.tsv \
              "$ROOT"/data/dataset/*.csv \
              "$DATA"/providers/*.csv ;;
    cache) seed cache "$DATA"/cache/*.json ;;
    events) seed events "$DATA"/providers/events_*.json "$DATA"/*/*event*.json ;;
    rules) seed rules "$ROOT"/data/rules/rules.json "$DATA"/rules/*.json ;;
    portfolio) seed portfolio "$DATA"/portfolio/* ;;
    edgar-tickers) seed edgar-tickers "$DATA"/edgar/company_tickers.json ;;
    edgar-submissions)
      # The first byte chooses the reader: even for a reply, odd for an older page.
      for file in "$DATA"/edgar/CIK*.json; do
        case $file in *-submissions-*) flag=1 ;; *) flag=0 ;; esac
        { printf "$flag"; head -c 65535 "$file"; } \
          > "$BUILD/corpus/edgar-submissions/seed-$(basename "$file")"
      done ;;
    edgar-header) seed edgar-header "$DATA"/edgar/*-index-headers.html ;;
    edgar-concept) seed edgar-concept "$DATA"/edgar/concept_*.json ;;
  esac

  log="$BUILD/logs/run-$target.log"
  rm -f "$BUILD/artifacts/$target-"*
  sanitized "$binary" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target-" \
    "$BUILD/corpus/$target" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  corpus=$(ls "$BUILD/corpus/$target" | wc -l)
  # A leak is looked for after any input that allocated more than it freed, inside one long
  # process; a library's lazily built state can then show up as a leak of that input. Such a
  # report counts only if the input leaks again on its own, in a fresh process.
  leak_input=$(ls "$BUILD/artifacts/$target-leak-"* 2>/dev/null | head -n 1)
  if [ $rc -eq 0 ]; then
    echo "fuzz-$target: ok, ${runs:-?} runs in ${SECONDS_PER_TARGET} s, corpus $corpus inputs"
  elif [ -n "$leak_input" ] &&
     ! grep -q -E 'ERROR: AddressSanitizer: [a-z]|runtime error|ERROR: libFuzzer: (deadly|timeout|out-of-memory)' "$log" &&
     sanitized "$binary" -runs=1 "$leak_input" >"$log.recheck" 2>&1; then
    echo "fuzz-$target: ok, ${runs:-?} runs, corpus $corpus inputs; a leak report did not" \
         "reproduce on its own in a fresh process (input kept: $leak_input; log: $log)"
    grep -m 2 -E 'SUMMARY: ' "$log" | sed 's/^/  /'
  else
    echo "fuzz-$target: FAILED (exit $rc after ${runs:-?} runs; log $log, reproducer in $BUILD/artifacts)"
    grep -m 3 -E 'ERROR: |SUMMARY: |runtime error' "$log" | sed 's/^/  /'
    return 1
  fi
  return 0
}

# Two targets at a time on two cores or more (FUZZ_JOBS to change it): each runs for its whole
# time either way, so the fuzzing is the same and the wall time halves. Lines are printed in
# the targets' order once each pair has ended.
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
case $JOBS in ''|*[!0-9]*|0) JOBS=1 ;; esac
[ "$JOBS" -gt 2 ] && JOBS=2
status=0
set -- $TARGETS
while [ $# -gt 0 ]; do
  batch=""
  n=0
  while [ $# -gt 0 ] && [ $n -lt "$JOBS" ]; do
    batch="$batch $1"
    ( fuzz_one "$1" >"$BUILD/logs/result-$1.txt" 2>&1; echo $? >"$BUILD/logs/status-$1" ) &
    shift
    n=$((n + 1))
  done
  wait
  for target in $batch; do
    cat "$BUILD/logs/result-$target.txt"
    [ "$(cat "$BUILD/logs/status-$target" 2>/dev/null)" = 0 ] || status=1
  done
done
exit $status
