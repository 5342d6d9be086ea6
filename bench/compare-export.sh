#!/bin/sh
# compare-export.sh: times `chipcycle export --data X.csv` against gnuplot (pngcairo) and
# matplotlib (Agg) drawing the same CSV to a PNG of the same size, whole process, with
# hyperfine (several runs after warm-ups), and prints the medians and the ratios.
#
#   bench/compare-export.sh [BUILD_DIR] [ROWS] [RUNS]
#
# BUILD_DIR defaults to _build, ROWS (trading days per symbol) to 2520 (ten years), RUNS to 15.
# Needs: hyperfine, gnuplot (gnuplot-nox), python3 with matplotlib. The CSV is generated here
# (16 symbols, a deterministic random walk), so every tool draws exactly the same numbers.
set -eu

build=${1:-_build}
rows=${2:-2520}
runs=${3:-15}
bin="$build/src/chipcycle"
width=1600
height=900

for tool in hyperfine gnuplot python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "compare-export.sh: $tool is missing" >&2; exit 1; }
done
# Debian's python3-matplotlib lives in the system interpreter, which a pyenv shim may hide.
py=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import matplotlib' 2>/dev/null; then py=$candidate; break; fi
done
[ -n "$py" ] || { echo "compare-export.sh: python3-matplotlib is missing" >&2; exit 1; }
[ -x "$bin" ] || { echo "compare-export.sh: $bin not built (meson compile -C $build)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/chipcycle

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/prices.csv"

python3 "$(dirname "$0")/prices.py" "$csv" "$rows"

cat > "$work/plot.gp" <<EOF
set terminal pngcairo size $width,$height
set output '$work/gnuplot.png'
set datafile separator ','
set xdata time
set timefmt '%Y-%m-%d'
set format x '%b %Y'
set key outside right
set grid ytics
plot for [i=2:17] '$csv' using 1:i with lines title columnhead(i)
EOF

cat > "$work/plot.py" <<EOF
import csv, datetime
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
with open("$csv") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
dates = [datetime.date.fromisoformat(r[0]) for r in rows]
fig, ax = plt.subplots(figsize=($width / 100, $height / 100), dpi=100)
for i, name in enumerate(header[1:], start=1):
    ax.plot(dates, [float(r[i]) for r in rows], label=name, linewidth=1)
ax.grid(axis="y")
ax.legend(loc="upper left", ncol=4)
fig.savefig("$work/matplotlib.png")
EOF

echo "CSV: $rows rows x 16 symbols ($(wc -c < "$csv") bytes), PNG ${width}x${height}, $runs runs"
hyperfine --warmup 3 --runs "$runs" --style basic --export-json "$work/times.json" \
  -n chipcycle "env -u DISPLAY -u WAYLAND_DISPLAY $bin export --data $csv --output $work/chipcycle.png --width $width --height $height" \
  -n gnuplot "gnuplot $work/plot.gp" \
  -n matplotlib "$py $work/plot.py" >/dev/null

python3 - "$work/times.json" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ours = results["chipcycle"]["median"]
ours_cpu = results["chipcycle"]["user"] + results["chipcycle"]["system"]
# Wall time is what a user waits for; CPU time (user + system, mean over the runs) is the
# fairer figure when other jobs share the machine.
for name in ("chipcycle", "gnuplot", "matplotlib"):
    r = results[name]
    cpu = r["user"] + r["system"]
    print("%-11s wall median %7.1f ms (min %7.1f) %5.1fx | CPU mean %7.1f ms %5.1fx"
          % (name, r["median"] * 1000, r["min"] * 1000, r["median"] / ours, cpu * 1000,
             cpu / ours_cpu))
EOF
for f in chipcycle gnuplot matplotlib; do
  [ -s "$work/$f.png" ] || { echo "compare-export.sh: $f wrote no PNG" >&2; exit 1; }
done
