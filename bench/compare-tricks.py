#!/usr/bin/env python3
# compare-tricks.py: what each speed trick of `chipcycle export` saves against the plain way,
# on the same build. Since the measurements of bench/README.md ("Speed tricks earn their
# keep") one trick is left: the heap tuning in src/main.c. Every round runs the export once with all tricks on, once with each trick
# off alone (CHIPCYCLE_BENCH_PLAIN=TRICK) and once with all off, in a shuffled order, and reads
# each process's wall time and CPU time (user + system, all threads, from wait4). A trick's
# saving is the median over the rounds of (its run without it - the run with all on) in the same
# round: the rounds are close together in time, so a busy machine's swings cancel out more than
# between medians taken apart.
#
#   bench/compare-tricks.py [BUILD_DIR] [ROUNDS] [ROWS] [NAME=TRICK,TRICK...]...
#
# BUILD_DIR defaults to _build, ROUNDS to 40, ROWS to 2520 (the CSV of compare-export.sh:
# 16 symbols, ten years, drawn to a 1600x900 PNG). Further arguments replace the variants
# compared with "all on": each names a variant and the tricks it turns off, for example
# "heap only=png,numbers" (empty after = is "all on"). Only Python's standard library.
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

build = sys.argv[1] if len(sys.argv) > 1 else "_build"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
rows = sys.argv[3] if len(sys.argv) > 3 else "2520"
here = os.path.dirname(os.path.abspath(__file__))
binary = os.path.abspath(os.path.join(build, "src", "chipcycle"))

# What each trick is, and the plain way it is measured against.
# (The own PNG encoder, the mmap'd huge-page pixel buffer and the strtod-free number parser
# were measured the same way and removed: bench/README.md.)
TRICKS = {
    "heap": "mallopt heap tuning in main.c (plain: glibc's defaults)",
}

variants = {"all on": ""}
if len(sys.argv) > 4:
    variants.update(arg.split("=", 1) for arg in sys.argv[4:])
else:
    variants.update({"no " + t: t for t in TRICKS})
    if len(TRICKS) > 1:
        variants["all off"] = ",".join(TRICKS)


def run(work, plain):
    env = dict(os.environ, CHIPCYCLE_BENCH_PLAIN=plain)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    out = os.path.join(work, "out.png")
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "export", "--data", os.path.join(work, "prices.csv"),
                             "--output", out, "--width", "1600", "--height", "900"], env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or os.path.getsize(out) == 0:
        sys.exit("compare-tricks.py: the export failed with CHIPCYCLE_BENCH_PLAIN=%s" % plain)
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def q(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))]


with tempfile.TemporaryDirectory() as work:
    subprocess.run([sys.executable, os.path.join(here, "prices.py"),
                    os.path.join(work, "prices.csv"), rows], check=True)
    load_before = os.getloadavg()
    for plain in variants.values():   # warm-up: page cache, fontconfig cache
        run(work, plain)
    times = {name: [] for name in variants}
    order = list(variants)
    for _ in range(rounds):
        random.shuffle(order)
        for name in order:
            times[name].append(run(work, variants[name]))
    load_after = os.getloadavg()

base = times["all on"]
base_wall = statistics.median(w for w, _ in base)
base_cpu = statistics.median(c for _, c in base)
print("chipcycle export, %s rows x 16 symbols to 1600x900 PNG, %d rounds; load average "
      "%.2f %.2f %.2f before, %.2f %.2f %.2f after, %d cores"
      % (rows, rounds, *load_before, *load_after, os.cpu_count()))
print("%-14s %9s %9s | %-22s %-22s" % ("variant", "wall med", "CPU med",
                                         "wall saved (IQR)", "CPU saved (IQR)"))
for name in variants:
    wall = [w for w, _ in times[name]]
    cpu = [c for _, c in times[name]]
    line = "%-14s %7.1f ms %7.1f ms" % (name, statistics.median(wall), statistics.median(cpu))
    if name != "all on":
        dw = [w - b for (w, _), (b, _) in zip(times[name], base)]
        dc = [c - b for (_, c), (_, b) in zip(times[name], base)]
        line += " | %+6.1f ms %+5.1f%% (%+.1f..%+.1f) | %+6.1f ms %+5.1f%% (%+.1f..%+.1f)" % (
            statistics.median(dw), 100 * statistics.median(dw) / base_wall, q(dw, 0.25),
            q(dw, 0.75), statistics.median(dc), 100 * statistics.median(dc) / base_cpu,
            q(dc, 0.25), q(dc, 0.75))
    print(line)
print("saved: the median over rounds of (variant - all on) in the same round, as a share of "
      "the all-on median; a trick that saves under 5% of the wall time goes (bench/README.md)")
for t, what in TRICKS.items():
    print("  %-8s %s" % (t, what))
