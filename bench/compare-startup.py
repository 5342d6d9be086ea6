#!/usr/bin/env python3
"""Paired start-up comparison of window programs (bench/README.md, "bench-startup").

    bench/compare-startup.py [--rounds N] [--quit-ms MS] [--schema-dir DIR] PROGRAM...

Each round starts every PROGRAM once, in turn, so all of them see the same machine load; each
start gets a fresh empty home (the bundled data only) and the settings in memory, as
bench/bench-startup does. A PROGRAM prints Chip Cycle's timing marks (CHIPCYCLE_BENCH_TIMING,
src/ui/cc-timing.c): `BUILD/src/chipcycle`, or `BUILD/bench/bench-startup-floor`, the least a
libadwaita window costs. Prints the median wall time after exec of each mark, then each
program's first frame against the first PROGRAM's, paired by round (median and interquartile
range of the differences). Without a display it runs itself under xvfb-run and a D-Bus session.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PHASES = ["main", "startup", "activate", "window-created", "realized", "first-frame"]


def run_once(program, schema_dir, quit_ms, shader_cache):
    home = tempfile.mkdtemp(prefix="cc-bench-home-")
    env = dict(os.environ)
    env.update({
        "CHIPCYCLE_BENCH_TIMING": "1",
        "CHIPCYCLE_BENCH_QUIT_MS": str(quit_ms),
        "GSETTINGS_SCHEMA_DIR": schema_dir,
        "GSETTINGS_BACKEND": "memory",
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        # Mesa's compiled shaders, kept across starts as a user's second start finds them.
        "MESA_SHADER_CACHE_DIR": shader_cache,
    })
    try:
        t0 = time.monotonic_ns() // 1000
        proc = subprocess.run([program], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, timeout=120)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    marks = {}
    for line in proc.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[0] == "chipcycle-timing" and fields[1] not in marks:
            marks[fields[1]] = (int(fields[2]) - t0) / 1000.0
    if "first-frame" not in marks:
        sys.exit(f"{program} printed no first-frame mark (exit {proc.returncode})")
    return marks


def quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--quit-ms", type=int, default=300)
    parser.add_argument("--schema-dir", help="compiled settings schema (default BUILD/data, "
                        "from the first PROGRAM's BUILD/src or BUILD/bench)")
    parser.add_argument("programs", nargs="+")
    args = parser.parse_args()

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1920x1200x24 -nolisten tcp",
                               "dbus-run-session", "--", sys.executable] + sys.argv)
    programs = [os.path.abspath(p) for p in args.programs]
    schema_dir = args.schema_dir or os.path.join(
        os.path.dirname(os.path.dirname(programs[0])), "data")

    shader_cache = tempfile.mkdtemp(prefix="cc-bench-shaders-")
    # One start of each first, not counted: it fills the page cache, fontconfig's cache and
    # Mesa's shader cache.
    for program in programs:
        run_once(program, schema_dir, args.quit_ms, shader_cache)
    results = {p: [] for p in programs}
    for _ in range(args.rounds):
        for program in programs:
            results[program].append(run_once(program, schema_dir, args.quit_ms, shader_cache))
    shutil.rmtree(shader_cache, ignore_errors=True)

    print(f"{args.rounds} rounds, GSK_RENDERER={os.environ.get('GSK_RENDERER', '(GTK default)')}")
    print("median ms after exec   " + "".join(f"{os.path.basename(p)[:14]:>16}" for p in programs))
    for phase in PHASES:
        row = []
        for program in programs:
            values = [m[phase] for m in results[program] if phase in m]
            row.append(f"{statistics.median(values):16.1f}" if values else f"{'-':>16}")
        print(f"{phase:<22} " + "".join(row))
    base = programs[0]
    for program in programs[1:]:
        diffs = [b["first-frame"] - a["first-frame"]
                 for a, b in zip(results[base], results[program])]
        low, high = quartiles(diffs)
        print(f"first frame, {program} - {base}: median {statistics.median(diffs):+.1f} ms "
              f"(IQR {low:+.1f} .. {high:+.1f})")


if __name__ == "__main__":
    main()
